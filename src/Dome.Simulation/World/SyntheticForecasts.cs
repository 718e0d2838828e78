using Dome.Defense.Prediction;
using Dome.Model.Geodesy;

namespace Dome.Simulation.World;

/// <summary>Synthetic impact forecasts for the planner's benchmarks (`dome bench alerting` and BenchmarkDotNet's).</summary>
public static class SyntheticForecasts
{
    /// <summary>
    /// 1,000 forecasts over the south and centre (31.25–32.15° N, 34.50–34.95° E) from a seeded generator: σ 100 m–2 km
    /// (east–north correlation from a 0.3 covariance share, north variance 0.6 of east), impacts 20–120 s ahead, and the
    /// impact time growing 1 s per 300 m east (Σ_gt = Σ_gg·(1/300, 0)), so that each area's time left is counted to its own.
    /// </summary>
    public static IReadOnlyList<ImpactForecast> OverSouthAndCentre(int count = 1000, ulong seed = 5)
    {
        DeterministicRandom random = new(seed);
        List<ImpactForecast> forecasts = [];
        for (int i = 0; i < count; i++)
        {
            double sigma = random.Uniform(100, 2000);
            forecasts.Add(new ImpactForecast
            {
                TrackId = i + 1,
                TimeSeconds = 0,
                ImpactPoint = new GeoPoint(random.Uniform(31.25, 32.15), random.Uniform(34.50, 34.95)),
                ImpactTimeSeconds = random.Uniform(20, 120),
                ImpactTimeSigmaSeconds = 1,
                EastVariance = sigma * sigma,
                EastNorthCovariance = 0.3 * sigma * sigma,
                NorthVariance = 0.6 * sigma * sigma,
                ImpactTimeEastCovariance = sigma * sigma / 300,
                ImpactTimeNorthCovariance = 0.3 * sigma * sigma / 300,
            });
        }

        return forecasts;
    }
}
