using System.Net;
using System.Net.Sockets;

namespace Dome.Cli.Tests;

/// <summary><c>dome serve</c> refuses bad options before it listens: one line naming the option, exit code 2.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dome-serve-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Theory]
    [InlineData("--speed", "0", "--speed 0: must be above 0")]
    [InlineData("--speed", "1001", "at most 1000")]
    [InlineData("--port", "70000", "--port 70000: must be 0 to 65535")]
    [InlineData("--bind", "localhost:80", "--bind localhost:80: not an IP address")]
    [InlineData("--active-seconds", "0", "--active-seconds 0: must be 1 to 3600")]
    [InlineData("--log-format", "xml", "--log-format xml: json or text")]
    [InlineData("--scenario", "no-such-scenario", "no-such-scenario")]
    [InlineData("--token-file", "/nonexistent/token", "--token-file /nonexistent/token: no such file")]
    public void BadOptionsAreRefusedByName(string option, string value, string fragment) =>
        CliRunner.AssertBadInput(CliRunner.Run("serve", option, value, "--db", Path.Combine(_folder, "drill.db")), fragment);

    [Fact]
    public void AShortTokenIsRefused()
    {
        string token = Path.Combine(_folder, "token");
        File.WriteAllText(token, "secret\n");
        CliRunner.AssertBadInput(CliRunner.Run("serve", "--token-file", token, "--db", Path.Combine(_folder, "drill.db")), "use at least 16");
    }

    [Fact]
    public void AFileThatIsNotADrillDatabaseIsRefused()
    {
        string db = Path.Combine(_folder, "notes.db");
        File.WriteAllText(db, "shopping list: milk, bread, eggs, and more lines to fill a SQLite header's 100 bytes.........");
        CliRunner.AssertBadInput(CliRunner.Run("serve", "--port", "0", "--db", db), "--db " + db);
    }

    [Fact]
    public void ADatabaseUnderAFileIsRefused()
    {
        string plain = Path.Combine(_folder, "plain");
        File.WriteAllText(plain, "a file, not a folder");
        string db = Path.Combine(plain, "drill.db");
        CliRunner.AssertBadInput(CliRunner.Run("serve", "--port", "0", "--db", db), "--db " + db + ": cannot create the drill database's folder");
    }

    [Fact]
    public void APortInUseIsRefused()
    {
        using TcpListener busy = new(IPAddress.Loopback, 0);
        busy.Start();
        int port = ((IPEndPoint)busy.LocalEndpoint).Port;
        CliRunner.AssertBadInput(CliRunner.Run("serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Path.Combine(_folder, "drill.db")), $"--port {port} on 127.0.0.1: cannot listen");
    }
}

/// <summary><c>dome bench serve</c>, short: it measures, delivers every alert and answers every fault with its code.</summary>
public sealed class ServeBenchTests
{
    [Fact]
    public void AShortServeBenchMeasuresAndEveryFaultGetsItsStatus()
    {
        CliRunner.Result r = CliRunner.Run("bench", "serve", "--seconds", "2", "--connections", "4", "--subscribers", "20", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        System.Text.Json.JsonElement j = r.Json;
        Assert.True(j.GetProperty("requests").GetInt64() > 100, r.Stdout);
        Assert.Equal(0, j.GetProperty("failed_requests").GetInt64());
        // A drill alert due every 0.5 s until 0.5 s before the end: at 0, 0.5 and 1 s, each posted however slow the server
        // is to answer; all of them (and any of the scenario's own) are in the server's database, and reach every subscriber.
        Assert.Equal(3, j.GetProperty("drill_alerts_posted").GetInt32());
        Assert.True(j.GetProperty("alerts_published").GetInt32() >= 3, r.Stdout);
        Assert.True(j.GetProperty("subscribers_with_every_alert").GetInt32() == 20, r.Stdout);
        Assert.All(j.GetProperty("faults").EnumerateArray(), f => Assert.True(f.GetProperty("ok").GetBoolean(), f.ToString()));
        Assert.Equal(0, j.GetProperty("errors_logged").GetInt64());
        // The run went on during the load (at 10×; how closely it kept pace is a measurement, not asserted on a busy machine).
        Assert.True(j.GetProperty("simulated_per_wall").GetDouble() > 1, r.Stdout);
    }
}
