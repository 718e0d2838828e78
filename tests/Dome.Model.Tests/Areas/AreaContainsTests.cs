using Dome.Model.Areas;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Dome.Model.Tests.Areas;

/// <summary><see cref="AlertAreaMap.Contains"/> (a cell grid in front of the exact locator) against the exact locator itself.</summary>
public sealed class AreaContainsTests
{
    [Fact]
    public void TheGridGivesTheExactLocatorsAnswerEverywhere()
    {
        AlertAreaMap map = AlertAreaMap.Default;
        Random random = new(1420);
        long inside = 0, outside = 0;
        foreach (AlertArea area in map.Areas.Where(a => a.Polygon is not null).Where((_, i) => i % 4 == 0))
        {
            Polygon polygon = area.Polygon!;
            SimplePointInAreaLocator exact = new(polygon);
            Envelope box = polygon.EnvelopeInternal;
            List<Coordinate> probes = [];
            for (int k = 0; k < 200; k++)
            {
                // The box and a tenth around it.
                probes.Add(new Coordinate(box.MinX - (0.1 * box.Width) + (random.NextDouble() * 1.2 * box.Width), box.MinY - (0.1 * box.Height) + (random.NextDouble() * 1.2 * box.Height)));
            }

            foreach (Coordinate v in polygon.ExteriorRing.Coordinates.Take(40))
            {
                probes.Add(v.Copy()); // on the boundary: inside, as Locate decides
                probes.Add(new Coordinate(v.X + ((random.NextDouble() - 0.5) * 1e-5), v.Y + ((random.NextDouble() - 0.5) * 1e-5))); // a metre from it
            }

            foreach (Coordinate p in probes)
            {
                bool expected = exact.Locate(p) != Location.Exterior;
                Assert.True(expected == map.Contains(area, p.Y, p.X), $"area {area.Id} at ({p.Y}, {p.X}): exact says {expected}");
                (expected ? ref inside : ref outside)++;
            }
        }

        Assert.True(inside > 10_000 && outside > 10_000, $"{inside} inside, {outside} outside");
    }

    [Fact]
    public void NearEveryEdge_TheGridGivesTheExactLocatorsAnswer()
    {
        // Where the grid decides by crossing a cell's edges: points a few centimetres to a few metres either side of every
        // edge of every ring (holes too), and points on the edges themselves, in every area.
        AlertAreaMap map = AlertAreaMap.Default;
        Random random = new(2084);
        long probes = 0, inside = 0, rings = 0;
        foreach (AlertArea area in map.Areas.Where(a => a.Polygon is not null))
        {
            Polygon polygon = area.Polygon!;
            SimplePointInAreaLocator exact = new(polygon);
            foreach (LineString ring in new[] { (LineString)polygon.ExteriorRing }.Concat(polygon.InteriorRings))
            {
                rings++;
                Coordinate[] c = ring.Coordinates;
                for (int k = 0; k + 1 < c.Length; k++)
                {
                    double t = random.NextDouble(), dx = c[k + 1].X - c[k].X, dy = c[k + 1].Y - c[k].Y;
                    double length = Math.Sqrt((dx * dx) + (dy * dy));
                    if (length == 0)
                    {
                        continue;
                    }

                    foreach (double offset in new[] { 0, 3e-7, -3e-7, 2e-5, -2e-5 }) // degrees off the edge, normal to it
                    {
                        Coordinate p = new(c[k].X + (t * dx) - (offset * dy / length), c[k].Y + (t * dy) + (offset * dx / length));
                        bool expected = exact.Locate(p) != Location.Exterior;
                        Assert.True(expected == map.Contains(area, p.Y, p.X), $"area {area.Id} at ({p.Y:R}, {p.X:R}): exact says {expected}");
                        probes++;
                        inside += expected ? 1 : 0;
                    }
                }
            }
        }

        Assert.True(rings >= map.Areas.Count && probes > 100_000 && inside > probes / 4 && inside < 3 * probes / 4, $"{rings} rings, {probes} probes, {inside} inside");
    }

