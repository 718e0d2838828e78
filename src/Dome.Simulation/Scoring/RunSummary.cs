using Dome.Defense.Prediction;
using Dome.Simulation.World;

namespace Dome.Simulation.Scoring;

/// <summary>Counts of rounds by their truth. Engagement-dependent counts are null while no engagement component exists.</summary>
public sealed record RocketCounts(int Launched, int Threats, int OpenGround, int FellShort, int? Intercepted, int? Leakers);

/// <summary>Alert metrics as DESIGN.md defines them; null while no alert planner exists.</summary>
public sealed record AlertMetrics(
    int? ThreatsOnTime,
    int? ThreatsLate,
    int? ThreatsMissed,
    int AchievableThreats,
    int? AchievableOnTime,
    int? AreaAlerts,
    int? UnneededAreaAlerts,
    double? UnneededAreaAlertsPerRocket,
    double? AlertedKm2,
    double? AlertedKm2PerRocket,
    double? MedianLeadS,
    IReadOnlyList<double>? LeadMinusCountdownS)
{
    /// <summary>
    /// Achievable threats warned late or missed that no radar had seen by their deadline (T − countdown): no planner
    /// fed by these radars could have warned them on time. Null when alerts are not scored.
    /// </summary>
    public int? AchievableUnseenByDeadline { get; init; }

    /// <summary>
    /// Achievable threats warned late or missed that had no confirmed track by their deadline (the unseen included):
    /// the rest had a confirmed track in time, and are the share of prediction and planning. Null when alerts
    /// are not scored.
    /// </summary>
    public int? AchievableUntrackedByDeadline { get; init; }

    /// <summary>Area pre-alerts ("alerts expected in the coming minutes"); null unless the policy issues them.</summary>
    public int? PreAlerts { get; init; }

    /// <summary>Area pre-alerts per rocket launched; null unless the policy issues them.</summary>
    public double? PreAlertsPerRocket { get; init; }
}

/// <summary>Engagement metrics; null while no engagement component exists.</summary>
/// <param name="InterceptorsFired">Interceptors launched.</param>
/// <param name="EngagedThreats">Threats (truth) at whose track at least one interceptor was fired.</param>
/// <param name="WastedInterceptors">Interceptors fired at a track whose rocket would not hit an alert area (open ground, fell short) or at clutter.</param>
/// <param name="InterceptorCostUsd">Interceptors fired × the policy's unit cost.</param>
public sealed record DefenseMetrics(int? InterceptorsFired, int? EngagedThreats, int? WastedInterceptors, double? InterceptorCostUsd)
{
    /// <summary>Rockets of any class at whose track at least one interceptor was fired.</summary>
    public int? EngagedRockets { get; init; }

    /// <summary>Engaged rockets over the rockets that crossed (launched − fell short): the published "engaged share".</summary>
    public double? EngagedShareOfCrossing { get; init; }

    /// <summary>Intercepted engaged threats over engaged threats (the public "~90% of engaged rockets").</summary>
    public double? InterceptionRate { get; init; }

    /// <summary>Interceptors fired per rocket intercepted.</summary>
    public double? InterceptorsPerKill { get; init; }

    /// <summary>Kills over interceptors that reached their target (kills + misses; self-destructs excluded).</summary>
    public double? SingleShotKillRate { get; init; }

    /// <summary>The battle manager's mean planned single-shot kill probability, to compare with the rate achieved.</summary>
    public double? PlannedKillProbabilityMean { get; init; }

    /// <summary>Median closest approach of the interceptors that reached their target, m.</summary>
    public double? MedianMissM { get; init; }

    /// <summary>Why each leaker was not intercepted: reason → threats.</summary>
    public IReadOnlyDictionary<string, int>? LeakerReasons { get; init; }

    /// <summary>Each battery's use of its launchers.</summary>
    public IReadOnlyList<BatteryFigures>? Batteries { get; init; }
}

