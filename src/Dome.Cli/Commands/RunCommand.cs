using System.CommandLine;
using System.Globalization;
using System.Text;
using Dome.Defense;
using Dome.Defense.Alerting;
using Dome.Model.Areas;
using Dome.Simulation.Reporting;
using Dome.Simulation.Scenarios;
using Dome.Simulation.Scoring;
using Dome.Simulation.World;
using Spectre.Console;

using static Dome.Cli.Text;

namespace Dome.Cli.Commands;

/// <summary><c>dome run</c>: plays a scenario and reports who was warned in time and which rockets were stopped.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> scenario = new("SCENARIO") { Description = "A built-in scenario name (e.g. ashkelon-2019) or a scenario file (YAML)." };
        Option<ulong?> seed = new("--seed") { Description = "Seed of this run (default: the scenario's seed)." };
        Option<string?> outDir = new("--out") { Description = "Write the report folder here: summary.json, events.jsonl, rockets.csv, GeoJSON, PNG plots." };
        Option<string?> plots = new("--plots") { Description = "Record the radar plot stream to this file (JSON lines; the format is in the README)." };
        Option<bool> json = new("--json") { Description = "Print the run summary as one JSON document." };
        Option<string[]> set = new("--set") { Description = "KEY=VALUE: override one scenario value (e.g. policy.alerting.containment=0.95), as a campaign variant does; repeatable." };
        Command command = new("run", "Play a scenario and report: rockets, threats, alerts, interceptions, tracking, run speed.");
        command.Arguments.Add(scenario);
        command.Options.Add(seed);
        command.Options.Add(outDir);
        command.Options.Add(plots);
        command.Options.Add(json);
        command.Options.Add(set);
        command.SetAction(parse => DomeCli.Guard(context, () =>
            Execute(context, parse.GetValue(scenario)!, parse.GetValue(seed), parse.GetValue(outDir), parse.GetValue(plots), parse.GetValue(json),
                [.. (parse.GetValue(set) ?? []).Select(s => ScenarioOverride.Parse(s))])));
        return command;
    }

    private static int Execute(CliContext context, string scenarioName, ulong? seed, string? outDir, string? plotsPath, bool json, IReadOnlyList<ScenarioOverride> overrides)
    {
        AlertAreaMap areas = AlertAreaMap.Default;
        Scenario scenario = ScenarioLoader.Load(scenarioName, areas, overrides);
        StreamWriter? events = null;
        StreamWriter? plots = null;
        try
        {
            if (outDir is not null)
            {
                Directory.CreateDirectory(outDir);
                events = new StreamWriter(Path.Combine(outDir, "events.jsonl"), false, new UTF8Encoding(false));
            }

            if (plotsPath is not null)
            {
                plots = new StreamWriter(plotsPath, false, new UTF8Encoding(false));
            }

            RunResult result = RunWithProgress(context, scenario, seed, new RunSinks { Events = events, Plots = plots }, json);
            events?.Dispose();
            events = null;
            plots?.Dispose();
            plots = null;
            (RunSummary summary, IReadOnlyList<RocketOutcome> outcomes) = Scorer.Score(result, areas);
            IReadOnlyList<string> files = outDir is null ? [] : RunReportWriter.Write(outDir, result, summary, outcomes, areas);
            if (json)
            {
                context.WriteJson(summary);
            }
            else
            {
                Print(context, summary, files, outDir, plotsPath);
            }

            return ExitCodes.Ok;
        }
        catch (ScenarioException)
        {
            // The scenario could not be played (e.g. a salvo out of range): leave no half-written files behind.
            events?.Dispose();
            events = null;
            plots?.Dispose();
            plots = null;
            DeleteIfExists(outDir is null ? null : Path.Combine(outDir, "events.jsonl"));
            DeleteIfExists(plotsPath);
            throw;
        }
        catch (IOException ex)
        {
            throw new DomeInputException($"cannot write the report: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DomeInputException($"cannot write the report: {ex.Message}");
        }
        finally
        {
            events?.Dispose();
            plots?.Dispose();
        }
    }

    private static RunResult RunWithProgress(CliContext context, Scenario scenario, ulong? seed, RunSinks sinks, bool json)
    {
        bool interactive = !json && ReferenceEquals(context.Output, Console.Out) && !Console.IsOutputRedirected && scenario.RocketCount >= 100;
        if (!interactive)
        {
            return SimulationRunner.Run(scenario, seed, Core(scenario), sinks);
        }

        RunResult? result = null;
        context.Console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                ProgressTask task = progress.AddTask($"{Markup.Escape(scenario.Name)}: {scenario.RocketCount} rockets", maxValue: 1.0);
                result = SimulationRunner.Run(scenario, seed, Core(scenario), sinks with { Progress = new Progress<double>(v => task.Value = v) });
                task.Value = 1.0;
            });
        return result!;
    }

    /// <summary>The operational core as built, with the scenario's alerting policy.</summary>
    internal static DefenseCore Core(Scenario scenario) => CoreFactory.Create(scenario);

    private static void Print(CliContext context, RunSummary s, IReadOnlyList<string> files, string? outDir, string? plotsPath)
    {
        IAnsiConsole console = context.Console;
        console.MarkupLine($"[bold]{Markup.Escape(s.Scenario)}[/], seed {s.Seed.ToString(CultureInfo.InvariantCulture)}: {N(s.Rockets.Launched)} {(s.Rockets.Launched == 1 ? "rocket" : "rockets")}, {F(s.Run.SimulatedS, 0)} s simulated in {F(s.Run.WallS, 2)} s ({F(s.Run.Speedup, 0)}× real time)");
        Table rockets = new Table().Border(TableBorder.Rounded).Title("Rockets (truth)").AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        rockets.AddRow("launched", N(s.Rockets.Launched));
        rockets.AddRow("threats (would hit an alert area)", N(s.Rockets.Threats));
        rockets.AddRow("open ground", N(s.Rockets.OpenGround));
        rockets.AddRow("fell short", N(s.Rockets.FellShort));
        rockets.AddRow("intercepted", Opt(s.Rockets.Intercepted));
        rockets.AddRow("leakers", Opt(s.Rockets.Leakers));
        console.Write(rockets);

        Table alerts = new Table().Border(TableBorder.Rounded).Title("Alerts").AddColumn("")
            .AddColumn(new TableColumn("planner").RightAligned()).AddColumn(new TableColumn("zone baseline").RightAligned());
        AlertMetrics? b = s.AlertsZoneBaseline;
        alerts.AddRow("threats warned on time", Opt(s.Alerts.ThreatsOnTime), Opt(b?.ThreatsOnTime));
        alerts.AddRow("threats warned late", Opt(s.Alerts.ThreatsLate), Opt(b?.ThreatsLate));
        alerts.AddRow("threats missed", Opt(s.Alerts.ThreatsMissed), Opt(b?.ThreatsMissed));
        alerts.AddRow("achievable threats (flight ≥ countdown + 3 s)", N(s.Alerts.AchievableThreats), N(s.Alerts.AchievableThreats));
        alerts.AddRow("achievable threats on time", Opt(s.Alerts.AchievableOnTime), Opt(b?.AchievableOnTime));
        alerts.AddRow("  of the others: no radar plot by the deadline", Opt(s.Alerts.AchievableUnseenByDeadline), Opt(b?.AchievableUnseenByDeadline));
        alerts.AddRow("  of the others: no confirmed track by the deadline", Opt(s.Alerts.AchievableUntrackedByDeadline), Opt(b?.AchievableUntrackedByDeadline));
        alerts.AddRow("area alerts / unneeded", $"{Opt(s.Alerts.AreaAlerts)} / {Opt(s.Alerts.UnneededAreaAlerts)}", $"{Opt(b?.AreaAlerts)} / {Opt(b?.UnneededAreaAlerts)}");
        alerts.AddRow("unneeded area alerts per rocket", Opt(s.Alerts.UnneededAreaAlertsPerRocket, 2), Opt(b?.UnneededAreaAlertsPerRocket, 2));
        alerts.AddRow("alerted km² per rocket", Opt(s.Alerts.AlertedKm2PerRocket, 2), Opt(b?.AlertedKm2PerRocket, 2));
        alerts.AddRow("median lead time (s)", Opt(s.Alerts.MedianLeadS, 1), Opt(b?.MedianLeadS, 1));
        console.Write(alerts);

        Table defense = new Table().Border(TableBorder.Rounded).Title("Active defense and tracking").AddColumn("").AddColumn(new TableColumn("value").RightAligned());
        DefenseMetrics d = s.Defense;
        defense.AddRow("interceptors fired", Opt(d.InterceptorsFired));
        defense.AddRow("rockets engaged / threats engaged", $"{Opt(d.EngagedRockets)} / {Opt(d.EngagedThreats)}");
        defense.AddRow("engaged share of rockets that crossed", Pct(d.EngagedShareOfCrossing));
        defense.AddRow("interception rate of engaged threats", Pct(d.InterceptionRate));
        defense.AddRow("interceptors wasted on non-threats", Opt(d.WastedInterceptors));
        defense.AddRow("interceptors per kill", Opt(d.InterceptorsPerKill, 2));
        defense.AddRow("single-shot kill rate (planned)", d.SingleShotKillRate is null ? "—" : $"{Pct(d.SingleShotKillRate)} ({Pct(d.PlannedKillProbabilityMean)})");
        defense.AddRow("median miss distance (m)", Opt(d.MedianMissM, 1));
        defense.AddRow("interceptor cost (USD)", Opt(d.InterceptorCostUsd, 0));
        foreach ((string reason, int count) in d.LeakerReasons ?? new Dictionary<string, int>())
        {
            defense.AddRow($"leakers: {Markup.Escape(Scorer.LeakerReason.Describe(reason))}", N(count));
        }

        defense.AddRow("median time to confirmed track (s)", Opt(s.Tracking.MedianTimeToConfirmS, 1));
        defense.AddRow("rockets tracked / confirmed tracks / false tracks", $"{Opt(s.Tracking.RocketsTracked)} / {Opt(s.Tracking.ConfirmedTracks)} / {Opt(s.Tracking.FalseTracks)}");
        defense.AddRow("GOSPA, mean (m; c = 1 km, p = 2)", Opt(s.Tracking.GospaMeanM, 0));
        defense.AddRow("forecast 99% regions holding the truth", s.Tracking.ForecastContainment99 is double c ? F(100 * c, 1) + "%" : "—");
        defense.AddRow("radar plots (clutter)", $"{N(s.Run.Plots)} ({N(s.Run.ClutterPlots)})");
        console.Write(defense);
        if (d.Batteries is { Count: > 0 } batteries)
        {
            Table table = new Table().Border(TableBorder.Rounded).Title("Batteries").AddColumn("battery")
                .AddColumn(new TableColumn("inventory").RightAligned()).AddColumn(new TableColumn("fired").RightAligned()).AddColumn(new TableColumn("kills").RightAligned());
            foreach (BatteryFigures battery in batteries)
            {
                table.AddRow(Markup.Escape(battery.Id), N(battery.Inventory), N(battery.Fired), N(battery.Kills));
            }

            console.Write(table);
        }

        List<string> absent = [];
        if (!s.Components.Tracking)
        {
            absent.Add("tracking");
        }

        if (!s.Components.Alerting)
        {
            absent.Add("alert planning");
        }

        if (!s.Components.Engagement)
        {
            absent.Add("engagement");
        }

        if (absent.Count > 0)
        {
            console.MarkupLine($"[yellow]Not built yet:[/] {string.Join(", ", absent)}; their metrics show as —, never as zero.");
        }

        if (outDir is not null)
        {
            console.MarkupLine($"Report written to [bold]{Markup.Escape(outDir)}[/]: {string.Join(", ", files.Select(Path.GetFileName).Append("events.jsonl").Order(StringComparer.Ordinal).Select(f => Markup.Escape(f ?? "")))}");
        }

        if (plotsPath is not null)
        {
            console.MarkupLine($"Plot stream recorded to [bold]{Markup.Escape(plotsPath)}[/].");
        }
    }

    private static string Pct(double? x) => x is double v ? F(100 * v, 1) + "%" : "—";

    private static void DeleteIfExists(string? path)
    {
        if (path is not null && File.Exists(path))
        {
            File.Delete(path);
        }
    }



    private static string Opt(int? value) => value is int v ? N(v) : "—";

    private static string Opt(double? value, int decimals) => value is double v ? F(v, decimals) : "—";
}
