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
/// <para><paramref name="CoreContainment"/> &gt; 0 spares from the mass test the areas that reach into the forecast's
/// region at this smaller containment, its core: the mass test is there for the areas the region clips at its edge, and
/// an area small enough to hold less than the test's probability even where the forecast is densest would otherwise
/// wait while the rocket comes down on it. 0: the mass test judges every area.</para>
/// <para><paramref name="ImpactTimeSigmas"/>: the planner counts the time left to the forecast's impact time less this
/// many of its standard deviations, so that a young track whose impact time is still uncertain does not make it wait
/// past the deadline of an early impact, by at most <paramref name="MaxImpactTimeAdvanceSeconds"/>. 0 uses the mean.</para>
/// <para><paramref name="ConditionalImpactTime"/>: each area's time left is counted to the impact time expected if the
/// rocket lands in that area — the forecast's time given the ground point (<see cref="ImpactForecast.ImpactTimeGradient"/>),
/// at the area's earliest point — rather than to the forecast's one impact time: a young forecast that lands long also
/// lands late, and an area short of its point would be hit sooner than the forecast says.</para>
/// <para><paramref name="ResidualProbability"/> &gt; 0 bounds what the mass test may hold back together: of the areas at
/// their deadline that it held back, the planner alerts the most probable until the probability of impact left in the
/// rest is at most this. A sharp forecast leaves its neighbours a sliver each and changes nothing; a wide one, at the
/// deadline of its areas, spreads its mass thin over many, each below the test, and is then alerted over all but this
/// much of it. 0 leaves the mass test alone.</para>
/// <para><paramref name="EnvelopeResidualProbability"/>: the residual rule for a burn envelope's areas
/// (<see cref="ImpactForecast.IsEnvelope"/>), whose mixture spreads a long motor's mass over tens of km of its track;
/// null: <paramref name="ResidualProbability"/>.</para>
/// <para><paramref name="EnvelopeCore"/>: the core rule (<paramref name="CoreContainment"/>) for a burn envelope too: an
/// area at its deadline that reaches into the core of any of the envelope's hypotheses is spared the mass test. A
/// hypothesis' region is kilometres long, and a small area where the rocket lands under it holds a fraction of a percent
/// of the mixture's mass at every cycle. The rule only adds: an area it alerts is still counted by the residual rule, at
/// that cycle and the envelope's next ones, until the mass or the residual rule would have alerted it. false: the
/// mixture's mass judges every area of an envelope.</para>
/// <para><paramref name="CoreOnlyAdds"/>: the core rule of a plain forecast (<paramref name="CoreContainment"/>) only adds,
/// as the envelope's does: an area it spares from the mass test, if the test would have held it back, is alerted and
/// still counted by the residual rule at that cycle and the track's next ones, until the mass or the residual rule would
/// have alerted it; so every area alerted without the core rule is alerted with it, no later. false: an area the core
/// rule alerts leaves the residual's count (the rule's first form, sixteenth session).</para>
/// <para><paramref name="JumpChiSquared"/> &gt; 0 keeps a settled forecast in play when its track's next one jumps away
/// from it: farther than this χ² under the sum of their ground covariances (<see cref="ImpactForecast.DistanceSquaredTo"/>),
/// from a forecast that was not itself such a jump, of a track forecast for at least <paramref name="JumpSettledSeconds"/>.
/// Such a jump is a track that took the plots of another rocket of its salvo — the rocket it followed, sharp on its
/// area until then, is left with no forecast at all — and the superseded forecast is planned beside the new one until
/// its impact time. A young track's forecasts jump too as they find the rocket (its first seconds), and a forecast that
/// drifts jumps at every cycle: neither keeps one. 0 plans the latest forecast alone.</para>
public sealed record AlertPlannerSettings(double ContainmentProbability = 0.95, double MarginSeconds = 3.0, bool PreAlert = false, double PreAlertContainment = 0.9999, double MinAreaProbability = 0, double ImpactTimeSigmas = 0, double MaxImpactTimeAdvanceSeconds = double.PositiveInfinity, bool ConditionalImpactTime = true, double ResidualProbability = 0, double CoreContainment = 0, double? EnvelopeResidualProbability = null, double JumpChiSquared = 0, double JumpSettledSeconds = 5.0, bool EnvelopeCore = false, bool CoreOnlyAdds = false);

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
    private readonly HashSet<(int Track, int Area)> _coreOnly = []; // alerted by a core rule alone: still counted by the residual rule
    private readonly List<AlertArea> _touched = [];
    private readonly List<AlertArea> _atDeadline = []; // AtDeadline's answer
    private Action<AlertArea>? _touch; // _touched.Add as one delegate, not one per query
    private readonly List<(double Probability, int Area)> _heldBack = [];
    private readonly Dictionary<int, AlertArea> _due = []; // a burn envelope's areas at their deadline
    private readonly Dictionary<int, double> _mixture = []; // and the envelope's mass in each

    /// <summary>The containment of the region within which a burn envelope's hypothesis is counted in an area's mass.</summary>
    private const double MixtureContainment = 0.9999;
    private readonly Dictionary<int, (ImpactForecast Last, double FirstSeconds, bool Jumped)> _history = []; // each track's plain forecasts, for the jump rule
    private readonly List<ImpactForecast> _superseded = []; // settled forecasts a jump left behind, to their impact time
    private readonly HashSet<int> _preAlertedTracks = [];
    private double _lastPlanSeconds = double.NegativeInfinity;
    private readonly double[] _gaps = new double[8]; // the planner's last gaps between cycles, s
    private int _gapCount;
    private Engagement.ThreatEvaluator? _evaluator;

    /// <summary>The policy in force.</summary>
    public AlertPlannerSettings Settings => _settings;

    /// <summary>
    /// How long before an impact the planner may first alert for it, s: the latency margin and the longest time to
    /// shelter of the map. A forecast whose impact is farther ahead alerts nothing yet.
    /// </summary>
    public double LongestLeadSeconds => _longestLead ??= _settings.MarginSeconds + areas.Areas.Select(a => (double)a.CountdownSeconds).DefaultIfEmpty(0).Max();

    private double? _longestLead;

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

    /// <summary>
    /// The alerts to issue at <paramref name="nowSeconds"/> for the latest forecasts; a track's burn envelope (its
    /// hypotheses, <see cref="ImpactForecast.IsEnvelope"/>) is planned as one mixture after the forecasts.
    /// </summary>
    public IReadOnlyList<AlertIssued> Plan(double nowSeconds, IEnumerable<ImpactForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        if (_settings.JumpChiSquared > 0)
        {
            forecasts = WithSuperseded(nowSeconds, forecasts);
        }

        // The planner's next cycle may come as late as the longest of its last gaps (at most a second; scans of several
        // radars come in bunches): a young envelope holds back only areas whose deadline comes that long after its youth
        // ends (ImpactForecast.EnvelopeMinCountdownAt).
        _gaps[_gapCount++ % _gaps.Length] = double.IsNegativeInfinity(_lastPlanSeconds) ? 0 : Math.Clamp(nowSeconds - _lastPlanSeconds, 0, 1);
        _lastPlanSeconds = nowSeconds;
        double cycle = _gaps.Max();
        List<AlertIssued> alerts = [];
        HashSet<int> issuedNow = [];
        List<ImpactForecast>? envelopes = null;
        foreach (ImpactForecast forecast in forecasts)
        {
            if (forecast.IsEnvelope)
            {
                (envelopes ??= []).Add(forecast);
                continue;
            }

            double advance = Math.Min(_settings.ImpactTimeSigmas * forecast.ImpactTimeSigmaSeconds, _settings.MaxImpactTimeAdvanceSeconds);
            Engagement.ThreatEvaluator.Frame? frame = null;
            AlertAreaMap.EllipseQuery? core = null;
            foreach (AlertArea area in AtDeadline(forecast, forecast.ImpactTimeSeconds - advance - nowSeconds - _settings.MarginSeconds, nowSeconds, cycle))
            {
                bool inCore = _settings.MinAreaProbability > 0 && _settings.CoreContainment > 0
                    && (core ??= areas.Query(forecast.Region(_settings.CoreContainment))).Meets(area);
                if (_settings.MinAreaProbability > 0 && (!inCore || _settings.CoreOnlyAdds))
                {
                    // The forecast's frame once per forecast, and only when an area has come to its deadline.
                    _evaluator ??= new Engagement.ThreatEvaluator(areas);
                    frame ??= Engagement.ThreatEvaluator.FrameOf(forecast);
                    if (!_evaluator.AreaProbabilityAtLeast(frame.Value, area, _settings.MinAreaProbability, out double mass))
                    {
                        if (inCore)
                        {
                            AlertByCore(forecast.TrackId, area.Id);
                        }

                        if (_settings.ResidualProbability > 0)
                        {
                            _heldBack.Add((mass, area.Id)); // a held-back area's count is complete: its mass itself
                        }

                        continue;
                    }
                }

                Issue(forecast.TrackId, area.Id);
            }

            if (_heldBack.Count > 0)
            {
                AlertMostProbable(forecast.TrackId, _settings.ResidualProbability);
            }
        }

        if (envelopes is not null)
        {
            foreach (IGrouping<int, ImpactForecast> envelope in envelopes.GroupBy(f => f.TrackId))
            {
                PlanEnvelope(envelope.Key, [.. envelope]);
            }
        }

        return alerts;

        // A burn envelope's hypotheses together (BurnEnvelope): an area comes to its deadline under a hypothesis (that
        // hypothesis' time, its own margin, and only if the burnout's forecast would be too late for it); it is alerted
        // if the envelope as a whole — the hypotheses' probabilities times their mass in the area — puts at least the
        // mass rule's probability in it, and the residual rule bounds what is held back, over the whole envelope.
        void PlanEnvelope(int track, List<ImpactForecast> hypotheses)
        {
            _due.Clear();
            foreach (ImpactForecast h in hypotheses)
            {
                foreach (AlertArea area in AtDeadline(h, h.ImpactTimeSeconds - nowSeconds - h.EnvelopeMarginSeconds, nowSeconds, cycle))
                {
                    _due[area.Id] = area;
                }
            }

            if (_due.Count == 0)
            {
                return;
            }

            if (!(_settings.MinAreaProbability > 0))
            {
                foreach (int id in _due.Keys.Order())
                {
                    Issue(track, id);
                }

                return;
            }

            // The mixture's mass in each area due: every hypothesis whose wide region reaches the area adds its share.
            _evaluator ??= new Engagement.ThreatEvaluator(areas);
            _mixture.Clear();
            foreach (ImpactForecast h in hypotheses)
            {
                Engagement.ThreatEvaluator.Frame? frame = null;
                _touched.Clear();
                areas.VisitIntersecting(h.Region(MixtureContainment), _touch ??= _touched.Add);
                foreach (AlertArea area in _touched)
                {
                    if (_due.ContainsKey(area.Id))
                    {
                        frame ??= Engagement.ThreatEvaluator.FrameOf(h);
                        _mixture[area.Id] = _mixture.GetValueOrDefault(area.Id) + (h.EnvelopeWeight * _evaluator.AreaProbability(frame.Value, area));
                    }
                }
            }

            double envelopeResidual = _settings.EnvelopeResidualProbability ?? _settings.ResidualProbability;
            List<AlertAreaMap.EllipseQuery>? cores = null;
            foreach (int id in _due.Keys.Order())
            {
                double mass = _mixture.GetValueOrDefault(id);
                if (mass >= _settings.MinAreaProbability)
                {
                    Issue(track, id);
                    continue;
                }

                // An area in a core is alerted and still counted among those the mass test held back, in this cycle and
                // the next (AtDeadline gives it back until the mass or the residual rule would have alerted it), so
                // that the residual rule alerts what it would without the core rule: the rule only adds. An area it
                // alerted before is not asked again.
                if (InACore(id))
                {
                    AlertByCore(track, id);
                }

                if (envelopeResidual > 0)
                {
                    _heldBack.Add((mass, id));
                }
            }

            if (_heldBack.Count > 0)
            {
                AlertMostProbable(track, envelopeResidual);
            }

            // The hypotheses' cores prepared once per envelope, and only when an area falls under the mass test.
            bool InACore(int id)
            {
                if (!_settings.EnvelopeCore || !(_settings.CoreContainment > 0))
                {
                    return false;
                }

                if (_alerted.Contains((track, id)))
                {
                    return false;
                }

                cores ??= [.. hypotheses.Select(h => areas.Query(h.Region(_settings.CoreContainment)))];
                AlertArea area = _due[id];
                return cores.Exists(c => c.Meets(area));
            }
        }

        // An area a core rule alerts while the mass test holds it back: alerted once, and still counted by the residual
        // rule (AtDeadline gives it back) until the mass or the residual rule would have alerted it.
        void AlertByCore(int track, int area)
        {
            if (_alerted.Add((track, area)))
            {
                _coreOnly.Add((track, area));
                Emit(area);
            }
        }

        // An area a core rule alerted alone is not alerted again: the rule it now meets takes it over.
        void Issue(int track, int area)
        {
            if (_alerted.Add((track, area)))
            {
                Emit(area);
            }
            else
            {
                _coreOnly.Remove((track, area));
            }
        }

        void Emit(int area)
        {
            if (issuedNow.Add(area))
            {
                alerts.Add(new AlertIssued(nowSeconds, area));
            }
        }

        // Of the areas at their deadline that the mass test held back, the most probable (ties by id) until what is
        // left holds at most the residual probability (so every area holding more than it is alerted).
        void AlertMostProbable(int track, double residual)
        {
            double left = _heldBack.Sum(h => h.Probability);
            if (left > residual)
            {
                _heldBack.Sort((a, b) => b.Probability != a.Probability ? b.Probability.CompareTo(a.Probability) : a.Area.CompareTo(b.Area));
                foreach ((double probability, int area) in _heldBack)
                {
                    if (left <= residual)
                    {
                        break;
                    }

                    Issue(track, area);
                    left -= probability;
                }
            }

            _heldBack.Clear();
        }
    }

    /// <summary>
    /// The forecasts and, after them, the settled forecasts that jumps have superseded (<see cref="AlertPlannerSettings.JumpChiSquared"/>)
    /// whose impact is still ahead. A track's forecast is new when it is not the one the planner last saw of it.
    /// </summary>
    private List<ImpactForecast> WithSuperseded(double nowSeconds, IEnumerable<ImpactForecast> forecasts)
    {
        List<ImpactForecast> all = [.. forecasts];
        foreach (ImpactForecast f in all)
        {
            if (f.IsEnvelope)
            {
                continue;
            }

            if (!_history.TryGetValue(f.TrackId, out (ImpactForecast Last, double FirstSeconds, bool Jumped) h))
            {
                _history[f.TrackId] = (f, f.TimeSeconds, false);
            }
            else if (!ReferenceEquals(h.Last, f))
            {
                bool jump = h.Last.DistanceSquaredTo(f) > _settings.JumpChiSquared;
                if (jump && !h.Jumped && f.TimeSeconds - h.FirstSeconds >= _settings.JumpSettledSeconds - 1e-9)
                {
                    _superseded.Add(h.Last);
                }

                _history[f.TrackId] = (f, h.FirstSeconds, jump);
            }
        }

        _superseded.RemoveAll(f => f.ImpactTimeSeconds < nowSeconds);
        if (_history.Count > 2 * all.Count + 64)
        {
            // Tracks whose last forecast has landed are forgotten (the defense core drops such forecasts too).
            foreach (int gone in _history.Where(kv => kv.Value.Last.ImpactTimeSeconds < nowSeconds).Select(kv => kv.Key).ToList())
            {
                _history.Remove(gone);
            }
        }

        all.AddRange(_superseded);
        return all;
    }

    /// <summary>
    /// The areas of a forecast's region (at the policy's containment) that have come to their deadline and that its
    /// track has not alerted yet, in the region's order: <paramref name="timeLeft"/> (the time left to the forecast's
    /// impact less the margin), shifted to each area's own impact time, no more than its time to shelter — and, for a
    /// burn envelope's hypothesis, only areas whose time to shelter exceeds <see cref="ImpactForecast.EnvelopeMinCountdownAt"/> now, a planner's cycle of <paramref name="cycleSeconds"/> ahead.
    /// The list is reused by the next call.
    /// </summary>
    private List<AlertArea> AtDeadline(ImpactForecast forecast, double timeLeft, double nowSeconds, double cycleSeconds)
    {
        _atDeadline.Clear();
        double minCountdown = forecast.EnvelopeMinCountdownAt(nowSeconds, cycleSeconds);
        ImpactTimeByPlace byPlace = _settings.ConditionalImpactTime ? new ImpactTimeByPlace(forecast, _settings.ContainmentProbability) : default;
        GroundEllipse region = forecast.Region(_settings.ContainmentProbability);
        if (timeLeft + byPlace.LeastShift > areas.MaxCountdownNear(region))
        {
            return _atDeadline; // no area near the region has come to its deadline (the test below, bounded): nothing to ask yet
        }

        _touched.Clear();
        areas.VisitIntersecting(region, _touch ??= _touched.Add);
        foreach (AlertArea area in _touched)
        {
            if (timeLeft + byPlace.EarliestShift(areas.ContainmentOf(area).Bounds) > area.CountdownSeconds || area.CountdownSeconds <= minCountdown
                || (_alerted.Contains((forecast.TrackId, area.Id)) && !_coreOnly.Contains((forecast.TrackId, area.Id))))
            {
                continue;
            }

            _atDeadline.Add(area);
        }

        return _atDeadline;
    }
}

