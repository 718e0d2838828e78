using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Dome.Model.Areas;
using Dome.Simulation.Campaigns;
using Spectre.Console;

using static Dome.Cli.Text;

namespace Dome.Cli.Commands;

/// <summary>
/// <c>dome bench campaign</c>: campaign throughput (runs/s, storage included) with 1 … all cores after a warm-up, its
/// scaling with cores, and the working set after a quarter and after all of the runs (bounded memory).
/// </summary>
internal static class CampaignBench
{
    /// <summary>The goal of issue 8: 1,000 runs of ashkelon-2019 in at most 30 s on this 2-core machine.</summary>
    private const double GoalSeconds = 30;

    public static Command Create(CliContext context)
    {
        Option<bool> json = new("--json") { Description = "Print one JSON document." };
        Option<int> runs = new("--runs") { Description = "Runs measured per core count.", DefaultValueFactory = _ => 1000 };
        Option<string> scenario = new("--scenario") { Description = "Scenario to replicate.", DefaultValueFactory = _ => "ashkelon-2019" };
        Command command = new("campaign", "Campaign throughput: runs/s of ashkelon-2019 (SQLite storage included) with 1 … all cores, scaling and memory.");
        command.Options.Add(json);
        command.Options.Add(runs);
        command.Options.Add(scenario);
        command.SetAction(parse => DomeCli.Guard(context, () => Run(context, parse.GetValue(json), parse.GetValue(runs), parse.GetValue(scenario)!)));
        return command;
    }

    private sealed record Row(int Cores, int Runs, double WallS, double RunsPerS, double SpeedupOverOneCore, double WorkingSetQuarterMiB, double WorkingSetEndMiB);

    private static int Run(CliContext context, bool json, int runs, string scenarioName)
    {
        if (runs is < 10 or > 100_000)
        {
            throw new DomeInputException("--runs must lie in [10, 100000]");
        }

        AlertAreaMap areas = AlertAreaMap.Default;
        string folder = Path.Combine(Path.GetTempPath(), $"dome-bench-campaign-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            // Warm-up on another campaign seed: JIT tiers, the area index, SQLite.
            Measure(folder, "warmup", scenarioName, Math.Min(100, runs), Environment.ProcessorCount, 1, areas);
            List<Row> rows = [];
            for (int cores = 1; cores <= Environment.ProcessorCount; cores++)
            {
                (double wall, double quarter, double end) = Measure(folder, $"p{cores}", scenarioName, runs, cores, 2, areas);
                double rate = runs / wall;
                rows.Add(new Row(cores, runs, Math.Round(wall, 2), Math.Round(rate, 1), Math.Round(rows.Count == 0 ? 1 : rate / rows[0].RunsPerS, 2), Math.Round(quarter, 0), Math.Round(end, 0)));
            }

            Row all = rows[^1];
            double secondsFor1000 = 1000 / all.RunsPerS;
            if (json)
            {
                context.WriteJson(new
                {
                    suite = "campaign",
                    machine = BenchCommand.Machine(),
                    scenario = scenarioName,
                    tiered_pgo = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "default",
                    rows,
                    seconds_for_1000_runs_all_cores = Math.Round(secondsFor1000, 1),
                    goal_s = GoalSeconds,
                    meets_goal = secondsFor1000 <= GoalSeconds,
                });
                return ExitCodes.Ok;
            }

            context.Console.MarkupLine($"[bold]dome bench campaign[/] on {Markup.Escape(RuntimeInformation.ProcessArchitecture.ToString())}, {Environment.ProcessorCount} logical cores, {Markup.Escape(RuntimeInformation.FrameworkDescription)}: {N(runs)} runs of {Markup.Escape(scenarioName)} per row, SQLite storage included");
            Table table = new Table().Border(TableBorder.Rounded).AddColumn("cores").AddColumn(new TableColumn("wall (s)").RightAligned()).AddColumn(new TableColumn("runs/s").RightAligned())
                .AddColumn(new TableColumn("speed-up").RightAligned()).AddColumn(new TableColumn("working set at ¼ / end (MiB)").RightAligned());
            foreach (Row r in rows)
            {
                table.AddRow(r.Cores.ToString(System.Globalization.CultureInfo.InvariantCulture), F(r.WallS, 2), F(r.RunsPerS, 1), F(r.SpeedupOverOneCore, 2) + "×", $"{F(r.WorkingSetQuarterMiB, 0)} / {F(r.WorkingSetEndMiB, 0)}");
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"1,000 runs on all cores: {F(secondsFor1000, 1)} s (goal ≤ {F(GoalSeconds, 0)} s: {(secondsFor1000 <= GoalSeconds ? "meets" : "[red]misses[/]")})");
            return ExitCodes.Ok;
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static (double WallS, double QuarterMiB, double EndMiB) Measure(string folder, string name, string scenario, int runs, int cores, ulong seed, AlertAreaMap areas)
    {
        CampaignPlan plan = CampaignPlan.Create(scenario, runs, [], seed, false, areas);
        using CampaignStore store = CampaignStore.Open(Path.Combine(folder, name + ".db"));
        using Process self = Process.GetCurrentProcess();
        double quarter = 0;
        SyncProgress<CampaignProgress> watch = new(p =>
        {
            if (quarter == 0 && p.Finished >= runs / 4)
            {
                self.Refresh();
                quarter = self.WorkingSet64 / 1048576.0;
            }
        });
        Stopwatch wall = Stopwatch.StartNew();
        CampaignRunner.Run(plan, store, RunCommand.Core, cores, watch, areas);
        double seconds = wall.Elapsed.TotalSeconds;
        self.Refresh();
        return (seconds, quarter, self.WorkingSet64 / 1048576.0);
    }
}
