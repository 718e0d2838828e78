using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense;

/// <summary>A shelter alert for one area, as issued by the alert planner.</summary>
/// <param name="TimeSeconds">Issue time, seconds since the scenario start.</param>
/// <param name="AreaId">The Home Front Command area id.</param>
public readonly record struct AlertIssued(double TimeSeconds, int AreaId);

/// <summary>A confirmed track as reported by the tracker (for the report's tracking metrics).</summary>
/// <param name="TimeSeconds">Time of the report.</param>
/// <param name="TrackId">The tracker's own id.</param>
/// <param name="ConfirmedAtSeconds">When the track was confirmed.</param>
public readonly record struct TrackReport(double TimeSeconds, int TrackId, double ConfirmedAtSeconds);

/// <summary>An order to launch interceptors from a battery at a track, with the plan behind it.</summary>
/// <param name="TimeSeconds">Order time, s.</param>
/// <param name="BatteryId">The battery that fires.</param>
/// <param name="TrackId">The target track (the interceptors are guided on it by uplink).</param>
/// <param name="Interceptors">How many interceptors, launched together.</param>
public readonly record struct EngagementOrder(double TimeSeconds, string BatteryId, int TrackId, int Interceptors)
{
    /// <summary>The planned intercept time, s.</summary>
    public double InterceptTimeSeconds { get; init; }

    /// <summary>The predicted intercept point, ECEF m (the interceptors are launched towards it).</summary>
    public Vector3 InterceptPoint { get; init; }

    /// <summary>The planner's estimate of one interceptor's kill probability.</summary>
    public double KillProbability { get; init; }
}

/// <summary>A track's state as the defense uplinks it to the interceptors guided on it.</summary>
/// <param name="TimeSeconds">Time of the state, s.</param>
/// <param name="Position">ECEF m.</param>
/// <param name="Velocity">ECEF m/s.</param>
public readonly record struct TrackUplink(double TimeSeconds, Vector3 Position, Vector3 Velocity);

/// <summary>What the core produced in one cycle.</summary>
public sealed record DefenseOutput(IReadOnlyList<AlertIssued> Alerts, IReadOnlyList<TrackReport> Tracks, IReadOnlyList<EngagementOrder> Orders)
{
    public static DefenseOutput Empty { get; } = new([], [], []);

    /// <summary>Which plot went to which track (lets the scorer follow a track back to the rocket it tracked).</summary>
    public IReadOnlyList<PlotAssignment> Assignments { get; init; } = [];

    /// <summary>The impact forecasts of the confirmed tracks this cycle.</summary>
    public IReadOnlyList<ImpactForecast> Forecasts { get; init; } = [];

    /// <summary>Pre-alerts ("alerts are expected in the coming minutes"; no siren), when the policy asks for them.</summary>
    public IReadOnlyList<AlertIssued> PreAlerts { get; init; } = [];

    /// <summary>
    /// The alerts the comparison (zone baseline) planner would have issued on the same forecasts. Never published:
    /// they exist so that a report can show what the real planner gains.
    /// </summary>
    public IReadOnlyList<AlertIssued> BaselineAlerts { get; init; } = [];
}

/// <summary>
/// The operational core as the run loop sees it. It is fed the radar plots of each scan, in time order, and answers
/// with alerts, track reports and engagement orders. It receives nothing else from the world.
/// </summary>
public interface IDefenseCore
{
    /// <summary>Which parts exist: the report shows the metrics of a missing part as null, never as zero.</summary>
    DefenseCapabilities Capabilities { get; }

    /// <summary>Called once before the run with the radars' published descriptions.</summary>
    void Start(IReadOnlyList<RadarSite> radars);

    /// <summary>One cycle at a time (s) with the plots measured since the last cycle.</summary>
    DefenseOutput Process(double timeSeconds, IReadOnlyList<RadarPlot> plots);

    /// <summary>The situation picture: the ECEF positions (m) of the confirmed tracks, as of their last update.</summary>
    IReadOnlyList<(int TrackId, Vector3 Position)> ConfirmedTracks();

    /// <summary>The uplink to interceptors: the current estimate of a live track, or false if there is none.</summary>
    bool TryGetUplink(int trackId, out TrackUplink uplink)
    {
        uplink = default;
        return false;
    }

    /// <summary>
    /// Whether the core still awaits an impact it has forecast (a threat it may yet have to alert for, even one whose
    /// track is gone): a world that stands its radars down while nothing flies keeps them up, and so keeps the core's
    /// cycle going, while this holds.
    /// </summary>
    bool AwaitsImpacts(double timeSeconds) => false;

    /// <summary>The battle manager's last word on each track it considered (empty without engagement).</summary>
    IReadOnlyDictionary<int, Engagement.EngagementNote> EngagementNotes => new Dictionary<int, Engagement.EngagementNote>();
}

/// <summary>The parts of the operational core that are present.</summary>
public sealed record DefenseCapabilities(bool Tracking, bool Alerting, bool Engagement)
{
    public static DefenseCapabilities None { get; } = new(false, false, false);
}
