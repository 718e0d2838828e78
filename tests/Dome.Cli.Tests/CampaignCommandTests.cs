using System.Globalization;
using System.Text.Json;

namespace Dome.Cli.Tests;

public sealed class CampaignCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dome-cli-campaign-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void Json_HasEveryVariantsStatistics_AndAStoredRunReplaysWithDomeRun()
    {
        string db = Path.Combine(_folder, "c.db");
        string outDir = Path.Combine(_folder, "out");
        CliRunner.Result r = CliRunner.Run("campaign", "ashkelon-2019", "--runs", "3", "--parallel", "2", "--vary", "policy.alerting.margin_s=2,4",
            "--seed", "11", "--db", db, "--out", outDir, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        JsonElement doc = r.Json;
        Assert.Equal(6, doc.GetProperty("runs_finished").GetInt32());
        Assert.Equal("11", doc.GetProperty("campaign_seed").GetString());
        JsonElement variants = doc.GetProperty("variants");
        Assert.Equal(2, variants.GetArrayLength());
        JsonElement second = variants[1];
        Assert.Equal("policy.alerting.margin_s=4", second.GetProperty("label").GetString());
        JsonElement unneeded = second.GetProperty("metrics").GetProperty("alerts").GetProperty("unneeded_area_alerts_per_rocket");
        foreach (string key in new[] { "mean", "p05", "p50", "p95", "ci95_low", "ci95_high" })
        {
            Assert.Equal(JsonValueKind.Number, unneeded.GetProperty(key).ValueKind);
        }

        Assert.True(unneeded.GetProperty("p05").GetDouble() <= unneeded.GetProperty("p50").GetDouble());
        Assert.True(unneeded.GetProperty("p50").GetDouble() <= unneeded.GetProperty("p95").GetDouble());
        Assert.Equal(JsonValueKind.Number, second.GetProperty("metrics").GetProperty("defense").GetProperty("interceptors_fired").GetProperty("mean").ValueKind);

        // The CSV names each run's seed; `dome run --seed S --set ...` gives the same figures.
        string[] row = File.ReadAllLines(Path.Combine(outDir, "runs.csv"))
            .First(l => l.StartsWith("policy.alerting.margin_s=4,2,", StringComparison.Ordinal)).Split(',');
        string[] header = File.ReadAllLines(Path.Combine(outDir, "runs.csv"))[0].Split(',');
        CliRunner.Result replay = CliRunner.Run("run", "ashkelon-2019", "--seed", row[2], "--set", "policy.alerting.margin_s=4", "--json");
        Assert.True(replay.ExitCode == 0, replay.Stderr);
        JsonElement summary = replay.Json;
        foreach (string metric in new[] { "alerts.area_alerts", "alerts.unneeded_area_alerts", "alerts.alerted_km2", "tracking.gospa_mean_m", "run.plots" })
        {
            string[] path = metric.Split('.');
            JsonElement value = summary.GetProperty(path[0]).GetProperty(path[1]);
            string stored = row[Array.IndexOf(header, metric)];
            Assert.Equal(value.ValueKind == JsonValueKind.Null ? "" : value.GetDouble().ToString("R", CultureInfo.InvariantCulture), stored);
        }
    }

    [Fact]
    public void RerunningTheSameCommand_Resumes()
    {
        string db = Path.Combine(_folder, "r.db");
        Assert.Equal(0, CliRunner.Run("campaign", "ashkelon-2019", "--runs", "2", "--db", db, "--json").ExitCode);
        CliRunner.Result again = CliRunner.Run("campaign", "ashkelon-2019", "--runs", "3", "--db", db, "--json");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(1, again.Json.GetProperty("runs_this_session").GetInt32());
        Assert.Equal(3, again.Json.GetProperty("runs_finished").GetInt32());
    }

    [Fact]
    public void Table_ShowsPlannerAndBaseline()
    {
        CliRunner.Result r = CliRunner.Run("campaign", "ashkelon-2019", "--runs", "2", "--db", Path.Combine(_folder, "t.db"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("unneeded area alerts per rocket", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("zone baseline", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("achievable threats on time, pooled [Wilson 95%]", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AReportFolderUnderAFile_IsBadInputBeforeAnyRun()
    {
        string plain = Path.Combine(_folder, "plain");
        File.WriteAllText(plain, "a file, not a folder");
        string db = Path.Combine(_folder, "o.db");
        CliRunner.AssertBadInput(CliRunner.Run("campaign", "ashkelon-2019", "--runs", "2", "--db", db, "--out", Path.Combine(plain, "report")),
            $"--out {Path.Combine(plain, "report")}: cannot write the report");
        Assert.Equal(2, CliRunner.Run("campaign", "ashkelon-2019", "--runs", "2", "--db", db, "--json").Json.GetProperty("runs_this_session").GetInt32()); // none was run
    }

    [Fact]
    public void UnknownVaryKey_IsBadInput() =>
        CliRunner.AssertBadInput(CliRunner.Run("campaign", "ashkelon-2019", "--runs", "2", "--vary", "policy.alerting.contanment=0.9", "--db", Path.Combine(_folder, "u.db")),
            "--vary policy.alerting.contanment=0.9: policy.alerting: unknown key 'contanment'");

    [Fact]
    public void WrongTypeOfValue_IsBadInput() =>
        CliRunner.AssertBadInput(CliRunner.Run("campaign", "ashkelon-2019", "--runs", "2", "--vary", "radars[*].detection_probability=high", "--db", Path.Combine(_folder, "w.db")),
            "expected a number");

    [Fact]
    public void VaryWithoutValues_IsBadInput() =>
        CliRunner.AssertBadInput(CliRunner.Run("campaign", "ashkelon-2019", "--runs", "2", "--vary", "policy.alerting.margin_s", "--db", Path.Combine(_folder, "v.db")),
            "expected KEY=V1,V2,...");

    [Fact]
    public void DatabaseOfAnotherKind_IsBadInput()
    {
        string db = Path.Combine(_folder, "text.db");
        File.WriteAllText(db, "not sqlite");
        CliRunner.AssertBadInput(CliRunner.Run("campaign", "ashkelon-2019", "--runs", "2", "--db", db), "not an SQLite database");
    }

    [Fact]
    public void RunSet_OutOfRange_IsBadInput() =>
        CliRunner.AssertBadInput(CliRunner.Run("run", "ashkelon-2019", "--set", "policy.alerting.margin_s=-1"), "--set policy.alerting.margin_s=-1: policy.alerting.margin_s: -1 (seconds) is out of range");
}
