using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Dome.Simulation.Campaigns;

/// <summary>
/// The summary of one metric over a campaign's runs: mean, the 5th/50th/95th percentiles (linear interpolation between
/// order statistics, R's type 7 and numpy's default), and the 95% confidence interval of the mean from Student's t
/// (mean ± t(0.975, n−1)·s/√n; absent for a single run).
/// </summary>
public sealed record SampleStatistics(int N, double Mean, double StdDev, double P05, double P50, double P95, double? Ci95Low, double? Ci95High)
{
    /// <summary>The statistics of the non-null values; null when there are none.</summary>
    public static SampleStatistics? Of(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] x = [.. values.Where(v => v is not null).Select(v => v!.Value)];
        if (x.Length == 0)
        {
            return null;
        }

        Array.Sort(x);
        double mean = x.Average();
        double sd = x.Length > 1 ? ArrayStatistics.StandardDeviation(x) : 0;
        double? half = x.Length > 1 ? StudentT.InvCDF(0, 1, x.Length - 1, 0.975) * sd / Math.Sqrt(x.Length) : null;
        return new SampleStatistics(x.Length, mean, sd,
            SortedArrayStatistics.QuantileCustom(x, 0.05, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(x, 0.50, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(x, 0.95, QuantileDefinition.R7),
            mean - half, mean + half);
    }
}

/// <summary>
/// A proportion pooled over runs (e.g. achievable threats warned on time, over every threat of every run) with its
/// Wilson score 95% interval, which stays honest at 0 or 100% where a normal interval collapses to a point.
/// </summary>
public sealed record PooledProportion(long Successes, long Trials, double? Fraction, double? Wilson95Low, double? Wilson95High)
{
    public static PooledProportion Of(long successes, long trials)
    {
        if (trials <= 0)
        {
            return new PooledProportion(successes, trials, null, null, null);
        }

        const double z = 1.959963984540054;
        double p = (double)successes / trials;
        double n = trials;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        return new PooledProportion(successes, trials, p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