    [Fact]
    public void TheInnerBox_LiesInsideItsArea()
    {
        // Every point of an area's inner box is inside by the exact locator (its corners and a grid over it), and the box
        // is no sliver: for most areas it holds a good part of the polygon.
        AlertAreaMap map = AlertAreaMap.Default;
        int withBox = 0, large = 0, areas = 0;
        foreach (AlertArea area in map.Areas.Where(a => a.Polygon is not null))
        {
            areas++;
            if (map.ContainmentOf(area).InnerBox is not { } box)
            {
                continue;
            }

            withBox++;
            SimplePointInAreaLocator exact = new(area.Polygon!);
            for (int i = 0; i <= 8; i++)
            {
                for (int j = 0; j <= 8; j++)
                {
                    Coordinate p = new(box.MinLon + (i * (box.MaxLon - box.MinLon) / 8), box.MinLat + (j * (box.MaxLat - box.MinLat) / 8));
                    Assert.True(exact.Locate(p) != Location.Exterior, $"area {area.Id}: ({p.Y:R}, {p.X:R}) of its inner box is outside it");
                }
            }

            large += (box.MaxLon - box.MinLon) * (box.MaxLat - box.MinLat) > 0.2 * area.Polygon!.Area ? 1 : 0;
        }

        Assert.True(withBox == areas && large > areas / 2, $"{withBox} of {areas} areas with an inner box, {large} of them over a fifth of the polygon");
    }

    [Fact]
    public void AHoleIsOutside_ByTheGridAsByTheExactLocator()
    {
        // The data has no holes; a ring inside a ring (a town around a park) and a notched shell stand in for one. Points
        // over the whole box and either side of every edge.
        GeometryFactory factory = new(new PrecisionModel(), 4326);
        LinearRing shell = factory.CreateLinearRing([new(34.50, 31.50), new(34.56, 31.50), new(34.56, 31.53), new(34.53, 31.515), new(34.50, 31.54), new(34.50, 31.50)]);
        LinearRing hole = factory.CreateLinearRing([new(34.51, 31.505), new(34.52, 31.505), new(34.5213, 31.5181), new(34.51, 31.515), new(34.51, 31.505)]);
        Polygon polygon = factory.CreatePolygon(shell, [hole]);
        AlertArea area = new()
        {
            Id = 1, NameHebrew = "א", NameEnglish = "A", ZoneHebrew = "מבחן", ZoneEnglish = "Test", CountdownSeconds = 30,
            Center = new Dome.Model.Geodesy.GeoPoint(31.52, 34.53), Polygon = polygon, AreaSquareKilometers = 10,
        };
        AlertAreaMap map = new([area]);
        SimplePointInAreaLocator exact = new(polygon);
        Random random = new(7);
        List<Coordinate> probes = [];
        for (int k = 0; k < 20_000; k++)
        {
            probes.Add(new Coordinate(34.499 + (random.NextDouble() * 0.062), 31.499 + (random.NextDouble() * 0.042)));
        }

        foreach (LineString ring in new[] { shell, hole })
        {
            Coordinate[] c = ring.Coordinates;
            for (int k = 0; k + 1 < c.Length; k++)
            {
                for (int n = 0; n < 200; n++)
                {
                    double t = random.NextDouble(), side = (random.NextDouble() - 0.5) * 2e-6;
                    probes.Add(new Coordinate(c[k].X + (t * (c[k + 1].X - c[k].X)) + side, c[k].Y + (t * (c[k + 1].Y - c[k].Y)) - side));
                }
            }
        }

        int inHole = 0;
        foreach (Coordinate p in probes)
        {
            bool expected = exact.Locate(p) != Location.Exterior;
            Assert.True(expected == map.Contains(area, p.Y, p.X), $"({p.Y:R}, {p.X:R}): exact says {expected}");
            inHole += hole.EnvelopeInternal.Contains(p) && !expected && p.X > 34.5105 ? 1 : 0;
        }

        Assert.True(inHole > 500, $"{inHole} probes in the hole");
    }
}
