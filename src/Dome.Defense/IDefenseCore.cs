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

/// <summary>An order to launch interceptors from a battery at a track.</summary>
public readonly record struct EngagementOrder(double TimeSeconds, string BatteryId, int TrackId, int Interceptors);

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
}

/// <summary>The parts of the operational core that are present.</summary>
public sealed record DefenseCapabilities(bool Tracking, bool Alerting, bool Engagement)
{
    public static DefenseCapabilities None { get; } = new(false, false, false);
}
