using System.Diagnostics;
using Dome.Defense;
using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Areas;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;
using Dome.Simulation.Scenarios;
using Dome.Simulation.Scoring;

namespace Dome.Simulation.World;

/// <summary>Where a run writes its streams; every sink is optional.</summary>
public sealed record RunSinks
{
    public TextWriter? Events { get; init; }

    public TextWriter? Plots { get; init; }

    public IProgress<double>? Progress { get; init; }

    /// <summary>Watches the run as it happens (events and pictures of the sky); see <see cref="IRunObserver"/>.</summary>
    public IRunObserver? Observer { get; init; }

    /// <summary>Stops the run (with <see cref="OperationCanceledException"/>) when cancelled; checked every 5 s of simulated time.</summary>
    public CancellationToken Cancellation { get; init; }

    public static RunSinks None { get; } = new();
}

/// <summary>Everything a run produced: the truth, and what the defense did.</summary>
public sealed record RunResult
{
    public required Scenario Scenario { get; init; }

    public required ulong Seed { get; init; }

    public required IReadOnlyList<RocketTruth> Rockets { get; init; }

    public required DefenseCapabilities Capabilities { get; init; }

    public required IReadOnlyList<AlertIssued> Alerts { get; init; }

    public required IReadOnlyList<TrackReport> Tracks { get; init; }

    public required IReadOnlyList<EngagementOrder> Orders { get; init; }

    /// <summary>The alerts of the comparison (zone baseline) planner on the same forecasts; empty without one.</summary>
    public IReadOnlyList<AlertIssued> BaselineAlerts { get; init; } = [];

    /// <summary>The pre-alerts the core published (only with <c>policy.alerting.pre_alert: true</c>).</summary>
    public IReadOnlyList<AlertIssued> PreAlerts { get; init; } = [];

    /// <summary>GOSPA of the core's confirmed tracks against the rockets in flight, sampled every <see cref="SimulationRunner.GospaIntervalSeconds"/>.</summary>
    public IReadOnlyList<GospaSample> Gospa { get; init; } = [];

    /// <summary>Every interceptor launched, with its outcome (empty without engagement).</summary>
    public IReadOnlyList<InterceptorRecord> Interceptors { get; init; } = [];

    /// <summary>The rockets destroyed by interceptors, with the time of the kill, s.</summary>
    public IReadOnlyDictionary<int, double> Killed { get; init; } = new Dictionary<int, double>();

    /// <summary>The battle manager's last word on each track it considered.</summary>
    public IReadOnlyDictionary<int, Defense.Engagement.EngagementNote> EngagementNotes { get; init; } = new Dictionary<int, Defense.Engagement.EngagementNote>();

    /// <summary>Every impact forecast the core made.</summary>
    public IReadOnlyList<ImpactForecast> Forecasts { get; init; } = [];

    /// <summary>For each track, the rocket most of its plots came from (0: clutter) — the scorer's truth, never the core's.</summary>
    public IReadOnlyDictionary<int, int> TrackOrigins { get; init; } = new Dictionary<int, int>();

    /// <summary>Each rocket's first radar plot (rocket id → time, s): the scorer's truth of when a radar first saw it.</summary>
    public IReadOnlyDictionary<int, double> FirstPlots { get; init; } = new Dictionary<int, double>();

    /// <summary>Plots made, of which clutter.</summary>
    public required long Plots { get; init; }

    public required long ClutterPlots { get; init; }

    public required long Events { get; init; }

    /// <summary>Simulated time from start to the end of the run, s.</summary>
    public required double SimulatedSeconds { get; init; }

    public required double WallSeconds { get; init; }
}

/// <summary>
/// The run loop: a deterministic discrete-event simulation of launches, radar scans and impacts. The defense (if any)
/// is handed the plots of each scan and nothing else. A run is a pure function of (scenario, seed, defense).
/// </summary>
public static class SimulationRunner
{
    /// <summary>How often the situation picture is scored by GOSPA, s.</summary>
    public const double GospaIntervalSeconds = 5.0;

    /// <summary>GOSPA cut-off distance, m: a track farther than this from every rocket counts as false.</summary>
    public const double GospaCutoffMeters = 1000.0;

    /// <summary>With <see cref="Scenario.SkipIdle"/>, radars resume scanning this long before the next launch, s.</summary>
    public const double IdleLeadSeconds = 20.0;

