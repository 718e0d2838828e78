using Dome.Defense;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Simulation.Scenarios;

namespace Dome.Simulation.World;

/// <summary>
/// The world's side of active defense: the batteries' launchers (what is loaded, reloads), the interceptors in flight
/// with their guidance, seeker and fuze, and the rockets they destroyed. The run loop hands it the defense's orders and
/// uplinks and advances it on the guidance clock. Deterministic for a seed. Not thread-safe (one per run).
/// </summary>
public sealed class InterceptorWorld
{
    /// <summary>The guidance clock: interceptors are advanced in ticks of this length, s.</summary>
    public const double TickSeconds = 0.05;

    /// <summary>Integration step far from the target, s.</summary>
    public const double CruiseStepSeconds = 0.01;

    /// <summary>Integration step in the end game (within <see cref="EndGameMeters"/> of the target), s.</summary>
    public const double EndGameStepSeconds = 0.001;

    /// <summary>Range below which the end-game step is used, m.</summary>
    public const double EndGameMeters = 400;

    /// <summary>The seeker locks on the rocket nearest the uplinked position if it is within this of it, m.</summary>
    public const double AcquisitionBasketMeters = 500;

    private readonly InterceptorType _type;
    private readonly Dictionary<string, Launchers> _batteries;
    private readonly DeterministicRandom _random;
    private readonly List<InterceptorFlight> _flying = [];
    private readonly List<InterceptorRecord> _records = [];
    private readonly Dictionary<int, double> _killed = [];

    public InterceptorWorld(IReadOnlyList<BatterySpec> batteries, InterceptorType type, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(batteries);
        ArgumentNullException.ThrowIfNull(type);
        _type = type;
        _batteries = batteries.ToDictionary(b => b.Id, b => new Launchers(b));
        _random = DeterministicRandom.Derive(seed, "interceptors");
    }

    /// <summary>Every interceptor launched, in launch order.</summary>
    public IReadOnlyList<InterceptorRecord> Records => _records;

    /// <summary>The rockets destroyed, with the time of the kill.</summary>
    public IReadOnlyDictionary<int, double> Killed => _killed;

    public bool AnyFlying => _flying.Count > 0;

    /// <summary>Interceptors in flight (for the map and the stream).</summary>
    public IReadOnlyList<InterceptorFlight> Flying => _flying;

    /// <summary>Executes a launch order: as many interceptors as are loaded, leaving the rail after the launch delay.</summary>
    /// <returns>The interceptors launched (fewer than ordered when the launchers are empty).</returns>
    public IReadOnlyList<InterceptorRecord> Launch(EngagementOrder order)
    {
        if (!_batteries.TryGetValue(order.BatteryId, out Launchers? battery))
        {
            return [];
        }

        List<InterceptorRecord> launched = [];
        double t = order.TimeSeconds + _type.LaunchDelaySeconds;
        for (int i = 0; i < order.Interceptors && battery.TryTake(order.TimeSeconds); i++)
        {
            InterceptorRecord record = new()
            {
                Id = _records.Count + 1,
                BatteryId = order.BatteryId,
                TrackId = order.TrackId,
                LaunchTimeSeconds = t,
                PlannedInterceptSeconds = order.InterceptTimeSeconds,
                PlannedKillProbability = order.KillProbability,
            };
            _records.Add(record);
            _flying.Add(new InterceptorFlight(record, _type, battery.Site, order.InterceptPoint, t, _random));
            launched.Add(record);
        }

        return launched;
    }

    /// <summary>Hands every interceptor the defense's latest estimate of its target track.</summary>
    public void Uplink(IDefenseCore defense)
    {
        ArgumentNullException.ThrowIfNull(defense);
        foreach (InterceptorFlight f in _flying)
        {
            if (defense.TryGetUplink(f.Record.TrackId, out TrackUplink uplink))
            {
                f.Uplink(uplink);
            }
        }
    }

