using System.Text;
using Dome.Simulation.Scenarios;
using Dome.Simulation.World;

namespace Dome.Simulation.Tests.Scenarios;

public class ScenarioOverrideTests
{
    private const string Minimal = """
        name: minimal
        seed: 1
        start: 2021-05-11T18:00:00+03:00
        duration_s: 200
        threats:
          - { time_s: 10, count: 1, rocket: grad, launch: { lat: 31.52, lon: 34.45 }, aim_area: "248" }
          - { time_s: 20, count: 2, interval_s: 1, rocket: qassam, launch: { lat: 31.52, lon: 34.45 }, aim_area: "248" }
        radars:
          - { id: a, position: { lat: 31.6, lon: 34.6 }, revisit_s: 1, range_sigma_m: 15, azimuth_sigma_mrad: 2, elevation_sigma_mrad: 2, detection_probability: 0.95, max_range_m: 100000 }
          - { id: b, position: { lat: 31.4, lon: 34.6 }, revisit_s: 1, range_sigma_m: 15, azimuth_sigma_mrad: 2, elevation_sigma_mrad: 2, detection_probability: 0.95, max_range_m: 100000 }
        """;

    private static Scenario Load(params string[] overrides) =>
        ScenarioLoader.Parse("minimal.yaml", Encoding.UTF8.GetBytes(Minimal), null, [.. overrides.Select(o => ScenarioOverride.Parse(o, "--vary"))]);

    private static string Error(params string[] overrides) => Assert.Throws<ScenarioException>(() => Load(overrides)).Message;

    [Fact]
    public void AbsentPolicy_IsCreated_AndOverridesTheDefault()
    {
        Assert.Equal(0.95, Load().Alerting.ContainmentProbability);
        Scenario s = Load("policy.alerting.containment=0.9", "policy.alerting.margin_s=4");
        Assert.Equal(0.9, s.Alerting.ContainmentProbability);
        Assert.Equal(4.0, s.Alerting.MarginSeconds);
        Assert.Equal(2, s.Overrides.Count);
    }

    [Fact]
    public void ConditionalImpactTime_IsOnByDefault_AndTurnsOffByName()
    {
        Assert.True(Load().Alerting.ConditionalImpactTime);
        Assert.False(Load("policy.alerting.conditional_impact_time=false").Alerting.ConditionalImpactTime);
        Assert.Contains("policy.alerting.conditional_impact_time: expected true or false", Error("policy.alerting.conditional_impact_time=maybe"), StringComparison.Ordinal);
    }

    [Fact]
    public void ResidualProbability_IsTwoPercentByDefault_SetsByName_AndABadValueNamesTheField()
    {
        Assert.Equal(0.02, Load().Alerting.ResidualProbability);
        Assert.Equal(0.0, Load("policy.alerting.residual_probability=0").Alerting.ResidualProbability);
        Assert.Equal(0.05, Load("policy.alerting.residual_probability=0.05").Alerting.ResidualProbability);
        Assert.Contains("policy.alerting.residual_probability", Error("policy.alerting.residual_probability=0.9"), StringComparison.Ordinal);
        Assert.Contains("policy.alerting.residual_probability", Error("policy.alerting.residual_probability=lots"), StringComparison.Ordinal);
    }

    [Fact]
    public void EnvelopeResidualProbability_IsTheGeneralOnesTwoPercentByDefault_SetsByName_AndABadValueNamesTheField()
    {
        Assert.Equal(0.02, Load().Alerting.ToPlannerSettings().EnvelopeResidualProbability);
        Assert.Equal(0.005, Load("policy.alerting.envelope_residual_probability=0.005").Alerting.ToPlannerSettings().EnvelopeResidualProbability);
        Assert.Equal(0.02, Load("policy.alerting.envelope_residual_probability=0.005").Alerting.ResidualProbability);
        Assert.Contains("policy.alerting.envelope_residual_probability", Error("policy.alerting.envelope_residual_probability=-0.01"), StringComparison.Ordinal);
        Assert.Contains("policy.alerting.envelope_residual_probability", Error("policy.alerting.envelope_residual_probability=few"), StringComparison.Ordinal);
    }

