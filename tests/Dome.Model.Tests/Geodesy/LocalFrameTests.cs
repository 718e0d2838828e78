using Dome.Model.Geodesy;

namespace Dome.Model.Tests.Geodesy;

public class LocalFrameTests
{
    private static readonly GeoPoint Ashkelon = new(31.6688, 34.5743, 20);

    [Fact]
    public void ToEnu_PointStraightAbove_IsPureUp()
    {
        LocalFrame frame = new(Ashkelon);
        EnuVector enu = frame.ToEnu(Ashkelon.WithHeight(1020));
        Assert.Equal(0, enu.East, 1e-6);
        Assert.Equal(0, enu.North, 1e-6);
        Assert.Equal(1000, enu.Up, 1e-6);
    }

    [Fact]
    public void ToEnu_GroundPoint160KmAway_DropsAboutTwoKilometres()
    {
        // DESIGN.md: at 160 km the earth drops away by ~2 km; the sphere's d²/2R gives 2.0 km for R = 6371 km.
        LocalFrame frame = new(Ashkelon.WithHeight(0));
        GeoPoint far = Geodesic.Direct(Ashkelon.WithHeight(0), 20, 160_000);
        EnuVector enu = frame.ToEnu(far);
        double expected = -(160_000.0 * 160_000.0) / (2 * 6_371_000);
        Assert.InRange(enu.Up, expected * 1.03, expected * 0.97);
    }

    [Fact]
    public void EnuEcef_RoundTrip_BelowOneMillimetre()
    {
        LocalFrame frame = new(Ashkelon);
        Random random = new(7);
        for (int i = 0; i < 1000; i++)
        {
            EnuVector v = new(200_000 * (random.NextDouble() - 0.5), 200_000 * (random.NextDouble() - 0.5), 60_000 * random.NextDouble());
            EnuVector back = frame.ToEnu(frame.ToEcef(v));
            Assert.True((back - v).Length < 1e-3);
        }
    }

    [Fact]
    public void Axes_AreOrthonormal_AndUpIsTheEllipsoidNormal()
    {
        LocalFrame frame = new(Ashkelon);
        Assert.Equal(1, frame.East.Length, 1e-12);
        Assert.Equal(1, frame.North.Length, 1e-12);
        Assert.Equal(0, Vector3.Dot(frame.East, frame.North), 1e-12);
        Assert.Equal(0, Vector3.Dot(frame.Up, Vector3.Cross(frame.East, frame.North)) - 1, 1e-12);
        // The normal through a point crosses the polar axis at z = −N e² sin φ (geodetic, not geocentric, up).
        EcefPosition p = frame.OriginEcef;
        double t = -p.X / frame.Up.X;
        double zAxis = p.Z + (t * frame.Up.Z);
        double sinLat = Math.Sin(Ashkelon.LatitudeRadians);
        double n = Wgs84.SemiMajorAxisMeters / Math.Sqrt(1 - (Wgs84.EccentricitySquared * sinLat * sinLat));
        Assert.Equal(-n * Wgs84.EccentricitySquared * sinLat, zAxis, 1e-3);
    }
}
