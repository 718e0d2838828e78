using System.Text.Json;

namespace Dome.Cli.Tests;

public sealed class WtaCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dome-cli-wta-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void Solve_PrintsObjectiveTimeAndAssignment()
    {
        // Two types of one unit, two targets of value 10 and 20: type 1 (p = 0.75) on target 1, type 0 (p = 0.5) on target 0.
        string path = Path.Combine(_folder, "small.txt");
        File.WriteAllText(path, "2 2 1\n10\n20\n0 0 0.5\n0 1 0.25\n1 0 0.125\n1 1 0.75\n");
        CliRunner.Result r = CliRunner.Run("wta", "solve", path, "--time-limit-ms", "50", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        JsonElement doc = r.Json;
        Assert.Equal((10 * 0.5) + (20 * 0.25), doc.GetProperty("objective").GetDouble(), 12);
        Assert.True(doc.GetProperty("time_ms").GetDouble() >= 0);
        JsonElement[] assignment = [.. doc.GetProperty("assignment").EnumerateArray()];
        Assert.Equal(2, assignment.Length);
        Assert.Contains(assignment, a => a.GetProperty("weapon_type").GetInt32() == 1 && a.GetProperty("target").GetInt32() == 1);

        CliRunner.Result exact = CliRunner.Run("wta", "solve", path, "--exact", "--json");
        Assert.True(exact.ExitCode == 0, exact.Stderr);
        Assert.Equal("optimal", exact.Json.GetProperty("status").GetString());
    }

    [Fact]
    public void Solve_BadFile_IsBadInputNamingTheLine()
    {
        string path = Path.Combine(_folder, "bad.txt");
        File.WriteAllText(path, "1 1 1\nten\n");
        CliRunner.AssertBadInput(CliRunner.Run("wta", "solve", path), $"{path}:2: value of target 0: expected a number, found 'ten'");
        CliRunner.AssertBadInput(CliRunner.Run("wta", "solve", Path.Combine(_folder, "none.txt")), "no such file");
        CliRunner.AssertBadInput(CliRunner.Run("wta", "solve", path, "--time-limit-ms", "0"), "--time-limit-ms 0");
    }
}
