using Dome.Defense.Prediction;
using Dome.Model.Areas;

namespace Dome.Defense.Alerting;

/// <summary>
/// The alert planner's policy: containment of the regions it alerts on, the latency margin (s), and the optional
/// pre-alert: at a threat's first forecast, the areas of its wider <paramref name="PreAlertContainment"/> region are told
/// that alerts may follow in the coming minutes (no siren; the areas that are then alerted are alerted as usual).
/// </summary>
/// <para><paramref name="MinAreaProbability"/> &gt; 0 adds a second test at an area's deadline: the area is alerted only
/// if the forecast puts at least that probability of impact inside its polygon (the integral of the forecast's
/// distribution, <see cref="Engagement.ThreatEvaluator"/>); otherwise it waits, and is alerted at once if a later
/// forecast gives it that much. 0 alerts every area the region touches.</para>
/// <para><paramref name="ImpactTimeSigmas"/>: the planner counts the time left to the forecast's impact time less this
/// many of its standard deviations, so that a young track whose impact time is still uncertain does not make it wait
/// past the deadline of an early impact, by at most <paramref name="MaxImpactTimeAdvanceSeconds"/>. 0 uses the mean.</para>
public sealed record AlertPlannerSettings(double ContainmentProbability = 0.95, double MarginSeconds = 3.0, bool PreAlert = false, double PreAlertContainment = 0.9999, double MinAreaProbability = 0, double ImpactTimeSigmas = 0, double MaxImpactTimeAdvanceSeconds = double.PositiveInfinity);

/// <summary>
/// Shelter alerts as late as is safe and as narrow as possible (DESIGN.md, "Alerting"): each cycle, for every impact
/// forecast and every area its confidence region touches, the area is alerted once the time left to the forecast
/// impact, less the latency margin, reaches the area's time to shelter; until then the planner waits for a sharper
/// forecast. An area whose countdown already exceeds the time left (an "immediate" area included) is alerted at once.
/// A threat alerts an area once; another threat alerts it again, as the real system re-alerts areas in shelter.
/// Not thread-safe (one instance per run).
/// </summary>
public sealed class AlertPlanner(AlertAreaMap areas, AlertPlannerSettings? settings = null)
{
    private readonly AlertPlannerSettings _settings = settings ?? new AlertPlannerSettings();
    private readonly HashSet<(int Track, int Area)> _alerted = [];
    private readonly List<AlertArea> _touched = [];
    private readonly HashSet<int> _preAlertedTracks = [];
    private Engagement.ThreatEvaluator? _evaluator;

    /// <summary>The policy in force.</summary>
    public AlertPlannerSettings Settings => _settings;

    /// <summary>
    /// The pre-alerts to issue at <paramref name="nowSeconds"/>: for each threat forecast for the first time, the areas
    /// its <see cref="AlertPlannerSettings.PreAlertContainment"/> region touches. Empty unless the policy asks for them.
    /// </summary>
    public IReadOnlyList<AlertIssued> PreAlerts(double nowSeconds, IEnumerable<ImpactForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        if (!_settings.PreAlert)
        {
            return [];
        }

        HashSet<int> named = [];
        foreach (ImpactForecast forecast in forecasts)
        {
            if (!_preAlertedTracks.Add(forecast.TrackId))
            {
                continue;
            }

            _touched.Clear();
            areas.VisitIntersecting(forecast.Region(_settings.PreAlertContainment), _touched.Add);
            named.UnionWith(_touched.Select(a => a.Id));
        }

        return [.. named.Order().Select(id => new AlertIssued(nowSeconds, id))];
    }

    /// <summary>The alerts to issue at <paramref name="nowSeconds"/> for the latest forecasts.</summary>
    public IReadOnlyList<AlertIssued> Plan(double nowSeconds, IEnumerable<ImpactForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        List<AlertIssued> alerts = [];
        HashSet<int> issuedNow = [];
        foreach (ImpactForecast forecast in forecasts)
        {
            double advance = Math.Min(_settings.ImpactTimeSigmas * forecast.ImpactTimeSigmaSeconds, _settings.MaxImpactTimeAdvanceSeconds);
            double timeLeft = forecast.ImpactTimeSeconds - advance - nowSeconds - _settings.MarginSeconds;
            _touched.Clear();
            areas.VisitIntersecting(forecast.Region(_settings.ContainmentProbability), _touched.Add);
            Engagement.ThreatEvaluator.Frame? frame = null;
            foreach (AlertArea area in _touched)
            {
                if (timeLeft > area.CountdownSeconds || _alerted.Contains((forecast.TrackId, area.Id)))
                {
                    continue;
                }

                if (_settings.MinAreaProbability > 0)
                {
                    // The forecast's frame once per forecast, and only when an area has come to its deadline.
                    _evaluator ??= new Engagement.ThreatEvaluator(areas);
                    frame ??= Engagement.ThreatEvaluator.FrameOf(forecast);
                    if (!_evaluator.AreaProbabilityAtLeast(frame.Value, area, _settings.MinAreaProbability))
                    {
                        continue;
                    }
                }

                _alerted.Add((forecast.TrackId, area.Id));
                if (issuedNow.Add(area.Id))
                {
                    alerts.Add(new AlertIssued(nowSeconds, area.Id));
                }
            }
        }

        return alerts;
    }
}
