using Dome.Defense.Alerting;
using Dome.Defense.Engagement;
using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense;

/// <summary>
/// The operational core as built so far: the tracker, the impact predictor and (when given one) the alert planner.
/// Each cycle it tracks the new plots, forecasts the impact of every confirmed track and plans the shelter alerts.
/// Not thread-safe (one instance per run).
/// </summary>
public sealed class DefenseCore(TrackerSettings? settings = null, AlertPlanner? alertPlanner = null, ZoneBaselinePlanner? baselinePlanner = null, BattleManager? battleManager = null) : IDefenseCore
{
    private readonly Dictionary<int, double> _lastForecast = [];
    private readonly SortedDictionary<int, ImpactForecast> _latest = [];
    private readonly Dictionary<int, Track> _live = []; // the tracker's tracks by id, as of the last cycle
    private readonly Dictionary<int, IReadOnlyList<ImpactForecast>> _envelopes = []; // burning tracks' burn envelopes
    private readonly Dictionary<int, double> _lastEnvelope = [];
    private readonly Dictionary<int, double> _firstForecast = [];
    private readonly Dictionary<int, int> _mergedInto = []; // a twin track id → the track it was merged into
    private readonly HashSet<int> _strayForecast = []; // tracks whose latest forecast came of a drag no rocket has
    private Tracker? _tracker;

    /// <summary>The forecast cycle: a confirmed track is forecast at most this often, s (the radars' revisit); +∞ turns forecasting off.</summary>
    public double ForecastIntervalSeconds { get; init; } = 1.0;

    /// <summary>
    /// Within this long of its confirmation, and of its first forecast, a track is forecast at every plot it takes, s: a
    /// young forecast changes most from one plot to the next (the third plot of a track confirmed on two; the plots
    /// after the burnout of a track held while its motor burned, <see cref="HoldWhileBurning"/>), and its areas'
    /// deadlines are often that close. 0: the forecast cycle alone.
    /// </summary>
    public double YoungTrackSeconds { get; init; } = 1.0;

    /// <summary>
    /// No forecast while a track's motor evidently burns (<see cref="Track.MotorBurning"/>): the predictor flies a state
    /// ballistically, and a motor that burns on for seconds puts the rocket tens of km beyond that, outside the region
    /// (a Fajr-5 burns 4.5 s). The track's forecasts start at its first plot after the burn. Position-only radars
    /// rarely show a burn in the first second of a track; a pulse-Doppler radar's range rates show it at once. On by
    /// default, as measured with common random numbers (README, "Alert planning"): it cuts unneeded alerts by 1–20%, and
    /// the short flights it leaves late (not achievable by the metric) had been covered by chance, before their own
    /// tracks existed, by the areas another rocket's short forecast alerted while that rocket's motor burned.
    /// </summary>
    public bool HoldWhileBurning { get; init; } = true;

    /// <summary>
    /// With <see cref="HoldWhileBurning"/>, the forecast also waits while the boost mode holds at least this probability
    /// (<see cref="Track.BoostProbability"/>), the motor not evidently out. A radar a few km from the launch sees a rocket
    /// in its first second, when two plots' range rates cannot tell a burning motor from a coasting one (a Fajr-5's
    /// first pair gave the boost mode 0.37): at 0.5 and above only evident burns hold, and such a track's forecasts
    /// start mid-burn, tens of km short. 1 turns this off. A position-only radar's new track starts at the prior (0.5,
    /// <see cref="TrackerSettings.InitialBoostProbability"/>) and is held until its plots bring the boost mode under this.
    /// 0.3 measured with common random numbers against 1 (README, "Alert planning"): no achievable threat later, 1–11%
    /// fewer unneeded area alerts, forecasts' containment nearer its nominal. 0.1 since the fifteenth session: at 0.3 a
    /// Fajr-5 fired across the radars' lines of sight still had its boost mode fall to 0.08–0.29 mid-burn (31% of the
    /// Fajr-5s' first forecasts in a seeded gaza-2021 run lay outside their own 99% region, 40–67 km short; 9% at 0.1),
    /// for a short motor's first forecast about 0.35 s later (README, "Alert planning"). And a rocket fired flat may land
    /// held: a Grad at 4.7° (20 m at its apogee, 4.8 s of flight) tracked 1.5 s before its impact kept its boost mode over
    /// 0.1 to the end and alerted nobody (gaza-2021, one in 200 runs; not achievable by the metric; 0.5 s before its
    /// impact at 0.3).
    /// </summary>
    public double HoldBoostProbability { get; init; } = 0.1;

