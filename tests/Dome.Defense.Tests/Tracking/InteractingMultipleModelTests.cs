using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tests.Tracking;

public class InteractingMultipleModelTests
{
    private const int N = BallisticMotionModel.Dimension;

    [Fact]
    public void Update_WithTwoIdenticalModes_IsTheKalmanUpdate_AndLeavesTheProbabilities()
    {
        (double[] x, double[] p) = State();
        double[] r = Diagonal3(40 * 40, 60 * 60, 25 * 25);
        Track track = new(1, 0, [.. x], [.. p], 0);
        TrackModes modes = new(x, p, 0.3);
        InteractingMultipleModel.Update(track, modes, x[0] + 35, x[1] - 20, x[2] + 12, r);

        double[] kx = [.. x], kp = [.. p];
        KalmanUpdater.Update(kx, kp, N, x[0] + 35, x[1] - 20, x[2] + 12, r);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(kx[i], track.State[i], 1e-6 * (1 + Math.Abs(kx[i])));
            for (int j = 0; j < N; j++)
            {
                Assert.Equal(kp[(i * N) + j], track.Covariance[(i * N) + j], 1e-6 * (1 + Math.Abs(kp[(i * N) + j])));
            }
        }

        Assert.Equal(0.3, modes.Probabilities[TrackModes.Boost], 12);
    }

    [Fact]
    public void Update_ModeProbabilities_AreBayesWithGaussianLikelihoods()
    {
        // Same mean, different spreads: μⱼ⁺ = Λⱼ μⱼ / Σ Λᵢ μᵢ with Λ = exp(−½ νᵀS⁻¹ν) / √((2π)³ det S), S diagonal here.
        (double[] x, double[] p) = State(correlated: false);
        double[] wide = [.. p];
        for (int i = 0; i < 3; i++)
        {
            wide[(i * N) + i] = 400 * 400;
        }

        TrackModes modes = new(x, p, 0.5);
        wide.CopyTo(modes.Covariances[TrackModes.Boost], 0);

        Track track = new(1, 0, [.. x], [.. p], 0);
        double[] r = Diagonal3(30 * 30, 30 * 30, 30 * 30);
        double[] nu = [150, -90, 60];
        InteractingMultipleModel.Update(track, modes, x[0] + nu[0], x[1] + nu[1], x[2] + nu[2], r);

        double Likelihood(double[] pm)
        {
            double logDet = 0, d2 = 0;
            for (int i = 0; i < 3; i++)
            {
                double s = pm[(i * N) + i] + r[(i * 3) + i];
                logDet += Math.Log(s);
                d2 += nu[i] * nu[i] / s;
            }

            return Math.Exp(-0.5 * (d2 + logDet + (3 * Math.Log(2 * Math.PI))));
        }

        double lb = Likelihood(wide);
        double lc = Likelihood(p);
        Assert.Equal(lb / (lb + lc), modes.Probabilities[TrackModes.Boost], 1e-9);
        Assert.Equal(1.0, modes.Probabilities.Sum(), 12);
    }

    [Fact]
    public void Output_IsTheMomentMatchedMixture()
    {
        (double[] x, double[] p) = State();
        TrackModes modes = new(x, p, 0.25);
        modes.States[TrackModes.Boost][0] += 100; // boost mode 100 m east in ECEF x
        Track track = new(1, 0, [.. x], [.. p], 0);
        InteractingMultipleModel.Output(track, modes);
        // Mean: x + 0.25·100; variance: P + 0.25·0.75·100².
        Assert.Equal(x[0] + 25, track.State[0], 1e-6);
        Assert.Equal(p[0] + (0.25 * 0.75 * 100 * 100), track.Covariance[0], 1e-6);
        Assert.Equal(p[1], track.Covariance[1], 1e-9);
    }

    [Fact]
    public void Predict_BoostProbability_DecaysAtTheBurnoutRate()
    {
        // A motor goes out and does not light again: μ_boost(t + dt) = μ_boost(t) · exp(−dt/τ) before any plot.
        (double[] x, double[] p) = State();
        TrackerSettings settings = TrackerSettings.Default;
        TrackModes modes = new(x, p, 0.8);
        Track track = new(1, 0, [.. x], [.. p], 0);
        InteractingMultipleModel.Predict(track, modes, 1.5, settings);
        Assert.Equal(0.8 * Math.Exp(-1.5 / settings.MeanRemainingBurnSeconds), modes.Probabilities[TrackModes.Boost], 12);
        // The two modes were flown with their own noise: the boost mode is wider along the velocity.
        Assert.True(modes.Covariances[TrackModes.Boost][(3 * N) + 3] > modes.Covariances[TrackModes.Ballistic][(3 * N) + 3]);
    }

    [Fact]
    public void Tracker_TellsABurningMotorFromACoastingRound()
    {
        // Seen 8 km from a radar scanning twice a second: a Fajr-5 burns for 4.5 s, a Grad for 1.8 s, a 120 mm mortar
        // bomb has no motor. The boost mode must carry the Fajr-5's burn and be dropped soon after each burnout.
        RadarSite radar = MeasurementAndMotionTests.Radar with { Position = new GeoPoint(31.50, 34.55, 60) };
        SortedDictionary<double, double> Boost(RocketType type)
        {
            TestWorld world = new(radar, 11);
            world.Add(type, new GeoPoint(31.52, 34.47), 60, 45, 0);
            Tracker tracker = new([radar]);
            SortedDictionary<double, double> series = [];
            for (double t = 0.3; t <= 9; t += 0.5)
            {
                tracker.Process(world.Scan(t, 0).Select(s => s.Plot));
                if (tracker.Tracks.Count > 0)
                {
                    series[t] = tracker.Tracks.Max(k => k.BoostProbability);
                }
            }

            return series;
        }

        SortedDictionary<double, double> fajr = Boost(RocketCatalog.Fajr5), grad = Boost(RocketCatalog.Grad), mortar = Boost(RocketCatalog.Mortar120);
        double whileBurning = fajr.Where(kv => kv.Key is >= 2.5 and <= 4.5).Average(kv => kv.Value);
        Assert.True(whileBurning > 0.6, $"Fajr-5 boost probability while its motor burns: {whileBurning:F3}");
        Assert.All(mortar.Where(kv => kv.Key >= 3), kv => Assert.True(kv.Value < 0.01, $"mortar at {kv.Key} s: {kv.Value:F3}"));
        Assert.All(grad.Where(kv => kv.Key >= 4.5), kv => Assert.True(kv.Value < 0.01, $"Grad at {kv.Key} s: {kv.Value:F3}"));
        Assert.All(fajr.Where(kv => kv.Key >= 7.5), kv => Assert.Equal(0, kv.Value)); // collapsed to the ballistic mode
    }

    private static (double[] X, double[] P) State(bool correlated = true)
    {
        (double[] x, double[] p) = TestStates.Grad(12, [50 * 50, 70 * 70, 60 * 60, 20 * 20, 25 * 25, 15 * 15, 4e-10]);
        if (correlated)
        {
            p[1] = p[N] = 800; // a little correlation between x and y
        }

        return (x, p);
    }

    private static double[] Diagonal3(double a, double b, double c) => [a, 0, 0, 0, b, 0, 0, 0, c];
}
