using System.Diagnostics;
using System.Text.Json;

namespace Dome.Server.Tests;

/// <summary>Real clients against the drill server: Debian's Chromium on the live map, and the pikud-haoref-api package.</summary>
public sealed class ClientTests
{
    private static string WebFolder => Path.Combine(Servers.RepositoryRoot(), "web");

    [Fact]
    public async Task InAChromiumBrowserAshkelonTurnsRedAndThePanelListsIt()
    {
        string chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"{chromium} is missing: the browser test needs Debian's chromium (tools/setup.sh installs it; `./dome test` runs it first)");
        using TempFolder temp = new();
        await using DrillServer server = await Servers.StartAsync(temp.File("drill.db"), "ashkelon-2019", speed: 10);
        (int code, string stdout, string stderr) = await Servers.RunAsync("node", WebFolder, TimeSpan.FromSeconds(150),
            "test/map.test.mjs", server.BaseAddress.ToString(), Servers.AshkelonNorth, temp.File("map.png"));
        Assert.True(code == 0, $"map test: exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("is red", stdout, StringComparison.Ordinal);
        // The screenshot is a real PNG of the page.
        byte[] png = await File.ReadAllBytesAsync(temp.File("map.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }

    [Fact]
    public async Task PikudHaorefApiReportsMissilesDuringTheScenarioAndNoneAfterIt()
    {
        using TempFolder temp = new();
        // 50×: the rocket's alerts come ~1 s after the start and "event over" ~13 s after; each message stays 5 s in
        // Alerts.json. The client then reads the history, where it counts entries younger than 120 s.
        await using DrillServer server = await Servers.StartAsync(temp.File("drill.db"), "ashkelon-2019", speed: 50, activeSeconds: 5);
        string url = server.BaseAddress.ToString();
        string during = await Servers.Until(() => Client(url, "missiles", Servers.AshkelonNorth), r => r.StartsWith("ok ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "getActiveAlert reporting missiles");
        JsonElement alert = JsonDocument.Parse(during[3..]).RootElement;
        Assert.Equal("missiles", alert.GetProperty("type").GetString());
        Assert.Contains(Servers.AshkelonNorth, alert.GetProperty("cities").EnumerateArray().Select(c => c.GetString()));

        using HttpClient http = Servers.Client(server);
        await Servers.Until(async () => JsonDocument.Parse(await http.GetStringAsync("api/state")).RootElement.GetProperty("state").GetString(), s => s == "finished", TimeSpan.FromSeconds(90), "the scenario's end");
        Stopwatch sinceEnd = Stopwatch.StartNew();
        string after = await Servers.Until(async () =>
        {
            await Task.Delay(2000);
            return await Client(url, "none");
        }, r => r.StartsWith("ok ", StringComparison.Ordinal), TimeSpan.FromSeconds(200), "getActiveAlert reporting none after the scenario");
        Assert.Equal("none", JsonDocument.Parse(after[3..]).RootElement.GetProperty("type").GetString());
        // "none" came only once the last message aged out of the client's 120 s window, not at once.
        Assert.True(sinceEnd.Elapsed.TotalSeconds > 60, $"none after {sinceEnd.Elapsed.TotalSeconds:F0} s: the history should have kept the last messages for 120 s");
    }

    private static async Task<string> Client(string url, string expected, params string[] areas)
    {
        (int code, string stdout, string stderr) = await Servers.RunAsync("node", WebFolder, TimeSpan.FromSeconds(60), ["test/pikud.test.mjs", url, expected, .. areas]);
        return code == 0 ? "ok " + stdout.Trim() : $"exit {code}: {stderr.Trim()}";
    }
}