    /// <summary>
    /// Whether a track's drag parameter k is one a rocket of the catalog may have, at 3σ of its estimate: not below 0
    /// (drag never pushes; since the tracker's <see cref="DragConstraint"/> holds every estimate at k ≥ 0 this bound is a
    /// guard only) and not above <see cref="GreatestDragParameter"/>. A track that has taken another rocket's
    /// plots, or whose boost's unexplained push went into k, shows it there: in `--seed 224767209100625057` 37 of 167,112
    /// forecasts had a k under 0 or over 2 × 10⁻⁴ m²/kg, and 34 of them lay outside their own 99% region (against 0.3%
    /// of the rest). Such a forecast does not replace a track's last forecast of a rocket's drag: in `dome run gaza-2021
    /// --seed 625366811525484613` of the eighteenth session a Grad-ER's track, its rocket intercepted, coasted 5.7 s
    /// and took a plot of another rocket (k −7.3 × 10⁻⁴), and its forecast 29 km away took the place of the one that had
    /// the area of the impact a rocket would have made — its alert was never given.
    /// </summary>
    internal static bool DragOfARocket(Track track)
    {
        double k = track.DragParameter;
        double sigma = Math.Sqrt(Math.Max(track.Covariance[(BallisticMotionModel.DragIndex * BallisticMotionModel.Dimension) + BallisticMotionModel.DragIndex], 0));
        return k + (3 * sigma) >= 0 && k - (3 * sigma) <= GreatestDragParameter;
    }

    /// <summary>
    /// The greatest drag parameter of the catalog's rockets, m²/kg: k = Cd₀·A/m at burnout (the lightest, 1/β at low Mach)
    /// of its most draggy type at +3σ of its drag dispersion, twice over for the Mach curve a type's own differs from
    /// the generic one by (<see cref="LongBurnDragClass"/>).
    /// </summary>
    public static double GreatestDragParameter { get; } =
        RocketCatalog.All.Max(t => (1 + (6 * t.Dispersion.DragSigmaFraction)) / FlightBody.FromType(t).BallisticCoefficient(0));

    /// <summary>Whether a track's forecast waits (<see cref="HoldWhileBurning"/>, <see cref="HoldBoostProbability"/>).</summary>
    internal bool Holds(Track track) =>
        HoldWhileBurning && (track.MotorBurning || track.BoostProbability >= HoldBoostProbability);

    /// <summary>
    /// While a long motor's forecast waits for its burnout (<see cref="HoldWhileBurning"/>), the alert planner also works
    /// from its <see cref="BurnEnvelope"/>: the impacts of every burnout the catalog allows it, weighed by their
    /// probabilities, an area coming to its deadline under each. Only an area whose deadline comes before the burnout's
    /// forecast is alerted on it (a Fajr-5 of 93 s at a 90 s area). Once the track is forecast the envelope is dropped.
    /// Measured with common random numbers (README, "Alert planning"): every achievable threat of gaza-2021 on time, at
    /// 1–61% more unneeded area alerts where long motors fly.
    /// </summary>
    public bool AlertOnBurnEnvelope { get; init; } = true;

    /// <summary>
    /// Whether a young envelope's clock (<see cref="BurnEnvelope.Forecasts"/>) also reads the track's speed: the burn began
    /// no later than the fastest long motor the track may be needs to reach its least speed (a lower bound on the burn,
    /// Tsiolkovsky's), as well as no later than the boost was first seen. Off by default: measured in the README ("A boost
    /// seen late"), it warns a Fajr-5 whose boost was seen late for 13% more unneeded area alerts.
    /// </summary>
    public bool EnvelopeBurnFromSpeed { get; init; }

