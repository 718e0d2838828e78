using BenchmarkDotNet.Attributes;
using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Benchmarks;

/// <summary>
/// The operational core's hot paths, one call each: an impact forecast (with the unknown wind's sensitivity), the
/// motion model's 0.5 s prediction of a track (mean and covariance), a Kalman update, and the Hungarian assignment of a
/// 60 × 60 association cluster (the largest solved optimally).
/// </summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private Track _grad = null!;
    private Track _fajr = null!;
    private readonly double[] _x = new double[7];
    private readonly double[] _p = new double[49];
    private double[,] _costs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _grad = TrackOn(RocketCatalog.Grad, 10);
        _fajr = TrackOn(RocketCatalog.Fajr5, 30);
        Random random = new(60);
        _costs = new double[60, 60];
        for (int i = 0; i < 60; i++)
        {
            for (int j = 0; j < 60; j++)
            {
                _costs[i, j] = random.NextDouble() < 0.2 ? 16.27 * random.NextDouble() : double.PositiveInfinity;
            }
        }
    }

    [Benchmark(Description = "Impact forecast, Grad 10 s after launch")]
    public double ForecastGrad() => ImpactPredictor.Forecast(_grad)!.ImpactTimeSeconds;

    [Benchmark(Description = "Impact forecast, Fajr-5 30 s after launch")]
    public double ForecastFajr() => ImpactPredictor.Forecast(_fajr)!.ImpactTimeSeconds;

    [Benchmark(Description = "Track prediction over 0.5 s (mean and 7x7 covariance)")]
    public double Predict()
    {
        _grad.State.CopyTo(_x, 0);
        _grad.Covariance.CopyTo(_p, 0);
        BallisticMotionModel.Predict(_x, _p, 0.5, TrackerSettings.Default.BallisticNoise);
        return _x[0];
    }

    [Benchmark(Description = "Kalman update with a position plot")]
    public double Update()
    {
        _grad.State.CopyTo(_x, 0);
        _grad.Covariance.CopyTo(_p, 0);
        return KalmanUpdater.Update(_x, _p, 7, _x[0] + 20, _x[1] - 15, _x[2] + 10, [400, 0, 0, 0, 900, 0, 0, 0, 600]);
    }

    [Benchmark(Description = "Hungarian assignment, 60 x 60 sparse cluster")]
    public int[] Hungarian() => HungarianAssignment.Solve(_costs);

    private static Track TrackOn(RocketType type, double age)
    {
        (Vector3 r, Vector3 v) = FlightModel.Fly(type, new LaunchConditions(new GeoPoint(31.50, 34.45), 30, 45)).StateAt(age);
        double[] p = new double[49];
        double[] diagonal = [30 * 30, 30 * 30, 30 * 30, 5 * 5, 5 * 5, 5 * 5, 1e-10];
        for (int i = 0; i < 7; i++)
        {
            p[(i * 7) + i] = diagonal[i];
        }

        return Track.FromEstimate(1, age, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, 1.2e-4], p);
    }
}
