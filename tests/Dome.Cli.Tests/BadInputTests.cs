namespace Dome.Cli.Tests;

public class BadInputTests
{
    [Fact]
    public void Fire_UnknownRocket_NamesTheKnownTypes() =>
        CliRunner.AssertBadInput(CliRunner.Run("fire", "--rocket", "scud", "--from", "31.5,34.5", "--to", "31.6,34.6"), "unknown rocket type 'scud'; known types: qassam");

    [Fact]
    public void Fire_UnreachableAimPoint_SaysOutOfRange() =>
        CliRunner.AssertBadInput(CliRunner.Run("fire", "--rocket", "qassam", "--from", "31.53,34.49", "--to", "32.08,34.78"), "out of range for qassam");

    [Fact]
    public void Fire_LatitudeOutOfRange_NamesTheOption() =>
        CliRunner.AssertBadInput(CliRunner.Run("fire", "--rocket", "grad", "--from", "131.5,34.5", "--to", "31.6,34.6"), "--from: latitude 131.5 is out of range");

    [Fact]
    public void Fire_NotANumber_NamesTheText() =>
        CliRunner.AssertBadInput(CliRunner.Run("fire", "--rocket", "grad", "--from", "31.5;34.5", "--to", "31.6,34.6"), "--from: '31.5;34.5' is not a position");

    [Fact]
    public void AreasLocate_LongitudeOutOfRange_IsRejected() =>
        CliRunner.AssertBadInput(CliRunner.Run("areas", "locate", "31.5", "234.5"), "longitude 234.5 is out of range");

    [Fact]
    public void AreasList_UnknownZone_ListsTheZones() =>
        CliRunner.AssertBadInput(CliRunner.Run("areas", "list", "--zone", "Atlantis"), "unknown zone 'Atlantis'; zones:");

    [Fact]
    public void UnknownOption_IsBadInput() =>
        CliRunner.AssertBadInput(CliRunner.Run("rockets", "--frobnicate"), "--frobnicate");

    [Fact]
    public void MissingRequiredOption_IsBadInput() =>
        CliRunner.AssertBadInput(CliRunner.Run("fire", "--rocket", "grad"), "--from");
}

/// <summary>
/// The command guard tells the user's mistakes from Dome's: the exceptions that report bad input give one line and exit
/// code 2; anything else is a fault inside Dome — the gaza-2021 crash of a Newton step surfaced as "dome: error:
/// Semi-axes must be positive and finite", exit code 2, as if the input were wrong — and gets exit code 70 (EX_SOFTWARE)
/// and a line that says so.
/// </summary>
public class GuardTests
{
    [Fact]
    public void Guard_AnArgumentExceptionFromInside_IsAnInternalErrorWithoutAStack()
    {
        using StringWriter output = new();
        using StringWriter error = new();
        int code = DomeCli.Guard(new CliContext(output, error), () => throw new ArgumentOutOfRangeException("semiMajor", "Semi-axes must be positive and finite"));
        Assert.Equal(70, code);
        string text = error.ToString();
        Assert.StartsWith("dome: internal error: ArgumentOutOfRangeException: Semi-axes must be positive and finite", text, StringComparison.Ordinal);
        Assert.Contains("not in the input", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void Guard_AFaultWithNoKnownType_IsAnInternalError()
    {
        using StringWriter error = new();
        int code = DomeCli.Guard(new CliContext(TextWriter.Null, error), () => throw new InvalidOperationException("queue empty"));
        Assert.Equal(70, code);
        Assert.Contains("InvalidOperationException: queue empty", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_BadInput_IsExitCodeTwoAndTheMessageAlone()
    {
        using StringWriter error = new();
        int code = DomeCli.Guard(new CliContext(TextWriter.Null, error), () => throw new DomeInputException("--runs: 0: a campaign needs at least one run per variant"));
        Assert.Equal(2, code);
        Assert.Equal("dome: error: --runs: 0: a campaign needs at least one run per variant" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void Guard_AnExitCodeFromTheBody_IsPassedThrough()
    {
        Assert.Equal(1, DomeCli.Guard(new CliContext(TextWriter.Null, TextWriter.Null), () => 1));
    }
}

/// <summary>The parser's own errors name the option and what it expects, not a .NET type.</summary>
public class ParseErrorTests
{
    [Theory]
    [InlineData(new[] { "run", "ashkelon-2019", "--seed", "-1" }, "--seed -1: expected a whole number from 0 to 18446744073709551615")]
    [InlineData(new[] { "track", "--plots", "x.jsonl", "--containment", "abc" }, "--containment abc: expected a number")]
    [InlineData(new[] { "campaign", "ashkelon-2019", "--runs", "two" }, "--runs two: expected a whole number")]
    [InlineData(new[] { "run", "ashkelon-2019", "--seed", "1,5" }, "--seed 1,5: expected a whole number")]
    public void AValueOfTheWrongType_NamesTheOptionAndWhatItExpects(string[] args, string expected)
    {
        CliRunner.Result r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("dome: error: " + expected, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", r.Stderr, StringComparison.Ordinal);
    }
}
