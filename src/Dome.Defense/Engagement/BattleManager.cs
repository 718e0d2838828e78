using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Flight;

namespace Dome.Defense.Engagement;

/// <summary>The battle manager's knobs (the scenario's <c>policy.engagement</c>).</summary>
public sealed record EngagementSettings
{
    public InterceptorType Interceptor { get; init; } = InterceptorCatalog.Tamir;

    /// <summary>Interceptors fired together at a threat when there is no time to look between shots (doctrine: 2).</summary>
    public int InterceptorsPerThreat { get; init; } = 2;

    public double InterceptorCostUsd { get; init; } = 50_000;

    /// <summary>Multiplies the interceptor cost in the objective (0: fire at anything with any value).</summary>
    public double CostWeight { get; init; } = 1.0;

    /// <summary>
    /// The value of preventing one impact in a populated area, USD. With the interceptor cost it sets the threshold: a
    /// shot is worth firing when P(protected) × this × (the shot's kill probability) × (the chance the threat is still
    /// alive) exceeds the weighted cost.
    /// </summary>
    public double ProtectedValueUsd { get; init; } = 120_000;

    /// <summary>
    /// Above this P(protected) a threat is engaged as soon as a battery can reach it; below it the battle manager waits for
    /// a sharper forecast until the last moment that still leaves time to look and shoot again.
    /// </summary>
    public double ConfidentProbability { get; init; } = 0.9;

    /// <summary>Time after a planned intercept before the radar picture tells a kill from a miss, s.</summary>
    public double KillAssessmentSeconds { get; init; } = 2.0;

    /// <summary>The battle manager's cycle (the radars' revisit), s: an order must not wait for a cycle that comes too late.</summary>
    public double CycleSeconds { get; init; } = 1.0;
}

/// <summary>Why a track was or was not engaged (the last word of the battle manager on it).</summary>
public enum EngagementNote
{
    /// <summary>Its expected protected value does not pay for an interceptor (open ground, or too uncertain).</summary>
    NotWorthAnInterceptor,

    /// <summary>Worth engaging, waiting for a sharper forecast while there is time to shoot, look and shoot.</summary>
    Waiting,

    /// <summary>No battery can reach it within the envelope (too short, too low, too far, too late).</summary>
    OutsideEnvelope,

    /// <summary>Reachable, but no battery that reaches it has a loaded launcher and a free guidance channel.</summary>
    NoInterceptorAvailable,

    /// <summary>Interceptors fired.</summary>
    Engaged,

    /// <summary>The radar picture says it was destroyed.</summary>
    AssessedKilled,
}

/// <summary>
/// Battle management and weapon control: each cycle, from the confirmed tracks and their forecasts, it evaluates the
/// threats (probability mass on the protected areas), plans intercepts for every battery (<see cref="InterceptPlanner"/>),
/// assigns interceptors across batteries by greedy maximum marginal return — expected protected value saved minus the
/// weighted interceptor cost — under inventory and guidance channels, improves the assignment by moving shots to better
/// batteries, and applies the doctrine: shoot-look-shoot when the window leaves time to assess the first shot,
/// <see cref="EngagementSettings.InterceptorsPerThreat"/> at once when it does not; kill assessment from the radar
/// picture (a killed rocket's track stops being updated) and re-engagement after a miss. Not thread-safe (one per run).
/// </summary>
public sealed class BattleManager
{
    private readonly ThreatEvaluator _evaluator;
    private readonly BatteryState[] _batteries;
    private readonly Dictionary<int, EngagementState> _engagements = [];
    private readonly Dictionary<int, (double Time, ThreatAssessment Assessment)> _assessed = [];
    private readonly Dictionary<int, (double Time, TargetPath Path)> _paths = [];
    private readonly Dictionary<int, EngagementNote> _notes = [];
    private readonly HashSet<int> _waitedInWindow = [];
    private double _lastCycle = double.NegativeInfinity;

    public BattleManager(IReadOnlyList<BatterySite> batteries, ThreatEvaluator evaluator, EngagementSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(batteries);
        ArgumentNullException.ThrowIfNull(evaluator);
        Settings = settings ?? new EngagementSettings();
        _evaluator = evaluator;
        _batteries = [.. batteries.Select(b => new BatteryState(b, new InterceptPlanner(b, Settings.Interceptor)))];
    }

    public EngagementSettings Settings { get; }

    /// <summary>The batteries and their state.</summary>
    public IReadOnlyList<BatteryStatus> Batteries => [.. _batteries.Select(b => new BatteryStatus(b.Site.Id, b.Loaded.Sum(), b.Fired))];

    /// <summary>The last note on each track the battle manager looked at.</summary>
    public IReadOnlyDictionary<int, EngagementNote> Notes => _notes;

