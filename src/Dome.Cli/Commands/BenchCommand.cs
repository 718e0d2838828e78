using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Dome.Defense;
using Dome.Defense.Tracking;
using Dome.Model.Sensors;
using Dome.Model.Areas;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Simulation.Scenarios;
using Dome.Simulation.World;
using Spectre.Console;

namespace Dome.Cli.Commands;

/// <summary>
/// <c>dome bench</c>: throughput figures measured on one core and printed with the machine they came from. These are
/// measurements, not tests: nothing here passes or fails; the README records the figures.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        Command bench = new("bench", "Measure and print performance figures (one core), with the machine they were measured on.");
        Option<bool> json = new("--json") { Description = "Print one JSON document." };
        Option<double> seconds = new("--seconds") { Description = "Measuring time per figure, seconds.", DefaultValueFactory = _ => 2.0 };
        Command model = new("model", "Flight model and alert-area map: Grad trajectories/s, point-in-area lookups/s, ellipse-vs-areas queries/s.");
        model.Options.Add(json);
        model.Options.Add(seconds);
        model.SetAction(parse => DomeCli.Guard(context, () => RunModel(context, parse.GetValue(json), parse.GetValue(seconds))));
        bench.Subcommands.Add(model);

        Option<bool> simJson = new("--json") { Description = "Print one JSON document." };
        Command sim = new("sim", "The world and run loop: tel-aviv-2021 speed against real time, saturation-2023 memory over the run.");
        sim.Options.Add(simJson);
        sim.SetAction(parse => DomeCli.Guard(context, () => RunSim(context, parse.GetValue(simJson))));
        bench.Subcommands.Add(sim);

        Option<bool> trackingJson = new("--json") { Description = "Print one JSON document." };
        Option<string> sizes = new("--rockets") { Description = "Comma-separated numbers of simultaneous rockets.", DefaultValueFactory = _ => "100,1000,10000" };
        Option<double> launchRate = new("--launch-rate") { Description = "Rockets launched per second (the launch window is rockets / rate, at least 10 s).", DefaultValueFactory = _ => TrackingBench.DefaultLaunchRate };
        Command tracking = new("tracking", "The operational core per radar scan (association, filtering, forecasts) with 100, 1,000 and 10,000 rockets seen by two radars with clutter.");
        tracking.Options.Add(trackingJson);
        tracking.Options.Add(sizes);
        tracking.Options.Add(launchRate);
        Option<bool> noForecasts = new("--no-forecasts") { Description = "Time the tracker alone (no impact forecasts)." };
        tracking.Options.Add(noForecasts);
        tracking.SetAction(parse => DomeCli.Guard(context, () => RunTracking(context, parse.GetValue(trackingJson), parse.GetValue(sizes)!, parse.GetValue(launchRate), !parse.GetValue(noForecasts))));
        bench.Subcommands.Add(tracking);

        Option<bool> predictionJson = new("--json") { Description = "Print one JSON document." };
        Option<int> perType = new("--rockets-per-type") { Description = "Rockets of each type in the Monte Carlo (four types).", DefaultValueFactory = _ => 125 };
        Command prediction = new("prediction", "Monte Carlo of impact forecasts against truth the core does not know (dispersion, wind): miss distance, 99% containment and NEES by forecast age and type.");
        prediction.Options.Add(predictionJson);
        prediction.Options.Add(perType);
        prediction.SetAction(parse => DomeCli.Guard(context, () => RunPrediction(context, parse.GetValue(predictionJson), parse.GetValue(perType))));
        bench.Subcommands.Add(prediction);

        Option<bool> alertingJson = new("--json") { Description = "Print one JSON document." };
        Option<double> alertingSeconds = new("--seconds") { Description = "Measuring time, seconds.", DefaultValueFactory = _ => 2.0 };
        Command alerting = new("alerting", "The alert planner's cycle with 1,000 simultaneous forecasts over the south and centre, one core.");
        alerting.Options.Add(alertingJson);
        alerting.Options.Add(alertingSeconds);
        alerting.SetAction(parse => DomeCli.Guard(context, () => RunAlerting(context, parse.GetValue(alertingJson), parse.GetValue(alertingSeconds))));
        bench.Subcommands.Add(alerting);

        Option<bool> engagementJson = new("--json") { Description = "Print one JSON document." };
        Option<double> engagementSeconds = new("--seconds") { Description = "Measuring time, seconds.", DefaultValueFactory = _ => 3.0 };
        Command engagement = new("engagement", "The battle manager's cycle with 500 threats and 10 batteries, one core.");
        engagement.Options.Add(engagementJson);
        engagement.Options.Add(engagementSeconds);
        engagement.SetAction(parse => DomeCli.Guard(context, () => RunEngagement(context, parse.GetValue(engagementJson), parse.GetValue(engagementSeconds))));
        bench.Subcommands.Add(engagement);
        bench.Subcommands.Add(CampaignBench.Create(context));
        bench.Subcommands.Add(ServeBench.Create(context));
        return bench;
    }

    /// <summary>A measured rate: operations, elapsed seconds, and the goal the issue set for it.</summary>
    internal sealed record Figure(string Name, string Unit, long Operations, double Seconds, double Goal)
    {
        public double PerSecond => Operations / Seconds;

        public bool MeetsGoal => PerSecond >= Goal;
    }

    private static int RunModel(CliContext context, bool json, double seconds)
    {
        if (!(seconds > 0) || seconds > 600)
        {
            throw new DomeInputException("--seconds must be in (0, 600]");
        }

        AlertAreaMap map = AlertAreaMap.Default;
        List<Figure> figures =
        [
            Measure("grad_trajectories", "trajectories/s", 5_000, seconds, GradTrajectories()),
            Measure("point_in_area_lookups", "lookups/s", 1_000_000, seconds, PointLookups(map)),
            Measure("ellipse_queries_ashkelon_5km", "queries/s", 100_000, seconds, EllipseQueries(map)),
        ];
        Report(context, "model", figures, json);
        return ExitCodes.Ok;
    }

    private static int RunSim(CliContext context, bool json)
    {
        AlertAreaMap map = AlertAreaMap.Default;
        Scenario telAviv = ScenarioLoader.Load("tel-aviv-2021", map);
        SimulationRunner.Run(telAviv, null, RunCommand.Core(telAviv), null, map); // warm-up: JIT and the area index
        List<double> speedups = [];
        for (int i = 0; i < 5; i++)
        {
            RunResult r = SimulationRunner.Run(telAviv, null, RunCommand.Core(telAviv), null, map);
            speedups.Add(r.SimulatedSeconds / r.WallSeconds);
        }

        speedups.Sort();
        Scenario saturation = ScenarioLoader.Load("saturation-2023", map);
        List<(double Progress, double WorkingSetMiB)> memory = [];
        using Process self = Process.GetCurrentProcess();
        RunResult sat = SimulationRunner.Run(saturation, null, RunCommand.Core(saturation), new RunSinks { Progress = new SyncProgress<double>(p =>
        {
            self.Refresh();
            memory.Add((p, self.WorkingSet64 / 1048576.0));
        }) }, map);
        self.Refresh();
        double peak = self.PeakWorkingSet64 / 1048576.0;
        double medianSpeedup = speedups[speedups.Count / 2];
        if (json)
        {
            context.WriteJson(new
            {
                suite = "sim",
                machine = Machine(),
                tel_aviv_2021 = new
                {
                    rockets = telAviv.RocketCount,
                    simulated_s = telAviv.DurationSeconds,
                    speedup_median = Math.Round(medianSpeedup, 1),
                    speedup_min = Math.Round(speedups[0], 1),
                    goal = 200,
                    meets_goal = medianSpeedup >= 200,
                },
                saturation_2023 = new
                {
                    rockets = saturation.RocketCount,
                    simulated_s = Math.Round(sat.SimulatedSeconds, 1),
                    wall_s = Math.Round(sat.WallSeconds, 3),
                    speedup = Math.Round(sat.SimulatedSeconds / sat.WallSeconds, 1),
                    plots = sat.Plots,
                    peak_working_set_mib = Math.Round(peak, 1),
                    working_set_mib_over_run = memory.Select(m => new { progress = Math.Round(m.Progress, 3), mib = Math.Round(m.WorkingSetMiB, 1) }),
                },
            });
            return ExitCodes.Ok;
        }

        context.Console.MarkupLine($"[bold]dome bench sim[/] on {Markup.Escape(ProcessorName())}, {Environment.ProcessorCount} logical cores (1 used), {Markup.Escape(RuntimeInformation.FrameworkDescription)}");
        Table table = new Table().Border(TableBorder.Rounded).AddColumn("figure").AddColumn(new TableColumn("measured").RightAligned()).AddColumn(new TableColumn("goal").RightAligned());
        table.AddRow("tel-aviv-2021 speed (median of 5)", $"{medianSpeedup.ToString("N0", CultureInfo.InvariantCulture)}× real time", "≥ 200×");
        table.AddRow("saturation-2023 speed", $"{(sat.SimulatedSeconds / sat.WallSeconds).ToString("N0", CultureInfo.InvariantCulture)}× real time ({saturation.RocketCount} rockets, {sat.Plots.ToString("N0", CultureInfo.InvariantCulture)} plots)", "");
        table.AddRow("saturation-2023 peak working set", $"{peak.ToString("F0", CultureInfo.InvariantCulture)} MiB", "flat");
        table.AddRow("working set at 25/50/75/100% of the run", string.Join(" / ", new[] { 0.25, 0.5, 0.75, 1.0 }.Select(q => memory.Where(m => m.Progress <= q).Select(m => m.WorkingSetMiB).DefaultIfEmpty(0).Last().ToString("F0", CultureInfo.InvariantCulture))) + " MiB", "");
        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static int RunTracking(CliContext context, bool json, string sizesText, double launchRate, bool forecasts)
    {
        int[] sizes;
        try
        {
            sizes = [.. sizesText.Split(',').Select(s => int.Parse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture))];
        }
        catch (FormatException)
        {
            throw new DomeInputException($"--rockets: '{sizesText}' is not a comma-separated list of whole numbers");
        }

        if (sizes.Any(n => n is < 1 or > 20_000))
        {
            throw new DomeInputException("--rockets: each number must lie in [1, 20000]");
        }

        if (!(launchRate is > 0 and <= 10_000))
        {
            throw new DomeInputException("--launch-rate must lie in (0, 10000] rockets per second");
        }

        List<TrackingBench.Figure> figures = [.. sizes.Select(n => TrackingBench.Measure(n, launchRate, forecasts))];
        double? exponent = null;
        TrackingBench.Figure? small = figures.FirstOrDefault(f => f.Rockets == 1000), large = figures.FirstOrDefault(f => f.Rockets == 10000);
        if (small is not null && large is not null)
        {
            exponent = Math.Log(large.MillisecondsPerScan / small.MillisecondsPerScan) / Math.Log(10);
        }

        if (json)
        {
            context.WriteJson(new
            {
                suite = "tracking",
                machine = Machine(),
                launch_rate_per_s = launchRate,
                figures = figures.Select(f => new
                {
                    rockets = f.Rockets,
                    timed_from_s = f.TimedFromSeconds,
                    rockets_in_flight = f.RocketsInFlight,
                    ms_per_scan = Math.Round(f.MillisecondsPerScan, 2),
                    plots_per_scan = Math.Round(f.PlotsPerScan, 1),
                    plots_per_second = Math.Round(f.PlotsPerScan / (f.MillisecondsPerScan / 1000), 0),
                    forecasts_per_scan = Math.Round(f.ForecastsPerScan, 1),
                    confirmed_tracks = f.ConfirmedTracks,
                    rockets_with_a_track = f.RocketsWithATrack,
                    single_rocket_tracks = f.SingleRocketTracks,
                    goal_ms = f.Rockets == 1000 ? 20 : f.Rockets == 10000 ? 250 : (double?)null,
                }),
                growth_exponent_1000_to_10000 = exponent is double e ? Math.Round(e, 3) : (double?)null,
            });
            return ExitCodes.Ok;
        }

        context.Console.MarkupLine($"[bold]dome bench tracking[/] on {Markup.Escape(ProcessorName())}, {Environment.ProcessorCount} logical cores (1 used), {Markup.Escape(RuntimeInformation.FrameworkDescription)}; launches {Text.F(launchRate, 0)} per second");
        Table table = new Table().Border(TableBorder.Rounded).AddColumns("rockets", "timed from s", "in flight", "ms per scan", "plots per scan", "plots/s", "forecasts per scan", "confirmed tracks", "rockets with a track", "tracks on one rocket", "goal");
        foreach (TrackingBench.Figure f in figures)
        {
            table.AddRow(Text.N(f.Rockets), Text.F(f.TimedFromSeconds, 0), Text.N(f.RocketsInFlight), Text.F(f.MillisecondsPerScan, 2), Text.F(f.PlotsPerScan, 0), Text.N((long)(f.PlotsPerScan / (f.MillisecondsPerScan / 1000))), Text.F(f.ForecastsPerScan, 0), Text.N(f.ConfirmedTracks),
                Text.N(f.RocketsWithATrack), Text.N(f.SingleRocketTracks), f.Rockets == 1000 ? "≤ 20 ms" : f.Rockets == 10000 ? "≤ 250 ms" : "");
        }

        context.Console.Write(table);
        if (exponent is double x)
        {
            context.Console.MarkupLine($"cost growth from 1,000 to 10,000 rockets: n^{Text.F(x, 2)} (n log n would be n^1.10 over this range)");
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// 1,000 forecasts with 99% regions of 0.3–6 km (semi-major) centred over the south and centre, impacts 20–120 s
    /// ahead, the impact time growing by 1 s per 300 m east (a young forecast's range and time move together); each cycle
    /// a fresh planner plans them all (every region is intersected with the area map; most areas wait, some are
    /// alerted), so the measured cycle is the planner's full work, not a cached one. Each cycle is timed alone; the goal
    /// is judged on the median cycle, with the mean and the 90th percentile printed beside it.
    /// </summary>
    private static int RunAlerting(CliContext context, bool json, double seconds)
    {
        if (!(seconds > 0) || seconds > 600)
        {
            throw new DomeInputException("--seconds must be in (0, 600]");
        }

        AlertAreaMap map = AlertAreaMap.Default;
        IReadOnlyList<Dome.Defense.Prediction.ImpactForecast> forecasts = SyntheticForecasts.OverSouthAndCentre();

        // The default alerting policy of a scenario (its containment, margin and area-mass rule), and the region rule alone.
        Dome.Simulation.Scenarios.AlertPolicy policy = new();
        Dome.Defense.Alerting.AlertPlannerSettings withMass = policy.ToPlannerSettings();
        Dome.Defense.Alerting.AlertPlannerSettings regionOnly = withMass with { MinAreaProbability = 0 };
        // Each cycle timed on its own after a warm-up: the median resists the pauses of a shared machine (another
        // tenant's burst lifts the mean and the tail, not the middle); the mean and the 90th percentile are printed too.
        (double Median, double Mean, double P90, int Cycles, double Alerts) Cycle(Dome.Defense.Alerting.AlertPlannerSettings settings)
        {
            // The same forecasts every cycle, so the same alerts: counted once.
            int alerts = new Dome.Defense.Alerting.AlertPlanner(map, settings).Plan(0, forecasts).Count;
            Stopwatch warm = Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < Math.Min(0.5, seconds / 4))
            {
                _ = new Dome.Defense.Alerting.AlertPlanner(map, settings).Plan(0, forecasts).Count;
            }

            List<double> ms = [];
            Stopwatch total = Stopwatch.StartNew();
            while (total.Elapsed.TotalSeconds < seconds || ms.Count < 3)
            {
                long start = Stopwatch.GetTimestamp();
                _ = new Dome.Defense.Alerting.AlertPlanner(map, settings).Plan(0, forecasts).Count;
                ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            ms.Sort();
            return (ms[(ms.Count - 1) / 2], ms.Average(), ms[(int)Math.Ceiling(0.9 * ms.Count) - 1], ms.Count, alerts);
        }

        (double median, double mean, double p90, int cycles, double perCycle) = Cycle(withMass);
        (double regionMedian, _, _, _, double regionPerCycle) = Cycle(regionOnly);
        if (json)
        {
            context.WriteJson(new
            {
                suite = "alerting", machine = Machine(), forecasts = forecasts.Count, ms_per_cycle = Math.Round(median, 3), mean_ms_per_cycle = Math.Round(mean, 3),
                p90_ms_per_cycle = Math.Round(p90, 3), cycles_timed = cycles, goal_ms = 5, meets_goal = median <= 5,
                alerts_per_cycle = perCycle, region_rule_ms_per_cycle = Math.Round(regionMedian, 3), region_rule_alerts_per_cycle = regionPerCycle,
            });
            return ExitCodes.Ok;
        }

        context.Console.MarkupLine($"[bold]dome bench alerting[/] on {Markup.Escape(ProcessorName())}: planner cycle with 1,000 forecasts, impacts 20–120 s ahead: " +
            $"{Text.F(median, 3)} ms median with the default policy over {Text.N(cycles)} cycles (mean {Text.F(mean, 3)}, p90 {Text.F(p90, 3)}; goal ≤ 5 ms; {Text.F(perCycle, 0)} area alerts), " +
            $"{Text.F(regionMedian, 3)} ms by the region rule alone ({Text.F(regionPerCycle, 0)} area alerts)");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// 500 rockets in flight at once (Grads, extended Grads and Fajr-5s from Gaza at towns of the south and centre,
    /// 5–60 s after launch) as confirmed tracks with their forecasts, and 10 batteries; each cycle a fresh battle manager
    /// (no cached paths or threat values) evaluates every threat, plans every battery against every path and assigns.
    /// </summary>
    private static int RunEngagement(CliContext context, bool json, double seconds)
    {
        if (!(seconds > 0) || seconds > 600)
        {
            throw new DomeInputException("--seconds must be in (0, 600]");
        }

        AlertAreaMap map = AlertAreaMap.Default;
        DeterministicRandom random = new(11);
        RocketType[] types = [RocketCatalog.Grad, RocketCatalog.GradExtended, RocketCatalog.Fajr5];
        AlertArea[] towns = [.. map.Areas.Where(a => a.Center.LatitudeDegrees is > 31.3 and < 32.1 && a.Center.LongitudeDegrees < 34.95)];
        List<(Dome.Defense.Tracking.Track, Dome.Defense.Prediction.ImpactForecast)> threats = [];
        Dictionary<int, Dome.Defense.Tracking.Track> live = [];
        const double now = 100;
        while (threats.Count < 500)
        {
            RocketType type = types[threats.Count % types.Length];
            GeoPoint launch = new(random.Uniform(31.30, 31.55), random.Uniform(34.30, 34.48));
            AlertArea town = towns[(int)(random.NextDouble() * towns.Length)];
            FireSolution solution;
            try
            {
                solution = FireControl.Solve(type, launch, town.Center);
            }
            catch (OutOfRangeException)
            {
                continue;
            }

            double age = random.Uniform(5, Math.Min(60, solution.Trajectory.FlightTimeSeconds - 5));
            (Vector3 r, Vector3 v) = solution.Trajectory.StateAt(age);
            double[] p = new double[49];
            for (int i = 0; i < 7; i++)
            {
                p[(i * 7) + i] = i < 3 ? 400 : i < 6 ? 4 : 1e-10;
            }

            int id = threats.Count + 1;
            Dome.Defense.Tracking.Track track = Dome.Defense.Tracking.Track.FromEstimate(id, now, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, 1.5e-4], p);
            if (Dome.Defense.Prediction.ImpactPredictor.Forecast(track) is { } forecast)
            {
                threats.Add((track, forecast));
                live[id] = track;
            }
        }

        GeoPoint[] sites = [new(31.53, 34.63), new(31.64, 34.60), new(31.42, 34.62), new(31.79, 34.66), new(31.25, 34.80),
            new(32.02, 34.76), new(31.90, 34.80), new(32.12, 34.84), new(31.35, 34.40 + 0.35), new(31.70, 34.75)];
        Dome.Defense.Engagement.BatterySite[] batteries = [.. sites.Select((s, i) => new Dome.Defense.Engagement.BatterySite { Id = $"b{i + 1}", Position = s.WithHeight(0) })];
        Dome.Defense.Engagement.ThreatEvaluator evaluator = new(map, Dome.Simulation.World.CoreFactory.EngagementQuadraturePoints);
        long orders = 0, interceptors = 0;
        Figure figure = Measure("battle_manager_cycle_500_threats_10_batteries", "cycles/s", 20, seconds, batch =>
        {
            for (int b = 0; b < batch; b++)
            {
                IReadOnlyList<Dome.Defense.EngagementOrder> o = new Dome.Defense.Engagement.BattleManager(batteries, evaluator, new Dome.Defense.Engagement.EngagementSettings { ConfidentProbability = 0 })
                    .Cycle(now, threats, live);
                orders += o.Count;
                interceptors += o.Sum(x => x.Interceptors);
            }

            return batch;
        });
        double ms = 1000 / figure.PerSecond;
        double ordersPerCycle = orders / (double)figure.Operations, interceptorsPerCycle = interceptors / (double)figure.Operations;
        IReadOnlyList<DefendedFootprint.Row> footprint = DefendedFootprint.Measure();
        if (json)
        {
            context.WriteJson(new
            {
                suite = "engagement", machine = Machine(), threats = threats.Count, batteries = batteries.Length, ms_per_cycle = Math.Round(ms, 3), goal_ms = 50,
                meets_goal = ms <= 50, orders_per_cycle = ordersPerCycle, interceptors_per_cycle = interceptorsPerCycle, defended_footprint = footprint,
            });
            return ExitCodes.Ok;
        }

        context.Console.MarkupLine($"[bold]dome bench engagement[/] on {Markup.Escape(ProcessorName())}: battle manager cycle with {threats.Count} threats and {batteries.Length} batteries " +
            $"(threat values, paths, every battery's plan, assignment): {Text.F(ms, 2)} ms (goal ≤ 50 ms); {Text.F(ordersPerCycle, 0)} orders, {Text.F(interceptorsPerCycle, 0)} interceptors per cycle");
        Table table = new Table().Border(TableBorder.Rounded).Title("One battery's footprint: aim points on the 10 × 10 km square around it that it can engage")
            .AddColumn("rocket").AddColumn(new TableColumn("fired from (km)").RightAligned()).AddColumn(new TableColumn("aim points").RightAligned()).AddColumn(new TableColumn("engageable").RightAligned());
        foreach (DefendedFootprint.Row row in footprint)
        {
            table.AddRow(row.Rocket, Text.F(row.RangeKm, 0), Text.N(row.AimPoints), $"{Text.N(row.Engageable)} ({Text.F(100 * row.ShareEngageable, 0)}%)");
        }

        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static int RunPrediction(CliContext context, bool json, int perType)
    {
        if (perType is < 1 or > 5000)
        {
            throw new DomeInputException("--rockets-per-type must lie in [1, 5000]");
        }

        PredictionMonteCarlo.Result result = PredictionMonteCarlo.Run(perType, 20251123);
        if (json)
        {
            context.WriteJson(new { suite = "prediction", machine = Machine(), result.Rockets, result.Forecasts, result.Rows, result.NeesMean, result.NeesDof, result.Consistency });
            return ExitCodes.Ok;
        }

        context.Console.MarkupLine($"[bold]dome bench prediction[/]: {result.Rockets} rockets, {Text.N(result.Forecasts)} forecasts; mean NEES of the 6-dof position-velocity estimate {Text.F(result.NeesMean, 2)} (consistent ≈ {result.NeesDof})");
        Table table = new Table().Border(TableBorder.Rounded).AddColumns("type", "age s", "rockets", "median miss m", "p95 miss m", "99% region holds truth");
        foreach (PredictionMonteCarlo.Row r in result.Rows)
        {
            table.AddRow(r.Type, Text.F(r.AgeS, 0), Text.N(r.Rockets), Text.F(r.MedianMissM, 0), Text.F(r.P95MissM, 0), Text.F(100 * r.Containment99, 1) + "%");
        }

        context.Console.Write(table);
        Table bands = new Table().Border(TableBorder.Rounded).AddColumns("age since launch, s", "forecasts", "mean NEES (6 if consistent)", "NEES ≤ χ²₆ 95% point", "mean ground d² (2 if consistent)", "99% region holds truth");
        foreach (PredictionMonteCarlo.ConsistencyRow r in result.Consistency)
        {
            bands.AddRow($"{Text.F(r.FromAgeS, 0)}–{Text.F(r.ToAgeS, 0)}", Text.N(r.Forecasts), Text.F(r.NeesMean, 2), Text.F(100 * r.NeesBelow95, 1) + "%", Text.F(r.GroundD2Mean, 2), Text.F(100 * r.Containment99, 1) + "%");
        }

        context.Console.Write(bands);
        return ExitCodes.Ok;
    }

    /// <summary>Grad rounds from northern Gaza at elevations 20°–60°, each flown from launch to the located impact.</summary>
    private static Func<int, long> GradTrajectories()
    {
        RocketType grad = RocketCatalog.Grad;
        GeoPoint launch = new(31.53, 34.49);
        long impacts = 0;
        return batch =>
        {
            for (int i = 0; i < batch; i++)
            {
                double elevation = 20 + ((i * 7) % 40);
                Trajectory t = FlightModel.Fly(grad, new LaunchConditions(launch, 30 + (i % 10), elevation));
                impacts += t.FlightTimeSeconds > 0 ? 1 : 0;
            }

            return batch;
        };
    }

    /// <summary>Uniform random points over the bounding box of Israel's alert areas (most fall in open ground).</summary>
    private static Func<int, long> PointLookups(AlertAreaMap map)
    {
        Random random = new(20191225);
        const int n = 1 << 16;
        double[] lat = new double[n], lon = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Half over the whole country, half within 10 km of Ashkelon's centre (dense built-up areas).
            bool country = (i & 1) == 0;
            lat[i] = country ? 29.5 + (3.8 * random.NextDouble()) : 31.67 + (0.18 * (random.NextDouble() - 0.5));
            lon[i] = country ? 34.25 + (1.65 * random.NextDouble()) : 34.57 + (0.2 * (random.NextDouble() - 0.5));
        }

        int index = 0;
        long found = 0;
        return batch =>
        {
            for (int i = 0; i < batch; i++)
            {
                index = (index + 1) & (n - 1);
                found += map.Locate(lat[index], lon[index]) is null ? 0 : 1;
            }

            return batch;
        };
    }

    /// <summary>Ellipses of 5 km × 2.5 km semi-axes, random orientation, centres within 3 km of Ashkelon's centre.</summary>
    private static Func<int, long> EllipseQueries(AlertAreaMap map)
    {
        Random random = new(20191226);
        const int n = 1 << 12;
        GroundEllipse[] ellipses = new GroundEllipse[n];
        for (int i = 0; i < n; i++)
        {
            GeoPoint center = Geodesic.Direct(new GeoPoint(31.6688, 34.5743), 360 * random.NextDouble(), 3000 * random.NextDouble());
            ellipses[i] = new GroundEllipse(center, 5000, 2500, 180 * random.NextDouble());
        }

        int index = 0;
        long hits = 0;
        void Count(AlertArea _) => hits++;
        return batch =>
        {
            for (int i = 0; i < batch; i++)
            {
                index = (index + 1) & (n - 1);
                map.VisitIntersecting(ellipses[index], Count);
            }

            return batch;
        };
    }

    /// <summary>Warms up, then runs batches until the time is spent; returns the rate.</summary>
    internal static Figure Measure(string name, string unit, double goal, double seconds, Func<int, long> work)
    {
        int batch = 1;
        Stopwatch warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < Math.Min(0.5, seconds / 4))
        {
            work(batch);
            if (warm.Elapsed.TotalMilliseconds < 50)
            {
                batch *= 2;
            }
        }

        long operations = 0;
        Stopwatch watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            operations += work(batch);
        }

        return new Figure(name, unit, operations, watch.Elapsed.TotalSeconds, goal);
    }

    internal static object Machine() => new
    {
        processor = ProcessorName(),
        logical_cores = Environment.ProcessorCount,
        cores_used = 1,
        os = RuntimeInformation.OSDescription,
        runtime = RuntimeInformation.FrameworkDescription,
        architecture = RuntimeInformation.ProcessArchitecture.ToString(),
    };

    internal static void Report(CliContext context, string suite, IReadOnlyList<Figure> figures, bool json)
    {
        if (json)
        {
            context.WriteJson(new
            {
                suite,
                machine = Machine(),
                figures = figures.Select(f => new
                {
                    name = f.Name,
                    unit = f.Unit,
                    value = Math.Round(f.PerSecond, 1),
                    goal = f.Goal,
                    meets_goal = f.MeetsGoal,
                    operations = f.Operations,
                    seconds = Math.Round(f.Seconds, 3),
                }),
            });
            return;
        }

        context.Console.MarkupLine($"[bold]dome bench {suite}[/] on {Markup.Escape(ProcessorName())}, {Environment.ProcessorCount} logical cores (1 used), {Markup.Escape(RuntimeInformation.FrameworkDescription)}");
        Table table = new Table().Border(TableBorder.Rounded).AddColumn("figure").AddColumn(new TableColumn("measured").RightAligned()).AddColumn(new TableColumn("goal").RightAligned()).AddColumn("");
        foreach (Figure f in figures)
        {
            table.AddRow(f.Name, $"{f.PerSecond.ToString("N0", CultureInfo.InvariantCulture)} {f.Unit}", f.Goal.ToString("N0", CultureInfo.InvariantCulture), f.MeetsGoal ? "[green]meets[/]" : "[red]below[/]");
        }

        context.Console.Write(table);
    }

    private static string ProcessorName()
    {
        try
        {
            string? line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
