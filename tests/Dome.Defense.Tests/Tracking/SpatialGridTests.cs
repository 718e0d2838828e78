using Dome.Defense.Tracking;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Tracking;

public class SpatialGridTests
{
    private static readonly Vector3[] Points = [new(4_400_000, 3_000_000, 3_300_000), new(4_401_000, 3_000_500, 3_300_200), new(4_500_000, 3_100_000, 3_200_000)];

    private static SpatialGrid Grid()
    {
        SpatialGrid grid = new(2000);
        for (int i = 0; i < Points.Length; i++)
        {
            grid.Add(i, Points[i]);
        }

        return grid;
    }

    [Fact]
    public void Query_ReturnsEveryPointWithinTheRadius_AndNotTheFarOne()
    {
        // Brute force is the truth: the grid's answer is a superset of the points within the radius.
        List<int> found = [];
        Grid().Query(Points[0], 1500, found);
        for (int i = 0; i < Points.Length; i++)
        {
            bool within = (Points[i] - Points[0]).Length <= 1500;
            if (within)
            {
                Assert.Contains(i, found);
            }
        }

        Assert.DoesNotContain(2, found); // ~170 km away: not in any cell of a 1.5 km box
    }

    [Theory]
    [InlineData(1e300)] // its box spans more cells than a long holds: the count must not wrap
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(5e9)] // spans ~2.5e6 cells a side: the product of three spans overflows a long
    public void Query_WithAnUnboundedRadius_LooksAtEveryOccupiedCell_AndEnds(double radius)
    {
        List<int> found = [];
        Grid().Query(Points[0], radius, found);
        Assert.Equal([0, 1, 2], found.Order());
    }

    [Fact]
    public void Query_AroundAPositionNotFinite_LooksAtEveryOccupiedCell_AndEnds()
    {
        List<int> found = [];
        Grid().Query(new Vector3(double.NaN, 0, double.PositiveInfinity), 100, found);
        Assert.Equal([0, 1, 2], found.Order());
    }
}
