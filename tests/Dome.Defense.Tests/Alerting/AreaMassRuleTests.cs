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

    [Fact]
    public void ASmallAreaInTheForecastsCore_IsAlertedAtItsDeadline_WhateverItsMass()
    {
        // A forecast of σ = 2 km (circular): its 10% region is the disc of radius σ·√(−2 ln 0.9) = 918.0 m (Rayleigh).
        // Three small areas, each holding far less than the mass test's 1.25% (a 300 m square at the centre ≈ 0.09 km² ×
        // 1/(2π·4 km²) ≈ 0.36%; the 200 m squares ≈ 0.14%): one at the centre, one whose nearest side is 0.95 of the
        // core's radius away, one 1.05 — the last inside the 95% region (4.9 km) but not the core.
        const double sigma = 2000, core = 918.0;
        AlertAreaMap map = new([Box(1, -150, 150, -150, 150), Box(2, 0.95 * core, (0.95 * core) + 200, -100, 100),
            Box(3, -(1.05 * core) - 200, -1.05 * core, -100, 100)]);
        ImpactForecast forecast = new()
        {
            TrackId = 1, TimeSeconds = 0, ImpactPoint = Offset(0, 0), ImpactTimeSeconds = 100, ImpactTimeSigmaSeconds = 1,
            EastVariance = sigma * sigma, EastNorthCovariance = 0, NorthVariance = sigma * sigma,
        };
        AlertPlannerSettings massOnly = new(0.95, 0, MinAreaProbability: 0.0125, ResidualProbability: 0.02);
        AlertPlannerSettings withCore = massOnly with { CoreContainment = 0.1 };

        // The mass test alone holds all three at their deadline (time left 30 s, the countdown), and the residual rule
        // lets them be (about 0.6% of the impact in the three together).
        Assert.Empty(new AlertPlanner(map, massOnly).Plan(70, [forecast]));

        // With the core: the two areas that reach into it, at their deadline and not before; the third waits.
        AlertPlanner planner = new(map, withCore);
        Assert.Empty(planner.Plan(65, [forecast]));
        Assert.Equal([1, 2], planner.Plan(70, [forecast]).Select(a => a.AreaId).Order());
        Assert.Empty(planner.Plan(71, [forecast]));
    }
}
