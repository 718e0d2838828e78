using Dome.Defense.Alerting;
using Dome.Defense.Prediction;
using Dome.Model.Areas;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Alerting;

/// <summary>
/// The jump rule (<see cref="AlertPlannerSettings.JumpChiSquared"/>): a track that followed one rocket, sharp on its area,
/// takes the plots of the next rocket of its salvo and its forecast jumps away — the first rocket, still flying to its
/// area, has no forecast left. The superseded forecast stays in the plan to its impact time.
/// </summary>
public class ForecastJumpTests
{
    private static readonly AlertAreaMap Map = AlertAreaMap.Default;
    private static readonly AlertArea AshkelonNorth = Map.FindById(320)!; // 30 s
    private static readonly GeoPoint InAshkelonNorth = new(31.6885, 34.5900);
    private static readonly GeoPoint AtSea = new(31.70, 34.47); // 10 km west of Ashkelon's shore: no area

    private static ImpactForecast Forecast(double made, GeoPoint point, double impactTime, double sigmaMeters = 50) => new()
    {
        TrackId = 1, TimeSeconds = made, ImpactPoint = point, ImpactTimeSeconds = impactTime, ImpactTimeSigmaSeconds = 0.5,
        EastVariance = sigmaMeters * sigmaMeters, EastNorthCovariance = 0, NorthVariance = sigmaMeters * sigmaMeters,
    };

    private static AlertPlannerSettings JumpRule(double settledSeconds = 5) => new(0.99, 0, JumpChiSquared: 18.42, JumpSettledSeconds: settledSeconds);

    /// <summary>
    /// Track 1 forecasts a rocket on Ashkelon North (impact at 145 s, so its deadline is 115 s at margin 0) once a second
    /// from <paramref name="firstForecast"/>; from <paramref name="jumpAt"/> its forecasts are of another rocket, landing
    /// at sea at 150 s. The alerts of every cycle to 146 s.
    /// </summary>
    private static List<AlertIssued> Fly(AlertPlanner planner, double firstForecast, double jumpAt)
    {
        List<AlertIssued> alerts = [];
        for (double t = firstForecast; t <= 146; t += 1)
        {
            alerts.AddRange(planner.Plan(t, [t < jumpAt ? Forecast(t, InAshkelonNorth, 145) : Forecast(t, AtSea, 150)]));
        }

        return alerts;
    }

    [Fact]
    public void TheSeaPoint_TouchesNoArea_AndTheAshkelonPointOnlyAshkelonNorth()
    {
        Assert.Empty(Map.Intersecting(Forecast(0, AtSea, 150).Region(0.99)));
        Assert.Equal([AshkelonNorth], Map.Intersecting(Forecast(0, InAshkelonNorth, 145).Region(0.99)));
    }

    [Fact]
    public void ASettledTrackThatJumpsBeforeTheDeadline_StillAlertsTheAreaOfTheRocketItFollowed()
    {
        // 12 s of forecasts on Ashkelon North, then the jump 3 s before the deadline.
        Assert.Equal([new AlertIssued(115, AshkelonNorth.Id)], Fly(new AlertPlanner(Map, JumpRule()), 100, 112));
        // Without the rule the latest forecast alone is planned: the rocket lands on an area never alerted.
        Assert.Empty(Fly(new AlertPlanner(Map, new AlertPlannerSettings(0.99, 0)), 100, 112));
    }

    [Fact]
    public void AYoungTracksJump_KeepsNothing()
    {
        // Forecast from 109 s: at 112 s the track has been forecast 3 s, under the 5 s that settle it.
        Assert.Empty(Fly(new AlertPlanner(Map, JumpRule()), 109, 112));
        Assert.Equal([new AlertIssued(115, AshkelonNorth.Id)], Fly(new AlertPlanner(Map, JumpRule(settledSeconds: 3)), 109, 112));
    }

