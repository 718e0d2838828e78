using Dome.Model.Atmosphere;
using Dome.Model.Geodesy;

namespace Dome.Model.Tests.Atmosphere;

public class WindProfileTests
{
    [Fact]
    public void At_WesterlyWind_BlowsTowardsTheEast()
    {
        WindProfile wind = new([new WindLevel(0, 10, 270)]);
        EnuVector v = wind.At(5000);
        Assert.Equal(10, v.East, 1e-9);
        Assert.Equal(0, v.North, 1e-9);
    }

    [Fact]
    public void At_BetweenLevels_InterpolatesComponentsLinearly()
    {
        WindProfile wind = new([new WindLevel(0, 10, 270), new WindLevel(1000, 20, 180)]);
        EnuVector v = wind.At(500);
        Assert.Equal(5, v.East, 1e-9);   // from +10 east to 0
        Assert.Equal(10, v.North, 1e-9); // from 0 to +20 north (a southerly blows north)
        Assert.Equal(20, wind.At(9000).North, 1e-9);
    }

    [Fact]
    public void Constructor_DuplicateAltitudeOrNegativeSpeed_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WindProfile([new WindLevel(0, 1, 0), new WindLevel(0, 2, 0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindProfile([new WindLevel(0, -1, 0)]));
    }
}
