using Dome.Model.Geodesy;

namespace Dome.Model.Tests.Geodesy;

public class EcefTests
{
    [Fact]
    public void FromGeodetic_EpsgGuidanceNoteExample_MatchesPublishedCoordinates()
    {
        // IOGP Guidance Note 7-2, method 9602 worked example (WGS84): 53°48'33.820"N, 2°07'46.380"E, h = 73.0 m.
        GeoPoint p = new(Dms(53, 48, 33.820), Dms(2, 7, 46.380), 73.0);
        EcefPosition e = EcefPosition.FromGeodetic(p);
        Assert.Equal(3771793.968, e.X, 0.001);
        Assert.Equal(140253.342, e.Y, 0.001);
        Assert.Equal(5124304.349, e.Z, 0.001);
    }

    [Fact]
    public void FromGeodetic_EquatorAndPole_AreTheSemiAxes()
    {
        EcefPosition equator = EcefPosition.FromGeodetic(new GeoPoint(0, 0, 0));
        Assert.Equal(Wgs84.SemiMajorAxisMeters, equator.X, 1e-6);
        Assert.Equal(0, equator.Y, 1e-6);
        EcefPosition pole = EcefPosition.FromGeodetic(new GeoPoint(90, 0, 100));
        Assert.Equal(6356752.314245 + 100, pole.Z, 1e-5);
        EcefPosition east = EcefPosition.FromGeodetic(new GeoPoint(0, 90, 1000));
        Assert.Equal(Wgs84.SemiMajorAxisMeters + 1000, east.Y, 1e-6);
    }

    [Fact]
    public void ToGeodetic_RoundTrip_BelowOneMillimetre()
    {
        Random random = new(42);
        for (int i = 0; i < 10_000; i++)
        {
            GeoPoint p = new(-89.9 + (179.8 * random.NextDouble()), -180 + (360 * random.NextDouble()), -1000 + (300_000 * random.NextDouble()));
            EcefPosition e = EcefPosition.FromGeodetic(p);
            GeoPoint back = e.ToGeodetic();
            Assert.True(EcefPosition.FromGeodetic(back).DistanceTo(e) < 1e-3, $"round trip of {p} drifted");
            Assert.Equal(p.HeightMeters, back.HeightMeters, 1e-3);
        }
    }

    [Fact]
    public void ToGeodetic_OnThePolarAxis_GivesThePole()
    {
        GeoPoint p = new EcefPosition(0, 0, Wgs84.SemiMinorAxisMeters + 500).ToGeodetic();
        Assert.Equal(90, p.LatitudeDegrees, 1e-9);
        Assert.Equal(500, p.HeightMeters, 1e-6);
    }

    internal static double Dms(int degrees, int minutes, double seconds) =>
        Math.Sign(degrees == 0 ? 1 : degrees) * (Math.Abs(degrees) + (minutes / 60.0) + (seconds / 3600.0));
}
