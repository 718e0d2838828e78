using Dome.Defense.Alerting;
using Dome.Defense.Prediction;
using Dome.Model.Areas;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Alerting;

public class AlertPlannerTests
{
    private static readonly AlertAreaMap Map = AlertAreaMap.Default;
    private static readonly AlertArea AshkelonNorth = Map.FindById(320)!; // 30 s

    /// <summary>A forecast centred at a point with a circular 1σ of <paramref name="sigmaMeters"/>.</summary>
    private static ImpactForecast Forecast(int track, GeoPoint point, double impactTime, double sigmaMeters = 20) => new()
    {
        TrackId = track, TimeSeconds = 0, ImpactPoint = point, ImpactTimeSeconds = impactTime, ImpactTimeSigmaSeconds = 0.5,
        EastVariance = sigmaMeters * sigmaMeters, EastNorthCovariance = 0, NorthVariance = sigmaMeters * sigmaMeters,
    };

    [Fact]
    public void Plan_ThirtySecondArea_WaitsAt45SecondsAndAlertsAt32()
    {
        // Margin 0: with 45 s left the area waits for a sharper forecast; with 32 s left it is still early; at 30 s it alerts.
        AlertPlanner planner = new(Map, new AlertPlannerSettings(0.99, 0));
        GeoPoint inside = new(31.6885, 34.5900);
        Assert.Empty(planner.Plan(100, [Forecast(1, inside, 145)]));
        Assert.Empty(planner.Plan(113, [Forecast(1, inside, 145)]));
        IReadOnlyList<AlertIssued> alerts = planner.Plan(115, [Forecast(1, inside, 145)]);
        Assert.Equal([new AlertIssued(115, AshkelonNorth.Id)], alerts);
    }

    [Fact]
    public void Plan_WithTheLatencyMargin_AlertsThatMuchEarlier()
    {
        AlertPlanner planner = new(Map, new AlertPlannerSettings(0.99, 3));
        GeoPoint inside = new(31.6885, 34.5900);
        Assert.Empty(planner.Plan(111.9, [Forecast(1, inside, 145)]));                 // 33.1 s left
        Assert.Single(planner.Plan(112, [Forecast(1, inside, 145)]));                  // 33 s left = 30 + 3
    }

    [Fact]
    public void Plan_WithImpactTimeSigmas_CountsTheTimeLeftToTheEarlyImpact()
    {
        // Mean impact at 145 s with σ_T = 4 s; two sigmas count the time left to 137 s: the 30 s area (margin 0) is
        // alerted at 107 s instead of 115 s.
        GeoPoint inside = new(31.6885, 34.5900);
        ImpactForecast forecast = Forecast(1, inside, 145) with { ImpactTimeSigmaSeconds = 4 };
        AlertPlanner planner = new(Map, new AlertPlannerSettings(0.99, 0, ImpactTimeSigmas: 2));
        Assert.Empty(planner.Plan(106.9, [forecast]));
        Assert.Equal([new AlertIssued(107, AshkelonNorth.Id)], planner.Plan(107, [forecast]));
        // Capped at 3 s: the time left is counted to 142 s, and the area is alerted at 112 s.
        AlertPlanner capped = new(Map, new AlertPlannerSettings(0.99, 0, ImpactTimeSigmas: 2, MaxImpactTimeAdvanceSeconds: 3));
        Assert.Empty(capped.Plan(111.9, [forecast]));
        Assert.Single(capped.Plan(112, [forecast]));
        AlertPlanner mean = new(Map, new AlertPlannerSettings(0.99, 0));
        Assert.Empty(mean.Plan(107, [forecast]));
        Assert.Single(mean.Plan(115, [forecast]));
    }