    private const int PriorityLaunch = 0;
    private const int PriorityImpact = 1;
    private const int PriorityScan = 2;
    private const int PriorityGuidance = 3;

    private enum Kind
    {
        Launch,
        Impact,
        Scan,
        Guidance,
    }

    private readonly record struct SimEvent(Kind Kind, int Index);

    public static RunResult Run(Scenario scenario, ulong? seedOverride = null, IDefenseCore? defense = null, RunSinks? sinks = null, AlertAreaMap? areas = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        sinks ??= RunSinks.None;
        areas ??= AlertAreaMap.Default;
        ulong seed = seedOverride ?? scenario.Seed;
        Stopwatch wall = Stopwatch.StartNew();
        IReadOnlyList<RocketTruth> rockets = LaunchPlanner.Plan(scenario, seed, areas);
        double end = Math.Max(scenario.DurationSeconds, rockets.Count == 0 ? 0 : rockets.Max(r => r.ImpactTimeSeconds) + 1);

        using EventLog log = new(sinks.Events, sinks.Observer);
        using PlotRecorder? recorder = sinks.Plots is null ? null : new PlotRecorder(sinks.Plots);
        recorder?.WriteHeader(scenario.Radars, scenario.Start);
        defense?.Start(scenario.Radars);
        RadarModel[] radars = [.. scenario.Radars.Select(r => new RadarModel(r, seed))];

        EventQueue<SimEvent> queue = new();
        foreach (RocketTruth r in rockets)
        {
            queue.Schedule(r.LaunchTimeSeconds, PriorityLaunch, new SimEvent(Kind.Launch, r.Id - 1));
            queue.Schedule(r.ImpactTimeSeconds, PriorityImpact, new SimEvent(Kind.Impact, r.Id - 1));
        }

        long[] frames = new long[radars.Length];
        Dictionary<int, double> firstPlots = [];
        for (int i = 0; i < radars.Length; i++)
        {
            queue.Schedule(radars[i].FirstScanSeconds(0), PriorityScan, new SimEvent(Kind.Scan, i));
        }

        InterceptorWorld? interceptors = defense?.Capabilities.Engagement == true
            ? new InterceptorWorld(scenario.Batteries, scenario.Engagement.Interceptor, seed)
            : null;
        bool guidanceScheduled = false;
        double[] launchTimes = [.. rockets.Select(r => r.LaunchTimeSeconds).Order()];
        SortedSet<int> inFlight = [];
        List<AlertIssued> alerts = [];
        List<TrackReport> tracks = [];
        List<EngagementOrder> orders = [];
        List<ImpactForecast> forecasts = [];
        List<AlertIssued> baselineAlerts = [];
        List<AlertIssued> preAlerts = [];
        List<GospaSample> gospa = [];
        double nextGospa = GospaIntervalSeconds;
        Dictionary<int, Dictionary<int, int>> trackVotes = [];
        Dictionary<RadarPlot, int> plotOrigin = [];
        List<TaggedPlot> scanPlots = [];
        List<RadarPlot> defensePlots = [];
        List<(int, Vector3, Vector3)> targets = [];
        long plotCount = 0, clutterCount = 0;
        double lastProgress = -1;
        IRunObserver? observer = sinks.Observer;
        double pictureInterval = observer is null ? double.PositiveInfinity : Math.Max(0.05, observer.PictureIntervalSeconds);
        double nextPicture = observer is null ? double.PositiveInfinity : 0;

        while (queue.TryNext(out double now, out SimEvent e))
        {
            if (now > end)
            {
                break;
            }

            switch (e.Kind)
            {
                case Kind.Launch:
                {
                    RocketTruth r = rockets[e.Index];
                    inFlight.Add(e.Index);
                    log.Write(now, "launch", w =>
                    {
                        w.WriteNumber("rocket", r.Id);
                        w.WriteString("rocket_type", r.Type.Id);
                        w.WriteNumber("salvo", r.SalvoIndex);
                        w.WriteNumber("lat", Math.Round(r.LaunchPoint.LatitudeDegrees, 6));
                        w.WriteNumber("lon", Math.Round(r.LaunchPoint.LongitudeDegrees, 6));
                    });
                    break;
                }

                case Kind.Impact:
                {
                    RocketTruth r = rockets[e.Index];
                    inFlight.Remove(e.Index);
                    if (interceptors?.Killed.ContainsKey(r.Id) == true)
                    {
                        break;
                    }

                    log.Write(now, "impact", w =>
                    {
                        w.WriteNumber("rocket", r.Id);
                        w.WriteNumber("lat", Math.Round(r.ImpactPoint.LatitudeDegrees, 6));
                        w.WriteNumber("lon", Math.Round(r.ImpactPoint.LongitudeDegrees, 6));
                        w.WriteString("class", r.Class.ToString());
                        if (r.Area is { } area)
                        {
                            w.WriteNumber("area", area.Id);
                        }
                    });
                    break;
                }

                case Kind.Scan:
                {
                    RadarModel radar = radars[e.Index];
                    targets.Clear();
                    foreach (int index in inFlight)
                    {
                        RocketTruth r = rockets[index];
                        (Vector3 position, Vector3 velocity) = r.Trajectory.StateAt(Math.Min(now - r.LaunchTimeSeconds, r.FlightTimeSeconds));
                        targets.Add((r.Id, position, velocity));
                    }

                    scanPlots.Clear();
                    long frame = frames[e.Index];
                    bool search = frame % radar.Site.FramesPerSearch == 0;
                    if (search)
                    {
                        radar.Scan(now, targets, scanPlots);
                    }
                    else
                    {
                        radar.TrackBeams(now, targets, scanPlots);
                    }

                    defensePlots.Clear();
                    int clutter = 0;
                    foreach (TaggedPlot p in scanPlots)
                    {
                        defensePlots.Add(p.Plot);
                        recorder?.Write(p.Plot);
                        clutter += p.RocketId == 0 ? 1 : 0;
                        if (p.RocketId != 0)
                        {
                            firstPlots.TryAdd(p.RocketId, now);
                        }
                    }

                    plotCount += scanPlots.Count;
                    clutterCount += clutter;
                    if (scanPlots.Count > 0)
                    {
                        log.Write(now, "scan", w =>
                        {
                            w.WriteString("radar", radar.Site.Id);
                            if (!search)
                            {
                                w.WriteString("frame", "track_beams");
                            }

                            w.WriteNumber("plots", scanPlots.Count);
                            w.WriteNumber("clutter", clutter);
                        });
                    }

                    if (defense is not null)
                    {
                        DefenseOutput output = defense.Process(now, defensePlots);
                        Record(log, now, output, alerts, tracks, orders);
                        if (interceptors is not null)
                        {
                            foreach (EngagementOrder o in output.Orders)
                            {
                                foreach (InterceptorRecord i in interceptors.Launch(o))
                                {
                                    log.Write(i.LaunchTimeSeconds, "interceptor_launch", w =>
                                    {
                                        w.WriteNumber("interceptor", i.Id);
                                        w.WriteString("battery", i.BatteryId);
                                        w.WriteNumber("track", i.TrackId);
                                        w.WriteNumber("planned_intercept_t", Math.Round(i.PlannedInterceptSeconds, 3));
                                    });
                                }
                            }

                            interceptors.Uplink(defense);
                            if (interceptors.AnyFlying && !guidanceScheduled)
                            {
                                queue.Schedule(now + InterceptorWorld.TickSeconds, PriorityGuidance, new SimEvent(Kind.Guidance, 0));
                                guidanceScheduled = true;
                            }
                        }

                        plotOrigin.Clear();
                        foreach (TaggedPlot p in scanPlots)
                        {
                            plotOrigin[p.Plot] = p.RocketId;
                        }

                        foreach (PlotAssignment a in output.Assignments)
                        {
                            if (plotOrigin.TryGetValue(a.Plot, out int origin))
                            {
                                Dictionary<int, int> votes = trackVotes.TryGetValue(a.TrackId, out Dictionary<int, int>? v) ? v : trackVotes[a.TrackId] = [];
                                votes[origin] = votes.GetValueOrDefault(origin) + 1;
                            }
                        }

                        forecasts.AddRange(output.Forecasts);
                        baselineAlerts.AddRange(output.BaselineAlerts);
                        preAlerts.AddRange(output.PreAlerts);
                        if (defense.Capabilities.Tracking && now >= nextGospa)
                        {
                            nextGospa += GospaIntervalSeconds * Math.Max(1, Math.Ceiling((now - nextGospa) / GospaIntervalSeconds));
                            Vector3[] truth = [.. targets.Select(t => t.Item2)];
                            Vector3[] estimates = [.. defense.ConfirmedTracks().Select(t => t.Position)];
                            gospa.Add(Scoring.Gospa.Evaluate(now, truth, estimates, GospaCutoffMeters));
                        }
                        foreach (ImpactForecast f in output.Forecasts)
                        {
                            log.Write(now, "forecast", w =>
                            {
                                w.WriteNumber("track", f.TrackId);
                                w.WriteNumber("lat", Math.Round(f.ImpactPoint.LatitudeDegrees, 6));
                                w.WriteNumber("lon", Math.Round(f.ImpactPoint.LongitudeDegrees, 6));
                                w.WriteNumber("impact_t", Math.Round(f.ImpactTimeSeconds, 3));
                                w.WriteNumber("sigma_east_m", Math.Round(Math.Sqrt(f.EastVariance), 1));
                                w.WriteNumber("sigma_north_m", Math.Round(Math.Sqrt(f.NorthVariance), 1));
                                w.WriteNumber("rho_en", Math.Round(f.EastNorthCovariance / Math.Sqrt(f.EastVariance * f.NorthVariance), 3));
                            });
                        }
                    }

                    // Frames follow each other every FrameSeconds; every FramesPerSearch-th is a search.
                    double next = now + radar.Site.FrameSeconds;
                    frames[e.Index] = frame + 1;
                    // The core's cycle must go on while it awaits an impact it forecast: a rocket killed before its
                    // area's alert was due still has that alert to come (and a track lost is not a rocket gone).
                    if (scenario.SkipIdle && inFlight.Count == 0 && interceptors?.AnyFlying != true && defense?.AwaitsImpacts(now) != true)
                    {
                        // Stand-downs start at the next search, so that the frames keep their order.
                        long toSearch = radar.Site.FramesPerSearch - (frame % radar.Site.FramesPerSearch);
                        next = now + (toSearch * radar.Site.FrameSeconds);
                        frames[e.Index] = frame + toSearch;

                        // Nothing to see until the next launch: stand down until shortly before it (whole revisits, so the phase is kept).
                        int k = Array.BinarySearch(launchTimes, now);
                        k = k < 0 ? ~k : k;
                        while (k < launchTimes.Length && launchTimes[k] <= now)
                        {
                            k++;
                        }

                        double resume = k < launchTimes.Length ? launchTimes[k] - IdleLeadSeconds : end;
                        if (resume > next)
                        {
                            next += Math.Floor((resume - next) / radar.Site.RevisitSeconds) * radar.Site.RevisitSeconds;
                        }
                    }

                    if (next <= end)
                    {
                        queue.Schedule(next, PriorityScan, e);
                    }

                    break;
                }

                case Kind.Guidance:
                {
                    guidanceScheduled = false;
                    foreach (InterceptorRecord i in interceptors!.Advance(now, rockets, inFlight))
                    {
                        if (i.Outcome == InterceptorOutcome.Kill)
                        {
                            inFlight.Remove(i.SeekerTargetRocketId - 1);
                        }

                        log.Write(i.EndTimeSeconds, i.Outcome switch
                        {
                            InterceptorOutcome.Kill => "intercept",
                            InterceptorOutcome.Miss => "interceptor_miss",
                            _ => "interceptor_self_destruct",
                        }, w =>
                        {
                            w.WriteNumber("interceptor", i.Id);
                            w.WriteNumber("track", i.TrackId);
                            if (i.SeekerTargetRocketId != 0)
                            {
                                w.WriteNumber("rocket", i.SeekerTargetRocketId);
                            }

                            if (i.MissDistanceMeters is double miss)
                            {
                                w.WriteNumber("miss_m", Math.Round(miss, 2));
                            }

                            w.WriteNumber("lat", Math.Round(i.EndPoint.LatitudeDegrees, 6));
                            w.WriteNumber("lon", Math.Round(i.EndPoint.LongitudeDegrees, 6));
                            w.WriteNumber("alt_m", Math.Round(i.EndPoint.HeightMeters, 0));
                            if (i.Reason is { } reason)
                            {
                                w.WriteString("reason", reason);
                            }
                        });
                    }

                    if (interceptors.AnyFlying && now + InterceptorWorld.TickSeconds <= end)
                    {
                        queue.Schedule(now + InterceptorWorld.TickSeconds, PriorityGuidance, e);
                        guidanceScheduled = true;
                    }

                    break;
                }
            }

            if (now >= nextPicture)
            {
                nextPicture = now + pictureInterval;
                observer!.OnPicture(Picture(now, rockets, inFlight, interceptors, defense, scenario));
            }

            if (now - lastProgress >= 5)
            {
                lastProgress = now;
                sinks.Progress?.Report(Math.Min(1, now / end));
                sinks.Cancellation.ThrowIfCancellationRequested();
            }
        }

        sinks.Progress?.Report(1);
        return new RunResult
        {
            Scenario = scenario,
            Seed = seed,
            Rockets = rockets,
            Capabilities = defense?.Capabilities ?? DefenseCapabilities.None,
            Alerts = alerts,
            Tracks = tracks,
            Orders = orders,
            Forecasts = forecasts,
            BaselineAlerts = baselineAlerts,
            PreAlerts = preAlerts,
            Gospa = gospa,
            Interceptors = interceptors?.Records ?? [],
            Killed = interceptors?.Killed ?? new Dictionary<int, double>(),
            EngagementNotes = defense is null ? new Dictionary<int, Defense.Engagement.EngagementNote>() : new Dictionary<int, Defense.Engagement.EngagementNote>(defense.EngagementNotes),
            FirstPlots = firstPlots,
            TrackOrigins = trackVotes.ToDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(v => v.Value).ThenBy(v => v.Key).First().Key),
            Plots = plotCount,
            ClutterPlots = clutterCount,
            Events = log.Count,
            SimulatedSeconds = end,
            WallSeconds = wall.Elapsed.TotalSeconds,
        };
    }

    private static RunPicture Picture(double now, IReadOnlyList<RocketTruth> rockets, SortedSet<int> inFlight, InterceptorWorld? interceptors, IDefenseCore? defense, Scenario scenario)
    {
        List<PictureObject> sky = new(inFlight.Count);
        foreach (int index in inFlight)
        {
            RocketTruth r = rockets[index];
            sky.Add(new PictureObject(r.Id, r.Type.Id, RunPicture.ToGeo(r.Trajectory.StateAt(Math.Clamp(now - r.LaunchTimeSeconds, 0, r.FlightTimeSeconds)).Position)));
        }

        List<PictureObject> flying = [];
        foreach (InterceptorFlight f in interceptors?.Flying ?? [])
        {
            flying.Add(new PictureObject(f.Record.Id, f.Record.BatteryId, RunPicture.ToGeo(f.Position)));
        }

        List<PictureObject> tracks = [];
        if (defense?.Capabilities.Tracking == true)
        {
            foreach ((int id, Vector3 position) in defense.ConfirmedTracks())
            {
                tracks.Add(new PictureObject(id, "track", RunPicture.ToGeo(position)));
            }
        }

        return new RunPicture(now, sky, flying, tracks, [.. scenario.Batteries.Select(b => (b.Id, interceptors?.Loaded(b.Id) ?? b.Launchers * b.InterceptorsPerLauncher))]);
    }

    private static void Record(EventLog log, double now, DefenseOutput output, List<AlertIssued> alerts, List<TrackReport> tracks, List<EngagementOrder> orders)
    {
        foreach (AlertIssued a in output.Alerts)
        {
            alerts.Add(a);
            log.Write(now, "alert", w => w.WriteNumber("area", a.AreaId));
        }

        foreach (AlertIssued a in output.PreAlerts)
        {
            log.Write(now, "pre_alert", w => w.WriteNumber("area", a.AreaId));
        }

        foreach (TrackReport t in output.Tracks)
        {
            tracks.Add(t);
            log.Write(now, "track", w =>
            {
                w.WriteNumber("track", t.TrackId);
                w.WriteNumber("confirmed_at", Math.Round(t.ConfirmedAtSeconds, 6));
            });
        }

        foreach (EngagementOrder o in output.Orders)
        {
            orders.Add(o);
            log.Write(now, "engagement", w =>
            {
                w.WriteString("battery", o.BatteryId);
                w.WriteNumber("track", o.TrackId);
                w.WriteNumber("interceptors", o.Interceptors);
            });
        }
    }
}
