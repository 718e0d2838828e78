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

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public void SkipIdle_TheRadarsStayUp_WhileTheCoreAwaitsAnImpactItForecast(double awaitsUntil)
    {
        // The Grad lands about a minute after launch and nothing else flies in the hour: the radars stand down then,
        // unless the core still awaits an impact it forecast (a rocket killed before its area's alert was due), in which
        // case its cycle goes on until then.
        Scenario skipping = Load("ashkelon-2019", "duration_s=3600", "skip_idle=true");
        AwaitingDefense defense = new(awaitsUntil);
        RunResult run = SimulationRunner.Run(skipping, 3, defense);
        double landed = run.Rockets.Max(r => r.LaunchTimeSeconds + r.Trajectory.FlightTimeSeconds);
        double standDown = Math.Max(landed, awaitsUntil);
        // Cycles at least every second from the launch until then (the radars' 0.5 s frames), none after it until they resume
        // for the hour's end.
        double launch = run.Rockets.Min(r => r.LaunchTimeSeconds);
        double[] until = [.. defense.Cycles.Where(c => c >= launch && c <= standDown).Order()];
        Assert.True(until[^1] > standDown - 1, $"the last cycle before the stand-down at {until[^1]:F2} s, {standDown:F2} s due");
        Assert.All(until.Zip(until.Skip(1)), p => Assert.True(p.Second - p.First <= 1.0 + 1e-9, $"no cycle between {p.First:F2} and {p.Second:F2} s"));
        Assert.DoesNotContain(defense.Cycles, c => c > standDown + 2 && c < skipping.DurationSeconds - 2);
    }

    private sealed class AwaitingDefense(double awaitsUntil) : Dome.Defense.IDefenseCore
    {
        public List<double> Cycles { get; } = [];

        public Dome.Defense.DefenseCapabilities Capabilities { get; } = new(false, false, false);

        public void Start(IReadOnlyList<Dome.Model.Sensors.RadarSite> radars)
        {
        }

        public IReadOnlyList<(int TrackId, Dome.Model.Geodesy.Vector3 Position)> ConfirmedTracks() => [];

        public Dome.Defense.DefenseOutput Process(double timeSeconds, IReadOnlyList<Dome.Model.Sensors.RadarPlot> plots)
        {
            Cycles.Add(timeSeconds);
            return Dome.Defense.DefenseOutput.Empty;
        }

        public bool AwaitsImpacts(double timeSeconds) => timeSeconds < awaitsUntil;
    }
}
