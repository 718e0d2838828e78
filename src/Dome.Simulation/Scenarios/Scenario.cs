using Dome.Model.Areas;
using Dome.Model.Atmosphere;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Simulation.Scenarios;

/// <summary>A launch region: rounds leave from points drawn uniformly within a circle.</summary>
public sealed record LaunchRegion(GeoPoint Center, double RadiusMeters);

/// <summary>
/// One salvo: <see cref="Count"/> rounds of one type, the first at <see cref="TimeSeconds"/> and the next every
/// <see cref="IntervalSeconds"/>, from a launch point or region, at an aim point or alert area, with an aim spread.
/// </summary>
public sealed record Salvo
{
    public required double TimeSeconds { get; init; }

    public required int Count { get; init; }

    public required RocketType Rocket { get; init; }

    public GeoPoint? Launch { get; init; }

    public LaunchRegion? LaunchRegion { get; init; }

    public GeoPoint? Aim { get; init; }

    public AlertArea? AimArea { get; init; }

    /// <summary>Standard deviation of the aim point around the aim, per horizontal axis, m.</summary>
    public required double AimSpreadMeters { get; init; }

    public required double IntervalSeconds { get; init; }

    public required TrajectoryArc Arc { get; init; }

    /// <summary>
    /// Probability that a round's motor fails: it burns only 15–60% of its propellant (uniformly drawn) and falls short,
    /// often inside the launching territory. 0 by default.
    /// </summary>
    public double MotorFailureProbability { get; init; }

    /// <summary>The scenario line the salvo was declared on (for messages).</summary>
    public int Line { get; init; }

    public GeoPoint LaunchCenter => Launch ?? LaunchRegion!.Center;

    public GeoPoint AimCenter => Aim ?? AimArea!.Center;
}

/// <summary>An Iron Dome-class battery as the scenario places it.</summary>
public sealed record BatterySpec
{
    public required string Id { get; init; }

    public required GeoPoint Position { get; init; }

    public required int Launchers { get; init; }

    public required int InterceptorsPerLauncher { get; init; }

    /// <summary>Time to reload an empty launcher, s.</summary>
    public required double ReloadSeconds { get; init; }

    /// <summary>Interceptors the battery can guide at once.</summary>
    public required int GuidanceChannels { get; init; }

    public int Inventory => Launchers * InterceptorsPerLauncher;
}

/// <summary>Alerting knobs (consumed by the alert planner).</summary>
public sealed record AlertPolicy(double ContainmentProbability = 0.95, double MarginSeconds = 5.0, bool PreAlert = false, double MinAreaProbability = 0.0125, double ImpactTimeSigmas = 0, double MaxImpactTimeAdvanceSeconds = 2, bool ConditionalImpactTime = true, double ResidualProbability = 0.02, bool BurnEnvelope = true, double CoreContainment = 0.1, double EnvelopeResidualProbability = 0.02, double JumpChiSquared = 18.42, double JumpSettledSeconds = 5.0, bool EnvelopeBurnFromSpeed = false, bool EnvelopeCore = true, bool CoreOnlyAdds = false, double EnvelopeYoungAngleSigmas = 1)
{
    /// <summary>The planner's settings for this policy (every knob, one mapping for the core and the benchmarks).</summary>
    public Dome.Defense.Alerting.AlertPlannerSettings ToPlannerSettings() =>
        new(ContainmentProbability, MarginSeconds, PreAlert, MinAreaProbability: MinAreaProbability, ImpactTimeSigmas: ImpactTimeSigmas,
            MaxImpactTimeAdvanceSeconds: MaxImpactTimeAdvanceSeconds, ConditionalImpactTime: ConditionalImpactTime, ResidualProbability: ResidualProbability, CoreContainment: CoreContainment,
            EnvelopeResidualProbability: EnvelopeResidualProbability, JumpChiSquared: JumpChiSquared, JumpSettledSeconds: JumpSettledSeconds, EnvelopeCore: EnvelopeCore, CoreOnlyAdds: CoreOnlyAdds);
}

