using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Dome.Server.Tests;

/// <summary>The real `dome serve`, killed mid-scenario (SIGKILL) and started again on the same database.</summary>
public sealed class KillRestartTests
{
    [Fact]
    public async Task KilledMidScenarioTheHistoryIsIntactAndActiveAlertsStayActive()
    {
        using TempFolder temp = new();
        string db = temp.File("drill.db");
        int port = FreePort();
        Uri base1 = new($"http://127.0.0.1:{port}/");
        using HttpClient http = new() { BaseAddress = base1, Timeout = TimeSpan.FromSeconds(10) };

        using Process first = StartDome(temp.Path, "serve", "--scenario", "ashkelon-2019", "--speed", "20", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db);
        string alerts, history;
        try
        {
            alerts = await Servers.Until(async () => await TryGet(http, "WarningMessages/alert/Alerts.json"), b => b.Contains(Servers.AshkelonNorth, StringComparison.Ordinal), TimeSpan.FromSeconds(90), "the alert before the kill");
            history = await http.GetStringAsync("WarningMessages/alert/History/AlertsHistory.json");
            JsonElement state = JsonDocument.Parse(await http.GetStringAsync("api/state")).RootElement;
            Assert.Equal("running", state.GetProperty("state").GetString()); // mid-scenario
        }
        finally
        {
            first.Kill(); // SIGKILL: no shutdown code runs
            await first.WaitForExitAsync();
        }

        // Structured logs: one JSON object per line on stdout, with the server's own category.
        string[] logLines = [.. (await first.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        Assert.NotEmpty(logLines);
        Assert.All(logLines, l => JsonDocument.Parse(l));
        Assert.Contains(logLines, l => JsonDocument.Parse(l).RootElement.GetProperty("Category").GetString() == "Dome.Server");

        using Process second = StartDome(temp.Path, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", db);
        try
        {
            string after = await Servers.Until(async () => await TryGet(http, "WarningMessages/alert/Alerts.json"), b => b != "unreachable", TimeSpan.FromSeconds(60), "the restarted server");
            Assert.Equal(alerts, after);
            // The history may have grown before the kill (more alerts of the same rocket); it lost nothing.
            JsonElement[] before = [.. JsonDocument.Parse(history).RootElement.EnumerateArray()];
            JsonElement[] now = [.. JsonDocument.Parse(await http.GetStringAsync("WarningMessages/alert/History/AlertsHistory.json")).RootElement.EnumerateArray()];
            foreach (JsonElement e in before)
            {
                Assert.Contains(now, n => n.GetRawText() == e.GetRawText());
            }
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }

        using SqliteConnection c = new($"Data Source={db};Pooling=False");
        c.Open();
        using SqliteCommand q = c.CreateCommand();
        q.CommandText = "SELECT state FROM runs";
        Assert.Equal("interrupted", (string)q.ExecuteScalar()!);
        q.CommandText = "SELECT COUNT(*) FROM events WHERE type = 'launch'";
        Assert.Equal(1L, (long)q.ExecuteScalar()!);
    }

    internal static int FreePort()
    {
        using TcpListener l = new(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    internal static Process StartDome(string workingDirectory, params string[] args)
    {
        ProcessStartInfo start = new("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dome.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process p = Process.Start(start)!;
        p.ErrorDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task<string> TryGet(HttpClient http, string path)
    {
        try
        {
            return await http.GetStringAsync(path);
        }
        catch (HttpRequestException)
        {
            return "unreachable";
        }
    }
}
