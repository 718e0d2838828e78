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

    /// <summary>
    /// A forecast of σ = 2 km (circular) with area 1, 600 × 600 m on its centre (in its 10% core, 918 m across; mass
    /// (2Φ(0.15) − 1)² = 1.42%, the planner's 1,024 points 1.37%), and area 2, 2–3 km east and ±500 m (outside the core,
    /// in the 95% region; (Φ(1.5) − Φ(1))·(2Φ(0.25) − 1) = 1.81%, the points 1.95%): each under a mass test of 3%,
    /// 3.2–3.3% together, over a residual of 2.5% that area 2 alone is under.
    /// </summary>
    private static (AlertAreaMap Map, ImpactForecast Forecast) CoreAndNeighbour(int neighbourCountdown) =>
        (new AlertAreaMap([Box(1, -300, 300, -300, 300), Box(2, 2000, 3000, -500, 500) with { CountdownSeconds = neighbourCountdown }]),
            new ImpactForecast
            {
                TrackId = 1, TimeSeconds = 0, ImpactPoint = Offset(0, 0), ImpactTimeSeconds = 100, ImpactTimeSigmaSeconds = 1,
                EastVariance = 2000 * 2000, EastNorthCovariance = 0, NorthVariance = 2000 * 2000,
            });

    private static AlertPlannerSettings CoreRule(double core, bool onlyAdds) =>
        new(0.95, 0, MinAreaProbability: 0.03, ResidualProbability: 0.025, CoreContainment: core, CoreOnlyAdds: onlyAdds);

    [Fact]
    public void TheCoreRuleThatOnlyAdds_LeavesTheResidualItsCount_WithinACycle()
    {
        // Both at their deadline (30 s left). Without the core rule the residual alerts the more probable, area 2 (area
        // 1's 1.4% left). The core rule's first form alerts area 1 and drops it from the count: area 2's 1.8–2.0% is under
        // the residual and area 2 goes unwarned. The rule that only adds alerts area 1 and still counts it: area 2 as without the rule.
        (AlertAreaMap map, ImpactForecast forecast) = CoreAndNeighbour(30);
        int[] Alerted(AlertPlannerSettings settings) => [.. new AlertPlanner(map, settings).Plan(70, [forecast]).Select(a => a.AreaId).Order()];
        Assert.Equal([2], Alerted(CoreRule(0, onlyAdds: true)));
        Assert.Equal([1], Alerted(CoreRule(0.1, onlyAdds: false)));
        Assert.Equal([1, 2], Alerted(CoreRule(0.1, onlyAdds: true)));
    }

    [Fact]
    public void TheCoreRuleThatOnlyAdds_LeavesTheResidualItsCount_AtTheTracksNextCycles()
    {
        // Area 2's countdown 25 s: at 70 s area 1 alone is due (1.4%, under the residual; the core rule alerts it), at
        // 75 s area 2 too. Without the core rule area 1 is still held back then, 3.2–3.3% together, and area 2 is alerted;
        // so with the rule that only adds (area 1 given back to the count, not alerted twice); the first form has dropped
        // area 1 and leaves area 2's 1.8–2.0% under the residual.
        (AlertAreaMap map, ImpactForecast forecast) = CoreAndNeighbour(25);
        foreach ((double core, bool onlyAdds, int[] at70, int[] at75) in new[]
        {
            (0.0, true, Array.Empty<int>(), new[] { 2 }), (0.1, false, [1], []), (0.1, true, [1], [2]),
        })
        {
            AlertPlanner planner = new(map, CoreRule(core, onlyAdds));
            Assert.Equal(at70, planner.Plan(70, [forecast]).Select(a => a.AreaId).Order());
            Assert.Equal(at75, planner.Plan(75, [forecast]).Select(a => a.AreaId).Order());
            Assert.Empty(planner.Plan(76, [forecast]));
        }
    }
}
