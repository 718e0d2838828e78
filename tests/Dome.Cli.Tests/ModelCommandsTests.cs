using System.Globalization;
using System.Text.Json;

namespace Dome.Cli.Tests;

public class ModelCommandsTests
{
    [Fact]
    public void Rockets_Json_ListsTheCatalogWithComputedRangesNearThePublishedOnes()
    {
        CliRunner.Result r = CliRunner.Run("rockets", "--json");
        Assert.Equal(0, r.ExitCode);
        JsonElement[] rockets = [.. r.Json.GetProperty("rockets").EnumerateArray()];
        Assert.Equal(["qassam", "rocket-107mm", "grad", "grad-er", "fajr5", "r160", "mortar-120mm"], rockets.Select(x => x.GetProperty("id").GetString()));
        foreach (JsonElement rocket in rockets)
        {
            foreach (string key in new[] { "name", "caliber_mm", "max_range_m", "flight_time_at_max_range_s", "apogee_at_max_range_m", "impact_speed_m_s" })
            {
                Assert.True(rocket.TryGetProperty(key, out _), key);
            }

            double published = rocket.GetProperty("published_max_range_m").GetDouble();
            Assert.InRange(rocket.GetProperty("max_range_m").GetDouble(), published * 0.97, published * 1.03);
        }
    }

    [Fact]
    public void Fire_Json_HitsTheAimPoint()
    {
        CliRunner.Result r = CliRunner.Run("fire", "--rocket", "grad", "--from", "31.537,34.539", "--to", "31.6885,34.5900", "--json");
        Assert.Equal(0, r.ExitCode);
        JsonElement j = r.Json;
        Assert.True(j.GetProperty("impact_error_m").GetDouble() < 5);
        Assert.InRange(j.GetProperty("elevation_deg").GetDouble(), 5, 60);
        Assert.InRange(j.GetProperty("azimuth_deg").GetDouble(), 0, 90);
        Assert.True(j.GetProperty("flight_time_s").GetDouble() > 30);
        Assert.True(j.GetProperty("apogee_m").GetDouble() > 1000);
        Assert.Equal(31.6885, j.GetProperty("impact").GetProperty("lat").GetDouble(), 1e-4);
        Assert.Equal("Ashkelon - North", j.GetProperty("impact_area").GetProperty("name_en").GetString());
    }

    [Fact]
    public void Fire_Table_IsInvariantCultureEvenUnderACommaCulture()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            CliRunner.Result r = CliRunner.Run("fire", "--rocket", "qassam", "--from", "31.537,34.539", "--to", "31.5292,34.5954");
            Assert.Equal(0, r.ExitCode);
            Assert.Matches(@"\d+\.\d{3} km", r.Stdout);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("31.6885", "34.5900", "Ashkelon - North", 30)]
    [InlineData("32.0845", "34.7850", "Tel Aviv - City Center", 90)]
    [InlineData("31.5292", "34.5954", "Sderot, Ivim, Nir Am", 15)]
    public void AreasLocate_Json_GivesTheArea(string lat, string lon, string name, int countdown)
    {
        CliRunner.Result r = CliRunner.Run("areas", "locate", lat, lon, "--json");
        Assert.Equal(0, r.ExitCode);
        JsonElement area = r.Json.GetProperty("area");
        Assert.Equal(name, area.GetProperty("name_en").GetString());
        Assert.Equal(countdown, area.GetProperty("countdown_s").GetInt32());
        foreach (string key in new[] { "id", "name_he", "zone_en", "area_km2" })
        {
            Assert.True(area.TryGetProperty(key, out _), key);
        }
    }

    [Fact]
    public void AreasLocate_OpenGround_IsNull()
    {
        CliRunner.Result r = CliRunner.Run("areas", "locate", "31.40", "34.90", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(JsonValueKind.Null, r.Json.GetProperty("area").ValueKind);
    }

    [Fact]
    public void AreasList_Zone_ListsOnlyThatZone()
    {
        CliRunner.Result r = CliRunner.Run("areas", "list", "--zone", "Gaza Envelope", "--json");
        Assert.Equal(0, r.ExitCode);
        JsonElement[] areas = [.. r.Json.GetProperty("areas").EnumerateArray()];
        Assert.NotEmpty(areas);
        Assert.All(areas, a => Assert.Equal("Gaza Envelope", a.GetProperty("zone_en").GetString()));
        Assert.Equal(areas.Length, r.Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public void BenchAlerting_Json_PrintsTheCycleTime()
    {
        CliRunner.Result r = CliRunner.Run("bench", "alerting", "--seconds", "0.05", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(1000, r.Json.GetProperty("forecasts").GetInt32());
        double median = r.Json.GetProperty("ms_per_cycle").GetDouble(), p90 = r.Json.GetProperty("p90_ms_per_cycle").GetDouble();
        Assert.True(median > 0);
        Assert.True(p90 >= median, "the 90th percentile of the cycles cannot lie below their median");
        Assert.True(r.Json.GetProperty("cycles_timed").GetInt32() >= 3);
        Assert.Equal(median <= 5, r.Json.GetProperty("meets_goal").GetBoolean());
        Assert.True(r.Json.GetProperty("alerts_per_cycle").GetDouble() > 0);
    }

    [Fact]
    public void BenchModel_Json_PrintsTheThreeFiguresAndTheMachine()
    {
        CliRunner.Result r = CliRunner.Run("bench", "model", "--seconds", "0.05", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["grad_trajectories", "point_in_area_lookups", "ellipse_queries_ashkelon_5km"], r.Json.GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.True(r.Json.GetProperty("machine").GetProperty("logical_cores").GetInt32() >= 1);
    }
}
