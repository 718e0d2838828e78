using Dome.Model.Areas;
using Dome.Model.Geodesy;
using NetTopologySuite.Geometries;

namespace Dome.Defense.Tests;

/// <summary>Synthetic ground near (31.6° N, 34.6° E): points by east/north offset and rectangular alert areas.</summary>
internal static class TestGround
{
    public const double Lat0 = 31.6, Lon0 = 34.6;

    /// <summary>The point <paramref name="east"/>, <paramref name="north"/> metres from (Lat0, Lon0), by the WGS84 radii of curvature there.</summary>
    public static GeoPoint Offset(double east, double north)
    {
        const double a = 6378137.0, e2 = 6.69437999014e-3;
        double lat = Lat0 * Math.PI / 180, w = Math.Sqrt(1 - (e2 * Math.Sin(lat) * Math.Sin(lat)));
        return new GeoPoint(Lat0 + (north / (a * (1 - e2) / (w * w * w) * Math.PI / 180)), Lon0 + (east / (a / w * Math.Cos(lat) * Math.PI / 180)));
    }

    /// <summary>An alert area whose polygon is the rectangle between the given offsets (metres), sides along meridian and parallel.</summary>
    public static AlertArea Box(int id, double west, double east, double south, double north)
    {
        GeoPoint sw = Offset(west, south), ne = Offset(east, north);
        Polygon polygon = new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon([new(sw.LongitudeDegrees, sw.LatitudeDegrees),
            new(ne.LongitudeDegrees, sw.LatitudeDegrees), new(ne.LongitudeDegrees, ne.LatitudeDegrees), new(sw.LongitudeDegrees, ne.LatitudeDegrees),
            new(sw.LongitudeDegrees, sw.LatitudeDegrees)]);
        return new AlertArea
        {
            Id = id, NameHebrew = $"א{id}", NameEnglish = $"A{id}", ZoneHebrew = "מבחן", ZoneEnglish = "Test", CountdownSeconds = 30,
            Center = Offset((west + east) / 2, (south + north) / 2), Polygon = polygon, AreaSquareKilometers = (east - west) * (north - south) / 1e6,
        };
    }

    /// <summary>A square alert area of side 2·<paramref name="halfSideMeters"/> centred on a point anywhere (its own local projection).</summary>
    public static AlertArea SquareAround(int id, GeoPoint centre, double halfSideMeters, int countdownSeconds)
    {
        LocalProjection plane = new(centre.LatitudeDegrees, centre.LongitudeDegrees);
        double dLon = halfSideMeters / plane.MetersPerDegreeEast, dLat = halfSideMeters / plane.MetersPerDegreeNorth;
        double w = centre.LongitudeDegrees - dLon, e = centre.LongitudeDegrees + dLon, s = centre.LatitudeDegrees - dLat, n = centre.LatitudeDegrees + dLat;
        Polygon polygon = new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon([new(w, s), new(e, s), new(e, n), new(w, n), new(w, s)]);
        return new AlertArea
        {
            Id = id, NameHebrew = $"א{id}", NameEnglish = $"A{id}", ZoneHebrew = "מבחן", ZoneEnglish = "Test", CountdownSeconds = countdownSeconds,
            Center = centre, Polygon = polygon, AreaSquareKilometers = 4 * halfSideMeters * halfSideMeters / 1e6,
        };
    }
}
