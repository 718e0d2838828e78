using Dome.Simulation.World;

namespace Dome.Simulation.Tests.World;

public class DeterministicRandomTests
{
    [Fact]
    public void NextUInt64_MatchesTheReferenceXoshiro256StarStar()
    {
        // Expected values from an independent implementation of Vigna's reference xoshiro256** seeded by SplitMix64.
        DeterministicRandom r = new(42);
        Assert.Equal(1546998764402558742UL, r.NextUInt64());
        Assert.Equal(6990951692964543102UL, r.NextUInt64());
        Assert.Equal(12544586762248559009UL, r.NextUInt64());
        Assert.Equal(11091344671253066420UL, new DeterministicRandom(0).NextUInt64());
    }

    [Fact]
    public void Gaussian_HasUnitVarianceAndZeroMean()
    {
        DeterministicRandom r = new(1);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            double x = r.NextGaussian();
            sum += x;
            sumSq += x * x;
        }

        Assert.Equal(0, sum / n, 0.01);
        Assert.Equal(1, (sumSq / n) - Math.Pow(sum / n, 2), 0.01);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(4)]
    [InlineData(80)]
    public void Poisson_HasItsMean(double mean)
    {
        DeterministicRandom r = new(2);
        const int n = 50_000;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            total += r.Poisson(mean);
        }

        Assert.Equal(mean, total / n, 4 * Math.Sqrt(mean / n));
    }

    [Fact]
    public void Derive_GivesIndependentReproducibleStreams()
    {
        Assert.Equal(DeterministicRandom.Derive(5, "radar:a").NextUInt64(), DeterministicRandom.Derive(5, "radar:a").NextUInt64());
        Assert.NotEqual(DeterministicRandom.Derive(5, "radar:a").NextUInt64(), DeterministicRandom.Derive(5, "radar:b").NextUInt64());
    }
}
