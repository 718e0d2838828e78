using System.Text.Json;

namespace Dome.Cli.Tests;

/// <summary>Runs the <c>dome</c> command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    public static Result Run(params string[] args)
    {
        using StringWriter output = new();
        using StringWriter error = new();
        int code = DomeCli.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Asserts a bad-input failure: exit code 2, one line on stderr naming the problem, no stack trace, nothing on stdout.</summary>
    public static void AssertBadInput(Result result, string expectedFragment)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expectedFragment, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
