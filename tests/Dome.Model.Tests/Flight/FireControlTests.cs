using Dome.Model.Atmosphere;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Model.Tests.Flight;

public class FireControlTests
{
    private static readonly GeoPoint BeitHanoun = new(31.5370, 34.5390);
    private static readonly GeoPoint Ashkelon = new(31.6688, 34.5743);

    [Theory]
    [InlineData(TrajectoryArc.Low)]
    [InlineData(TrajectoryArc.High)]
    public void Solve_GradAtAshkelon_PutsTheNominalRoundWithinFiveMetres(TrajectoryArc arc)
    {
        FireSolution s = FireControl.Solve(RocketCatalog.Grad, BeitHanoun, Ashkelon, arc);
        // Fly the reported solution again, independently of the solver's own trajectory.
        Trajectory again = FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(BeitHanoun, s.AzimuthDegrees, s.ElevationDegrees));
        Assert.True(Geodesic.Inverse(again.ImpactPoint, Ashkelon).DistanceMeters < 5);
        Assert.True(s.ImpactErrorMeters < 5);
    }

    [Fact]
    public void Solve_HighArc_IsSteeperAndLongerThanTheLowArc()
    {
        FireSolution low = FireControl.Solve(RocketCatalog.Grad, BeitHanoun, Ashkelon, TrajectoryArc.Low);
        FireSolution high = FireControl.Solve(RocketCatalog.Grad, BeitHanoun, Ashkelon, TrajectoryArc.High);
        Assert.True(high.ElevationDegrees > low.ElevationDegrees);
        Assert.True(high.Trajectory.FlightTimeSeconds > low.Trajectory.FlightTimeSeconds);
        Assert.True(high.Trajectory.ApogeeHeightMeters > low.Trajectory.ApogeeHeightMeters);
    }

    [Fact]
    public void Solve_WithCrossWind_CorrectsTheAzimuth()
    {
        FlightEnvironment windy = new() { Wind = new WindProfile([new WindLevel(0, 15, 270), new WindLevel(8000, 35, 280)]) };
        FireSolution calm = FireControl.Solve(RocketCatalog.Grad, BeitHanoun, Ashkelon);
        FireSolution wind = FireControl.Solve(RocketCatalog.Grad, BeitHanoun, Ashkelon, TrajectoryArc.Low, windy);
        Assert.True(wind.ImpactErrorMeters < 5);
        Assert.True(Math.Abs(wind.AzimuthDegrees - calm.AzimuthDegrees) > 0.05);
    }

    [Fact]
    public void Solve_BeyondMaximumRange_ThrowsWithTheDistances()
    {
        OutOfRangeException e = Assert.Throws<OutOfRangeException>(() => FireControl.Solve(RocketCatalog.Qassam, BeitHanoun, new GeoPoint(32.0845, 34.7850)));
        Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
        Assert.Contains("10.0 km", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_MortarCloserThanItsMinimumElevationAllows_Throws()
    {
        // The tube's lowest elevation (40°) already throws almost to maximum range: 6 km has no low arc, only a high one.
        GeoPoint sixKm = Geodesic.Direct(BeitHanoun, 30, 6_000);
        OutOfRangeException e = Assert.Throws<OutOfRangeException>(() => FireControl.Solve(RocketCatalog.Mortar120, BeitHanoun, sixKm, TrajectoryArc.Low));
        Assert.Contains("too close", e.Message, StringComparison.Ordinal);
        Assert.True(FireControl.Solve(RocketCatalog.Mortar120, BeitHanoun, sixKm, TrajectoryArc.High).ImpactErrorMeters < 5);
    }
}
