using Dome.Defense;
using Dome.Defense.Engagement;
using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;
using Dome.Simulation.Scenarios;
using Dome.Simulation.Scoring;
using Dome.Simulation.World;

namespace Dome.Simulation.Tests.World;

public class InterceptorFlightTests
{
    private static readonly InterceptorType NoiseFree = InterceptorCatalog.Tamir with { SeekerNoiseMilliradians = 0, GlintMeters = 0 };

    private static RocketTruth Grad(double azimuth = 40, double elevation = 50)
    {
        Trajectory t = FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(new GeoPoint(31.45, 34.45), azimuth, elevation));
        return new RocketTruth
        {
            Id = 1, SalvoIndex = 0, Type = RocketCatalog.Grad, LaunchTimeSeconds = 0, LaunchPoint = t.LaunchPoint, AimPoint = t.ImpactPoint,
            ElevationDegrees = elevation, AzimuthDegrees = azimuth, ThrustFactor = 1, DragFactor = 1, Trajectory = t, Class = ImpactClass.Threat,
        };
    }

    private static Track TrackOf(RocketTruth rocket, double t)
    {
        (Vector3 r, Vector3 v) = rocket.Trajectory.StateAt(t);
        double[] p = new double[49];
        for (int i = 0; i < 7; i++)
        {
            p[(i * 7) + i] = i < 3 ? 100 : i < 6 ? 1 : 1e-12;
        }

        // The drag parameter the tracker would settle on for a Grad after burnout.
        return Track.FromEstimate(7, t, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, 1.6e-4], p);
    }

    /// <summary>Flies one interceptor from a battery beside the Grad's impact point, uplinked with the truth at 1 Hz.</summary>
    private static InterceptorRecord Engage(RocketTruth rocket, InterceptorType type, ulong seed)
    {
        GeoPoint site = Geodesic.Direct(rocket.ImpactPoint, Geodesic.Inverse(rocket.ImpactPoint, rocket.LaunchPoint).InitialAzimuthDegrees + 25, 3000).WithHeight(50);
        BatterySite battery = new() { Id = "b", Position = site };
        InterceptPlanner planner = new(battery, type);
        double now = 10;
        InterceptPlan plan = planner.Plan(TargetPath.Predict(TrackOf(rocket, now)), now)!;
        Assert.NotNull(plan);
        now = plan.LaunchTimeSeconds;
        plan = planner.Plan(TargetPath.Predict(TrackOf(rocket, now)), now)!;
        InterceptorWorld world = new([new BatterySpec { Id = "b", Position = site, Launchers = 1, InterceptorsPerLauncher = 20, ReloadSeconds = 900, GuidanceChannels = 4 }], type, seed);
        InterceptorRecord record = Assert.Single(world.Launch(new EngagementOrder(now, "b", 7, 1)
        {
            InterceptTimeSeconds = plan.InterceptTimeSeconds, InterceptPoint = plan.InterceptPoint, KillProbability = plan.KillProbability,
        }));
        TruthUplink uplink = new(rocket);
        for (double t = now; world.AnyFlying && t < rocket.FlightTimeSeconds; t += InterceptorWorld.TickSeconds)
        {
            if (Math.Abs(t - Math.Round(t)) < 1e-6)
            {
                uplink.Now = t;
                world.Uplink(uplink);
            }

            world.Advance(t, [rocket], [0]);
        }

        return record;
    }

    [Fact]
    public void ProportionalNavigation_NoiseFree_HitsANonManoeuvringRocket()
    {
        InterceptorRecord r = Engage(Grad(), NoiseFree, 1);
        Assert.Equal(1, r.SeekerTargetRocketId);
        Assert.NotNull(r.MissDistanceMeters);
        Assert.True(r.MissDistanceMeters < 1.0, $"miss {r.MissDistanceMeters:F2} m");
        Assert.True(r.EndPoint.HeightMeters > InterceptorCatalog.Tamir.MinInterceptAltitudeMeters - 300, $"intercept at {r.EndPoint.HeightMeters:F0} m");
    }

    [Fact]
    public void Tamir_WithSeekerNoiseAndGlint_MissesByMetresAndKillsInTheCalibratedRegime()
    {
        // The kill probability is not set: it emerges from miss distances through the warhead's lethality function.
        List<InterceptorRecord> shots = [.. Enumerable.Range(0, 24).Select(i => Engage(Grad(35 + (i % 4 * 3), 45 + (i % 3 * 5)), InterceptorCatalog.Tamir, (ulong)(i + 1)))];
        double[] misses = [.. shots.Select(s => s.MissDistanceMeters ?? double.PositiveInfinity).Order()];
        double median = misses[misses.Length / 2];
        Assert.InRange(median, 0.5, 6.0);
        double kills = shots.Count(s => s.Outcome == InterceptorOutcome.Kill) / (double)shots.Count;
        Assert.InRange(kills, 0.45, 0.97);
    }

    [Fact]
    public void FlyoutTable_AgreesWithThe3DofFlightStraightUp()
    {
        // A vertical launch flies a straight line, so the 3-DOF flight (J2 gravity, rotating earth) and the table's
        // along-path integration (standard gravity) describe the same motion by different code.
        InterceptorType type = InterceptorCatalog.Tamir;
        InterceptorFlyout table = new(type);
        GeoPoint site = new(31.6, 34.6);
        Vector3 r0 = EcefPosition.FromGeodetic(site).Vector;
        Vector3 up = new LocalFrame(site).Up;
        InterceptorRecord record = new() { Id = 1, BatteryId = "b", TrackId = 0, LaunchTimeSeconds = 0, PlannedInterceptSeconds = 20, PlannedKillProbability = 0 };
        InterceptorFlight flight = new(record, type, r0, r0 + (up * 5000), 0, new DeterministicRandom(1));
        Assert.True(flight.Velocity.Normalized().Equals(up) || Vector3.Dot(flight.Velocity.Normalized(), up) > 0.999999);
        foreach (double height in new[] { 2000.0, 5000, 9000 })
        {
            while (Vector3.Dot(flight.Position - r0, up) < height)
            {
                flight.Step(0.001, null, null);
            }

            Assert.True(table.TryFlyout(height, Math.PI / 2, out double tof, out double speed));
            Assert.Equal(tof, flight.FlightSeconds, 0.05 * tof);
            Assert.Equal(speed, flight.Velocity.Length, 0.03 * speed);
        }
    }

    [Fact]
    public void Run_WithEngagement_KilledRocketsDoNotLand_AndTheCountsAgree()
    {
        Scenario scenario = ScenarioLoader.Load("sderot-barrage");
        using StringWriter events = new();
        RunResult result = SimulationRunner.Run(scenario, null, CoreFactory.Create(scenario), new RunSinks { Events = events });
        (RunSummary s, _) = Scorer.Score(result, Model.Areas.AlertAreaMap.Default);
        Assert.True(result.Interceptors.Count > 0);
        string log = events.ToString();
        foreach (int killed in result.Killed.Keys)
        {
            Assert.DoesNotContain($"\"type\":\"impact\",\"rocket\":{killed},", log, StringComparison.Ordinal);
            Assert.Contains($"\"type\":\"intercept\",\"interceptor\":", log, StringComparison.Ordinal);
        }

        Assert.Equal(result.Rockets.Count - result.Killed.Count, log.Split('\n').Count(l => l.Contains("\"type\":\"impact\"", StringComparison.Ordinal)));
        Assert.Equal(result.Interceptors.Count, s.Defense.InterceptorsFired);
        Assert.True(s.Defense.WastedInterceptors <= s.Defense.InterceptorsFired);
        Assert.True(s.Rockets.Intercepted <= s.Defense.EngagedRockets);
        Assert.Equal(s.Rockets.Leakers, s.Defense.LeakerReasons!.Values.Sum());
        Assert.Equal(s.Rockets.Threats, s.Rockets.Leakers + result.Killed.Keys.Count(id => result.Rockets[id - 1].Class == ImpactClass.Threat));
        Assert.Equal(s.Defense.InterceptorsFired, s.Defense.Batteries!.Sum(b => b.Fired));
        Assert.Equal(result.Killed.Count, s.Defense.Batteries!.Sum(b => b.Kills));
        Assert.Equal(scenario.Batteries.Select(b => b.Id), s.Defense.Batteries!.Select(b => b.Id));
        // Every order of the core became interceptors in the air (the launchers had them).
        Assert.Equal(result.Orders.Sum(o => o.Interceptors), result.Interceptors.Count);
    }

    [Fact]
    public void Run_WithEngagement_IsDeterministic()
    {
        Scenario scenario = ScenarioLoader.Load("sderot-barrage");
        string Once()
        {
            using StringWriter events = new();
            SimulationRunner.Run(scenario, 7, CoreFactory.Create(scenario), new RunSinks { Events = events });
            return events.ToString();
        }

        string a = Once();
        Assert.Contains("interceptor_launch", a, StringComparison.Ordinal);
        Assert.Equal(a, Once());
    }

    /// <summary>An uplink that is the truth itself (a perfect track), for the guidance tests.</summary>
    private sealed class TruthUplink(RocketTruth rocket) : IDefenseCore
    {
        public double Now { get; set; }

        public DefenseCapabilities Capabilities => DefenseCapabilities.None;

        public void Start(IReadOnlyList<RadarSite> radars)
        {
        }

        public DefenseOutput Process(double timeSeconds, IReadOnlyList<RadarPlot> plots) => DefenseOutput.Empty;

        public IReadOnlyList<(int TrackId, Vector3 Position)> ConfirmedTracks() => [];

        public bool TryGetUplink(int trackId, out TrackUplink uplink)
        {
            (Vector3 r, Vector3 v) = rocket.Trajectory.StateAt(Now);
            uplink = new TrackUplink(Now, r, v);
            return true;
        }
    }
}