    [Fact]
    public void AJumpAfterTheDeadline_AddsNoSecondAlert()
    {
        // The area was alerted at its deadline on the forecast itself; the superseded forecast finds it alerted already.
        Assert.Equal([new AlertIssued(115, AshkelonNorth.Id)], Fly(new AlertPlanner(Map, JumpRule()), 100, 120));
    }

    [Fact]
    public void TheRulesThreshold_ForTwoForecastsOf50MetreSigma_LiesBetween303And304Metres()
    {
        // d² = m² / (2 · 50²): 200 m gives 8 and 300 m 18, under 18.42 (a track refining its forecast); 304 m 18.48,
        // over it.
        ImpactForecast first = Forecast(100, InAshkelonNorth, 145);
        LocalProjection plane = new(InAshkelonNorth.LatitudeDegrees, InAshkelonNorth.LongitudeDegrees);
        foreach ((double meters, double expected) in new[] { (200.0, 8.0), (300.0, 18.0), (304.0, 18.4832) })
        {
            (double lon, double lat) = plane.ToDegrees(meters, 0);
            Assert.Equal(expected, first.DistanceSquaredTo(Forecast(101, new GeoPoint(lat, lon), 145)), 2);
        }
    }

    [Fact]
    public void ADriftingForecast_KeepsOnlyTheSettledOneItLeft()
    {
        // Settled on Ashkelon North to 106 s, then a jump every second: to another area at 106 s (a jump from a settled
        // forecast: that one is kept), on to the sea at 107 s (a jump from a jump: not kept).
        AlertArea other = Map.Areas.Where(a => a.CountdownSeconds >= 30 && a.Id != AshkelonNorth.Id && Map.Locate(a.Center) == a)
            .OrderBy(a => Math.Abs(a.Center.LatitudeDegrees - 31.60) + Math.Abs(a.Center.LongitudeDegrees - 34.60)).First();
        Assert.Equal([other], Map.Intersecting(Forecast(0, other.Center, 150).Region(0.99)));
        AlertPlanner planner = new(Map, JumpRule());
        List<AlertIssued> alerts = [];
        for (double t = 100; t <= 150; t += 1)
        {
            ImpactForecast f = t < 106 ? Forecast(t, InAshkelonNorth, 145) : t < 107 ? Forecast(t, other.Center, 150) : Forecast(t, AtSea, 150);
            alerts.AddRange(planner.Plan(t, [f]));
        }

        Assert.Equal([new AlertIssued(115, AshkelonNorth.Id)], alerts);
    }

    [Fact]
    public void DistanceSquared_IsTheClosedFormUnderTheSummedCovariance()
    {
        // 1 km east, 1 km north; covariances diag(300², 400²) and diag(400², 300²): the sum is 250,000 m² on both axes,
        // d² = (1000² + 1000²) / 250,000 = 8. With a correlation the closed form of the 2×2 inverse.
        LocalProjection plane = new(InAshkelonNorth.LatitudeDegrees, InAshkelonNorth.LongitudeDegrees);
        (double lon, double lat) = plane.ToDegrees(1000, 1000);
        ImpactForecast a = Forecast(0, InAshkelonNorth, 100) with { EastVariance = 300 * 300, NorthVariance = 400 * 400 };
        ImpactForecast b = Forecast(0, new GeoPoint(lat, lon), 100) with { EastVariance = 400 * 400, NorthVariance = 300 * 300 };
        Assert.Equal(8.0, a.DistanceSquaredTo(b), 2);
        Assert.Equal(a.DistanceSquaredTo(b), b.DistanceSquaredTo(a), 2);
        ImpactForecast c = b with { EastNorthCovariance = 100_000 };
        double ee = 250_000, nn = 250_000, en = 100_000;
        double expected = ((nn * 1000 * 1000) - (2 * en * 1000 * 1000) + (ee * 1000 * 1000)) / ((ee * nn) - (en * en));
        Assert.Equal(expected, a.DistanceSquaredTo(c), 2);
    }
}