/// <summary>
/// The tracker's confirmation rule (consumed by the tracker): M hits, or <paramref name="QuickConfirmationHits"/> within
/// <paramref name="QuickConfirmationWindowSeconds"/> of a track's first plot, or (<paramref name="DwellConfirmation"/>)
/// a search plot and a track beam's look at it; whether a forecast waits while a motor burns
/// (<paramref name="HoldWhileBurning"/>), and while the boost mode holds at least <paramref name="HoldBoostProbability"/>
/// (consumed by the defense core); whether twins, two confirmed tracks of one rocket, are merged
/// (<paramref name="MergeTwins"/>); the σ_t / t_go above which a forecast holds its sigma points' spread
/// (<paramref name="SigmaPointTimeRatio"/>, consumed by the impact predictor); the boost mode's white acceleration noise
/// across the velocity, as the σ of its one-second velocity change, m/s² (<paramref name="BoostCrossAccelerationSigma"/>,
/// consumed by the tracker's IMM); and the long-burn rule that gives a track the drag prior of the catalog's heavy
/// long-burning rockets: a boost seen at least <paramref name="LongBurnSeconds"/> s, gaining speed no faster than
/// <paramref name="LongBurnMaxAcceleration"/> m/s² (consumed by the tracker; <see cref="Dome.Defense.Tracking.TrackerSettings.LongBurnSeconds"/>);
/// how many of its radar's revisits an unpaired plot waits for a partner (<paramref name="PlotWaitRevisits"/>, 0: the
/// tracker's 3 s lifetime alone; <see cref="Dome.Defense.Tracking.TrackerSettings.PlotWaitRevisits"/>); and the range-rate
/// gate of a pair of plots that starts a track, in σ (<paramref name="InitiationRangeRateSigmas"/>, 0: none;
/// <see cref="Dome.Defense.Tracking.TrackerSettings.InitiationRangeRateSigmas"/>).
/// </summary>
public sealed record TrackingPolicy(int ConfirmationHits = 4, int QuickConfirmationHits = 3, double QuickConfirmationWindowSeconds = 1.1, bool DwellConfirmation = true, bool HoldWhileBurning = true, bool MergeTwins = true, double SigmaPointTimeRatio = Dome.Defense.Prediction.ImpactPredictor.SigmaPointTimeRatio, double HoldBoostProbability = 0.1, double BoostCrossAccelerationSigma = 60.0, double LongBurnSeconds = 2.3, double LongBurnMaxAcceleration = 400.0, double PlotWaitRevisits = 2.0, double InitiationRangeRateSigmas = 4.0);

/// <summary>Engagement knobs (consumed by the battle manager).</summary>
public sealed record EngagementPolicy(int InterceptorsPerThreat = 2, double InterceptorCostUsd = 50_000, double CostWeight = 1.0)
{
    /// <summary>False: the batteries stand by (no engagement component), e.g. to study alerting alone.</summary>
    public bool Enabled { get; init; } = true;

    public InterceptorType Interceptor { get; init; } = InterceptorCatalog.Tamir;

    /// <summary>The value of preventing one impact in a populated area, USD (sets with the cost when a shot pays).</summary>
    public double ProtectedValueUsd { get; init; } = 120_000;

    /// <summary>Above this P(protected) a threat is engaged at once; below it the battle manager waits while it can still shoot, look and shoot.</summary>
    public double ConfidentProbability { get; init; } = 0.9;
}

/// <summary>A validated scenario. Immutable; a run is a pure function of the scenario and a seed.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required ulong Seed { get; init; }

    /// <summary>Wall-clock time of the scenario's t = 0, with its offset (Israel time for the built-ins).</summary>
    public required DateTimeOffset Start { get; init; }

    public required double DurationSeconds { get; init; }

    public required WindProfile Wind { get; init; }

    public required IReadOnlyList<Salvo> Threats { get; init; }

    public required IReadOnlyList<RadarSite> Radars { get; init; }

    public required IReadOnlyList<BatterySpec> Batteries { get; init; }

    /// <summary>
    /// Radars stand down between salvos: no scan while no rocket and no interceptor is in the air and the next launch is
    /// more than <c>SimulationRunner.IdleLeadSeconds</c> away (for scenarios of days). A shortcut of the world's: clutter
    /// between salvos, and the false tracks it would make, are not simulated.
    /// </summary>
    public bool SkipIdle { get; init; }

    public required AlertPolicy Alerting { get; init; }

    public TrackingPolicy Tracking { get; init; } = new();

    public required EngagementPolicy Engagement { get; init; }

    /// <summary>SHA-256 of the scenario file's bytes, hex: the identity of the scenario in results.</summary>
    public required string Hash { get; init; }

    /// <summary>Values changed from the file's (a campaign variant, or <c>dome run --set</c>); empty for the file as written.</summary>
    public IReadOnlyList<ScenarioOverride> Overrides { get; init; } = [];

    /// <summary>The file the scenario came from, as error messages name it.</summary>
    public string? SourcePath { get; init; }

    public int RocketCount => Threats.Sum(s => s.Count);
}
