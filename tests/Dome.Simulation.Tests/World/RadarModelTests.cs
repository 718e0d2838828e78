using Dome.Model.Geodesy;
using Dome.Model.Sensors;
using Dome.Simulation.World;

namespace Dome.Simulation.Tests.World;

public class RadarModelTests
{
    private static RadarSite Site(double pd = 1, double clutter = 0, double sigma = 0, double? beams = null, int capacity = int.MaxValue) => new()
    {
        TrackRevisitSeconds = beams,
        TrackCapacity = capacity,
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

    [Theory]
    [InlineData(10)]
    [InlineData(90)]
    public void Scan_SeesALowTargetOnlyAboveTheMaskFromTheAntennasHeight(double antennaHeight)
    {
        // Closed form on a sphere of the mean radius: from an antenna h_r up, a target at ground distance d is at the
        // 0.5° mask when its height is h* = h_r + d·tan(0.5°) + d²/2R (to a few millimetres at 8 km). The antenna's
        // height moves the boundary one for one: at 8 km, 10 m up sees from ~85 m, 90 m up only from ~165 m.
        const double d = 8_000;
        double boundary = antennaHeight + (d * Math.Tan(0.5 * Math.PI / 180)) + (d * d / (2 * Wgs84.MeanRadiusMeters));
        RadarModel radar = new(Site() with { Position = new GeoPoint(31.545, 34.620, antennaHeight) }, 1);
        GeoPoint ground = Geodesic.Direct(new GeoPoint(31.545, 34.620), 265, d);
        List<TaggedPlot> plots = [];
        radar.Scan(1, [(1, EcefPosition.FromGeodetic(ground.WithHeight(boundary - 3)).Vector)], plots);
        Assert.Empty(plots);
        radar.Scan(2, [(1, EcefPosition.FromGeodetic(ground.WithHeight(boundary + 3)).Vector)], plots);
        Assert.Single(plots);
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

    [Fact]
    public void Scan_PulseDopplerRadar_MeasuresTheRangeRate_UnbiasedWithItsSigma_InSearchAndBeams()
    {
        // A rocket 20 km north and 3 km up, flying 600 m/s north-east and climbing 300 m/s. Its range rate, computed here
        // from the geometry alone: the velocity's component along the line from the antenna.
        RadarModel radar = new(Site(clutter: 2, beams: 0.5) with { RangeRateSigmaMetersPerSecond = 2.0 }, 3);
        GeoPoint ground = Geodesic.Direct(new GeoPoint(31.625, 34.620), 0, 20_000);
        LocalFrame there = new(ground.WithHeight(3000));
        Vector3 target = there.OriginEcef.Vector;
        Vector3 velocity = there.ToEcefVector(new EnuVector(600 / Math.Sqrt(2), 600 / Math.Sqrt(2), 300));
        Vector3 line = target - EcefPosition.FromGeodetic(new GeoPoint(31.625, 34.620, 60)).Vector;
        double exact = Vector3.Dot(line, velocity) / line.Length;
        Assert.InRange(exact, 450, 750); // mostly receding: the sanity of the geometry itself

        List<TaggedPlot> search = [], beams = [];
        const int scans = 4000;
        for (int i = 0; i < scans; i++)
        {
            radar.Scan(i, [(1, target, velocity)], search);
            radar.TrackBeams(i + 0.5, [(1, target, velocity)], beams);
        }

        foreach (List<TaggedPlot> plots in new[] { search, beams })
        {
            double[] errors = [.. plots.Where(p => p.RocketId == 1).Select(p => p.Plot.RangeRateMetersPerSecond!.Value - exact)];
            Assert.Equal(scans, errors.Length);
            double mean = errors.Average();
            double sd = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / (errors.Length - 1));
            Assert.InRange(mean, -4 * 2.0 / Math.Sqrt(scans), 4 * 2.0 / Math.Sqrt(scans));
            Assert.InRange(sd, 2.0 * 0.95, 2.0 * 1.05);
        }

        // False alarms carry a range rate too, anywhere in ±1,500 m/s. The same radar without Doppler makes the same plots,
        // detections and false alarms (the range rates draw from their own stream), without range rates.
        Assert.All(search.Where(p => p.RocketId == 0), p => Assert.InRange(p.Plot.RangeRateMetersPerSecond!.Value, -1500, 1500));
        RadarModel plainRadar = new(Site(clutter: 2, beams: 0.5), 3);
        List<TaggedPlot> plainSearch = [], plainBeams = [];
        for (int i = 0; i < scans; i++)
        {
            plainRadar.Scan(i, [(1, target, velocity)], plainSearch);
            plainRadar.TrackBeams(i + 0.5, [(1, target, velocity)], plainBeams);
        }

        Assert.All(plainSearch.Concat(plainBeams), p => Assert.Null(p.Plot.RangeRateMetersPerSecond));
        Assert.Equal(search.Select(p => p.Plot with { RangeRateMetersPerSecond = null }), plainSearch.Select(p => p.Plot));
        Assert.Equal(beams.Select(p => p.Plot with { RangeRateMetersPerSecond = null }), plainBeams.Select(p => p.Plot));
    }

    private static Vector3 North(double km, double heightM) =>
        EcefPosition.FromGeodetic(Geodesic.Direct(new GeoPoint(31.625, 34.620), 0, km * 1000).WithHeight(heightM)).Vector;

    [Fact]
    public void TrackBeams_LookOnlyAtTargetsTheSearchDetected_AndBringNoClutter()
    {
        RadarModel radar = new(Site(clutter: 5, beams: 0.25), 3);
        List<TaggedPlot> plots = [];
        radar.TrackBeams(0.25, [(1, North(20, 3000))], plots);
        Assert.Empty(plots); // nothing detected yet: no beam

        radar.Scan(1, [(1, North(20, 3000))], plots);
        Assert.Contains(plots, p => p.RocketId == 1);
        Assert.Equal(1, radar.BeamedTargets);

        // Target 2 appears after the search: the beams do not know it; target 1 is looked at in every frame.
        plots.Clear();
        for (int frame = 1; frame <= 3; frame++)
        {
            radar.TrackBeams(1 + (0.25 * frame), [(1, North(20, 3000)), (2, North(30, 3000))], plots);
        }

        Assert.Equal([1.25, 1.5, 1.75], plots.Select(p => p.Plot.TimeSeconds));
        Assert.All(plots, p => Assert.Equal(1, p.RocketId));
    }

    [Fact]
    public void TrackBeams_MeasureLikeTheSearch_AndLetGoOfTargetsThatLeaveCoverageOrLand()
    {
        RadarModel radar = new(Site(beams: 0.5), 4);
        List<TaggedPlot> plots = [];
        radar.Scan(1, [(1, North(20, 3000)), (2, North(25, 3000))], plots);
        RadarPlot search = plots.Single(p => p.RocketId == 1).Plot;
        plots.Clear();
        radar.TrackBeams(1.5, [(1, North(20, 3000)), (2, North(25, 3000))], plots);
        RadarPlot beam = plots.Single(p => p.RocketId == 1).Plot;
        // Noise-free: the beam measures the same geometry as the search did.
        Assert.Equal(search.RangeMeters, beam.RangeMeters, 1e-6);
        Assert.Equal(search.ElevationDegrees, beam.ElevationDegrees, 1e-9);

        // Target 1 drops below the horizon (60 km out, 100 m up, under 0.5°); target 2 is no longer in flight.
        radar.TrackBeams(2, [(1, North(60, 100))], plots);
        Assert.Equal(0, radar.BeamedTargets);
    }

    [Theory]
    [InlineData(null, 1, 1.0)]
    [InlineData(0.5, 2, 0.5)]
    [InlineData(0.25, 4, 0.25)]
    [InlineData(2.0, 1, 1.0)] // beams slower than the search (refused in scenarios, possible in a plot stream): searches only
    public void Frames_FollowTheTrackRevisit(double? beams, int framesPerSearch, double frameSeconds)
    {
        Assert.Equal(framesPerSearch, Site(beams: beams).FramesPerSearch);
        Assert.Equal(frameSeconds, Site(beams: beams).FrameSeconds, 1e-12);
    }

    [Fact]
    public void TrackBeams_HoldNoMoreTargetsThanTheirCapacity()
    {
        RadarModel radar = new(Site(beams: 0.5, capacity: 2), 5);
        List<TaggedPlot> plots = [];
        (int, Vector3)[] targets = [(1, North(20, 3000)), (2, North(22, 3000)), (3, North(24, 3000))];
        radar.Scan(1, targets, plots);
        Assert.Equal(3, plots.Count);
        plots.Clear();
        radar.TrackBeams(1.5, targets, plots);
        Assert.Equal([1, 2], plots.Select(p => p.RocketId).Order());
    }

    [Fact]
    public void TrackBeams_FindTheirTargetWithTheDetectionProbability_AndGiveUpAfterThreeMissesRunning()
    {
        const double pd = 0.7;
        RadarModel radar = new(Site(pd: pd, beams: 0.5), 6);
        List<TaggedPlot> plots = [];
        int beams = 0, hits = 0, lost = 0;
        for (int i = 0; i < 20_000; i++)
        {
            (int, Vector3)[] target = [(1, North(20, 3000))];
            if (radar.BeamedTargets == 0)
            {
                radar.Scan(i, target, plots); // the search (re)acquires it
                continue;
            }

            plots.Clear();
            beams++;
            radar.TrackBeams(i, target, plots);
            hits += plots.Count;
            lost += radar.BeamedTargets == 0 ? 1 : 0;
        }

        Assert.Equal(pd, hits / (double)beams, 0.015);
        // A beamed target is let go after three misses running: with q = 1 − pd, runs of three misses come once in
        // (1 − q³)/(pd·q³) beams on average (the waiting time for k failures in a row).
        double q3 = Math.Pow(1 - pd, RadarModel.TrackBeamMaxMisses);
        Assert.Equal(pd * q3 / (1 - q3), lost / (double)beams, 0.003);
    }

    [Fact]
    public void TrackBeams_ChangeNoSearchPlot()
    {
        RadarModel plain = new(Site(pd: 0.8, clutter: 3, sigma: 2), 11);
        RadarModel beamed = new(Site(pd: 0.8, clutter: 3, sigma: 2, beams: 0.25), 11);
        List<TaggedPlot> a = [], b = [], beams = [];
        for (int i = 0; i < 200; i++)
        {
            (int, Vector3)[] targets = [(1, North(20 + (i * 0.1), 3000)), (2, North(40, 5000))];
            plain.Scan(i, targets, a);
            beamed.Scan(i, targets, b);
            for (int k = 1; k < 4; k++)
            {
                beamed.TrackBeams(i + (0.25 * k), targets, beams);
            }
        }

        Assert.Equal(a, b);
        Assert.NotEmpty(beams);
    }
}
