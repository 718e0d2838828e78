using System.CommandLine;
using Dome.Model.Areas;
using Dome.Simulation.Campaigns;
using Dome.Simulation.Scenarios;
using Spectre.Console;

using static Dome.Cli.Text;

namespace Dome.Cli.Commands;

/// <summary><c>dome campaign</c>: Monte Carlo replications of a scenario and its variants, stored in SQLite, summarised with intervals.</summary>
internal static class CampaignCommand
{
    /// <summary>The database a campaign uses when no --db is given: in the current folder, so that rerunning the same command resumes.</summary>
    public const string DefaultDatabase = "dome-campaigns.db";

    public static Command Create(CliContext context)
    {
        Argument<string> scenario = new("SCENARIO") { Description = "A built-in scenario name or a scenario file (YAML)." };
        Option<int> runs = new("--runs") { Description = "Replications per variant.", Required = true };
        Option<int> parallel = new("--parallel") { Description = "Runs at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        Option<string[]> vary = new("--vary") { Description = "KEY=V1,V2,...: a scenario key (e.g. policy.alerting.containment, radars[*].detection_probability) and the values to try; several --vary give their product.", AllowMultipleArgumentsPerToken = false };
        Option<ulong?> seed = new("--seed") { Description = "Campaign seed (default: the scenario's seed); every run's seed derives from it, the variant and the replication." };
        Option<bool> crn = new("--crn") { Description = "Common random numbers: replication r of every variant uses the same seed (paired comparison)." };
        Option<string> db = new("--db") { Description = $"The SQLite results database; finished runs in it are not redone (default: ./{DefaultDatabase}).", DefaultValueFactory = _ => DefaultDatabase };
        Option<string?> outDir = new("--out") { Description = "Write the report folder here: campaign.json, runs.csv, PNG plots." };
        Option<bool> json = new("--json") { Description = "Print the campaign report as one JSON document." };
        Command command = new("campaign", "Run N replications of a scenario (and its --vary variants) over the cores; store every run in SQLite; report mean, percentiles and 95% intervals.");
        command.Arguments.Add(scenario);
        foreach (Option o in new Option[] { runs, parallel, vary, seed, crn, db, outDir, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => DomeCli.Guard(context, () => Execute(context, new Request(
            parse.GetValue(scenario)!, parse.GetValue(runs), parse.GetValue(parallel), parse.GetValue(vary) ?? [], parse.GetValue(seed),
            parse.GetValue(crn), parse.GetValue(db)!, parse.GetValue(outDir), parse.GetValue(json)))));
        return command;
    }

    private sealed record Request(string Scenario, int Runs, int Parallel, string[] Vary, ulong? Seed, bool Crn, string Db, string? Out, bool Json);

    /// <summary>Parses <c>KEY=V1,V2,...</c>.</summary>
    internal static (string Key, IReadOnlyList<string> Values) ParseVary(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1)
        {
            throw new DomeInputException($"--vary '{text}': expected KEY=V1,V2,... (e.g. policy.alerting.containment=0.95,0.99)");
        }

        return (text[..eq].Trim(), [.. text[(eq + 1)..].Split(',').Select(v => v.Trim())]);
    }

    private static int Execute(CliContext context, Request request)
    {
        if (request.Parallel < 1)
        {
            throw new DomeInputException($"--parallel {request.Parallel}: at least 1");
        }

        AlertAreaMap areas = AlertAreaMap.Default;
        CampaignPlan plan = CampaignPlan.Create(request.Scenario, request.Runs, [.. request.Vary.Select(ParseVary)], request.Seed, request.Crn, areas);
        using CampaignStore store = CampaignStore.Open(request.Db);
        if (request.Out is not null)
        {
            // Before the runs, not after: a folder that cannot be made is found in a second, not after an hour of runs.
            Report(request, () => Directory.CreateDirectory(request.Out));
        }

        using CancellationTokenSource stop = new();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        CampaignSession session;
        try
        {
            session = RunWithProgress(context, plan, store, request, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        CampaignReport report = CampaignReport.Build(plan, store, session);
        IReadOnlyList<string> files = request.Out is null ? [] : Report(request, () => CampaignReportWriter.Write(request.Out, report));
        if (request.Json)
        {
            context.WriteJson(report);
        }
        else
        {
            Print(context, report, files, request.Out);
        }

        return session.Stopped ? 130 : ExitCodes.Ok;
    }

    // The report folder's IO failures are the user's to mend (a path, a permission, a full disk): the runs are in the
    // database, and the same command writes the report again without running them.
    private static T Report<T>(Request request, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DomeInputException($"--out {request.Out}: cannot write the report: {ex.Message} (the runs are stored in {request.Db}; the same command writes the report without running them again)");
        }
    }

    private static CampaignSession RunWithProgress(CliContext context, CampaignPlan plan, CampaignStore store, Request request, CancellationToken stop)
    {
        bool interactive = !request.Json && ReferenceEquals(context.Output, Console.Out) && !Console.IsOutputRedirected;
        if (!interactive)
        {
            return CampaignRunner.Run(plan, store, RunCommand.Core, request.Parallel, null, null, stop);
        }

        CampaignSession? session = null;
        context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                ProgressTask task = progress.AddTask($"{Markup.Escape(plan.Scenario.Name)}: {N(plan.TotalRuns)} runs", maxValue: plan.TotalRuns);
                Progress<CampaignProgress> report = new(p =>
                {
                    task.Value = p.Finished;
                    double rate = p.WallSeconds > 0 ? p.FinishedThisSession / p.WallSeconds : 0;
                    task.Description = $"{Markup.Escape(plan.Scenario.Name)}: {N(p.Finished)}/{N(p.Total)} runs, {F(rate, 1)} runs/s";
                });
                session = CampaignRunner.Run(plan, store, RunCommand.Core, request.Parallel, report, null, stop);
            });
        return session!;
    }

