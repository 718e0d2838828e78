using Dome.Model.Numerics;

namespace Dome.Model.Tests.Numerics;

public class ScalarSolversTests
{
    [Fact]
    public void GoldenSectionMaximum_FindsTheVertexOfAParabola()
    {
        (double x, double value) = ScalarSolvers.GoldenSectionMaximum(x => -((x - 1.234) * (x - 1.234)) + 7, -10, 10, 1e-9);
        Assert.Equal(1.234, x, 1e-6); // a flat top limits any comparison method to about √ε in x
        Assert.Equal(7, value, 1e-12);
    }

    [Fact]
    public void FalsePosition_FindsTheRootOfIncreasingAndDecreasingFunctions()
    {
        Assert.Equal(Math.Sqrt(2), ScalarSolvers.FalsePosition(x => (x * x) - 2, 0, 2, -2, 2, 1e-14, 1e-15), 1e-12);
        Assert.Equal(Math.PI / 2, ScalarSolvers.FalsePosition(Math.Cos, 1, 2, Math.Cos(1), Math.Cos(2), 1e-14, 1e-15), 1e-12);
    }

    [Fact]
    public void FalsePosition_WithoutASignChange_Throws() =>
        Assert.Throws<ArgumentException>(() => ScalarSolvers.FalsePosition(x => x + 5, 0, 1, 5, 6, 1e-9, 1e-9));
}
