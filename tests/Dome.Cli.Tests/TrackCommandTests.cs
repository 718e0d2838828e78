using System.Text.Json;

namespace Dome.Cli.Tests;

public sealed class TrackCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dome-cli-track-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private string RecordedStream()
    {
        string plots = Path.Combine(_folder, "plots.jsonl");
        Assert.Equal(0, CliRunner.Run("run", "ashkelon-2019", "--plots", plots, "--json").ExitCode);
        return plots;
    }

    [Fact]
    public void Track_RecordedStream_GivesOneConfirmedTrackAndForecastsNearTheTruthImpact()
    {
        string plots = RecordedStream();
        CliRunner.Result r = CliRunner.Run("track", "--plots", plots, "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(1, r.Json.GetProperty("confirmed_tracks").GetInt32());
        JsonElement[] forecasts = [.. r.Json.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "forecast")];
        Assert.NotEmpty(forecasts);
        // The last forecasts touch Ashkelon - North (area 320), where the scenario's rocket lands.
        Assert.Contains(320, forecasts[^1].GetProperty("areas").EnumerateArray().Select(a => a.GetInt32()));
        Assert.True(forecasts[^1].GetProperty("region").GetProperty("semi_major_m").GetDouble() < forecasts[0].GetProperty("region").GetProperty("semi_major_m").GetDouble());
    }

    [Fact]
    public void Track_JsonLinesToStdout_OneObjectPerLine()
    {
        string plots = RecordedStream();
        CliRunner.Result r = CliRunner.Run("track", "--plots", plots);
        Assert.Equal(0, r.ExitCode);
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("{\"type\":", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"status\":\"confirmed\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Track_MalformedLines_AreReportedAndSkipped_OrRejected()
    {
        string plots = RecordedStream();
        string[] lines = File.ReadAllLines(plots);
        string broken = Path.Combine(_folder, "broken.jsonl");
        File.WriteAllLines(broken, [lines[0], "{\"t\": 1, \"radar\": \"mmr-ashkelon\", \"range_m\": \"far\", \"azimuth_deg\": 1, \"elevation_deg\": 1}", .. lines.Skip(1)]);

        CliRunner.Result skip = CliRunner.Run("track", "--plots", broken, "--json");
        Assert.Equal(0, skip.ExitCode);
        Assert.Equal(2, skip.Json.GetProperty("skipped_lines")[0].GetProperty("line").GetInt32());
        Assert.Contains($"{broken}:2: field 'range_m': expected a number", skip.Stderr, StringComparison.Ordinal);

        CliRunner.AssertBadInput(CliRunner.Run("track", "--plots", broken, "--on-error", "reject"), $"{broken}:2: field 'range_m'");
    }

    [Fact]
    public void Track_StreamWithoutRadars_NeedsARadarsFile()
    {
        string plots = RecordedStream();
        string[] lines = File.ReadAllLines(plots);
        string bare = Path.Combine(_folder, "bare.jsonl");
        string radars = Path.Combine(_folder, "radars.json");
        File.WriteAllLines(bare, lines.Skip(1));
        File.WriteAllText(radars, lines[0]);
        CliRunner.AssertBadInput(CliRunner.Run("track", "--plots", bare), "no radar description");
        CliRunner.Result r = CliRunner.Run("track", "--plots", bare, "--radars", radars, "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(1, r.Json.GetProperty("confirmed_tracks").GetInt32());
    }
}
