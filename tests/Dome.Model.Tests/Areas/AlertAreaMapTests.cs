using Dome.Model.Areas;
using Dome.Model.Geodesy;
using NetTopologySuite.Geometries;

namespace Dome.Model.Tests.Areas;

public class AlertAreaMapTests
{
    private static AlertAreaMap Map => AlertAreaMap.Default;

    [Theory]
    [InlineData(31.6885, 34.5900, "Ashkelon - North", 30)]
    [InlineData(32.0845, 34.7850, "Tel Aviv - City Center", 90)]
    [InlineData(31.5292, 34.5954, "Sderot, Ivim, Nir Am", 15)]
    public void Locate_KnownPoints_GiveTheirAreaAndTimeToShelter(double lat, double lon, string name, int countdown)
    {
        AlertArea? area = Map.Locate(lat, lon);
        Assert.NotNull(area);
        Assert.Equal(name, area.NameEnglish);
        Assert.Equal(countdown, area.CountdownSeconds);
    }

    [Fact]
    public void ContainmentOf_AnArea_AgreesWithLocate_AndAnAreaOfAnotherMapContainsNothing()
    {
        // A grid of points over Ashkelon: the area Locate names contains each point, and its neighbours do not.
        AlertArea ashkelonNorth = Map.Locate(31.6885, 34.5900)!;
        AreaContainment shape = Map.ContainmentOf(ashkelonNorth);
        int inside = 0;
        for (double lat = 31.64; lat <= 31.72; lat += 0.002)
        {
            for (double lon = 34.54; lon <= 34.62; lon += 0.002)
            {
                bool located = Map.Locate(lat, lon)?.Id == ashkelonNorth.Id;
                Assert.Equal(located, shape.Contains(lat, lon));
                inside += located ? 1 : 0;
            }
        }

        Assert.InRange(inside, 10, 1600); // the grid crosses the area's edge, so both answers were asked
        AlertArea stranger = ashkelonNorth with { Id = -1 };
        Assert.False(Map.ContainmentOf(stranger).Contains(31.6885, 34.5900));
        Assert.False(default(AreaContainment).Contains(31.6885, 34.5900));
    }

    [Fact]
    public void Locate_OpenGround_IsNull()
    {
        Assert.Null(Map.Locate(new GeoPoint(31.40, 34.90)));
        Assert.Null(Map.Locate(new GeoPoint(31.60, 34.30))); // the sea off Gaza
    }

    [Fact]
    public void Locate_NotANumber_IsNoArea()
    {
        // A NaN coordinate lies in no box: it must not fall through to some grid's first cell.
        Assert.Null(Map.Locate(double.NaN, 34.59));
        Assert.Null(Map.Locate(31.6885, double.NaN));
    }

    [Fact]
    public void Map_HasThePublishedAreasAndBuiltUpSurface()
    {
        // DESIGN.md: about 1,420 areas, ~3,300 km² of polygons in all, median 0.9 km².
        Assert.Equal(1420, Map.Areas.Count);
        Assert.Empty(Map.AreasWithoutPolygon);
        Assert.DoesNotContain(Map.Areas, a => a.Id == AlertAreaLoader.SelectAllId);
        Assert.InRange(Map.TotalAreaSquareKilometers, 3_300 * 0.95, 3_300 * 1.05);
        double[] sizes = [.. Map.Areas.Select(a => a.AreaSquareKilometers).Order()];
        Assert.InRange(sizes[sizes.Length / 2], 0.9 * 0.7, 0.9 * 1.3);
        Assert.InRange(Map.Zones.Count, 25, 40);
        Assert.All(Map.Areas, a => Assert.Contains(a.CountdownSeconds, new[] { 0, 15, 30, 45, 60, 90 }));
    }

    [Fact]
    public void Find_DuplicatedIdSpellings_ResolveToOneArea()
    {
        AlertArea? a = Map.FindByHebrewName("ח'וואלד");
        AlertArea? b = Map.FindByHebrewName("חוואלד");
        Assert.NotNull(a);
        Assert.Same(a, b);
        Assert.Equal(1274, a.Id);
    }

    [Fact]
    public void Locate_AgreesWithABruteForceScanOfEveryPolygon()
    {
        Random random = new(11);
        GeometryFactory factory = new();
        for (int i = 0; i < 3000; i++)
        {
            double lat = 31.2 + (1.0 * random.NextDouble());
            double lon = 34.4 + (0.6 * random.NextDouble());
            Point p = factory.CreatePoint(new Coordinate(lon, lat));
            List<int> covering = [.. Map.Areas.Where(a => a.Polygon!.Covers(p)).Select(a => a.Id)];
            AlertArea? found = Map.Locate(lat, lon);
            if (covering.Count == 0)
            {
                Assert.Null(found);
            }
            else
            {
                Assert.NotNull(found);
                Assert.Contains(found.Id, covering);
            }
        }
    }

