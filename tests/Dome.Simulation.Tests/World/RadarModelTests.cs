using Dome.Model.Geodesy;
using Dome.Model.Sensors;
using Dome.Simulation.World;

namespace Dome.Simulation.Tests.World;

public class RadarModelTests
{
    private static RadarSite Site(double pd = 1, double clutter = 0, double sigma = 0) => new()
    {
        Id = "r",
        Position = new GeoPoint(31.625, 34.620, 60),
        RevisitSeconds = 1,
        RangeSigmaMeters = sigma,
        AzimuthSigmaMilliradians = sigma,
        ElevationSigmaMilliradians = sigma,
        DetectionProbability = pd,
        MinElevationDegrees = 0.5,
        MaxRangeMeters = 100_000,
        ClutterPerScan = clutter,
    };

    [Fact]
    public void Scan_NoiseFree_MeasuresTheTrueGeometry()
    {
        RadarModel radar = new(Site(), 1);
        // A target 20 km due north and 3 km up, placed independently with the geodesic and the ellipsoid normal.
        GeoPoint ground = Geodesic.Direct(new GeoPoint(31.625, 34.620), 0, 20_000);
        Vector3 target = EcefPosition.FromGeodetic(ground.WithHeight(3000)).Vector;
        List<TaggedPlot> plots = [];
        radar.Scan(5, [(1, target)], plots);
        RadarPlot p = Assert.Single(plots).Plot;
        double chord = (target - EcefPosition.FromGeodetic(new GeoPoint(31.625, 34.620, 60)).Vector).Length;
        Assert.Equal(chord, p.RangeMeters, 1e-6);
        Assert.Equal(0, Math.IEEERemainder(p.AzimuthDegrees, 360), 0.01);
        // Elevation: the 2.94 km rise less the earth's drop over 20 km (~31 m) seen from 20 km.
        Assert.InRange(p.ElevationDegrees, 8.2, 8.4);
        Assert.Equal(5, p.TimeSeconds);
    }

    [Fact]
    public void Scan_TargetBelowTheHorizonOrBeyondRange_IsNotSeen()
    {
        RadarModel radar = new(Site(), 1);
        GeoPoint far = Geodesic.Direct(new GeoPoint(31.625, 34.620), 200, 60_000);
        // At 60 km a target 100 m up is hidden by the earth's curvature (~280 m drop): below 0.5°.
        List<TaggedPlot> plots = [];
        radar.Scan(1, [(1, EcefPosition.FromGeodetic(far.WithHeight(100)).Vector)], plots);
        radar.Scan(2, [(1, EcefPosition.FromGeodetic(Geodesic.Direct(far, 200, 60_000).WithHeight(30_000)).Vector)], plots);
        Assert.Empty(plots);
    }

    [Fact]
    public void Scan_DetectionProbabilityAndClutter_HaveTheirRates()
    {
        RadarModel radar = new(Site(pd: 0.8, clutter: 3), 9);
        Vector3 target = EcefPosition.FromGeodetic(Geodesic.Direct(new GeoPoint(31.625, 34.620), 0, 20_000).WithHeight(3000)).Vector;
        List<TaggedPlot> plots = [];
        const int scans = 5000;
        for (int i = 0; i < scans; i++)
        {
            radar.Scan(i, [(1, target)], plots);
        }

        Assert.Equal(0.8, plots.Count(p => p.RocketId == 1) / (double)scans, 0.02);
        Assert.Equal(3.0, plots.Count(p => p.RocketId == 0) / (double)scans, 0.1);
        Assert.All(plots.Where(p => p.RocketId == 0), p => Assert.InRange(p.Plot.RangeMeters, 0, 100_000));
    }
}
