using Dome.Model.Geodesy;
using NetTopologySuite.Geometries;

namespace Dome.Simulation.World;

/// <summary>
/// Where a round that did not reach Israel came down: the launching territories, as coarse polygons traced from
/// public maps (accurate to about a kilometre, which is all the "fell short" count needs). Thread-safe.
/// </summary>
public static class Territory
{
    private static readonly GeometryFactory Factory = new();

    // (longitude, latitude) vertices, closed.
    private static readonly Polygon GazaStrip = Ring(
        (34.2190, 31.3225), (34.2670, 31.2200), (34.2870, 31.2235), (34.3700, 31.3700), (34.4850, 31.4650),
        (34.5580, 31.5350), (34.5670, 31.5590), (34.4905, 31.5930), (34.2190, 31.3225));

    private static readonly Polygon SouthLebanon = Ring(
        (35.1040, 33.0930), (35.2000, 33.0870), (35.3000, 33.0750), (35.4700, 33.0900), (35.5600, 33.2600),
        (35.5750, 33.2800), (35.6200, 33.3000), (35.8000, 33.4000), (36.0000, 33.6000), (36.4000, 34.0000),
        (36.6000, 34.6000), (35.9700, 34.6500), (35.2000, 33.2700), (35.1040, 33.0930));

    /// <summary>The territory a point lies in ("gaza", "lebanon"), or null when it is neither.</summary>
    public static string? LaunchTerritoryAt(GeoPoint point)
    {
        Point p = Factory.CreatePoint(new Coordinate(point.LongitudeDegrees, point.LatitudeDegrees));
        if (GazaStrip.Covers(p))
        {
            return "gaza";
        }

        return SouthLebanon.Covers(p) ? "lebanon" : null;
    }

    private static Polygon Ring(params (double Lon, double Lat)[] points) =>
        Factory.CreatePolygon([.. points.Select(p => new Coordinate(p.Lon, p.Lat))]);
}