    private static void Print(CliContext context, CampaignReport r, IReadOnlyList<string> files, string? outDir)
    {
        IAnsiConsole console = context.Console;
        console.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/], campaign seed {r.CampaignSeed}{(r.CommonRandomNumbers ? " (common random numbers)" : "")}: " +
            $"{N(r.RunsFinished)} of {N(r.RunsTotal)} runs in the report ({N(r.RunsThisSession)} run now in {F(r.WallS, 1)} s, {F(r.RunsPerS, 1)} runs/s); database {Markup.Escape(r.Database)}");
        Table table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape("Per variant: mean [95% CI of the mean] (p05 / p50 / p95 over runs)")).AddColumn("metric");
        foreach (VariantReport v in r.Variants)
        {
            table.AddColumn(new TableColumn($"{Markup.Escape(v.Label)}\n({N(v.Runs)} runs)").RightAligned());
        }

        table.AddRow([new Markup(Markup.Escape("achievable threats on time, pooled [Wilson 95%]")), .. r.Variants.Select(v => new Markup(Markup.Escape(Pooled(v.AchievableOnTimePooled))))]);
        foreach ((string name, string label, int decimals) in Rows)
        {
            table.AddRow([new Markup(Markup.Escape(label)), .. r.Variants.Select(v => new Markup(Markup.Escape(Cell(v.Stat(name), decimals))))]);
        }

        table.AddRow([new Markup("lead − countdown of warned threats (s)"), .. r.Variants.Select(v => new Markup(Markup.Escape(Cell(v.LeadMinusCountdownS, 1))))]);
        console.Write(table);
        if (r.Stopped)
        {
            console.MarkupLine("[yellow]Stopped:[/] the finished runs are stored; run the same command again to finish the campaign.");
        }

        if (outDir is not null)
        {
            console.MarkupLine($"Report written to [bold]{Markup.Escape(outDir)}[/]: {string.Join(", ", files.Select(f => Markup.Escape(Path.GetFileName(f))))}");
        }
    }

    private static readonly (string Name, string Label, int Decimals)[] Rows =
    [
        ("rockets.threats", "threats per run", 1),
        ("alerts.threats_missed", "threats missed per run", 2),
        ("alerts.threats_late", "threats warned late per run", 2),
        ("alerts.unneeded_area_alerts_per_rocket", "unneeded area alerts per rocket", 2),
        ("alerts_zone_baseline.unneeded_area_alerts_per_rocket", "  zone baseline", 2),
        ("alerts.alerted_km2_per_rocket", "alerted km² per rocket", 2),
        ("alerts_zone_baseline.alerted_km2_per_rocket", "  zone baseline", 2),
        ("alerts.median_lead_s", "median lead time (s)", 1),
        ("tracking.median_time_to_confirm_s", "median time to confirmed track (s)", 2),
        ("tracking.forecast_containment_99", "forecast 99% regions holding the truth", 3),
        ("tracking.gospa_mean_m", "GOSPA mean (m)", 0),
        ("defense.interceptors_per_kill", "interceptors per kill", 2),
        ("run.wall_s", "wall time per run (s)", 3),
    ];

    private static string Cell(SampleStatistics? s, int d) => s is null
        ? "—"
        : $"{F(s.Mean, d)} [{(s.Ci95Low is double lo ? F(lo, d) : "—")}, {(s.Ci95High is double hi ? F(hi, d) : "—")}] ({F(s.P05, d)} / {F(s.P50, d)} / {F(s.P95, d)})";

    private static string Pooled(PooledProportion p) => p.Fraction is double f
        ? $"{N(p.Successes)}/{N(p.Trials)} = {F(100 * f, 2)}% [{F(100 * p.Wilson95Low!.Value, 2)}, {F(100 * p.Wilson95High!.Value, 2)}]"
        : "— (no achievable threats)";
}
