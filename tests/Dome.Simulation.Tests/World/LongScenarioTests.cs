using Dome.Simulation.Scenarios;
using Dome.Simulation.Scoring;
using Dome.Simulation.World;

namespace Dome.Simulation.Tests.World;

public class LongScenarioTests
{
    private static Scenario Load(string name, params string[] sets) =>
        ScenarioLoader.Load(name, null, [.. sets.Select(s => ScenarioOverride.Parse(s))]);

    [Fact]
    public void MotorFailure_AllRoundsFail_TheyFallFarShortOfTheirAim()
    {
        Scenario normal = Load("sderot-barrage");
        Scenario failing = Load("sderot-barrage", "threats[*].motor_failure=1");
        IReadOnlyList<RocketTruth> a = LaunchPlanner.Plan(normal, 5, Model.Areas.AlertAreaMap.Default);
        IReadOnlyList<RocketTruth> b = LaunchPlanner.Plan(failing, 5, Model.Areas.AlertAreaMap.Default);
        Assert.All(a, r => Assert.Equal(1.0, r.MotorBurnFraction));
        foreach ((RocketTruth ok, RocketTruth failed) in a.Zip(b))
        {
            if (ok.Type.IsGunLaunched)
            {
                Assert.Equal(1.0, failed.MotorBurnFraction); // a mortar bomb has no motor to fail
                continue;
            }

            Assert.InRange(failed.MotorBurnFraction, 0.15, 0.6);
            Assert.True(failed.Trajectory.GroundRangeMeters < 0.8 * ok.Trajectory.GroundRangeMeters,
                $"rocket {ok.Id}: {failed.Trajectory.GroundRangeMeters:F0} m against {ok.Trajectory.GroundRangeMeters:F0} m");
        }
    }

    [Fact]
    public void MotorFailure_ZeroRate_LeavesTheRandomStreamAsItWas()
    {
        IReadOnlyList<RocketTruth> a = LaunchPlanner.Plan(Load("sderot-barrage"), 5, Model.Areas.AlertAreaMap.Default);
        IReadOnlyList<RocketTruth> b = LaunchPlanner.Plan(Load("sderot-barrage", "threats[*].motor_failure=0"), 5, Model.Areas.AlertAreaMap.Default);
        Assert.Equal(a.Select(r => r.ImpactPoint), b.Select(r => r.ImpactPoint));
    }

    [Fact]
    public void SkipIdle_SameRocketsAndWarnings_FarFewerScans()
    {
        Scenario full = Load("ashkelon-2019", "duration_s=3600");
        Scenario skipping = Load("ashkelon-2019", "duration_s=3600", "skip_idle=true");
        RunResult a = SimulationRunner.Run(full, 3, CoreFactory.Create(full));
        RunResult b = SimulationRunner.Run(skipping, 3, CoreFactory.Create(skipping));
        Assert.Equal(a.Rockets.Select(r => r.ImpactPoint), b.Rockets.Select(r => r.ImpactPoint));
        Assert.True(b.Plots * 5 < a.Plots, $"{b.Plots} plots against {a.Plots}");
        // The threat is still tracked and warned in time.
        (RunSummary s, _) = Scorer.Score(b, Model.Areas.AlertAreaMap.Default);
        Assert.Equal(1, s.Tracking.RocketsTracked);
        Assert.Equal(s.Alerts.AchievableThreats, s.Alerts.AchievableOnTime);
    }
}