    /// <summary>
    /// One cycle at <paramref name="nowSeconds"/>: <paramref name="threats"/> are the confirmed tracks with their latest
    /// forecast; <paramref name="tracks"/> every live track by id (for kill assessment). Returns the orders to execute now.
    /// </summary>
    public IReadOnlyList<EngagementOrder> Cycle(double nowSeconds, IReadOnlyList<(Track Track, ImpactForecast Forecast)> threats, IReadOnlyDictionary<int, Track> tracks)
    {
        ArgumentNullException.ThrowIfNull(threats);
        ArgumentNullException.ThrowIfNull(tracks);
        if (nowSeconds < _lastCycle + Settings.CycleSeconds - 1e-6)
        {
            return [];
        }

        _lastCycle = nowSeconds;
        foreach (BatteryState b in _batteries)
        {
            b.Reload(nowSeconds);
        }

        AssessKills(nowSeconds, tracks);
        // Deleted tracks' cached paths and values are never needed again.
        foreach (int gone in _paths.Keys.Where(id => !tracks.ContainsKey(id)).ToList())
        {
            _paths.Remove(gone);
            _assessed.Remove(gone);
        }

        List<Candidate> candidates = [];
        foreach ((Track track, ImpactForecast forecast) in threats)
        {
            if (Consider(nowSeconds, track, forecast) is { } c)
            {
                candidates.Add(c);
            }
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        List<(int Candidate, int Battery)> shots = Assign(nowSeconds, candidates);
        return Fire(nowSeconds, candidates, shots);
    }

    /// <summary>
    /// A track deleted as the twin of another (one rocket followed twice): what was engaged on it — interceptors in flight,
    /// shots, misses, a kill — goes to the track it was merged into, so the shots in flight are assessed on the rocket's
    /// surviving track instead of being taken for a kill, and the rocket is not engaged again before they arrive.
    /// </summary>
    public void Merge(int twinTrackId, int survivorTrackId)
    {
        _paths.Remove(twinTrackId);
        if (!_engagements.Remove(twinTrackId, out EngagementState? twin))
        {
            return;
        }

        if (_engagements.TryGetValue(survivorTrackId, out EngagementState? survivor))
        {
            survivor.InFlight.AddRange(twin.InFlight);
            survivor.Fired += twin.Fired;
            survivor.Misses += twin.Misses;
            survivor.Killed |= twin.Killed;
        }
        else
        {
            _engagements[survivorTrackId] = twin;
        }
    }

    private void AssessKills(double now, IReadOnlyDictionary<int, Track> tracks)
    {
        foreach ((int trackId, EngagementState e) in _engagements)
        {
            if (e.Killed || e.InFlight.Count == 0)
            {
                continue;
            }

            double due = e.InFlight.Min(s => s.InterceptTime);
            if (now < due + Settings.KillAssessmentSeconds)
            {
                continue;
            }

            // A rocket that was hit stops giving plots: its track is deleted or no longer updated after the intercept.
            bool alive = tracks.TryGetValue(trackId, out Track? t) && t.Status != TrackStatus.Deleted && t.LastUpdateSeconds > due + 0.5;
            if (!alive)
            {
                e.Killed = true;
                e.InFlight.Clear();
                _notes[trackId] = EngagementNote.AssessedKilled;
            }
            else
            {
                e.InFlight.RemoveAll(s => s.InterceptTime <= due + 1e-9);
                e.Misses++;
            }
        }
    }

    private Candidate? Consider(double now, Track track, ImpactForecast forecast)
    {
        EngagementState e = _engagements.TryGetValue(track.Id, out EngagementState? found) ? found : new EngagementState();
        if (e.Killed || forecast.ImpactTimeSeconds <= now)
        {
            return null;
        }

        // Geometry first (cheap): the path, and every battery's window on it.
        if (!_paths.TryGetValue(track.Id, out var path) || track.TimeSeconds - path.Time >= Settings.CycleSeconds - 1e-6)
        {
            path = (track.TimeSeconds, TargetPath.Predict(track, Settings.Interceptor.MinInterceptAltitudeMeters));
            _paths[track.Id] = path;
        }

        List<(int Battery, InterceptPlan Plan)> plans = [];
        double latest = double.NegativeInfinity;
        for (int b = 0; b < _batteries.Length; b++)
        {
            if (_batteries[b].Planner.Plan(path.Path, now) is { } plan)
            {
                plans.Add((b, plan));
                latest = Math.Max(latest, plan.LatestLaunchSeconds);
            }
        }

        if (plans.Count == 0)
        {
            Note(track.Id, e.InFlight.Count > 0 ? EngagementNote.Engaged : EngagementNote.OutsideEnvelope);
            return null;
        }

        // Shoot-look-shoot is possible while some battery can still launch after this shot has been assessed.
        double lookDeadline = plans.Max(p => p.Plan.LatestLaunchInterceptingBy(latest - Settings.KillAssessmentSeconds) ?? double.NegativeInfinity);
        if (e.InFlight.Count > 0 && e.InFlight.Min(s => s.InterceptTime) + Settings.KillAssessmentSeconds <= latest)
        {
            // Shots in the air whose assessment still leaves a launch: look first.
            Note(track.Id, EngagementNote.Engaged);
            return null;
        }

        List<(int Battery, InterceptPlan Plan)> ready = [.. plans.Where(p => p.Plan.LaunchTimeSeconds <= now + 1e-9)];
        if (ready.Count == 0)
        {
            Note(track.Id, e.InFlight.Count > 0 ? EngagementNote.Engaged : EngagementNote.Waiting);
            return null;
        }

        // Then the threat's value (the costly step), once per forecast.
        if (!_assessed.TryGetValue(track.Id, out var cached) || cached.Time != forecast.TimeSeconds)
        {
            cached = (forecast.TimeSeconds, _evaluator.Evaluate(forecast));
            _assessed[track.Id] = cached;
        }

        double value = cached.Assessment.ExpectedValue * Settings.ProtectedValueUsd;
        double cost = Settings.InterceptorCostUsd * Settings.CostWeight;
        double survival = e.InFlight.Aggregate(1.0, (q, s) => q * (1 - s.Pk));
        if (value * InterceptPlanner.MaxKillProbability * survival <= cost)
        {
            Note(track.Id, e.InFlight.Count > 0 ? EngagementNote.Engaged : EngagementNote.NotWorthAnInterceptor);
            return null;
        }

        int allowed;
        if (e.InFlight.Count > 0)
        {
            // The shots in the air cannot be assessed in time for another launch: complete the salvo now.
            allowed = Settings.InterceptorsPerThreat - e.InFlight.Count;
        }
        else if (now <= lookDeadline)
        {
            bool confident = cached.Assessment.ProtectedProbability >= Settings.ConfidentProbability;
            bool lastChance = now + Settings.CycleSeconds > lookDeadline;
            if (!(confident || lastChance))
            {
                Note(track.Id, EngagementNote.Waiting);
                _waitedInWindow.Add(track.Id);
                return null;
            }

            allowed = 1;
        }
        else
        {
            allowed = Settings.InterceptorsPerThreat;
        }

        if (allowed <= 0)
        {
            Note(track.Id, EngagementNote.Engaged);
            return null;
        }

        _engagements[track.Id] = e;
        return new Candidate(track.Id, e, value, survival, allowed, ready);
    }

    private List<(int Candidate, int Battery)> Assign(double now, List<Candidate> candidates)
    {
        double cost = Settings.InterceptorCostUsd * Settings.CostWeight;
        int[] capacity = [.. _batteries.Select(b => Math.Min(b.Loaded.Sum(), b.FreeChannels(now)))];
        // Greedy maximum marginal return with a lazy priority queue: a popped gain that is stale (its threat got a shot,
        // or its battery ran out) is recomputed and pushed back. Ties break on (candidate, battery) for determinism.
        PriorityQueue<(int C, int B, int Option), (double NegGain, int C, int B)> queue = new();
        for (int c = 0; c < candidates.Count; c++)
        {
            for (int o = 0; o < candidates[c].Plans.Count; o++)
            {
                (int b, InterceptPlan plan) = candidates[c].Plans[o];
                double gain = (candidates[c].Value * candidates[c].Survival * plan.KillProbability) - cost;
                if (gain > 0 && capacity[b] > 0)
                {
                    queue.Enqueue((c, b, o), (-gain, c, b));
                }
            }
        }

        List<(int Candidate, int Battery)> shots = [];
        int[] taken = new int[candidates.Count];
        while (queue.TryDequeue(out (int C, int B, int Option) item, out (double NegGain, int C, int B) priority))
        {
            Candidate cand = candidates[item.C];
            if (capacity[item.B] <= 0 || taken[item.C] >= cand.Allowed)
            {
                continue;
            }

            double gain = (cand.Value * cand.Survival * cand.Plans[item.Option].Plan.KillProbability) - cost;
            if (gain <= 0)
            {
                continue;
            }

            if (gain < -priority.NegGain - 1e-9)
            {
                queue.Enqueue(item, (-gain, item.C, item.B));
                continue;
            }

            shots.Add((item.C, item.B));
            taken[item.C]++;
            capacity[item.B]--;
            cand.Survival *= 1 - cand.Plans[item.Option].Plan.KillProbability;
        }

        // Local improvement: move a shot to a battery with spare capacity and a better kill probability for its threat.
        for (int s = 0; s < shots.Count; s++)
        {
            Candidate cand = candidates[shots[s].Candidate];
            double current = cand.Plans.First(p => p.Battery == shots[s].Battery).Plan.KillProbability;
            foreach ((int b, InterceptPlan plan) in cand.Plans)
            {
                if (capacity[b] > 0 && plan.KillProbability > current + 1e-9)
                {
                    capacity[b]--;
                    capacity[shots[s].Battery]++;
                    shots[s] = (shots[s].Candidate, b);
                    current = plan.KillProbability;
                }
            }
        }

        foreach (Candidate cand in candidates)
        {
            Note(cand.TrackId, EngagementNote.NoInterceptorAvailable);
        }

        return shots;
    }

    private List<EngagementOrder> Fire(double now, List<Candidate> candidates, List<(int Candidate, int Battery)> shots)
    {
        List<EngagementOrder> orders = [];
        foreach (var group in shots.GroupBy(s => s))
        {
            Candidate cand = candidates[group.Key.Candidate];
            BatteryState battery = _batteries[group.Key.Battery];
            InterceptPlan plan = cand.Plans.First(p => p.Battery == group.Key.Battery).Plan;
            int n = group.Count();
            for (int i = 0; i < n; i++)
            {
                battery.Take(now, plan.InterceptTimeSeconds + Settings.KillAssessmentSeconds);
                cand.Engagement.InFlight.Add((plan.InterceptTimeSeconds, plan.KillProbability));
            }

            cand.Engagement.Fired += n;
            _notes[cand.TrackId] = EngagementNote.Engaged;
            orders.Add(new EngagementOrder(now, battery.Site.Id, cand.TrackId, n)
            {
                InterceptTimeSeconds = plan.InterceptTimeSeconds,
                InterceptPoint = plan.InterceptPoint,
                KillProbability = plan.KillProbability,
            });
        }

        return orders;
    }

    /// <summary>
    /// Records the battle manager's word on a track. A closing window does not erase why the threat was not engaged
    /// while it was open: "outside the envelope" does not replace no interceptor, not worth one, or waiting for a sharper
    /// forecast with the window open (waiting for a window that never opened is geometry).
    /// </summary>
    private void Note(int trackId, EngagementNote note)
    {
        if (note == EngagementNote.OutsideEnvelope && _notes.TryGetValue(trackId, out EngagementNote previous)
            && (previous is EngagementNote.NoInterceptorAvailable or EngagementNote.NotWorthAnInterceptor
                || (previous == EngagementNote.Waiting && _waitedInWindow.Contains(trackId))))
        {
            return;
        }

        _notes[trackId] = note;
    }

    private sealed class Candidate(int trackId, EngagementState engagement, double value, double survival, int allowed, List<(int Battery, InterceptPlan Plan)> plans)
    {
        public int TrackId { get; } = trackId;

        public EngagementState Engagement { get; } = engagement;

        public double Value { get; } = value;

        public double Survival { get; set; } = survival;

        public int Allowed { get; } = allowed;

        public List<(int Battery, InterceptPlan Plan)> Plans { get; } = plans;
    }

    private sealed class EngagementState
    {
        public List<(double InterceptTime, double Pk)> InFlight { get; } = [];

        public bool Killed { get; set; }

        public int Fired { get; set; }

        public int Misses { get; set; }
    }

    private sealed class BatteryState
    {
        private readonly List<double> _busyUntil = [];

        public BatteryState(BatterySite site, InterceptPlanner planner)
        {
            Site = site;
            Planner = planner;
            Loaded = [.. Enumerable.Repeat(site.InterceptorsPerLauncher, site.Launchers)];
            ReloadedAt = new double[site.Launchers];
        }

        public BatterySite Site { get; }

        public InterceptPlanner Planner { get; }

        public int[] Loaded { get; }

        public double[] ReloadedAt { get; }

        public int Fired { get; private set; }

        public int FreeChannels(double now)
        {
            _busyUntil.RemoveAll(t => t <= now);
            return Site.GuidanceChannels - _busyUntil.Count;
        }

        public void Reload(double now)
        {
            for (int l = 0; l < Loaded.Length; l++)
            {
                if (Loaded[l] == 0 && now >= ReloadedAt[l])
                {
                    Loaded[l] = Site.InterceptorsPerLauncher;
                }
            }
        }

        public void Take(double now, double busyUntil)
        {
            int l = Array.FindIndex(Loaded, n => n > 0);
            Loaded[l]--;
            if (Loaded[l] == 0)
            {
                ReloadedAt[l] = now + Site.ReloadSeconds;
            }

            _busyUntil.Add(busyUntil);
            Fired++;
        }
    }
}

/// <summary>A battery's state as the battle manager keeps it.</summary>
public sealed record BatteryStatus(string BatteryId, int Loaded, int Fired);
