using Dome.Defense.Engagement;
using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Areas;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Engagement;

public class BattleManagerTests
{
    private static AlertAreaMap AreaAround(GeoPoint p, double offsetMeters = 0)
    {
        EnuVector e = new LocalFrame(new GeoPoint(TestGround.Lat0, TestGround.Lon0)).ToEnu(p);
        double east = e.East + offsetMeters;
        return new AlertAreaMap([TestGround.Box(1, east - 1500, east + 1500, e.North - 1500, e.North + 1500)]);
    }

    private static (Track Track, ImpactForecast Forecast) At(Trajectory truth, double t, int id = 1)
    {
        Track track = InterceptPlannerTests.TrackAt(truth, t, id);
        return (track, ImpactPredictor.Forecast(track)!);
    }

    private static IReadOnlyList<EngagementOrder> Cycle(BattleManager m, double t, (Track Track, ImpactForecast Forecast)? threat)
    {
        Dictionary<int, Track> live = threat is { } th ? new() { [th.Track.Id] = th.Track } : [];
        return m.Cycle(t, threat is { } x ? [x] : [], live);
    }

    [Fact]
    public void Cycle_ThreatToAProtectedArea_IsEngagedOnceWithOneShotWhenThereIsTimeToLook()
    {
        (_, Trajectory truth) = InterceptPlannerTests.Round(650, 45, 8);
        BattleManager manager = new([InterceptPlannerTests.BatteryNear(truth)], new ThreatEvaluator(AreaAround(truth.ImpactPoint)));
        List<EngagementOrder> orders = [];
        for (double t = 8; t < 20; t += 1)
        {
            orders.AddRange(Cycle(manager, t, At(truth, t)));
        }

        EngagementOrder first = Assert.Single(orders);
        Assert.Equal(1, first.Interceptors);
        Assert.Equal("b", first.BatteryId);
        Assert.Equal(EngagementNote.Engaged, manager.Notes[1]);
        Assert.Equal(59, manager.Batteries[0].Loaded);
    }

    [Fact]
    public void Cycle_RocketBoundForOpenGround_IsLeftAlone()
    {
        (_, Trajectory truth) = InterceptPlannerTests.Round(650, 45, 8);
        // The only protected area lies 8 km off the impact point.
        BattleManager manager = new([InterceptPlannerTests.BatteryNear(truth)], new ThreatEvaluator(AreaAround(truth.ImpactPoint, 8000)));
        for (double t = 8; t < truth.FlightTimeSeconds - 5; t += 1)
        {
            Assert.Empty(Cycle(manager, t, At(truth, t)));
        }

        Assert.Equal(EngagementNote.NotWorthAnInterceptor, manager.Notes[1]);
    }

    [Fact]
    public void Cycle_AfterAKill_NeverFiresAgainAtTheSameRocket()
    {
        (_, Trajectory truth) = InterceptPlannerTests.Round(650, 45, 8);
        BattleManager manager = new([InterceptPlannerTests.BatteryNear(truth)], new ThreatEvaluator(AreaAround(truth.ImpactPoint)));
        EngagementOrder? order = null;
        (Track Track, ImpactForecast Forecast) last = default;
        for (double t = 8; order is null && t < 30; t += 1)
        {
            last = At(truth, t);
            order = Cycle(manager, t, last).FirstOrDefault();
        }

        Assert.NotNull(order);
        // The rocket is destroyed: its track takes no plot after the intercept; the old forecast lingers.
        for (double t = order.Value.InterceptTimeSeconds + 1; t < truth.FlightTimeSeconds; t += 1)
        {
            Assert.Empty(Cycle(manager, t, last));
        }

        Assert.Equal(EngagementNote.AssessedKilled, manager.Notes[1]);
        Assert.Equal(1, manager.Batteries[0].Fired);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Merge_ATwinsShotInFlight_IsTheSurvivorsAndIsNotFiredAgain(bool merge)
    {
        // Track 1 is engaged; then it is deleted as the twin of track 2 (the same rocket, which flies on, updated every
        // second). Merged, the shot in flight is track 2's: nothing more is fired before its assessment. Not merged, track 2
        // looks unengaged and draws a second interceptor at once.
        (_, Trajectory truth) = InterceptPlannerTests.Round(650, 45, 8);
        BattleManager manager = new([InterceptPlannerTests.BatteryNear(truth)], new ThreatEvaluator(AreaAround(truth.ImpactPoint)));
        EngagementOrder? first = null;
        double t = 8;
        for (; first is null && t < 30; t += 1)
        {
            first = Cycle(manager, t, At(truth, t, 1)).FirstOrDefault();
        }

        Assert.NotNull(first);
        if (merge)
        {
            manager.Merge(1, 2);
        }

        List<EngagementOrder> before = [];
        for (; t < first.Value.InterceptTimeSeconds + manager.Settings.KillAssessmentSeconds - 1e-6; t += 1)
        {
            before.AddRange(Cycle(manager, t, At(truth, t, 2)));
        }

        if (merge)
        {
            Assert.Empty(before);
            Assert.Equal(1, manager.Batteries[0].Fired);
        }
        else
        {
            Assert.Contains(before, o => o.TrackId == 2);
        }
    }

    [Fact]
    public void Cycle_AfterAMiss_ReEngagesWhileTimeRemains()
    {
        (_, Trajectory truth) = InterceptPlannerTests.Round(650, 45, 8);
        BattleManager manager = new([InterceptPlannerTests.BatteryNear(truth)], new ThreatEvaluator(AreaAround(truth.ImpactPoint)));
        List<EngagementOrder> orders = [];
        for (double t = 8; t < truth.FlightTimeSeconds - 1; t += 1)
        {
            // The rocket flies on, its track updated every second: every shot misses.
            orders.AddRange(Cycle(manager, t, At(truth, t)));
        }

        Assert.True(orders.Count >= 2, $"{orders.Count} orders");
        Assert.True(orders[1].TimeSeconds >= orders[0].InterceptTimeSeconds + manager.Settings.KillAssessmentSeconds - 1e-9,
            "the second shot waited for the first one's assessment");
        Assert.All(orders, o => Assert.Equal(1, o.TrackId));
    }

    [Fact]
    public void Cycle_EmptyLaunchers_OrderNothingAndSayWhy()
    {
        (_, Trajectory truth) = InterceptPlannerTests.Round(650, 45, 8);
        BatterySite empty = InterceptPlannerTests.BatteryNear(truth) with { Launchers = 1, InterceptorsPerLauncher = 1, ReloadSeconds = 3600 };
        BattleManager manager = new([empty], new ThreatEvaluator(AreaAround(truth.ImpactPoint)));
        // Two rockets on the same path, one second apart: one interceptor for both.
        List<EngagementOrder> orders = [];
        for (double t = 9; t < 25; t += 1)
        {
            (Track a, ImpactForecast fa) = At(truth, t, 1);
            (Track b, ImpactForecast fb) = At(truth, t - 1, 2);
            orders.AddRange(manager.Cycle(t, [(a, fa), (b, fb)], new Dictionary<int, Track> { [1] = a, [2] = b }));
        }

        Assert.Single(orders);
        int other = orders[0].TrackId == 1 ? 2 : 1;
        Assert.Equal(EngagementNote.NoInterceptorAvailable, manager.Notes[other]);
    }
}