    /// <summary>
    /// How many σ of the path angle's error a young envelope reads its deadlines below the track's own angle, 0–1
    /// (<see cref="BurnEnvelope.Forecasts"/>): 0 reads them at the track's angle, 1 (the default) at the earliest of the
    /// hypotheses' tilts, the landing every other timing of the envelope reads. Measured in the README ("A path angle read
    /// steep"): at 0 two Fajr-5s of 200 gaza-2021 runs whose angles read 1.2° and 3.5° steep were late; 1 warns them, for
    /// 11–19% more unneeded area alerts where long motors fly.
    /// </summary>
    public double EnvelopeYoungAngleSigmas { get; init; } = 1;

    /// <summary>
    /// A burning track's envelope is made again at its plots at most this often, s: the deadlines it serves are seconds
    /// away, and the motor's evidence (how long it has burned, how fast the rocket goes) grows with every plot.
    /// </summary>
    public double EnvelopeIntervalSeconds { get; init; } = 0.25;

    /// <summary>The σ_t / t_go above which a forecast holds its sigma points' spread (<see cref="ImpactPredictor.SigmaPointTimeRatio"/>).</summary>
    public double SigmaPointTimeRatio { get; init; } = ImpactPredictor.SigmaPointTimeRatio;

    public DefenseCapabilities Capabilities { get; } = new(Tracking: true, Alerting: alertPlanner is not null, Engagement: battleManager is not null);

    /// <summary>The battle manager, when engagement is on.</summary>
    public BattleManager? BattleManager => battleManager;

    public Tracker Tracker => _tracker ?? throw new InvalidOperationException("Start has not been called.");

    /// <summary>The tracker's settings (those given, or the defaults).</summary>
    public TrackerSettings TrackerSettings => settings ?? TrackerSettings.Default;

    public void Start(IReadOnlyList<RadarSite> radars) => _tracker = new Tracker(radars, settings);

    /// <summary>Whether a threat's latest forecast (kept until its impact time, its track gone or not) is still ahead.</summary>
    public bool AwaitsImpacts(double timeSeconds) => _latest.Values.Any(f => f.ImpactTimeSeconds >= timeSeconds);

    public IReadOnlyList<(int TrackId, Vector3 Position)> ConfirmedTracks() =>
        [.. Tracker.Tracks.Where(t => t.Status == TrackStatus.Confirmed).Select(t => (t.Id, t.Position))];

    public bool TryGetUplink(int trackId, out TrackUplink uplink)
    {
        // An interceptor guided on a track merged into another as its twin flies on the survivor's estimate.
        for (int hops = 0; hops < 64 && _mergedInto.TryGetValue(trackId, out int survivor); hops++)
        {
            trackId = survivor;
        }

        if (_live.TryGetValue(trackId, out Track? t) && t.Status != TrackStatus.Deleted)
        {
            uplink = new TrackUplink(t.TimeSeconds, t.Position, t.Velocity);
            return true;
        }

        uplink = default;
        return false;
    }

    public IReadOnlyDictionary<int, EngagementNote> EngagementNotes => battleManager?.Notes ?? new Dictionary<int, EngagementNote>();

