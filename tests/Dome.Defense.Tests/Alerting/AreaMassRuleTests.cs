using Dome.Defense.Alerting;
using Dome.Defense.Prediction;
using Dome.Model.Areas;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Alerting;

public class AreaMassRuleTests
{
    private static GeoPoint Offset(double east, double north) => TestGround.Offset(east, north);

    private static AlertArea Box(int id, double west, double east, double south, double north) => TestGround.Box(id, west, east, south, north);

    [Fact]
    public void AreaTheRegionOnlyGrazes_WaitsUnderTheMassRule()
    {
        // The forecast (σ = 1.1 km) sits in area 1; area 2 lies 2.6–3.6 km east, inside the 95% region's edge
        // (2.69 km) but holding only Φ-mass ≈ (Φ(3.27) − Φ(2.36))·(2Φ(0.45) − 1) ≈ 0.003 of the impact.
        AlertAreaMap map = new([Box(1, -2000, 2000, -2000, 2000), Box(2, 2600, 3600, -500, 500)]);
        ImpactForecast forecast = new()
        {
            TrackId = 1, TimeSeconds = 0, ImpactPoint = Offset(0, 0), ImpactTimeSeconds = 100, ImpactTimeSigmaSeconds = 1,
            EastVariance = 1100 * 1100, EastNorthCovariance = 0, NorthVariance = 1100 * 1100,
        };
        Assert.Equal([1, 2], new AlertPlanner(map, new AlertPlannerSettings(0.95, 0)).Plan(70, [forecast]).Select(a => a.AreaId).Order());
        Assert.Equal([1], new AlertPlanner(map, new AlertPlannerSettings(0.95, 0, MinAreaProbability: 0.01)).Plan(70, [forecast]).Select(a => a.AreaId));

        // A later, shifted forecast that does put the mass there alerts area 2 at once.
        AlertPlanner planner = new(map, new AlertPlannerSettings(0.95, 0, MinAreaProbability: 0.01));
        planner.Plan(70, [forecast]);
        Assert.Equal([2], planner.Plan(75, [forecast with { ImpactPoint = Offset(3000, 0), EastVariance = 300 * 300, NorthVariance = 300 * 300 }]).Select(a => a.AreaId));
    }
}
