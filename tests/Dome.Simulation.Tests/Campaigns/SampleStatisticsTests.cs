using Dome.Simulation.Campaigns;

namespace Dome.Simulation.Tests.Campaigns;

public class SampleStatisticsTests
{
    [Fact]
    public void OneToTen_MatchesHandComputedFigures()
    {
        SampleStatistics s = SampleStatistics.Of(Enumerable.Range(1, 10).Select(i => (double?)i))!;
        Assert.Equal(10, s.N);
        Assert.Equal(5.5, s.Mean, 12);
        Assert.Equal(Math.Sqrt(82.5 / 9), s.StdDev, 12); // Σ(x − 5.5)² = 82.5
        // Type 7 (numpy's default): h = (n − 1)p, linear between order statistics.
        Assert.Equal(1.45, s.P05, 12);
        Assert.Equal(5.5, s.P50, 12);
        Assert.Equal(9.55, s.P95, 12);
        // t(0.975, 9) = 2.262157 (Student's t table).
        double half = 2.262157 * Math.Sqrt(82.5 / 9) / Math.Sqrt(10);
        Assert.Equal(5.5 - half, s.Ci95Low!.Value, 5);
        Assert.Equal(5.5 + half, s.Ci95High!.Value, 5);
    }

    [Fact]
    public void NullsAreLeftOut_NoValuesGiveNull_OneValueHasNoInterval()
    {
        Assert.Null(SampleStatistics.Of([null, null]));
        SampleStatistics one = SampleStatistics.Of([null, 3.0])!;
        Assert.Equal(1, one.N);
        Assert.Equal(3.0, one.P95);
        Assert.Null(one.Ci95Low);
    }

    [Theory]
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17:857,
    // Table I, method 3 (Wilson score interval without continuity correction).
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_MatchesNewcombesTable(long successes, long trials, double low, double high)
    {
        PooledProportion p = PooledProportion.Of(successes, trials);
        Assert.Equal(low, p.Wilson95Low!.Value, 4);
        Assert.Equal(high, p.Wilson95High!.Value, 4);
    }

    [Fact]
    public void Wilson_NoTrials_IsEmpty() => Assert.Null(PooledProportion.Of(0, 0).Fraction);
}
