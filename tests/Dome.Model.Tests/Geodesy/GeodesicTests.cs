using Dome.Model.Geodesy;

namespace Dome.Model.Tests.Geodesy;

public class GeodesicTests
{
    // Vincenty (1975) / Geoscience Australia's worked example: Flinders Peak to Buninyong (GRS80, which differs from
    // WGS84 by 0.1 mm in b): s = 54,972.271 m, α1 = 306°52'05.37", reverse azimuth α21 = 127°10'25.07".
    private static readonly GeoPoint FlindersPeak = new(-EcefTests.Dms(37, 57, 3.72030), EcefTests.Dms(144, 25, 29.52440));
    private static readonly GeoPoint Buninyong = new(-EcefTests.Dms(37, 39, 10.15610), EcefTests.Dms(143, 55, 35.38390));

    [Fact]
    public void Inverse_FlindersPeakToBuninyong_MatchesPublishedSolution()
    {
        GeodesicLine line = Geodesic.Inverse(FlindersPeak, Buninyong);
        Assert.Equal(54972.271, line.DistanceMeters, 0.002);
        Assert.Equal(EcefTests.Dms(306, 52, 5.37), line.InitialAzimuthDegrees, 0.5 / 3600);
        // The reverse azimuth (from Buninyong back to Flinders Peak) is the final forward azimuth turned by 180°.
        Assert.Equal(EcefTests.Dms(127, 10, 25.07), (line.FinalAzimuthDegrees + 180) % 360, 0.5 / 3600);
    }

    [Fact]
    public void Direct_FromFlindersPeak_ReachesBuninyong()
    {
        GeoPoint p = Geodesic.Direct(FlindersPeak, EcefTests.Dms(306, 52, 5.37), 54972.271);
        Assert.True(Geodesic.Inverse(p, Buninyong).DistanceMeters < 0.01);
    }

    [Fact]
    public void InverseAndDirect_AreConsistent_OverTheTheatre()
    {
        Random random = new(3);
        for (int i = 0; i < 500; i++)
        {
            GeoPoint a = new(29.5 + (4 * random.NextDouble()), 34 + (2 * random.NextDouble()));
            GeoPoint b = new(29.5 + (4 * random.NextDouble()), 34 + (2 * random.NextDouble()));
            GeodesicLine line = Geodesic.Inverse(a, b);
            GeoPoint reached = Geodesic.Direct(a, line.InitialAzimuthDegrees, line.DistanceMeters);
            Assert.True(Geodesic.Inverse(reached, b).DistanceMeters < 1e-3);
        }
    }

    [Fact]
    public void Inverse_ShortDistance_AgreesWithChordThroughEcef()
    {
        // Over 1 km the geodesic and the straight chord differ by < 1e-6 m: an independent check of the distance.
        GeoPoint a = new(31.6688, 34.5743);
        GeoPoint b = Geodesic.Direct(a, 63, 1000);
        double chord = EcefPosition.FromGeodetic(a).DistanceTo(EcefPosition.FromGeodetic(b));
        Assert.Equal(chord, Geodesic.Inverse(a, b).DistanceMeters, 1e-4);
    }
}