    [Fact]
    public void Plan_RegionOverTwoAreasWithDifferentCountdowns_AlertsEachAtItsOwnTime()
    {
        // A region between Zikim (15 s, Gaza envelope) and Ashkelon (30 s) touches areas of both countdowns.
        GeoPoint center = new(31.6300, 34.5500);
        ImpactForecast wide = Forecast(7, center, 200, 2000);
        List<AlertArea> touched = [.. Map.Intersecting(wide.Region(0.99))];
        Assert.True(touched.Select(a => a.CountdownSeconds).Distinct().Count() >= 2, "the test region must touch areas of two countdowns");
        int longest = touched.Max(a => a.CountdownSeconds), shortest = touched.Min(a => a.CountdownSeconds);
        AlertPlanner planner = new(Map, new AlertPlannerSettings(0.99, 0));
        HashSet<int> alerted = [];
        Dictionary<int, double> when = [];
        for (double t = 100; t < 200; t += 1)
        {
            foreach (AlertIssued a in planner.Plan(t, [wide]))
            {
                Assert.True(alerted.Add(a.AreaId), "an area is alerted once per threat");
                when[a.AreaId] = t;
            }
        }

        Assert.Equal(touched.Select(a => a.Id).Order(), alerted.Order());
        Assert.All(touched, a => Assert.Equal(200 - a.CountdownSeconds, when[a.Id], 1e-9));
        Assert.True(longest > shortest);
    }

    [Fact]
    public void Plan_ImmediateAreaOrTooLittleTimeLeft_AlertsAtOnce()
    {
        AlertArea immediate = Map.Areas.First(a => a.CountdownSeconds == 0 && a.Polygon is not null);
        GeoPoint inside = new(immediate.Polygon!.InteriorPoint.Y, immediate.Polygon.InteriorPoint.X);
        AlertPlanner planner = new(Map, new AlertPlannerSettings(0.99, 3));
        // Three seconds left (the margin) to an immediate area: alert now.
        Assert.Contains(planner.Plan(50, [Forecast(1, inside, 53)]), a => a.AreaId == immediate.Id);
        // A 30 s area with only 10 s left: alert now, however late.
        Assert.Single(new AlertPlanner(Map).Plan(50, [Forecast(2, new GeoPoint(31.6885, 34.5900), 60)]));
    }

    [Fact]
    public void Plan_SecondThreatOnTheSameArea_ReAlertsIt()
    {
        AlertPlanner planner = new(Map, new AlertPlannerSettings(0.99, 0));
        GeoPoint inside = new(31.6885, 34.5900);
        Assert.Single(planner.Plan(120, [Forecast(1, inside, 140)]));
        Assert.Empty(planner.Plan(121, [Forecast(1, inside, 140)]));
        Assert.Single(planner.Plan(200, [Forecast(1, inside, 140), Forecast(2, inside, 220)]));
    }

    [Fact]
    public void Plan_OpenGroundForecast_AlertsNothing() =>
        Assert.Empty(new AlertPlanner(Map).Plan(0, [Forecast(1, new GeoPoint(31.40, 34.90), 5, 30)]));
}

public class ZoneBaselinePlannerTests
{
    [Fact]
    public void Plan_FirstForecast_AlertsEveryAreaOfTheTouchedZones_OnceAndAtOnce()
    {
        AlertAreaMap map = AlertAreaMap.Default;
        AlertArea ashkelon = map.FindById(320)!;
        ImpactForecast forecast = new()
        {
            TrackId = 3, TimeSeconds = 0, ImpactPoint = new GeoPoint(31.6885, 34.5900), ImpactTimeSeconds = 500, ImpactTimeSigmaSeconds = 1,
            EastVariance = 100, EastNorthCovariance = 0, NorthVariance = 100,
        };
        ZoneBaselinePlanner planner = new(map);
        IReadOnlyList<AlertIssued> alerts = planner.Plan(10, [forecast]);
        int[] zone = [.. map.Areas.Where(a => a.ZoneEnglish == ashkelon.ZoneEnglish).Select(a => a.Id).Order()];
        Assert.Equal(zone, alerts.Select(a => a.AreaId).Order());
        Assert.All(alerts, a => Assert.Equal(10, a.TimeSeconds));
        Assert.Empty(planner.Plan(11, [forecast]));
    }
}