    /// <summary>
    /// Advances every interceptor to <paramref name="untilSeconds"/>. <paramref name="rockets"/> are all rounds,
    /// <paramref name="inFlight"/> the indices of those still flying. Returns the flights that ended in this tick.
    /// </summary>
    public IReadOnlyList<InterceptorRecord> Advance(double untilSeconds, IReadOnlyList<RocketTruth> rockets, IReadOnlyCollection<int> inFlight)
    {
        ArgumentNullException.ThrowIfNull(rockets);
        ArgumentNullException.ThrowIfNull(inFlight);
        List<InterceptorRecord> ended = [];
        List<(int Id, Vector3 R)>? candidates = null;
        foreach (InterceptorFlight f in _flying)
        {
            if (f.TimeSeconds > untilSeconds || f.Done)
            {
                continue;
            }

            // The seeker acquires once the uplinked target is within its range: the rocket nearest the uplinked position.
            if (f.LockedRocket == 0 && f.UplinkedTargetAt(f.TimeSeconds) is { } estimate && (estimate - f.Position).Length <= _type.SeekerRangeMeters)
            {
                candidates ??= [.. inFlight.Where(i => !_killed.ContainsKey(rockets[i].Id))
                    .Select(i => (rockets[i].Id, State: State(rockets[i], f.TimeSeconds)))
                    .Where(c => c.State is not null).Select(c => (c.Id, c.State!.Value.R))];
                int best = 0;
                double bestDistance = AcquisitionBasketMeters;
                foreach ((int id, Vector3 r) in candidates)
                {
                    double d = (r - estimate).Length;
                    if (d < bestDistance)
                    {
                        (best, bestDistance) = (id, d);
                    }
                }

                if (best != 0)
                {
                    f.Lock(best);
                }
            }

            RocketTruth? target = f.LockedRocket != 0 ? rockets[f.LockedRocket - 1] : null;
            while (!f.Done && f.TimeSeconds < untilSeconds - 1e-9)
            {
                if (target is not null && _killed.ContainsKey(target.Id))
                {
                    f.End(InterceptorOutcome.SelfDestruct, f.TimeSeconds, f.Position, "target already destroyed");
                    break;
                }

                (Vector3 R, Vector3 V)? now = target is null ? null : State(target, f.TimeSeconds);
                double range = now is { } n ? (n.R - f.Position).Length : double.PositiveInfinity;
                double dt = Math.Min(range < EndGameMeters ? EndGameStepSeconds : CruiseStepSeconds, untilSeconds - f.TimeSeconds);
                (Vector3 R, Vector3 V)? next = target is null ? null : State(target, f.TimeSeconds + dt);
                if (target is not null && (now is null || next is null))
                {
                    f.End(InterceptorOutcome.SelfDestruct, f.TimeSeconds, f.Position, "target came down");
                    break;
                }

                f.Step(dt, now, next);
                if (target is null && f.TimeSeconds > f.Record.PlannedInterceptSeconds + 3)
                {
                    f.End(InterceptorOutcome.SelfDestruct, f.TimeSeconds, f.Position, "no target acquired");
                }
            }

            if (f.Done)
            {
                if (f.Record.Outcome == InterceptorOutcome.Kill)
                {
                    _killed[f.LockedRocket] = f.Record.EndTimeSeconds;
                }

                ended.Add(f.Record);
            }
        }

        _flying.RemoveAll(f => f.Done);
        return ended;
    }

    /// <summary>Loaded interceptors of a battery.</summary>
    public int Loaded(string batteryId) => _batteries.TryGetValue(batteryId, out Launchers? b) ? b.Loaded : 0;

    private static (Vector3 R, Vector3 V)? State(RocketTruth rocket, double t)
    {
        double age = t - rocket.LaunchTimeSeconds;
        return age < 0 || age > rocket.FlightTimeSeconds ? null : rocket.Trajectory.StateAt(age);
    }

    private sealed class Launchers(BatterySpec spec)
    {
        private readonly int[] _loaded = [.. Enumerable.Repeat(spec.InterceptorsPerLauncher, spec.Launchers)];
        private readonly double[] _reloadedAt = new double[spec.Launchers];

        public Vector3 Site { get; } = EcefPosition.FromGeodetic(spec.Position).Vector;

        public int Loaded => _loaded.Sum();

        public bool TryTake(double now)
        {
            for (int l = 0; l < _loaded.Length; l++)
            {
                if (_loaded[l] == 0 && now >= _reloadedAt[l])
                {
                    _loaded[l] = spec.InterceptorsPerLauncher;
                }
            }

            int k = Array.FindIndex(_loaded, n => n > 0);
            if (k < 0)
            {
                return false;
            }

            if (--_loaded[k] == 0)
            {
                _reloadedAt[k] = now + spec.ReloadSeconds;
            }

            return true;
        }
    }
}
