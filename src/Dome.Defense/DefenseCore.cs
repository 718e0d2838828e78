using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Sensors;

namespace Dome.Defense;

/// <summary>
/// The operational core as built so far: the tracker and the impact predictor. Each cycle it tracks the new plots and
/// forecasts the impact of every confirmed track. Not thread-safe (one instance per run).
/// </summary>
public sealed class DefenseCore(TrackerSettings? settings = null) : IDefenseCore
{
    private readonly Dictionary<int, double> _lastForecast = [];
    private Tracker? _tracker;

    /// <summary>The forecast cycle: a confirmed track is forecast at most this often, s (the radars' revisit); +∞ turns forecasting off.</summary>
    public double ForecastIntervalSeconds { get; init; } = 1.0;

    public DefenseCapabilities Capabilities { get; } = new(Tracking: true, Alerting: false, Engagement: false);

    public Tracker Tracker => _tracker ?? throw new InvalidOperationException("Start has not been called.");

    public void Start(IReadOnlyList<RadarSite> radars) => _tracker = new Tracker(radars, settings);

    public DefenseOutput Process(double timeSeconds, IReadOnlyList<RadarPlot> plots)
    {
        (IReadOnlyList<TrackEvent> events, IReadOnlyList<PlotAssignment> assignments) = Tracker.Process(plots);
        List<TrackReport> confirmed = [];
        foreach (TrackEvent e in events)
        {
            if (e.Status == TrackStatus.Confirmed)
            {
                confirmed.Add(new TrackReport(e.TimeSeconds, e.TrackId, e.TimeSeconds));
            }
            else if (e.Status == TrackStatus.Deleted)
            {
                _lastForecast.Remove(e.TrackId);
            }
        }

        List<ImpactForecast> forecasts = [];
        HashSet<int> updated = [.. assignments.Select(a => a.TrackId)];
        foreach (Track t in Tracker.Tracks)
        {
            // A forecast each time a confirmed track takes a plot: between plots nothing new is known.
            if (double.IsPositiveInfinity(ForecastIntervalSeconds) || t.Status != TrackStatus.Confirmed || !updated.Contains(t.Id)
                || timeSeconds - _lastForecast.GetValueOrDefault(t.Id, double.NegativeInfinity) < ForecastIntervalSeconds - 1e-9)
            {
                continue;
            }

            if (ImpactPredictor.Forecast(t) is { } forecast)
            {
                forecasts.Add(forecast);
                _lastForecast[t.Id] = timeSeconds;
            }
        }

        return new DefenseOutput([], confirmed, []) { Assignments = [.. assignments], Forecasts = forecasts };
    }
}