/// <summary>
/// The impact time as a function of the landing point, linear in longitude and latitude (s per degree, from
/// <see cref="ImpactForecast.ImpactTimeGradient"/>), and the earliest shift it gives an area: the minimum of the linear
/// function over the area's bounding box (a corner; no later than over the polygon), bounded below by its minimum over
/// the forecast's confidence region, which the area meets. The default value shifts nothing.
/// </summary>
internal readonly struct ImpactTimeByPlace
{
    private readonly double _lon0, _lat0, _perLon, _perLat, _reach;

    public ImpactTimeByPlace(ImpactForecast forecast, double containment)
    {
        (double perEast, double perNorth) = forecast.ImpactTimeGradient();
        LocalProjection projection = new(forecast.ImpactPoint.LatitudeDegrees, forecast.ImpactPoint.LongitudeDegrees);
        _lon0 = forecast.ImpactPoint.LongitudeDegrees;
        _lat0 = forecast.ImpactPoint.LatitudeDegrees;
        _perLon = perEast * projection.MetersPerDegreeEast;
        _perLat = perNorth * projection.MetersPerDegreeNorth;

        // Over the ellipse dᵀΣ⁻¹d ≤ s², g·d ranges over ±s √(gᵀΣg).
        double gSg = (perEast * perEast * forecast.EastVariance) + (2 * perEast * perNorth * forecast.EastNorthCovariance) + (perNorth * perNorth * forecast.NorthVariance);
        _reach = ImpactForecast.RegionScale(containment) * Math.Sqrt(Math.Max(gSg, 0));
    }

    /// <summary>A lower bound of <see cref="EarliestShift"/> over every area (s, ≤ 0): the minimum over the confidence region.</summary>
    public double LeastShift => -_reach;

    /// <summary>
    /// The earliest impact time in an area (its bounding box; none: no shift) less the forecast's, s (≤ 0 for an area that
    /// holds the forecast point).
    /// </summary>
    public double EarliestShift(LonLatBox? bounds)
    {
        if (_reach == 0 || bounds is not { } box)
        {
            return 0;
        }

        double centre = (_perLon * (((box.MinLon + box.MaxLon) / 2) - _lon0)) + (_perLat * (((box.MinLat + box.MaxLat) / 2) - _lat0));
        double shift = centre - (Math.Abs(_perLon) * (box.MaxLon - box.MinLon) / 2) - (Math.Abs(_perLat) * (box.MaxLat - box.MinLat) / 2);
        return Math.Max(shift, -_reach);
    }
}
