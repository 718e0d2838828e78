using System.CommandLine;
using Dome.Cli.Commands;
using Dome.Model.Areas;
using Dome.Model.Flight;
using Dome.Simulation.Scenarios;

namespace Dome.Cli;

/// <summary>The <c>dome</c> command line: one class per command, all thin layers over the libraries.</summary>
public static class DomeCli
{
    /// <summary>Parses and runs a command line, writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        CliContext context = new(output, error);
        RootCommand root = new("Dome: rocket early warning and active defense — tracking, impact prediction, shelter alerts and interception, proved by simulation.");
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(TrackCommand.Create(context));
        root.Subcommands.Add(RocketsCommand.Create(context));
        root.Subcommands.Add(FireCommand.Create(context));
        root.Subcommands.Add(AreasCommand.Create(context));
        root.Subcommands.Add(CampaignCommand.Create(context));
        root.Subcommands.Add(WtaCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError e in parse.Errors)
            {
                error.WriteLine($"dome: error: {Friendly(e.Message)}");
            }

            error.WriteLine("Run 'dome --help' for usage.");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// System.CommandLine's "Cannot parse argument 'x' for option '--seed' as expected type 'System.Nullable`1[System.UInt64]'"
    /// as a user reads it: "--seed x: expected a whole number from 0 to 18446744073709551615". Other messages pass as they are.
    /// </summary>
    internal static string Friendly(string message)
    {
        System.Text.RegularExpressions.Match m = System.Text.RegularExpressions.Regex.Match(message,
            @"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<name>[^']*)' as expected type '(?:System\.Nullable`1\[)?(?<type>[\w.]+)\]?'\.?$");
        if (!m.Success)
        {
            return message;
        }

        string expected = m.Groups["type"].Value switch
        {
            "System.Double" or "System.Single" => "a number (invariant culture: a point for decimals)",
            "System.Int32" => "a whole number",
            "System.UInt64" => "a whole number from 0 to 18446744073709551615",
            "System.Int64" => "a whole number",
            _ => "a value of type " + m.Groups["type"].Value,
        };
        return $"{m.Groups["name"].Value} {m.Groups["value"].Value}: expected {expected}";
    }

    /// <summary>
    /// Runs a command body, turning the known kinds of bad input into a one-line error and exit code 2, and any other
    /// exception — a fault in Dome, not in what the user asked — into a one-line report and exit code 70 (sysexits'
    /// EX_SOFTWARE), with the stack trace when <c>DOME_TRACE=1</c>.
    /// </summary>
    internal static int Guard(CliContext context, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (IsBadInput(ex))
        {
            context.Error.WriteLine($"dome: error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex)
        {
            context.Error.WriteLine($"dome: internal error: {ex.GetType().Name}: {ex.Message}");
            context.Error.WriteLine("This is a fault in Dome, not in the input: please report it with the command line (and the run's seed).");
            if (Environment.GetEnvironmentVariable("DOME_TRACE") == "1")
            {
                context.Error.WriteLine(ex.ToString());
            }
            else
            {
                context.Error.WriteLine("Set DOME_TRACE=1 to print the stack trace.");
            }

            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// The exceptions that report bad input: each names the file, line, field or option at fault. An
    /// <see cref="ArgumentException"/> is not among them: thrown from inside Dome it is a broken invariant, and the
    /// commands check what the user gave before it reaches the libraries.
    /// </summary>
    internal static bool IsBadInput(Exception ex) =>
        ex is DomeInputException or ScenarioException or Dome.Simulation.Campaigns.CampaignStoreException or Dome.Defense.Engagement.WtaFormatException
            or AlertAreaDataException or OutOfRangeException or FlightException;
}