    [Fact]
    public void CoreContainment_IsTenPercentByDefault_ReachesThePlanner_AndMayNotExceedTheContainment()
    {
        Assert.Equal(0.1, Load().Alerting.ToPlannerSettings().CoreContainment);
        Assert.Equal(0.0, Load("policy.alerting.core_containment=0").Alerting.ToPlannerSettings().CoreContainment);
        Assert.Equal(0.25, Load("policy.alerting.core_containment=0.25").Alerting.ToPlannerSettings().CoreContainment);
        Assert.Contains("policy.alerting.core_containment", Error("policy.alerting.core_containment=-0.1"), StringComparison.Ordinal);
        Assert.Contains("policy.alerting.core_containment", Error("policy.alerting.core_containment=some"), StringComparison.Ordinal);
        // A core wider than the region it is the core of means nothing: refused, the containment named as the bound.
        string wider = Error("policy.alerting.containment=0.9", "policy.alerting.core_containment=0.95");
        Assert.Contains("policy.alerting.core_containment: 0.95", wider, StringComparison.Ordinal);
        Assert.Contains("out of range [0, 0.9]", wider, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("burn_envelope", true)]
    [InlineData("envelope_burn_from_speed", false)]
    public void TheEnvelopesSwitches_HaveTheirDefault_SetByName_AndReachTheCore(string key, bool byDefault)
    {
        // Each switch read from the policy and from the core the scenario makes: by default, and set the other way.
        Func<AlertPolicy, bool> policy = key == "burn_envelope" ? p => p.BurnEnvelope : p => p.EnvelopeBurnFromSpeed;
        Func<Dome.Defense.DefenseCore, bool> core = key == "burn_envelope" ? c => c.AlertOnBurnEnvelope : c => c.EnvelopeBurnFromSpeed;
        string flipped = $"policy.alerting.{key}={(!byDefault ? "true" : "false")}";
        Assert.Equal(byDefault, policy(Load().Alerting));
        Assert.Equal(!byDefault, policy(Load(flipped).Alerting));
        Assert.Contains($"policy.alerting.{key}: expected true or false", Error($"policy.alerting.{key}=sometimes"), StringComparison.Ordinal);
        Assert.Equal(byDefault, core(CoreFactory.Create(Load())));
        Assert.Equal(!byDefault, core(CoreFactory.Create(Load(flipped))));
    }

    [Fact]
    public void EnvelopeCore_IsOnByDefault_SetsByName_AndABadValueNamesTheField()
    {
        Assert.True(Load().Alerting.ToPlannerSettings().EnvelopeCore);
        Assert.False(Load("policy.alerting.envelope_core=false").Alerting.ToPlannerSettings().EnvelopeCore);
        Assert.Contains("policy.alerting.envelope_core: expected true or false", Error("policy.alerting.envelope_core=sometimes"), StringComparison.Ordinal);
    }

    [Fact]
    public void CoreOnlyAdds_SetsByName_AndABadValueNamesTheField()
    {
        bool byDefault = Load().Alerting.ToPlannerSettings().CoreOnlyAdds;
        Assert.Equal(new AlertPolicy().CoreOnlyAdds, byDefault);
        Assert.Equal(!byDefault, Load($"policy.alerting.core_only_adds={(!byDefault).ToString().ToLowerInvariant()}").Alerting.ToPlannerSettings().CoreOnlyAdds);
        Assert.Contains("policy.alerting.core_only_adds: expected true or false", Error("policy.alerting.core_only_adds=2"), StringComparison.Ordinal);
    }

    [Fact]
    public void AlertPolicy_GivesThePlannerEveryKnob()
    {
        // Every knob set away from its default, each to a value no other knob has: a knob dropped or crossed shows.
        AlertPolicy policy = new(0.97, 4.5, true, 0.011, 1.5, 2.5, false, 0.03, CoreContainment: 0.2, EnvelopeResidualProbability: 0.004, JumpChiSquared: 25, JumpSettledSeconds: 7, EnvelopeCore: false, CoreOnlyAdds: !new AlertPolicy().CoreOnlyAdds);
        Assert.Equal(new Dome.Defense.Alerting.AlertPlannerSettings(0.97, 4.5, PreAlert: true, MinAreaProbability: 0.011, ImpactTimeSigmas: 1.5,
            MaxImpactTimeAdvanceSeconds: 2.5, ConditionalImpactTime: false, ResidualProbability: 0.03, CoreContainment: 0.2, EnvelopeResidualProbability: 0.004,
            JumpChiSquared: 25, JumpSettledSeconds: 7, EnvelopeCore: false, CoreOnlyAdds: !new AlertPolicy().CoreOnlyAdds), policy.ToPlannerSettings());
    }

    [Fact]
    public void JumpRule_IsTheTwoDegreeChiSquaredsFourNinesAfterFiveSeconds_SetsByName_AndABadValueNamesTheField()
    {
        // χ²₂ at 0.9999 is −2 ln(10⁻⁴) = 18.42.
        Assert.Equal(-2 * Math.Log(1e-4), Load().Alerting.ToPlannerSettings().JumpChiSquared, 2);
        Assert.Equal(5.0, Load().Alerting.ToPlannerSettings().JumpSettledSeconds);
        Assert.Equal(0.0, Load("policy.alerting.jump_chi_squared=0").Alerting.ToPlannerSettings().JumpChiSquared);
        Assert.Equal(3.5, Load("policy.alerting.jump_settled_s=3.5").Alerting.ToPlannerSettings().JumpSettledSeconds);
        Assert.Contains("policy.alerting.jump_chi_squared", Error("policy.alerting.jump_chi_squared=-1"), StringComparison.Ordinal);
        Assert.Contains("policy.alerting.jump_settled_s", Error("policy.alerting.jump_settled_s=soon"), StringComparison.Ordinal);
    }

    [Fact]
    public void TrackingPolicy_SetsTheConfirmationRuleByName_AndABadValueNamesTheField()
    {
        TrackingPolicy s = Load("policy.tracking.dwell_confirmation=true", "policy.tracking.confirmation_hits=5",
            "policy.tracking.quick_confirmation_hits=2", "policy.tracking.quick_confirmation_window_s=0.6").Tracking;
        Assert.Equal(new TrackingPolicy(5, 2, 0.6, true), s);
        Assert.Contains("policy.tracking.dwell_confirmation: expected true or false", Error("policy.tracking.dwell_confirmation=often"), StringComparison.Ordinal);
        // Quick confirmation needs fewer hits than the M-of-N rule, not more.
        Assert.Contains("policy.tracking.quick_confirmation_hits", Error("policy.tracking.confirmation_hits=3", "policy.tracking.quick_confirmation_hits=4"), StringComparison.Ordinal);
        Assert.Contains("policy.tracking.confirmation_hits", Error("policy.tracking.confirmation_hits=1"), StringComparison.Ordinal);
        Assert.Contains("policy.tracking.confirmation_hit", Error("policy.tracking.confirmation_hit=3"), StringComparison.Ordinal);
    }

    [Fact]
    public void TrackingPolicy_Absent_IsTheTrackersOwnDefault()
    {
        // The scenario's defaults and the tracker's must not drift apart: a scenario without the section runs the
        // tracker the tests and benchmarks measure.
        TrackingPolicy p = Load().Tracking;
        Dome.Defense.Tracking.TrackerSettings d = Dome.Defense.Tracking.TrackerSettings.Default;
        Assert.Equal((d.ConfirmationHits, d.QuickConfirmationHits, d.QuickConfirmationWindowSeconds, d.DwellPairConfirms),
            (p.ConfirmationHits, p.QuickConfirmationHits, p.QuickConfirmationWindowSeconds, p.DwellConfirmation));
        Assert.Equal(new Dome.Defense.DefenseCore().HoldWhileBurning, p.HoldWhileBurning);
        Assert.Equal(d.TwinChiSquared > 0, p.MergeTwins);
        Assert.False(Load("policy.tracking.merge_twins=false").Tracking.MergeTwins);
        Assert.Equal(new Dome.Defense.DefenseCore().SigmaPointTimeRatio, p.SigmaPointTimeRatio);
        Assert.Equal(new Dome.Defense.DefenseCore().HoldBoostProbability, p.HoldBoostProbability);
    }

    [Fact]
    public void TheHoldBoostProbability_ReachesTheCore_AndIsChecked()
    {
        Assert.Equal(0.5, CoreFactory.Create(Load("policy.tracking.hold_boost_probability=0.5")).HoldBoostProbability);
        Assert.Equal(new TrackingPolicy().HoldBoostProbability, CoreFactory.Create(Load()).HoldBoostProbability);
        ScenarioException e = Assert.Throws<ScenarioException>(() => Load("policy.tracking.hold_boost_probability=1.5"));
        Assert.Contains("hold_boost_probability", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBoostCrossAcceleration_ReachesTheTracker_AsANoiseDensity_AndIsChecked()
    {
        // σ in m/s², the tracker's noise in (m/s²)²·s: 15 m/s² is 225.
        Assert.Equal(225, CoreFactory.Create(Load("policy.tracking.boost_cross_acceleration_sigma=15")).TrackerSettings.BoostCrossAccelerationNoise, 9);
        Assert.Equal(Dome.Defense.Tracking.TrackerSettings.Default.BoostCrossAccelerationNoise, CoreFactory.Create(Load()).TrackerSettings.BoostCrossAccelerationNoise, 9);
        ScenarioException e = Assert.Throws<ScenarioException>(() => Load("policy.tracking.boost_cross_acceleration_sigma=-1"));
        Assert.Contains("boost_cross_acceleration_sigma", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLongBurnRule_ReachesTheTracker_AndIsChecked()
    {
        Dome.Defense.Tracking.TrackerSettings s = CoreFactory.Create(Load("policy.tracking.long_burn_s=2.5", "policy.tracking.long_burn_max_acceleration=330")).TrackerSettings;
        Assert.Equal((2.5, 330.0), (s.LongBurnSeconds, s.LongBurnMaxAcceleration));
        Dome.Defense.Tracking.TrackerSettings d = CoreFactory.Create(Load()).TrackerSettings;
        Assert.Equal((Dome.Defense.Tracking.TrackerSettings.Default.LongBurnSeconds, Dome.Defense.Tracking.TrackerSettings.Default.LongBurnMaxAcceleration), (d.LongBurnSeconds, d.LongBurnMaxAcceleration));
        ScenarioException e = Assert.Throws<ScenarioException>(() => Load("policy.tracking.long_burn_s=-1"));
        Assert.Contains("long_burn_s", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ScenarioException>(() => Load("policy.tracking.long_burn_max_acceleration=1e6"));
        Assert.Contains("long_burn_max_acceleration", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePlotWait_ReachesTheTracker_AndIsChecked()
    {
        Assert.Equal(0.0, CoreFactory.Create(Load("policy.tracking.plot_wait_revisits=0")).TrackerSettings.PlotWaitRevisits);
        Assert.Equal(Dome.Defense.Tracking.TrackerSettings.Default.PlotWaitRevisits, CoreFactory.Create(Load()).TrackerSettings.PlotWaitRevisits);
        ScenarioException e = Assert.Throws<ScenarioException>(() => Load("policy.tracking.plot_wait_revisits=-1"));
        Assert.Contains("plot_wait_revisits", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheInitiationRangeRateGate_ReachesTheTracker_AndIsChecked()
    {
        Assert.Equal(0.0, CoreFactory.Create(Load("policy.tracking.initiation_range_rate_sigmas=0")).TrackerSettings.InitiationRangeRateSigmas);
        Assert.Equal(3.5, CoreFactory.Create(Load("policy.tracking.initiation_range_rate_sigmas=3.5")).TrackerSettings.InitiationRangeRateSigmas);
        Assert.Equal(Dome.Defense.Tracking.TrackerSettings.Default.InitiationRangeRateSigmas, CoreFactory.Create(Load()).TrackerSettings.InitiationRangeRateSigmas);
        ScenarioException e = Assert.Throws<ScenarioException>(() => Load("policy.tracking.initiation_range_rate_sigmas=-1"));
        Assert.Contains("initiation_range_rate_sigmas", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheYoungEnvelopesPathAngle_ReachesTheCore_AndIsChecked()
    {
        Assert.Equal(0.75, CoreFactory.Create(Load("policy.alerting.envelope_young_angle_sigmas=0.75")).EnvelopeYoungAngleSigmas);
        Assert.Equal(new AlertPolicy().EnvelopeYoungAngleSigmas, CoreFactory.Create(Load()).EnvelopeYoungAngleSigmas);
        string over = Error("policy.alerting.envelope_young_angle_sigmas=1.5");
        Assert.Contains("policy.alerting.envelope_young_angle_sigmas: 1.5", over, StringComparison.Ordinal);
        Assert.Contains("out of range [0, 1]", over, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSigmaPointRatio_ReachesTheCore_AndIsChecked()
    {
        Assert.Equal(0.5, CoreFactory.Create(Load("policy.tracking.sigma_point_time_ratio=0.5")).SigmaPointTimeRatio);
        Assert.Equal(Dome.Defense.Prediction.ImpactPredictor.SigmaPointTimeRatio, CoreFactory.Create(Load()).SigmaPointTimeRatio);
        ScenarioException e = Assert.Throws<ScenarioException>(() => Load("policy.tracking.sigma_point_time_ratio=-1"));
        Assert.Contains("sigma_point_time_ratio", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HoldWhileBurning_AndAPositionOnlyRadar_CanBeSetByOverride()
    {
        Assert.False(Load("policy.tracking.hold_while_burning=false").Tracking.HoldWhileBurning);
        Assert.False(CoreFactory.Create(Load("policy.tracking.hold_while_burning=false")).HoldWhileBurning);
        Assert.True(CoreFactory.Create(Load()).HoldWhileBurning);
        // A number makes a radar pulse-Doppler with that noise; "null" makes it measure position only, as without the key.
        Assert.All(Load().Radars, r => Assert.Null(r.RangeRateSigmaMetersPerSecond));
        Assert.All(Load("radars[*].range_rate_sigma_m_s=3").Radars, r => Assert.Equal(3.0, r.RangeRateSigmaMetersPerSecond));
        Assert.All(Load("radars[*].range_rate_sigma_m_s=3", "radars[*].range_rate_sigma_m_s=null").Radars, r => Assert.Null(r.RangeRateSigmaMetersPerSecond));
        Assert.Contains("range_rate_sigma_m_s", Error("radars[*].range_rate_sigma_m_s=fast"), StringComparison.Ordinal);
    }

    [Fact]
    public void Star_ChangesEveryItem_IndexChangesOne()
    {
        Scenario every = Load("radars[*].detection_probability=0.8");
        Assert.All(every.Radars, r => Assert.Equal(0.8, r.DetectionProbability));
        Scenario one = Load("threats[1].aim_spread_m=300");
        Assert.Equal(0.0, one.Threats[0].AimSpreadMeters);
        Assert.Equal(300.0, one.Threats[1].AimSpreadMeters);
    }

    [Fact]
    public void ExistingValue_IsReplaced_OnTheBuiltInFile()
    {
        Scenario s = ScenarioLoader.Load("ashkelon-2019", null, [ScenarioOverride.Parse("radars[0].clutter_per_scan=7")]);
        Assert.Equal(7.0, s.Radars[0].ClutterPerScan);
        Assert.Equal(ScenarioLoader.Load("ashkelon-2019").Hash, s.Hash); // the hash names the file; the overrides travel beside it
    }

    [Fact]
    public void ValuesAreValidatedAsInAFile_AndTheErrorNamesTheOption()
    {
        string range = Error("policy.alerting.containment=1.5");
        Assert.StartsWith("--vary policy.alerting.containment=1.5: ", range, StringComparison.Ordinal);
        Assert.Contains("out of range", range, StringComparison.Ordinal);
        Assert.Contains("expected a number", Error("radars[*].range_sigma_m=abc"), StringComparison.Ordinal);
        string unknown = Error("policy.alerting.contanment=0.9");
        Assert.Contains("unknown key 'contanment'", unknown, StringComparison.Ordinal);
        Assert.StartsWith("--vary policy.alerting.contanment=0.9", unknown, StringComparison.Ordinal);
        Assert.Contains("unknown key 'radar_count'", Error("radar_count=3"), StringComparison.Ordinal);
    }

    [Fact]
    public void PathsThatDoNotFitTheFile_AreErrors()
    {
        Assert.Contains("the scenario has no 'batteries' list", Error("batteries[*].launchers=4"), StringComparison.Ordinal);
        Assert.Contains("'radars[5]' does not exist: the list has 2 item(s)", Error("radars[5].revisit_s=2"), StringComparison.Ordinal);
        Assert.Contains("'radars' names list items", Error("radars[*]=3"), StringComparison.Ordinal);
        Assert.Contains("'radars' is a list", Error("radars=3"), StringComparison.Ordinal);
        Assert.Contains("is inside a value that is not a mapping", Error("duration_s.x=3"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policy.alerting.containment", "expected KEY=VALUE")]
    [InlineData("=3", "expected KEY=VALUE")]
    [InlineData("Policy.alerting=3", "a dotted path")]
    [InlineData("radars[x].id=3", "a dotted path")]
    [InlineData("seed=5", "'seed' cannot be overridden")]
    public void MalformedOverrides_AreRejectedBeforeLoading(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<ScenarioException>(() => ScenarioOverride.Parse(text, "--set")).Message, StringComparison.Ordinal);
}
