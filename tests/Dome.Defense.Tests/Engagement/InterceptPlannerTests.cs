using Dome.Defense.Engagement;
using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Engagement;

public class InterceptPlannerTests
{
    private const double K = 9e-5;

    private static readonly FlightBody Body = TestBodies.WithDragParameter(K);

    /// <summary>A round fired from Gaza towards a battery 10 km north-east of its impact area, as a track at an age.</summary>
    internal static (Track Track, Trajectory Truth) Round(double speed, double elevation, double age, int id = 1, double azimuth = 30)
    {
        Trajectory truth = FlightModel.Fly(Body, speed, new LaunchConditions(new GeoPoint(31.45, 34.45), azimuth, elevation));
        return (TrackAt(truth, age, id), truth);
    }

    /// <summary>A confirmed track on the exact state of a flight at a time (10 m, 1 m/s sigmas).</summary>
    internal static Track TrackAt(Trajectory truth, double t, int id)
    {
        (Vector3 r, Vector3 v) = truth.StateAt(t);
        double[] p = new double[49];
        for (int i = 0; i < 7; i++)
        {
            p[(i * 7) + i] = i < 3 ? 100 : i < 6 ? 1 : 1e-12;
        }

        return Track.FromEstimate(id, t, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, K], p);
    }

    internal static BatterySite BatteryNear(Trajectory truth, double backMeters = 4000)
    {
        // On the line of fire, short of the impact point: the rocket comes at the battery.
        GeodesicLine inv = Geodesic.Inverse(truth.ImpactPoint, truth.LaunchPoint);
        GeoPoint site = Geodesic.Direct(truth.ImpactPoint, inv.InitialAzimuthDegrees + 20, backMeters);
        return new BatterySite { Id = "b", Position = site.WithHeight(50) };
    }

    [Fact]
    public void Plan_InterceptPoint_SatisfiesTheTimeToGoFixedPointAgainstAFineIndependentPath()
    {
        (Track track, Trajectory truth) = Round(650, 45, 8);
        BatterySite battery = BatteryNear(truth);
        InterceptPlanner planner = new(battery, InterceptorCatalog.Tamir);
        InterceptPlan plan = planner.Plan(TargetPath.Predict(track), 8)!;
        Assert.NotNull(plan);

        // Independent: the exact path of the same model by RK4 at 10 ms, and the root of t − flyout(P(t)) − delay = launch by bisection.
        double[] x = [.. track.State];
        List<(double T, Vector3 R)> fine = [(8, track.Position)];
        for (int i = 1; i <= 12000 && BallisticMotionModel.Height(fine[^1].R) > 0; i++)
        {
            BallisticMotionModel.Rk4(x, 0.01);
            fine.Add((8 + (i * 0.01), new Vector3(x[0], x[1], x[2])));
        }

        Vector3 site = EcefPosition.FromGeodetic(battery.Position).Vector;
        Vector3 up = new LocalFrame(battery.Position).Up;
        double G(int i)
        {
            Vector3 d = fine[i].R - site;
            planner.Flyout.TryFlyout(d.Length, Math.Asin(Vector3.Dot(d, up) / d.Length), out double tof, out _);
            return fine[i].T - tof - InterceptorCatalog.Tamir.LaunchDelaySeconds - plan.LaunchTimeSeconds;
        }

        int k = fine.FindIndex(f => Math.Abs(f.T - plan.InterceptTimeSeconds) < 0.006);
        int lo = Math.Max(0, k - 300), hi = Math.Min(fine.Count - 1, k + 300);
        while (hi - lo > 1)
        {
            int mid = (lo + hi) / 2;
            if (G(mid) < 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        Assert.Equal(fine[lo].T, plan.InterceptTimeSeconds, 0.15);
        Assert.True((fine[lo].R - plan.InterceptPoint).Length < 150, $"PIP {(fine[lo].R - plan.InterceptPoint).Length:F0} m from the fine solution");
        Assert.InRange(plan.InterceptHeightMeters, InterceptorCatalog.Tamir.MinInterceptAltitudeMeters, InterceptorCatalog.Tamir.MaxInterceptAltitudeMeters);
        Assert.True(plan.LatestLaunchSeconds >= plan.LaunchTimeSeconds);
        Assert.InRange(plan.KillProbability, 0.5, InterceptPlanner.MaxKillProbability);
    }

    [Fact]
    public void Plan_LatestLaunch_InterceptsNoLowerThanTheMinimumAltitude()
    {
        (Track track, Trajectory truth) = Round(650, 45, 8);
        InterceptPlanner planner = new(BatteryNear(truth), InterceptorCatalog.Tamir);
        TargetPath path = TargetPath.Predict(track);
        InterceptPlan plan = planner.Plan(path, 8)!;
        double latestIntercept = plan.InterceptTimeFor(plan.LatestLaunchSeconds)!.Value;
        double height = BallisticMotionModel.Height(path.Position(latestIntercept));
        Assert.True(height >= InterceptorCatalog.Tamir.MinInterceptAltitudeMeters - 50, $"latest intercept at {height:F0} m");
        // An order after the latest launch has no plan.
        Assert.Null(planner.Plan(path, plan.LatestLaunchSeconds + 1));
    }

    [Fact]
    public void Plan_TargetFarBeyondReach_HasNoPlan()
    {
        (Track track, Trajectory truth) = Round(650, 45, 8);
        BatterySite far = new() { Id = "far", Position = Geodesic.Direct(truth.ImpactPoint, 90, 60_000) };
        Assert.Null(new InterceptPlanner(far, InterceptorCatalog.Tamir).Plan(TargetPath.Predict(track), 8));
    }

    [Fact]
    public void Plan_ShortLowRound_IsOutsideTheEnvelope()
    {
        // A 250 m/s round at 10° never climbs to the minimum intercept altitude: nothing to plan, however close.
        (Track track, Trajectory truth) = Round(250, 10, 2);
        Assert.True(truth.ApogeeHeightMeters < InterceptorCatalog.Tamir.MinInterceptAltitudeMeters);
        InterceptPlanner planner = new(BatteryNear(truth, 1000), InterceptorCatalog.Tamir);
        Assert.Null(planner.Plan(TargetPath.Predict(track), 2));
        // The same round lofted at 45° to a similar range does climb through it and has a plan.
        (Track lofted, Trajectory loftedTruth) = Round(250, 45, 4);
        Assert.True(loftedTruth.ApogeeHeightMeters > InterceptorCatalog.Tamir.MinInterceptAltitudeMeters + 500);
        Assert.NotNull(new InterceptPlanner(BatteryNear(loftedTruth, 1000), InterceptorCatalog.Tamir).Plan(TargetPath.Predict(lofted), 4));
    }

    [Fact]
    public void TargetPath_MatchesTheExactFlightWithinMetres()
    {
        (Track track, Trajectory truth) = Round(650, 45, 8);
        TargetPath path = TargetPath.Predict(track);
        foreach (double t in new[] { 10.3, 20.0, 31.7 })
        {
            Assert.True((path.Position(t) - truth.StateAt(t).Position).Length < 5, $"path off at {t} s");
        }
    }
}