    [Fact]
    public void Intersecting_Ellipse_LiesBetweenItsInscribedAndCircumscribedPolygons()
    {
        // Independent bounds from NTS: a polygon with vertices on the ellipse lies inside it; the same polygon scaled by
        // 1/cos(π/n) contains it. The exact answer must include every area the inner one meets and none the outer misses.
        Random random = new(5);
        for (int i = 0; i < 60; i++)
        {
            GeoPoint center = Geodesic.Direct(new GeoPoint(31.6688, 34.5743), 360 * random.NextDouble(), 8000 * random.NextDouble());
            double a = 500 + (6000 * random.NextDouble());
            GroundEllipse ellipse = new(center, a, a * (0.2 + (0.8 * random.NextDouble())), 360 * random.NextDouble());
            const int n = 256;
            HashSet<int> exact = [.. Map.Intersecting(ellipse).Select(x => x.Id)];
            HashSet<int> inner = [.. Map.Intersecting(AlertAreaMap.ToPolygon(ellipse, n)).Select(x => x.Id)];
            double grow = 1 / Math.Cos(Math.PI / n);
            GroundEllipse outerEllipse = new(center, a * grow, ellipse.SemiMinorMeters * grow, ellipse.MajorAxisAzimuthDegrees);
            HashSet<int> outer = [.. Map.Intersecting(AlertAreaMap.ToPolygon(outerEllipse, n)).Select(x => x.Id)];
            Assert.Subset(exact, inner);
            Assert.Superset(exact, outer);
        }
    }

    [Fact]
    public void Query_AskedOfEachArea_LiesBetweenTheEllipsesInscribedAndCircumscribedPolygons()
    {
        // The prepared test asked area by area (the alert planner's core rule) against the same independent bounds from
        // NTS as the walk above, over every area of the map; a default query meets nothing.
        Random random = new(6);
        int metInAll = 0;
        for (int i = 0; i < 20; i++)
        {
            GeoPoint center = Geodesic.Direct(new GeoPoint(31.6688, 34.5743), 360 * random.NextDouble(), 8000 * random.NextDouble());
            double a = 300 + (4000 * random.NextDouble());
            GroundEllipse ellipse = new(center, a, a * (0.2 + (0.8 * random.NextDouble())), 360 * random.NextDouble());
            const int n = 256;
            AlertAreaMap.EllipseQuery query = Map.Query(ellipse);
            HashSet<int> met = [.. Map.Areas.Where(query.Meets).Select(x => x.Id)];
            HashSet<int> inner = [.. Map.Intersecting(AlertAreaMap.ToPolygon(ellipse, n)).Select(x => x.Id)];
            double grow = 1 / Math.Cos(Math.PI / n);
            HashSet<int> outer = [.. Map.Intersecting(AlertAreaMap.ToPolygon(new GroundEllipse(center, a * grow, ellipse.SemiMinorMeters * grow, ellipse.MajorAxisAzimuthDegrees), n)).Select(x => x.Id)];
            Assert.Subset(met, inner);
            Assert.Superset(met, outer);
            metInAll += met.Count;
        }

        Assert.True(metInAll >= 20, $"{metInAll} areas met over the 20 ellipses");
        Assert.False(default(AlertAreaMap.EllipseQuery).Meets(Map.Areas[0]));
    }

