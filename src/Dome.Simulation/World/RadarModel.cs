using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Simulation.World;

/// <summary>A plot with the world's private knowledge of its origin (a rocket id, or 0 for clutter). Never given to the defense.</summary>
public readonly record struct TaggedPlot(RadarPlot Plot, int RocketId);

/// <summary>
/// The world's model of one radar: on each scan it sees every rocket in flight that is inside its coverage (slant range
/// below the maximum, elevation above the minimum in its own ENU frame, so the earth's curvature hides low, distant
/// rockets), detects each with its probability, adds Gaussian noise in range, azimuth and elevation, and adds a Poisson
/// number of clutter plots spread over its coverage. A radar with track beams (<see cref="RadarSite.TrackRevisitSeconds"/>)
/// also looks again, between searches, at each target its search detected, as a phased array's resource manager
/// schedules confirmation and track dwells: a beam finds its target with the detection probability and the same
/// noise (a pulse-Doppler radar's range rate included, <see cref="RadarSite.RangeRateSigmaMetersPerSecond"/>), and brings no clutter (a beam sent after a false alarm finds nothing there, so it makes no plot). Not
/// thread-safe (it owns its random streams).
/// </summary>
public sealed class RadarModel
{
    /// <summary>Track beams that miss their target this many times running are given up.</summary>
    public const int TrackBeamMaxMisses = 3;

    private readonly LocalFrame _frame;
    private readonly DeterministicRandom _random;
    private readonly DeterministicRandom _beamRandom;
    private readonly DeterministicRandom _rangeRateRandom;
    private readonly Dictionary<int, int> _beamed = []; // target id → track beams missed in a row
    private readonly HashSet<int> _seen = [];
    private readonly List<int> _gone = [];

    public RadarModel(RadarSite site, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(site);
        Site = site;
        _frame = new LocalFrame(site.Position);
        _random = DeterministicRandom.Derive(seed, "radar:" + site.Id);
        // The beams draw from their own stream, so turning them on changes no search plot; the range rates from theirs,
        // so a pulse-Doppler radar makes the same plots, detections and false alarms as the same radar without it.
        _beamRandom = DeterministicRandom.Derive(seed, "radar-beams:" + site.Id);
        _rangeRateRandom = DeterministicRandom.Derive(seed, "radar-range-rate:" + site.Id);
    }

    /// <summary>The targets the radar holds in track beams now.</summary>
    public int BeamedTargets => _beamed.Count;

    public RadarSite Site { get; }

    /// <summary>The first scan's time: a random phase within one revisit, so radars do not scan in lockstep.</summary>
    public double FirstScanSeconds(double startSeconds) => startSeconds + (_random.NextDouble() * Site.RevisitSeconds);

