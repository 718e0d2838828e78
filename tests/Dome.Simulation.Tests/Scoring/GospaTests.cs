using Dome.Model.Geodesy;
using Dome.Simulation.Scoring;

namespace Dome.Simulation.Tests.Scoring;

public class GospaTests
{
    private static readonly Vector3 A = new(4_400_000, 3_000_000, 3_300_000);

    [Fact]
    public void Evaluate_OneGoodPairOneMissedOneFalse_MatchesTheDefinition()
    {
        Vector3 b = A + new Vector3(5000, 0, 0), far = A + new Vector3(0, 20_000, 0);
        GospaSample g = Gospa.Evaluate(1, [A, b], [A + new Vector3(30, 0, 0), far], 1000);
        Assert.Equal(1, g.Missed);
        Assert.Equal(1, g.False);
        Assert.Equal(30, g.LocalisationMeters, 1e-9);
        Assert.Equal(Math.Sqrt((30 * 30) + (1000.0 * 1000 / 2 * 2)), g.GospaMeters, 1e-9);
    }

    [Fact]
    public void Evaluate_PerfectPicture_IsZero_AndCrossedPairsAreUntangled()
    {
        Vector3 b = A + new Vector3(400, 0, 0);
        // Estimates listed in the other order, each 50 m from its own rocket: the optimal assignment pairs them right.
        GospaSample g = Gospa.Evaluate(0, [A, b], [b + new Vector3(0, 50, 0), A + new Vector3(0, 50, 0)], 1000);
        Assert.Equal(0, g.Missed + g.False);
        Assert.Equal(Math.Sqrt(2 * 50 * 50), g.GospaMeters, 1e-9);
        Assert.Equal(0, Gospa.Evaluate(0, [A], [A], 1000).GospaMeters);
        Assert.Equal(Math.Sqrt(1000.0 * 1000 / 2), Gospa.Evaluate(0, [A], [], 1000).GospaMeters, 1e-9);
    }
}
