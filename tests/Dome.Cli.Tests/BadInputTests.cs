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
