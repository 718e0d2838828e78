using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tests.Tracking;

public class MeasurementAndMotionTests
{
    internal static readonly RadarSite Radar = new()
    {
        Id = "r",
        Position = new GeoPoint(31.625, 34.620, 60),
        RevisitSeconds = 1,
        RangeSigmaMeters = 15,
        AzimuthSigmaMilliradians = 2,
        ElevationSigmaMilliradians = 2,
        DetectionProbability = 1,
        MinElevationDegrees = 0.5,
        MaxRangeMeters = 120_000,
        ClutterPerScan = 0,
    };

    [Fact]
    public void PositionMeasurement_CovarianceMatchesAMonteCarloOfTheSphericalNoise()
    {
        LocalFrame frame = new(Radar.Position);
        RadarPlot plot = new(0, "r", 30_000, 230, 12);
        PositionMeasurement m = PositionMeasurement.From(plot, Radar, frame);
        Random random = new(4);
        const int n = 40_000;
        double[] sum = new double[9];
        for (int i = 0; i < n; i++)
        {
            RadarPlot noisy = plot with
            {
                RangeMeters = plot.RangeMeters + (Gauss(random) * 15),
                AzimuthDegrees = plot.AzimuthDegrees + (Gauss(random) * 0.002 * 180 / Math.PI),
                ElevationDegrees = plot.ElevationDegrees + (Gauss(random) * 0.002 * 180 / Math.PI),
            };
            Vector3 d = PositionMeasurement.From(noisy, Radar, frame).Position - m.Position;
            double[] c = [d.X, d.Y, d.Z];
            for (int a = 0; a < 3; a++)
            {
                for (int b = 0; b < 3; b++)
                {
                    sum[(a * 3) + b] += c[a] * c[b] / n;
                }
            }
        }

        double scale = m.Covariance[0] + m.Covariance[4] + m.Covariance[8];
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(m.Covariance[i], sum[i], 0.03 * scale);
        }
    }

    [Fact]
    public void MotionModel_Mean_AgreesWithTheFlightModelsIntegrator()
    {
        // The same physics through two integrators: the model's adaptive Dormand–Prince and the tracker's fixed RK4.
        const double k = 9e-5;
        Trajectory truth = FlightModel.Fly(TestBodies.WithDragParameter(k), 750, new LaunchConditions(new GeoPoint(31.55, 34.50), 20, 45));
        double[] x = [.. Flatten(truth.StateAt(5)), k];
        double[] p = new double[49];
        BallisticMotionModel.Predict(x, p, 30, ProcessNoise.None);
        (Vector3 r, Vector3 v) = truth.StateAt(35);
        Assert.True((new Vector3(x[0], x[1], x[2]) - r).Length < 1.0);
        Assert.True((new Vector3(x[3], x[4], x[5]) - v).Length < 0.05);
    }

    [Fact]
    public void MotionModel_Jacobian_PropagatesSmallPerturbationsLikeTheNonlinearModel()
    {
        double[] x0 = [.. Flatten(FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(new GeoPoint(31.55, 34.50), 20, 45)).StateAt(10)), 1e-4];
        double[] delta = [20, -15, 10, 2, -1, 1.5, 1e-6];
        double[] xa = [.. x0], xb = [.. x0.Zip(delta, (a, b) => a + b)];
        double[] p = new double[49];
        BallisticMotionModel.Predict(xa, p, 5, ProcessNoise.None);
        BallisticMotionModel.Predict(xb, p, 5, ProcessNoise.None);
        // The transition over 5 s, composed from 1 s steps along the mean (as the tracker propagates covariances).
        double[] mean = [.. x0];
        double[] d = [.. delta];
        double[] a = new double[49], f = new double[49];
        for (int step = 0; step < 5; step++)
        {
            BallisticMotionModel.Jacobian(mean, a);
            BallisticMotionModel.TransitionFromJacobian(a, 1, f);
            d = [.. Enumerable.Range(0, 7).Select(i => Enumerable.Range(0, 7).Sum(j => f[(i * 7) + j] * d[j]))];
            BallisticMotionModel.Rk4(mean, 1);
        }

        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(xb[i] - xa[i], d[i], i < 3 ? 0.1 : 0.03);
        }
    }

    [Fact]
    public void TransitionFromJacobian_BlockFormula_EqualsTheDenseTaylorSeries()
    {
        double[] x = [.. Flatten(FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(new GeoPoint(31.55, 34.50), 20, 45)).StateAt(10)), 1e-4];
        double[] a = new double[49], f = new double[49];
        BallisticMotionModel.Jacobian(x, a);
        BallisticMotionModel.TransitionFromJacobian(a, 3, f);
        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                double a2 = Enumerable.Range(0, 7).Sum(m => a[(i * 7) + m] * a[(m * 7) + j]);
                double expected = (i == j ? 1 : 0) + (a[(i * 7) + j] * 3) + (a2 * 4.5);
                Assert.Equal(expected, f[(i * 7) + j], 1e-12 + (1e-9 * Math.Abs(expected)));
            }
        }
    }

    [Fact]
    public void ProcessNoise_AlongAndAcrossTheVelocity_AddsItsDensityTimesTheStep()
    {
        // Q is added after F P Fᵀ: the same step with and without noise differs by Q exactly; Q_vv = Q_c h with
        // Q_c = q_across I + (q_along − q_across) u uᵀ, and Q_rr = Q_c h³/3.
        double[] x = [.. Flatten(FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(new GeoPoint(31.55, 34.50), 20, 45)).StateAt(3)), 1e-4];
        double[] p0 = new double[49];
        for (int i = 0; i < 7; i++)
        {
            p0[(i * 7) + i] = i < 6 ? 100 : 1e-10;
        }

        double[] quiet = [.. p0], noisy = [.. p0], xa = [.. x], xb = [.. x];
        BallisticMotionModel.Predict(xa, quiet, 0.5, ProcessNoise.None);
        BallisticMotionModel.Predict(xb, noisy, 0.5, new ProcessNoise(300 * 300, 60 * 60, 0));
        Vector3 u = new Vector3(x[3], x[4], x[5]) / new Vector3(x[3], x[4], x[5]).Length;
        Vector3 across = Vector3.Cross(u, new Vector3(0, 0, 1));
        across /= across.Length;
        double Quadratic(double[] m, Vector3 w, int offset) =>
            Enumerable.Range(0, 3).Sum(i => Enumerable.Range(0, 3).Sum(j => (i == 0 ? w.X : i == 1 ? w.Y : w.Z) * m[((i + offset) * 7) + j + offset] * (j == 0 ? w.X : j == 1 ? w.Y : w.Z)));
        Assert.Equal(300 * 300 * 0.5, Quadratic(noisy, u, 3) - Quadratic(quiet, u, 3), 1e-6 * 300 * 300);
        Assert.Equal(60 * 60 * 0.5, Quadratic(noisy, across, 3) - Quadratic(quiet, across, 3), 1e-6 * 300 * 300);
        Assert.Equal(300 * 300 * 0.125 / 3, Quadratic(noisy, u, 0) - Quadratic(quiet, u, 0), 1e-6 * 300 * 300);
    }

    [Fact]
    public void ProcessNoise_OfTheUnknownWind_FollowsTheDrag()
    {
        // The wind's share of the noise is (|a_drag|/|v| σ_w)² τ: large in the dense air of a descent, nil near apogee
        // of a long-range round where the air is thin.
        Trajectory fajr = FlightModel.Fly(RocketCatalog.Fajr5, new LaunchConditions(new GeoPoint(31.40, 34.40), 30, 55));
        double Added(double age)
        {
            double[] x = [.. Flatten(fajr.StateAt(age)), 1e-4];
            double[] quiet = new double[49], windy = new double[49];
            BallisticMotionModel.Predict([.. x], quiet, 1, ProcessNoise.None);
            BallisticMotionModel.Predict([.. x], windy, 1, ProcessNoise.None with { UnknownWind = Dome.Defense.Prediction.WindUncertainty.Default });
            return windy[(3 * 7) + 3] + windy[(4 * 7) + 4] + windy[(5 * 7) + 5] - quiet[(3 * 7) + 3] - quiet[(4 * 7) + 4] - quiet[(5 * 7) + 5];
        }

        double nearApogee = Added(fajr.ApogeeTimeSeconds), descent = Added(fajr.FlightTimeSeconds - 3);
        Assert.True(descent > 100 * nearApogee, $"descent {descent:G3}, apogee {nearApogee:G3} (m/s)²");
        // Its size, from the standard atmosphere's own table and the drag curve: ∂a/∂w = ½ρ|v| k Cd(M)/Cd(0) across the
        // velocity and twice that along it, so the trace of Q_vv over 1 s is (1 + 1 + 4)(∂a/∂w σ_w)² τ.
        (Vector3 r, Vector3 v) = fajr.StateAt(fajr.FlightTimeSeconds - 3);
        double height = EcefPosition.FromVector(r).ToGeodetic().HeightMeters;
        Dome.Model.Atmosphere.AirState air = Dome.Model.Atmosphere.StandardAtmosphere.At(height);
        double perWind = 0.5 * air.DensityKilogramsPerCubicMeter * v.Length * 1e-4 * DragCurve.FinStabilizedRocket.At(v.Length / air.SpeedOfSoundMetersPerSecond) / DragCurve.FinStabilizedRocket.At(0)
            * Dome.Defense.Prediction.WindUncertainty.Default.SigmaAt(height);
        Assert.Equal(6 * perWind * perWind * BallisticMotionModel.WindErrorCorrelationSeconds, descent, 0.02 * descent);
    }

    private static double[] Flatten((Vector3 R, Vector3 V) s) => [s.R.X, s.R.Y, s.R.Z, s.V.X, s.V.Y, s.V.Z];

    internal static double Gauss(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
