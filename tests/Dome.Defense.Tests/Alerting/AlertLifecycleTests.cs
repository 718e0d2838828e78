using Dome.Defense.Alerting;
using Dome.Defense.Prediction;
using Dome.Model.Areas;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Alerting;

public class AlertLifecycleTests
{
    private static FeedMessage M(double t, FeedMessageKind kind, params int[] areas) => new(t, kind, areas);

    private static void AssertMessages(IReadOnlyList<FeedMessage> actual, params FeedMessage[] expected)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal((expected[i].TimeSeconds, expected[i].Kind), (actual[i].TimeSeconds, actual[i].Kind));
            Assert.Equal(expected[i].AreaIds, actual[i].AreaIds);
        }
    }

    [Fact]
    public void OneAlert_EndsTenMinutesLater_WithEventOver() =>
        AssertMessages(AlertLifecycle.Messages([new AlertIssued(10, 5)]),
            M(10, FeedMessageKind.Alert, 5), M(610, FeedMessageKind.EventOver, 5));

    [Fact]
    public void NewRocketDuringShelter_ReAlerts_AndExtendsTheStay() =>
        AssertMessages(AlertLifecycle.Messages([new AlertIssued(10, 5), new AlertIssued(300, 5)]),
            M(10, FeedMessageKind.Alert, 5), M(300, FeedMessageKind.Alert, 5), M(900, FeedMessageKind.EventOver, 5));

    [Fact]
    public void AlertAfterTheEventIsOver_StartsANewStay() =>
        AssertMessages(AlertLifecycle.Messages([new AlertIssued(10, 5), new AlertIssued(700, 5)]),
            M(10, FeedMessageKind.Alert, 5), M(610, FeedMessageKind.EventOver, 5), M(700, FeedMessageKind.Alert, 5), M(1300, FeedMessageKind.EventOver, 5));

    [Fact]
    public void AreasAlertedTogether_AreOneMessage_AndEndTogether() =>
        AssertMessages(AlertLifecycle.Messages([new AlertIssued(10, 9), new AlertIssued(10, 5), new AlertIssued(12, 7)]),
            M(10, FeedMessageKind.Alert, 5, 9), M(12, FeedMessageKind.Alert, 7), M(610, FeedMessageKind.EventOver, 5, 9), M(612, FeedMessageKind.EventOver, 7));

    [Fact]
    public void PreAlert_NamesOnlyAreasNotInShelter_AndEndsForTheAreasNoAlertFollowed()
    {
        AssertMessages(AlertLifecycle.Messages([new AlertIssued(20, 5)], [new AlertIssued(5, 5), new AlertIssued(5, 6)]),
            M(5, FeedMessageKind.PreAlert, 5, 6), M(20, FeedMessageKind.Alert, 5), M(605, FeedMessageKind.EventOver, 6), M(620, FeedMessageKind.EventOver, 5));
        AssertMessages(AlertLifecycle.Messages([new AlertIssued(0, 5)], [new AlertIssued(100, 5), new AlertIssued(100, 7)]),
            M(0, FeedMessageKind.Alert, 5), M(100, FeedMessageKind.PreAlert, 7), M(600, FeedMessageKind.EventOver, 5), M(700, FeedMessageKind.EventOver, 7));
    }

    [Fact]
    public void EveryAlertedArea_GetsOneEventOver_TenMinutesAfterItsLastAlertOfTheStay()
    {
        Random random = new(3);
        List<AlertIssued> alerts = [.. Enumerable.Range(0, 400).Select(_ => new AlertIssued(Math.Round(random.NextDouble() * 3000), random.Next(1, 30)))];
        IReadOnlyList<FeedMessage> messages = AlertLifecycle.Messages(alerts);
        foreach (IGrouping<int, AlertIssued> area in alerts.GroupBy(a => a.AreaId))
        {
            double[] times = [.. area.Select(a => a.TimeSeconds).Distinct().Order()];
            // Independent count of stays: a gap of ten minutes or more between alerts ends one.
            int stays = 1 + times.Zip(times.Skip(1)).Count(p => p.Second - p.First >= AlertLifecycle.ShelterSeconds);
            double[] overs = [.. messages.Where(m => m.Kind == FeedMessageKind.EventOver && m.AreaIds.Contains(area.Key)).Select(m => m.TimeSeconds)];
            Assert.Equal(stays, overs.Length);
            Assert.Equal(times[^1] + AlertLifecycle.ShelterSeconds, overs[^1]);
            foreach (double over in overs)
            {
                // Nobody leaves shelter while an alert of the last ten minutes stands.
                Assert.DoesNotContain(times, t => t < over && over < t + AlertLifecycle.ShelterSeconds);
            }
        }
    }

    [Fact]
    public void PreAlertPolicy_NamesTheWiderRegionOnce_PerThreat()
    {
        AlertAreaMap map = AlertAreaMap.Default;
        ImpactForecast forecast = new()
        {
            TrackId = 3, TimeSeconds = 0, ImpactPoint = new GeoPoint(31.6885, 34.5900), ImpactTimeSeconds = 60, ImpactTimeSigmaSeconds = 0.5,
            EastVariance = 800 * 800, EastNorthCovariance = 0, NorthVariance = 800 * 800,
        };
        Assert.Empty(new AlertPlanner(map).PreAlerts(10, [forecast]));
        AlertPlanner planner = new(map, new AlertPlannerSettings(PreAlert: true));
        IReadOnlyList<AlertIssued> pre = planner.PreAlerts(10, [forecast]);
        HashSet<int> wide = [.. map.Intersecting(forecast.Region(0.9999)).Select(a => a.Id)];
        HashSet<int> narrow = [.. map.Intersecting(forecast.Region(0.99)).Select(a => a.Id)];
        Assert.Equal(wide, pre.Select(a => a.AreaId).ToHashSet());
        Assert.True(wide.Count > narrow.Count, "the pre-alert region is the wider one");
        Assert.Empty(planner.PreAlerts(11, [forecast]));
    }
}
