using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Areas;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Prediction;

public class ImpactPredictorTests
{
    private const double K = 9e-5;

    private static readonly FlightBody Body = TestBodies.WithDragParameter(K);

    [Theory]
    [InlineData(450, 45, 5)]
    [InlineData(1100, 50, 20)]
    public void Forecast_OfAnExactState_LandsWhereTheFlightModelLands(double speed, double elevation, double age)
    {
        Trajectory truth = FlightModel.Fly(Body, speed, new LaunchConditions(new GeoPoint(31.55, 34.50), 30, elevation));
        (Vector3 r, Vector3 v) = truth.StateAt(age);
        double[] p = new double[49];
        for (int i = 0; i < 7; i++)
        {
            p[(i * 7) + i] = i < 3 ? 1 : i < 6 ? 0.01 : 1e-14;
        }

        Track track = new(1, age, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, K], p, 0);
        ImpactForecast f = ImpactPredictor.Forecast(track)!;
        Assert.True(Geodesic.Inverse(f.ImpactPoint, truth.ImpactPoint).DistanceMeters < 25, "forecast mean strays from the exact flight");
        Assert.Equal(truth.FlightTimeSeconds, f.ImpactTimeSeconds, 0.5);
    }

    [Fact]
    public void Forecast_PositionUncertainty_ProjectsAlongTheVelocity()
    {
        // A pure vertical position error of 100 m on a round falling at 45° moves the impact 100 m downrange.
        Trajectory truth = FlightModel.Fly(Body, 450, new LaunchConditions(new GeoPoint(31.55, 34.50), 0, 45));
        double tFinal = truth.FlightTimeSeconds - 0.5;
        (Vector3 r, Vector3 v) = truth.StateAt(tFinal);
        LocalFrame frame = new(EcefPosition.FromVector(r).ToGeodetic());
        Vector3 up = frame.Up;
        double[] p = new double[49];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                p[(i * 7) + j] = 100 * 100 * (i == 0 ? up.X : i == 1 ? up.Y : up.Z) * (j == 0 ? up.X : j == 1 ? up.Y : up.Z);
            }
        }

        p[48] = 1e-20;
        ImpactForecast f = ImpactPredictor.Forecast(new Track(1, tFinal, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, K], p, 0))!;
        EnuVector vel = frame.ToEnuVector(v);
        double slope = vel.HorizontalLength / -vel.Up;
        double drift = ImpactPredictor.ModelDriftMetersPerSecondSquared * 0.25;
        Assert.Equal(100 * slope, Math.Sqrt(f.NorthVariance - (drift * drift)), 3.0);
        Assert.True(Math.Sqrt(f.EastVariance) < 5);
    }

    [Fact]
    public void Region_HasTheChiSquaredScale_AndTheMajorAxisAlongTheLargerVariance()
    {
        ImpactForecast f = new()
        {
            TrackId = 1, TimeSeconds = 0, ImpactPoint = new GeoPoint(31.6, 34.6), ImpactTimeSeconds = 10, ImpactTimeSigmaSeconds = 1,
            EastVariance = 400 * 400, EastNorthCovariance = 0, NorthVariance = 100 * 100,
        };
        GroundEllipse e = f.Region(0.99);
        double scale = Math.Sqrt(-2 * Math.Log(0.01));
        Assert.Equal(400 * scale, e.SemiMajorMeters, 1e-6);
        Assert.Equal(100 * scale, e.SemiMinorMeters, 1e-6);
        Assert.Equal(90, e.MajorAxisAzimuthDegrees, 1e-9);
        // Rotated 45°: equal variances with a positive covariance put the major axis at 45° (north-east).
        GroundEllipse d = (f with { EastVariance = 200 * 200, NorthVariance = 200 * 200, EastNorthCovariance = 150 * 150 }).Region(0.5);
        Assert.Equal(45, d.MajorAxisAzimuthDegrees, 1e-6);
        // The boundary of the region is where the Mahalanobis distance equals the quantile.
        Assert.Equal(scale * scale, f.MahalanobisSquared(400 * scale, 0), 1e-9);
    }
}
