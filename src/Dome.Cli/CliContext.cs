using System.Text.Json;
using Dome.Simulation.Reporting;
using Spectre.Console;

namespace Dome.Cli;

/// <summary>Named exit codes of the <c>dome</c> command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run itself failed: a goal was not met.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: an unknown option, an out-of-range value, an invalid file.</summary>
    public const int BadInput = 2;

    /// <summary>A fault in Dome itself, not in its input (sysexits' EX_SOFTWARE).</summary>
    public const int InternalError = 70;
}

/// <summary>A problem with what the user asked for; its message is shown as is, and the exit code is 2.</summary>
public sealed class DomeInputException(string message) : Exception(message);

/// <summary>Where a command writes: stdout and stderr, and a Spectre console over stdout for tables.</summary>
public sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            // Redirected output has no terminal width; tables keep their natural width instead of wrapping at 80.
            Console.Profile.Width = 200;
        }
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    /// <summary>Writes one JSON document on stdout and nothing else.</summary>
    public void WriteJson<T>(T document)
    {
        Output.WriteLine(JsonSerializer.Serialize(document, ReportJson.Options));
        Output.Flush();
    }
}
