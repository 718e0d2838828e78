using System.CommandLine;
using System.Globalization;
using Dome.Defense.Engagement;
using Spectre.Console;

using static Dome.Cli.Text;

namespace Dome.Cli.Commands;

/// <summary><c>dome wta solve</c>: a static weapon-target assignment instance, by the live heuristic or exactly.</summary>
internal static class WtaCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> file = new("FILE") { Description = "An instance in the plain-text format of Andersen, Pavlikov & Toffolo (2022): 'm n mu', n target values, then 'i j p' lines." };
        Option<int> limit = new("--time-limit-ms") { Description = "Time limit, ms (heuristic default 1000; exact default 60000).", DefaultValueFactory = _ => -1 };
        Option<bool> exact = new("--exact") { Description = "Solve to proven optimality (outer approximation with a MIP solver) within the time limit." };
        Option<bool> json = new("--json") { Description = "Print one JSON document." };
        Command solve = new("solve", "Solve a static weapon-target assignment instance: print the objective (expected surviving value), the time and the assignment.");
        solve.Arguments.Add(file);
        solve.Options.Add(limit);
        solve.Options.Add(exact);
        solve.Options.Add(json);
        solve.SetAction(parse => DomeCli.Guard(context, () => Solve(context, parse.GetValue(file)!, parse.GetValue(limit), parse.GetValue(exact), parse.GetValue(json))));
        Command wta = new("wta", "Weapon-target assignment.");
        wta.Subcommands.Add(solve);
        return wta;
    }

    private static int Solve(CliContext context, string path, int limitMs, bool exact, bool json)
    {
        if (limitMs == -1)
        {
            limitMs = exact ? 60_000 : 1_000;
        }

        if (limitMs is < 1 or > 86_400_000)
        {
            throw new DomeInputException($"--time-limit-ms {limitMs}: expected 1 to 86400000");
        }

        WtaProblem problem = WtaProblem.Read(path);
        WtaSolution solution = exact
            ? WtaExact.Solve(problem, TimeSpan.FromMilliseconds(limitMs))
            : WtaHeuristic.Solve(problem, TimeSpan.FromMilliseconds(limitMs));
        List<object> assignment = [];
        for (int i = 0; i < problem.WeaponTypes; i++)
        {
            for (int j = 0; j < problem.Targets; j++)
            {
                if (solution.Assignment[i, j] > 0)
                {
                    assignment.Add(new { weapon_type = i, target = j, units = solution.Assignment[i, j] });
                }
            }
        }

        if (json)
        {
            context.WriteJson(new
            {
                file = path,
                weapon_types = problem.WeaponTypes,
                targets = problem.Targets,
                units = problem.Units.Sum(),
                method = solution.Method,
                status = solution.Status,
                objective = solution.Objective,
                lower_bound = solution.LowerBound,
                time_ms = Math.Round(solution.Milliseconds, 1),
                iterations = solution.Iterations,
                assignment,
            });
            return ExitCodes.Ok;
        }

        context.Console.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(path))}[/]: {N(problem.WeaponTypes)} weapon types, {N(problem.Targets)} targets, {N(problem.Units.Sum())} units");
        context.Console.MarkupLine($"objective (expected surviving value): [bold]{solution.Objective.ToString("F3", CultureInfo.InvariantCulture)}[/]" +
            (solution.LowerBound is double lb ? $", lower bound {lb.ToString("F3", CultureInfo.InvariantCulture)}" : ""));
        context.Console.MarkupLine($"time_ms: {F(solution.Milliseconds, 1)} ({Markup.Escape(solution.Method)}, {N(solution.Iterations)} rounds; {Markup.Escape(solution.Status)})");
        context.Console.MarkupLine($"assignment (weapon type → target × units): {string.Join(", ", assignment.Take(40).Select(a => a.ToString()))}{(assignment.Count > 40 ? $" … ({N(assignment.Count)} in all; --json for every one)" : "")}");
        return ExitCodes.Ok;
    }
}