    public DefenseOutput Process(double timeSeconds, IReadOnlyList<RadarPlot> plots)
    {
        (IReadOnlyList<TrackEvent> events, IReadOnlyList<PlotAssignment> assignments) = Tracker.Process(plots);
        _live.Clear();
        foreach (Track t in Tracker.Tracks)
        {
            _live[t.Id] = t;
        }

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
                _firstForecast.Remove(e.TrackId);
                _strayForecast.Remove(e.TrackId);
                _envelopes.Remove(e.TrackId);
                _lastEnvelope.Remove(e.TrackId);
                if (e.MergedIntoTrackId is int survivor)
                {
                    // A twin's forecasts are its survivor's to make; its engagements and the interceptors guided on it
                    // are the survivor's too.
                    _latest.Remove(e.TrackId);
                    _mergedInto[e.TrackId] = survivor;
                    battleManager?.Merge(e.TrackId, survivor);
                }
            }
        }

        List<ImpactForecast> forecasts = [];
        HashSet<int> updated = [.. assignments.Select(a => a.TrackId)];
        foreach (Track t in Tracker.Tracks)
        {
            // A forecast each time a confirmed track takes a plot (between plots nothing new is known): at every plot
            // while the track is young, then once a forecast interval.
            if (double.IsPositiveInfinity(ForecastIntervalSeconds) || t.Status != TrackStatus.Confirmed || !updated.Contains(t.Id))
            {
                continue;
            }

            bool held = Holds(t);
            if (held && !(AlertOnBurnEnvelope && alertPlanner is not null && BurnEnvelope.MayApply(t)))
            {
                continue;
            }

            bool young = timeSeconds - Math.Max(t.ConfirmedAtSeconds ?? double.NegativeInfinity, _firstForecast.GetValueOrDefault(t.Id, double.NegativeInfinity))
                < YoungTrackSeconds - 1e-9;
            bool cycleDue = held
                ? timeSeconds - _lastEnvelope.GetValueOrDefault(t.Id, double.NegativeInfinity) >= EnvelopeIntervalSeconds - 1e-9
                : timeSeconds - _lastForecast.GetValueOrDefault(t.Id, double.NegativeInfinity) >= ForecastIntervalSeconds - 1e-9;
            if (!young && !cycleDue)
            {
                continue;
            }

            WindUncertainty wind = (settings ?? TrackerSettings.Default).UnknownWind;
            if (held)
            {
                // The planner asks the envelope again at the next cycle: hypotheses landing later than a cycle past the
                // longest lead are at no area's deadline before then.
                double horizon = timeSeconds + alertPlanner!.LongestLeadSeconds + EnvelopeIntervalSeconds + 1.0;
                _envelopes[t.Id] = BurnEnvelope.Forecasts(t, horizon, wind, SigmaPointTimeRatio, EnvelopeBurnFromSpeed, EnvelopeYoungAngleSigmas);
                _lastEnvelope[t.Id] = timeSeconds;
            }
            else if (ImpactPredictor.Forecast(t, wind, SigmaPointTimeRatio) is { } forecast)
            {
                bool rocket = DragOfARocket(t);
                if (!rocket && _latest.ContainsKey(t.Id) && !_strayForecast.Contains(t.Id))
                {
                    // The track's last forecast of a rocket's drag stands (the planner keeps it to its impact time).
                    _lastForecast[t.Id] = timeSeconds;
                    _envelopes.Remove(t.Id);
                    continue;
                }

                if (rocket)
                {
                    _strayForecast.Remove(t.Id);
                }
                else
                {
                    _strayForecast.Add(t.Id);
                }

                forecasts.Add(forecast);
                _lastForecast[t.Id] = timeSeconds;
                _firstForecast.TryAdd(t.Id, timeSeconds);
                _envelopes.Remove(t.Id);
            }
        }

        // The planner works from each threat's latest forecast, kept until its impact time: a track lost low under
        // the radar horizon still has areas to alert.
        foreach (ImpactForecast f in forecasts)
        {
            _latest[f.TrackId] = f;
        }

        foreach (int stale in _latest.Where(kv => kv.Value.ImpactTimeSeconds < timeSeconds).Select(kv => kv.Key).ToList())
        {
            _latest.Remove(stale);
        }

        foreach (int done in _envelopes.Where(kv => kv.Value.All(f => f.ImpactTimeSeconds < timeSeconds)).Select(kv => kv.Key).ToList())
        {
            _envelopes.Remove(done);
        }

        IReadOnlyList<AlertIssued> alerts = alertPlanner?.Plan(timeSeconds, _envelopes.Count == 0 ? _latest.Values : _latest.Values.Concat(_envelopes.Values.SelectMany(e => e))) ?? [];
        IReadOnlyList<AlertIssued> preAlerts = alertPlanner?.PreAlerts(timeSeconds, forecasts) ?? [];
        IReadOnlyList<EngagementOrder> orders = [];
        if (battleManager is not null)
        {
            List<(Track, ImpactForecast)> threats = [];
            foreach (ImpactForecast f in _latest.Values)
            {
                if (_live.TryGetValue(f.TrackId, out Track? t) && t.Status == TrackStatus.Confirmed)
                {
                    threats.Add((t, f));
                }
            }

            orders = battleManager.Cycle(timeSeconds, threats, _live);
        }

        return new DefenseOutput(alerts, confirmed, orders)
        {
            PreAlerts = preAlerts,
            Assignments = [.. assignments],
            Forecasts = forecasts,
            BaselineAlerts = baselinePlanner?.Plan(timeSeconds, forecasts) ?? [],
        };
    }
}