    [Fact]
    public void MaxCountdownNear_BoundsTheCountdownsAnEllipseCanMeet_AndLooksNoFartherThanOneCell()
    {
        // Independent truths from NTS envelopes, area by area: every area whose box meets the box of the ellipse's
        // inscribed polygon (inside the ellipse's own box) must be within the bound, and so every area the exact query
        // reports; the bound must be the countdown of some area whose box lies within a raster cell (1/50°) of the box of
        // the circumscribed polygon, or −1 when there is none. Three in four ellipses are centred on a vertex of an area's
        // polygon, where areas of different countdowns meet; the rest anywhere over the map, open sea and desert included.
        Random random = new(23);
        List<AlertArea> withPolygon = [.. Map.Areas.Where(a => a.Polygon is not null)];
        List<(Envelope Box, int Countdown)> boxes = [.. withPolygon.Select(a => (a.Polygon!.EnvelopeInternal, a.CountdownSeconds))];
        int mixed = 0, empty = 0;
        for (int i = 0; i < 2000; i++)
        {
            GeoPoint center;
            if (i % 4 != 0)
            {
                Coordinate[] shell = withPolygon[random.Next(withPolygon.Count)].Polygon!.Shell.Coordinates;
                Coordinate vertex = shell[random.Next(shell.Length)];
                center = new GeoPoint(vertex.Y, vertex.X);
            }
            else
            {
                center = new GeoPoint(29.4 + (4.1 * random.NextDouble()), 34.1 + (1.9 * random.NextDouble()));
            }

            double a = 20 * Math.Pow(500, random.NextDouble()); // 20 m to 10 km
            GroundEllipse ellipse = new(center, a, a * (0.1 + (0.9 * random.NextDouble())), 360 * random.NextDouble());
            int bound = Map.MaxCountdownNear(ellipse);

            const int n = 64;
            Envelope inner = AlertAreaMap.ToPolygon(ellipse, n).EnvelopeInternal;
            double grow = 1 / Math.Cos(Math.PI / n);
            Envelope outer = AlertAreaMap.ToPolygon(new GroundEllipse(center, a * grow, ellipse.SemiMinorMeters * grow, ellipse.MajorAxisAzimuthDegrees), n).EnvelopeInternal;
            outer.ExpandBy((1 / 50.0) + 1e-9);
            List<int> met = [.. boxes.Where(b => b.Box.Intersects(inner)).Select(b => b.Countdown)];
            int mustCover = met.DefaultIfEmpty(-1).Max();
            int mayReach = boxes.Where(b => b.Box.Intersects(outer)).Select(b => b.Countdown).DefaultIfEmpty(-1).Max();
            Assert.InRange(bound, mustCover, mayReach);
            Assert.All(Map.Intersecting(ellipse), hit => Assert.True(hit.CountdownSeconds <= bound, $"{hit.NameEnglish}: {hit.CountdownSeconds} s over the bound {bound} s"));
            mixed += met.Distinct().Count() > 1 ? 1 : 0;
            empty += bound < 0 ? 1 : 0;
        }

        // The sample reaches both kinds of place that matter: where areas of different countdowns meet, and far from any area.
        Assert.InRange(mixed, 100, 2000);
        Assert.InRange(empty, 100, 2000);
        Assert.Equal(-1, Map.MaxCountdownNear(GroundEllipse.Circle(new GeoPoint(33.0, 33.0), 1000)));
    }

    [Fact]
    public void CountdownRaster_OverAWorldWideMap_StaysSmall_AndStillBoundsEveryArea()
    {
        // A map of one country gets 1/50° cells (1° × 1°: 51 × 51 of them); one whose areas lie half a world apart gets
        // coarser cells, at most about 2¹⁸, and every area's countdown is still within the bound over its own box.
        CountdownRaster country = new([(new Envelope(34.0, 34.5, 31.0, 31.5), 15), (new Envelope(34.6, 35.0, 31.6, 32.0), 90)]);
        Assert.Equal(51 * 51, country.CellCount);
        Assert.Equal(15, country.MaxOver(new LonLatBox(34.1, 34.2, 31.1, 31.2)));
        Assert.Equal(90, country.MaxOver(new LonLatBox(34.0, 35.0, 31.0, 32.0)));

        CountdownRaster world = new([(new Envelope(-170.0, -169.99, -80.0, -79.99), 15), (new Envelope(170.0, 170.01, 80.0, 80.01), 90)]);
        Assert.InRange(world.CellCount, 1, 300_000);
        Assert.InRange(world.MaxOver(new LonLatBox(-169.995, -169.994, -79.995, -79.994)), 15, 90);
        Assert.Equal(90, world.MaxOver(new LonLatBox(170.004, 170.005, 80.004, 80.005)));
        Assert.Equal(-1, world.MaxOver(new LonLatBox(0, 0.01, 0, 0.01)));
        Assert.Equal(-1, world.MaxOver(new LonLatBox(double.NaN, double.NaN, double.NaN, double.NaN)));
    }

    [Fact]
    public void Intersecting_SmallCircleInsideAnArea_GivesJustThatArea()
    {
        AlertArea area = Map.Locate(31.6885, 34.5900)!;
        IReadOnlyList<AlertArea> hits = Map.Intersecting(GroundEllipse.Circle(new GeoPoint(31.6885, 34.5900), 1));
        Assert.Equal([area.Id], hits.Select(h => h.Id));
    }

    [Fact]
    public void Intersecting_EllipseOverOpenGround_IsEmpty()
    {
        Assert.Empty(Map.Intersecting(GroundEllipse.Circle(new GeoPoint(31.40, 34.90), 50)));
    }

    [Fact]
    public void GroundEllipse_InvalidAxes_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroundEllipse(new GeoPoint(31, 34), 100, 200, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroundEllipse(new GeoPoint(31, 34), double.NaN, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroundEllipse(new GeoPoint(31, 34), 100, 0, 0));
    }
}
