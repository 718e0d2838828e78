using Dome.Model.Flight;

namespace Dome.Model.Tests.Flight;

public class CatalogTests
{
    public static TheoryData<string> Ids => [.. RocketCatalog.All.Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void MaximumRange_MatchesThePublishedFigureWithinThreePercent(string id)
    {
        RocketPerformance p = CatalogCalibration.Evaluate(RocketCatalog.Get(id));
        Assert.InRange(p.RangeErrorFraction, -0.03, 0.03);
        Assert.InRange(p.MaximumRange.ElevationDegrees, p.Type.MinElevationDegrees, p.Type.MaxElevationDegrees);
    }

    [Fact]
    public void Catalog_HasTheSevenTypesOfTheDesign_WithTheirIds()
    {
        Assert.Equal(["qassam", "rocket-107mm", "grad", "grad-er", "fajr5", "r160", "mortar-120mm"], RocketCatalog.All.Select(t => t.Id));
        Assert.Equal(122, RocketCatalog.Get("GRAD").CaliberMillimeters);
        Assert.Equal(66.6, RocketCatalog.Grad.LaunchMassKilograms);
        Assert.Equal(915, RocketCatalog.Fajr5.LaunchMassKilograms);
        Assert.Equal(20_400, RocketCatalog.Grad.PublishedMaxRangeMeters);
        KeyNotFoundException error = Assert.Throws<KeyNotFoundException>(() => RocketCatalog.Get("scud"));
        Assert.Contains("grad", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispersion_IsPositive_AndLargestForTheImprovisedQassam()
    {
        foreach (RocketType t in RocketCatalog.All)
        {
            Assert.True(t.Dispersion.ThrustSigmaFraction > 0 && t.Dispersion.DragSigmaFraction > 0 && t.Dispersion.ElevationSigmaMilliradians > 0 && t.Dispersion.AzimuthSigmaMilliradians > 0);
            Assert.True(RocketCatalog.Qassam.Dispersion.AzimuthSigmaMilliradians >= t.Dispersion.AzimuthSigmaMilliradians);
        }
    }

    [Theory]
    [InlineData("qassam", 10_000, 45)] // DESIGN.md: ~45 s at 10 km
    [InlineData("grad", 20_000, 65)]   // DESIGN.md: ~65 s at 20 km
    public void FlightTime_OnTheLowArc_IsNearThePublishedRoughFigure(string id, double rangeMeters, double publishedSeconds)
    {
        RocketType type = RocketCatalog.Get(id);
        Dome.Model.Geodesy.GeoPoint aim = Dome.Model.Geodesy.Geodesic.Direct(CatalogCalibration.ReferenceLaunchPoint, 45, rangeMeters * 0.99);
        FireSolution s = FireControl.Solve(type, CatalogCalibration.ReferenceLaunchPoint, aim);
        Assert.InRange(s.Trajectory.FlightTimeSeconds, publishedSeconds * 0.8, publishedSeconds * 1.25);
    }

    [Fact]
    public void Mortar_ShortShotNearTheBorder_FliesAboutFifteenSeconds()
    {
        // DESIGN.md: a 120 mm mortar has ~15 s of flight near the border; a 2 km shot at the lowest tube elevation.
        Dome.Model.Geodesy.GeoPoint aim = Dome.Model.Geodesy.Geodesic.Direct(CatalogCalibration.ReferenceLaunchPoint, 45, 2_000);
        FireSolution s = FireControl.Solve(RocketCatalog.Mortar120, CatalogCalibration.ReferenceLaunchPoint, aim, TrajectoryArc.High);
        Assert.InRange(s.Trajectory.FlightTimeSeconds, 10, 45);
    }
}
