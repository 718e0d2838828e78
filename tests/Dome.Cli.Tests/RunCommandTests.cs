using System.Text.Json;

namespace Dome.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dome-cli-run-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void Run_Json_HasEveryKeyOfTheReport_AndNullsForMissingComponents()
    {
        CliRunner.Result r = CliRunner.Run("run", "ashkelon-2019", "--json");
        Assert.Equal(0, r.ExitCode);
        JsonElement j = r.Json;
        Assert.Equal("ashkelon-2019", j.GetProperty("scenario").GetString());
        Assert.Equal(20191225UL, j.GetProperty("seed").GetUInt64());
        string[][] keys =
        [
            ["rockets", "launched", "threats", "open_ground", "fell_short", "intercepted", "leakers"],
            ["alerts", "threats_on_time", "threats_late", "threats_missed", "achievable_threats", "achievable_on_time", "area_alerts", "unneeded_area_alerts", "alerted_km2", "median_lead_s"],
            ["defense", "interceptors_fired", "engaged_threats", "wasted_interceptors", "interceptor_cost_usd"],
            ["tracking", "median_time_to_confirm_s"],
            ["run", "simulated_s", "wall_s", "speedup"],
        ];
        foreach (string[] group in keys)
        {
            JsonElement block = j.GetProperty(group[0]);
            foreach (string key in group.Skip(1))
            {
                Assert.True(block.TryGetProperty(key, out _), $"{group[0]}.{key}");
            }
        }

        Assert.Equal(1, j.GetProperty("rockets").GetProperty("launched").GetInt32());
        Assert.Equal(1, j.GetProperty("rockets").GetProperty("threats").GetInt32());
        // 25 December 2019: the battery at Ashkelon engaged the rocket (the report counts what the draw of the fuze gave).
        Assert.InRange(j.GetProperty("rockets").GetProperty("intercepted").GetInt32(), 0, 1);
        // The seed event: Ashkelon was warned in time (about 30 s ahead, as on 25 December 2019).
        JsonElement alerts = j.GetProperty("alerts");
        Assert.Equal(1, alerts.GetProperty("threats_on_time").GetInt32());
        Assert.Equal(0, alerts.GetProperty("threats_missed").GetInt32());
        Assert.InRange(alerts.GetProperty("median_lead_s").GetDouble(), 30, 45);
        Assert.InRange(j.GetProperty("defense").GetProperty("interceptors_fired").GetInt32(), 1, 2);
        Assert.Equal(0, j.GetProperty("defense").GetProperty("wasted_interceptors").GetInt32());
        // One rocket, one confirmed track, no false track.
        JsonElement tracking = j.GetProperty("tracking");
        Assert.InRange(tracking.GetProperty("median_time_to_confirm_s").GetDouble(), 1, 20);
        Assert.Equal(1, tracking.GetProperty("rockets_tracked").GetInt32());
        Assert.Equal(0, tracking.GetProperty("false_tracks").GetInt32());
        Assert.True(tracking.GetProperty("gospa_mean_m").GetDouble() >= 0);
        Assert.True(j.GetProperty("components").GetProperty("tracking").GetBoolean());
        Assert.True(j.GetProperty("components").GetProperty("alerting").GetBoolean());
        Assert.True(j.GetProperty("components").GetProperty("engagement").GetBoolean());
        Assert.True(j.GetProperty("run").GetProperty("speedup").GetDouble() > 1);

        // A missing component reports null, never zero.
        JsonElement off = CliRunner.Run("run", "ashkelon-2019", "--json", "--set", "policy.engagement.enabled=false").Json;
        Assert.False(off.GetProperty("components").GetProperty("engagement").GetBoolean());
        Assert.Equal(JsonValueKind.Null, off.GetProperty("rockets").GetProperty("intercepted").ValueKind);
        Assert.Equal(JsonValueKind.Null, off.GetProperty("defense").GetProperty("interceptors_fired").ValueKind);
    }

    [Fact]
    public void Run_Out_WritesTheReportFolder()
    {
        string dir = Path.Combine(_folder, "out");
        string plots = Path.Combine(dir, "plots.jsonl");
        Directory.CreateDirectory(dir);
        CliRunner.Result r = CliRunner.Run("run", "sderot-barrage", "--seed", "5", "--out", dir, "--plots", plots);
        Assert.Equal(0, r.ExitCode);
        foreach (string file in new[] { "summary.json", "events.jsonl", "rockets.csv", "forecasts.csv", "trajectories.geojson", "impacts.geojson", "alerted-areas.geojson", "map.png", "lead-minus-countdown.png", "AlertsHistory.json", "alerts-timeline.jsonl" })
        {
            Assert.True(new FileInfo(Path.Combine(dir, file)).Length > 0, file);
        }

        string[] csv = File.ReadAllLines(Path.Combine(dir, "rockets.csv"));
        Assert.StartsWith("rocket_id,", csv[0], StringComparison.Ordinal);
        Assert.Equal(13, csv.Length); // header + 12 rounds

        // forecasts.csv: one row per forecast event of events.jsonl, same track and time; a row with a rocket carries its
        // truth, and its miss is the geodesic distance between the two points.
        string[] forecasts = File.ReadAllLines(Path.Combine(dir, "forecasts.csv"));
        string[] header = forecasts[0].Split(',');
        JsonElement[] forecastEvents = [.. File.ReadLines(Path.Combine(dir, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "forecast")];
        Assert.NotEmpty(forecastEvents);
        Assert.Equal(forecastEvents.Length, forecasts.Length - 1);
        for (int i = 0; i < forecastEvents.Length; i++)
        {
            string[] row = forecasts[i + 1].Split(',');
            Assert.Equal(header.Length, row.Length);
            string Field(string name) => row[Array.IndexOf(header, name)];
            double Number(string name) => double.Parse(Field(name), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(forecastEvents[i].GetProperty("track").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), Field("track_id"));
            Assert.Equal(forecastEvents[i].GetProperty("t").GetDouble(), Number("time_s"), 1e-3);
            if (Field("rocket_id").Length > 0)
            {
                double geodesic = Dome.Model.Geodesy.Geodesic.Inverse(
                    new Dome.Model.Geodesy.GeoPoint(Number("forecast_lat"), Number("forecast_lon")),
                    new Dome.Model.Geodesy.GeoPoint(Number("truth_impact_lat"), Number("truth_impact_lon"))).DistanceMeters;
                Assert.Equal(geodesic, Number("miss_m"), 1.0);
                Assert.InRange(Number("truth_containment"), 0, 1);
            }
        }
        JsonElement summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.Equal(5UL, summary.GetProperty("seed").GetUInt64());
        Assert.Equal(12, JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "impacts.geojson"))).RootElement.GetProperty("features").GetArrayLength());
        byte[] png = File.ReadAllBytes(Path.Combine(dir, "map.png"));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png.Take(4));
        Assert.StartsWith("{\"format\":\"dome-plots\"", File.ReadLines(plots).First(), StringComparison.Ordinal);

        // The feeds: every alert message has its CAP document, valid and marked Exercise; every stay ends with "event over".
        string[] timeline = File.ReadAllLines(Path.Combine(dir, "alerts-timeline.jsonl"));
        string[] cap = Directory.GetFiles(Path.Combine(dir, "cap"), "*.xml").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(timeline.Length, cap.Length);
        foreach (string file in cap)
        {
            System.Xml.Linq.XDocument doc = System.Xml.Linq.XDocument.Load(file);
            Assert.Empty(Dome.Defense.Alerting.CapAlerts.Validate(doc));
            Assert.Equal("Exercise", doc.Root!.Element(Dome.Defense.Alerting.CapAlerts.Cap + "status")!.Value);
        }

        JsonElement[] entries = [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "AlertsHistory.json"))).RootElement.EnumerateArray()];
        HashSet<string> alerted = [.. entries.Where(e => e.GetProperty("category").GetInt32() == 1).Select(e => e.GetProperty("data").GetString()!)];
        HashSet<string> released = [.. entries.Where(e => e.GetProperty("title").GetString() == "האירוע הסתיים").Select(e => e.GetProperty("data").GetString()!)];
        Assert.NotEmpty(alerted);
        Assert.Equal(alerted, released);
    }

    [Fact]
    public void Run_BadScenarioFile_NamesFileLineAndColumn()
    {
        string file = Path.Combine(_folder, "bad.yaml");
        File.WriteAllText(file, "name: bad\nseed: 1\nstart: 2020-01-01T00:00:00+02:00\nduration_s: -5\nthreats: []\n");
        CliRunner.AssertBadInput(CliRunner.Run("run", file), $"{file}:4:13: scenario.duration_s: -5 (seconds) is out of range");
    }

    [Fact]
    public void Run_UnknownScenario_ListsTheBuiltIns() =>
        CliRunner.AssertBadInput(CliRunner.Run("run", "gaza-1948"), "built-in: ashkelon-2019, gaza-2021, north-haifa, saturation-2023, sderot-barrage, tel-aviv-2021");

    [Fact]
    public void Run_SalvoOutOfRange_IsABadScenario_AndLeavesNoFiles()
    {
        string dir = Path.Combine(_folder, "out");
        string file = Path.Combine(_folder, "far.yaml");
        File.WriteAllText(file, """
            name: far
            seed: 1
            start: 2020-01-01T00:00:00+02:00
            duration_s: 300
            threats:
              - { time_s: 1, count: 1, rocket: qassam, launch: { lat: 31.55, lon: 34.50 }, aim_area: Tel Aviv - City Center }
            """);
        CliRunner.Result r = CliRunner.Run("run", file, "--out", dir);
        CliRunner.AssertBadInput(r, "salvo cannot be laid: aim point is out of range for qassam");
        Assert.Contains(":6:", r.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "events.jsonl")));
    }
}
