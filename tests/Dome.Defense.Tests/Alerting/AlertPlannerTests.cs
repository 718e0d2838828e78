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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_ThousandForecasts_AlertsEveryTouchedAreaAtItsDeadline_AndNoOther(bool conditional)
    {
        // 1,000 forecasts over the south and centre (σ 100 m–2 km, impacts 20–120 s ahead, 1 s later per 300 m east),
        // most of them short of every deadline. By the definition, computed here from NTS envelopes: the areas alerted
        // in one cycle are those the 95% region touches whose time left less the 3 s margin has reached their countdown —
        // the time left to the impact time at the area's earliest corner when it is conditional, no earlier than the
        // region's earliest.
        Random random = new(41);
        List<ImpactForecast> forecasts = [];
        for (int i = 0; i < 1000; i++)
        {
            double sigma = 100 + (1900 * random.NextDouble());
            forecasts.Add(new ImpactForecast
            {
                TrackId = i + 1, TimeSeconds = 0, ImpactPoint = new GeoPoint(31.25 + (0.9 * random.NextDouble()), 34.50 + (0.45 * random.NextDouble())),
                ImpactTimeSeconds = 20 + (100 * random.NextDouble()), ImpactTimeSigmaSeconds = 1,
                EastVariance = sigma * sigma, EastNorthCovariance = 0.3 * sigma * sigma, NorthVariance = 0.6 * sigma * sigma,
                ImpactTimeEastCovariance = sigma * sigma / 300, ImpactTimeNorthCovariance = 0.3 * sigma * sigma / 300,
            });
        }

        HashSet<int> expected = [];
        int waiting = 0;
        foreach (ImpactForecast f in forecasts)
        {
            (double perEast, double perNorth) = conditional ? f.ImpactTimeGradient() : (0, 0);
            LocalProjection local = new(f.ImpactPoint.LatitudeDegrees, f.ImpactPoint.LongitudeDegrees);
            double reach = ImpactForecast.RegionScale(0.95) * Math.Sqrt((perEast * perEast * f.EastVariance) + (2 * perEast * perNorth * f.EastNorthCovariance) + (perNorth * perNorth * f.NorthVariance));
            IReadOnlyList<AlertArea> touched = Map.Intersecting(f.Region(0.95));
            int due = 0;
            foreach (AlertArea area in touched)
            {
                NetTopologySuite.Geometries.Envelope box = area.Polygon!.EnvelopeInternal;
                double earliest = new[] { (box.MinX, box.MinY), (box.MaxX, box.MinY), (box.MinX, box.MaxY), (box.MaxX, box.MaxY) }
                    .Min(c => (perEast * local.ToMeters(c.Item1, c.Item2).East) + (perNorth * local.ToMeters(c.Item1, c.Item2).North));
                if (f.ImpactTimeSeconds - 3 + Math.Max(earliest, -reach) <= area.CountdownSeconds)
                {
                    expected.Add(area.Id);
                    due++;
                }
            }

            waiting += touched.Count > 0 && due == 0 ? 1 : 0;
        }

        AlertPlanner planner = new(Map, new AlertPlannerSettings(0.95, 3, ConditionalImpactTime: conditional));
        Assert.Equal(expected.Order(), planner.Plan(0, forecasts).Select(a => a.AreaId).Order());
        Assert.InRange(expected.Count, 100, 1000);
        Assert.InRange(waiting, 100, 1000); // forecasts over areas none of which is at its deadline yet
    }

    [Fact]
    public void Plan_OpenGroundForecast_AlertsNothing() =>
        Assert.Empty(new AlertPlanner(Map).Plan(0, [Forecast(1, new GeoPoint(31.40, 34.90), 5, 30)]));
}

public class ZoneBaselinePlannerTests
{
    private static readonly AlertAreaMap Map = AlertAreaMap.Default;

    /// <summary>The ids of every area of the zone of Ashkelon - North (320), in order.</summary>
    private static int[] AshkelonZone()
    {
        string zone = Map.FindById(320)!.ZoneEnglish;
        return [.. Map.Areas.Where(a => a.ZoneEnglish == zone).Select(a => a.Id).Order()];
    }

    private static ImpactForecast Forecast(int track, double time, GeoPoint impact) => new()
    {
        TrackId = track, TimeSeconds = time, ImpactPoint = impact, ImpactTimeSeconds = 500, ImpactTimeSigmaSeconds = 1,
        EastVariance = 100, EastNorthCovariance = 0, NorthVariance = 100,
    };

    [Fact]
    public void Plan_FirstForecast_AlertsEveryAreaOfTheTouchedZones_OnceAndAtOnce()
    {
        ImpactForecast forecast = Forecast(3, 0, new GeoPoint(31.6885, 34.5900));
        ZoneBaselinePlanner planner = new(Map);
        IReadOnlyList<AlertIssued> alerts = planner.Plan(10, [forecast]);
        Assert.Equal(AshkelonZone(), alerts.Select(a => a.AreaId).Order());
        Assert.All(alerts, a => Assert.Equal(10, a.TimeSeconds));
        Assert.Empty(planner.Plan(11, [forecast]));
    }

    [Fact]
    public void Plan_ForecastTouchingNoZone_LeavesTheTrackItsAlert()
    {
        // A burning rocket's first forecast falls short, in the sea off Gaza (no area within tens of kilometres); the
        // next, after burnout, lands in Ashkelon: the zone is alerted then, once.
        ZoneBaselinePlanner planner = new(Map);
        Assert.Empty(planner.Plan(10, [Forecast(4, 0, new GeoPoint(31.45, 34.10))]));
        ImpactForecast ashkelon = Forecast(4, 1, new GeoPoint(31.6885, 34.5900));
        IReadOnlyList<AlertIssued> alerts = planner.Plan(11, [ashkelon]);
        Assert.Equal(AshkelonZone(), alerts.Select(a => a.AreaId).Order());
        Assert.All(alerts, a => Assert.Equal(11, a.TimeSeconds));
        Assert.Empty(planner.Plan(12, [ashkelon]));
    }
}
