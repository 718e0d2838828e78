using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Simulation.World;

/// <summary>A plot with the world's private knowledge of its origin (a rocket id, or 0 for clutter). Never given to the defense.</summary>
public readonly record struct TaggedPlot(RadarPlot Plot, int RocketId);

/// <summary>
/// The world's model of one radar: on each scan it sees every rocket in flight that is inside its coverage (slant range
/// below the maximum, elevation above the minimum in its own ENU frame, so the earth's curvature hides low, distant
/// rockets), detects each with its probability, adds Gaussian noise in range, azimuth and elevation, and adds a Poisson
/// number of clutter plots spread over its coverage. Not thread-safe (it owns its random stream).
/// </summary>
public sealed class RadarModel
{
    private readonly LocalFrame _frame;
    private readonly DeterministicRandom _random;

    public RadarModel(RadarSite site, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(site);
        Site = site;
        _frame = new LocalFrame(site.Position);
        _random = DeterministicRandom.Derive(seed, "radar:" + site.Id);
    }

    public RadarSite Site { get; }

    /// <summary>The first scan's time: a random phase within one revisit, so radars do not scan in lockstep.</summary>
    public double FirstScanSeconds(double startSeconds) => startSeconds + (_random.NextDouble() * Site.RevisitSeconds);

    /// <summary>Measures every target (rocket id, ECEF position) and adds clutter; appends to <paramref name="plots"/>.</summary>
    public void Scan(double timeSeconds, IEnumerable<(int RocketId, Vector3 Position)> targets, List<TaggedPlot> plots)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(plots);
        foreach ((int id, Vector3 position) in targets)
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

            double r = range + _random.Gaussian(0, Site.RangeSigmaMeters);
            double az = azimuth + (_random.Gaussian(0, Site.AzimuthSigmaMilliradians) * 0.18 / Math.PI);
            double el = elevation + (_random.Gaussian(0, Site.ElevationSigmaMilliradians) * 0.18 / Math.PI);
            plots.Add(new TaggedPlot(new RadarPlot(timeSeconds, Site.Id, r, (az + 360) % 360, el), id));
        }

        int clutter = _random.Poisson(Site.ClutterPerScan);
        for (int i = 0; i < clutter; i++)
        {
            double r = _random.Uniform(500, Site.MaxRangeMeters);
            double az = _random.Uniform(0, 360);
            double el = _random.Uniform(Site.MinElevationDegrees, Site.MinElevationDegrees + 10);
            plots.Add(new TaggedPlot(new RadarPlot(timeSeconds, Site.Id, r, az, el), 0));
        }
    }

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