    /// <summary>Measures every target (rocket id, ECEF position) at rest; see the overload with velocities.</summary>
    public void Scan(double timeSeconds, IEnumerable<(int RocketId, Vector3 Position)> targets, List<TaggedPlot> plots)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Scan(timeSeconds, targets.Select(t => (t.RocketId, t.Position, default(Vector3))), plots);
    }

    /// <summary>
    /// Measures every target (rocket id, ECEF position, ECEF velocity) and adds clutter; appends to <paramref name="plots"/>.
    /// A pulse-Doppler radar's plots carry the range rate, a clutter plot's drawn uniformly over ±<see cref="ClutterRangeRateMetersPerSecond"/>.
    /// </summary>
    public void Scan(double timeSeconds, IEnumerable<(int RocketId, Vector3 Position, Vector3 Velocity)> targets, List<TaggedPlot> plots)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(plots);
        foreach ((int id, Vector3 position, Vector3 velocity) in targets)
        {
            (double range, double azimuth, double elevation) = Measure(position);
            if (range > Site.MaxRangeMeters || elevation < Site.MinElevationDegrees)
            {
                continue;
            }

            if (_random.NextDouble() >= Site.DetectionProbability)
            {
                continue;
            }

            plots.Add(new TaggedPlot(Noisy(_random, timeSeconds, range, azimuth, elevation, RangeRate(position, velocity, range)), id));
            if (Site.TrackRevisitSeconds is not null && (_beamed.ContainsKey(id) || _beamed.Count < Site.TrackCapacity))
            {
                _beamed[id] = 0;
            }
        }

        int clutter = _random.Poisson(Site.ClutterPerScan);
        for (int i = 0; i < clutter; i++)
        {
            double r = _random.Uniform(500, Site.MaxRangeMeters);
            double az = _random.Uniform(0, 360);
            double el = _random.Uniform(Site.MinElevationDegrees, Site.MinElevationDegrees + 10);
            plots.Add(new TaggedPlot(new RadarPlot(timeSeconds, Site.Id, r, az, el)
            {
                RangeRateMetersPerSecond = Site.RangeRateSigmaMetersPerSecond is null ? null : _rangeRateRandom.Uniform(-ClutterRangeRateMetersPerSecond, ClutterRangeRateMetersPerSecond),
            }, 0));
        }
    }

    /// <summary>
    /// A frame of track beams: one look at each target held in track (rocket id, ECEF position; a held target absent
    /// from <paramref name="targets"/> has landed or been destroyed and is let go). Appends to <paramref name="plots"/>.
    /// </summary>
    public void TrackBeams(double timeSeconds, IEnumerable<(int RocketId, Vector3 Position)> targets, List<TaggedPlot> plots)
    {
        ArgumentNullException.ThrowIfNull(targets);
        TrackBeams(timeSeconds, targets.Select(t => (t.RocketId, t.Position, default(Vector3))), plots);
    }

    /// <summary>A frame of track beams over targets with their ECEF velocities (m/s), for a pulse-Doppler radar's range rates.</summary>
    public void TrackBeams(double timeSeconds, IEnumerable<(int RocketId, Vector3 Position, Vector3 Velocity)> targets, List<TaggedPlot> plots)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(plots);
        if (_beamed.Count == 0)
        {
            return;
        }

        _seen.Clear();
        foreach ((int id, Vector3 position, Vector3 velocity) in targets)
        {
            if (!_beamed.TryGetValue(id, out int misses))
            {
                continue;
            }

            _seen.Add(id);
            (double range, double azimuth, double elevation) = Measure(position);
            if (range > Site.MaxRangeMeters || elevation < Site.MinElevationDegrees)
            {
                _beamed.Remove(id);
            }
            else if (_beamRandom.NextDouble() < Site.DetectionProbability)
            {
                _beamed[id] = 0;
                plots.Add(new TaggedPlot(Noisy(_beamRandom, timeSeconds, range, azimuth, elevation, RangeRate(position, velocity, range)), id));
            }
            else if (misses + 1 >= TrackBeamMaxMisses)
            {
                _beamed.Remove(id);
            }
            else
            {
                _beamed[id] = misses + 1;
            }
        }

        _gone.Clear();
        _gone.AddRange(_beamed.Keys.Where(id => !_seen.Contains(id)));
        foreach (int id in _gone)
        {
            _beamed.Remove(id);
        }
    }

    private RadarPlot Noisy(DeterministicRandom random, double timeSeconds, double range, double azimuth, double elevation, double rangeRate)
    {
        double r = range + random.Gaussian(0, Site.RangeSigmaMeters);
        double az = azimuth + (random.Gaussian(0, Site.AzimuthSigmaMilliradians) * 0.18 / Math.PI);
        double el = elevation + (random.Gaussian(0, Site.ElevationSigmaMilliradians) * 0.18 / Math.PI);
        double? rr = Site.RangeRateSigmaMetersPerSecond is double sigma ? rangeRate + _rangeRateRandom.Gaussian(0, sigma) : null;
        return new RadarPlot(timeSeconds, Site.Id, r, (az + 360) % 360, el) { RangeRateMetersPerSecond = rr };
    }

    /// <summary>Largest range rate of a clutter plot, m/s: noise false alarms fall in any Doppler cell, rockets' included.</summary>
    public const double ClutterRangeRateMetersPerSecond = 1500;

    /// <summary>The exact range rate of a target (ECEF position and velocity; the antenna is fixed to the earth), m/s.</summary>
    public double RangeRate(Vector3 position, Vector3 velocity, double range) =>
        range > 0 ? Vector3.Dot(position - _frame.OriginEcef.Vector, velocity) / range : 0;

    /// <summary>Exact slant range (m), azimuth and elevation (degrees) of an ECEF position from the antenna.</summary>
    public (double RangeMeters, double AzimuthDegrees, double ElevationDegrees) Measure(Vector3 position)
    {
        EnuVector enu = _frame.ToEnuVector(position - _frame.OriginEcef.Vector);
        double range = enu.Length;
        double azimuth = Math.Atan2(enu.East, enu.North) * 180 / Math.PI;
        double elevation = Math.Atan2(enu.Up, enu.HorizontalLength) * 180 / Math.PI;
        return (range, (azimuth + 360) % 360, elevation);
    }
}