/// <summary>One battery in a run.</summary>
/// <param name="Id">The battery's id in the scenario.</param>
/// <param name="Inventory">Interceptors loaded at the start (launchers × interceptors per launcher).</param>
/// <param name="Fired">Interceptors launched (reloads included).</param>
/// <param name="Kills">Rockets its interceptors destroyed.</param>
public sealed record BatteryFigures(string Id, int Inventory, int Fired, int Kills);

/// <summary>Forecast miss distance (truth impact to forecast point) at one time since launch, over the rockets forecast by then.</summary>
public sealed record ForecastMissAtAge(double AgeS, int Rockets, double MedianM, double P95M, double Containment99);

/// <summary>Tracking and prediction metrics; null while no tracker exists.</summary>
public sealed record TrackingMetrics(
    double? MedianTimeToConfirmS,
    int? RocketsTracked = null,
    int? ConfirmedTracks = null,
    int? FalseTracks = null,
    double? FalseTracksPerHour = null,
    int? TrackBreaks = null,
    int? Forecasts = null,
    double? ForecastContainment99 = null,
    IReadOnlyList<ForecastMissAtAge>? ForecastMiss = null,
    double? GospaMeanM = null,
    double? GospaLocalisationMeanM = null,
    double? GospaMissedMean = null,
    double? GospaFalseMean = null);

public sealed record RunFigures(double SimulatedS, double WallS, double Speedup, long Plots, long ClutterPlots, long Events);

public sealed record ComponentPresence(bool Tracking, bool Alerting, bool Engagement);

/// <summary>The summary of one run: the document <c>dome run --json</c> prints and <c>summary.json</c> holds.</summary>
public sealed record RunSummary(
    string Scenario,
    ulong Seed,
    string ScenarioHash,
    ComponentPresence Components,
    RocketCounts Rockets,
    AlertMetrics Alerts,
    DefenseMetrics Defense,
    TrackingMetrics Tracking,
    RunFigures Run)
{
    /// <summary>The same alert metrics for the zone baseline planner on the same forecasts (null without one).</summary>
    public AlertMetrics? AlertsZoneBaseline { get; init; }
}

/// <summary>How a threat's alert went.</summary>
public enum AlertOutcome
{
    NotAThreat,
    OnTime,
    Late,
    Missed,
    NotScored,
}

/// <summary>One rocket's scored outcome (a row of <c>rockets.csv</c>).</summary>
public sealed record RocketOutcome(int RocketId, AlertOutcome Alert, double? LeadSeconds)
{
    /// <summary>Time from launch to the rocket's first radar plot, s; null if no radar ever saw it.</summary>
    public double? FirstPlotAfterLaunchS { get; init; }

    /// <summary>Time from launch to the first confirmed track made mostly of its plots, s; null if none.</summary>
    public double? ConfirmedAfterLaunchS { get; init; }
}

/// <summary>
/// One forecast beside the truth of the rocket its track followed (<see cref="Scorer.ForecastsAgainstTruth"/>); the
/// truth fields are null for a track of clutter.
/// </summary>
/// <param name="Forecast">The forecast as the core made it.</param>
/// <param name="Rocket">The rocket the track followed (most of its plots), or null.</param>
/// <param name="AgeSeconds">Forecast time less the rocket's launch time, s.</param>
/// <param name="MissMeters">Ground distance from the forecast point to the truth impact point, m.</param>
/// <param name="MissBearingDegrees">Direction from the forecast point to the truth impact, degrees from north.</param>
/// <param name="GroundD2">The truth's squared Mahalanobis distance in the forecast's 2×2 ground covariance.</param>
/// <param name="ImpactTimeErrorSeconds">Forecast impact time less the truth's, s.</param>
public sealed record ScoredForecast(ImpactForecast Forecast, RocketTruth? Rocket, double? AgeSeconds, double? MissMeters, double? MissBearingDegrees, double? GroundD2, double? ImpactTimeErrorSeconds)
{
    /// <summary>
    /// The smallest containment whose region holds the truth, 1 − exp(−d²/2): the truth lies inside the planner's region
    /// of containment c exactly when c is at least this.
    /// </summary>
    public double? TruthContainment => GroundD2 is double d2 ? 1 - Math.Exp(-d2 / 2) : null;
}
