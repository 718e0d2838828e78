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
}
