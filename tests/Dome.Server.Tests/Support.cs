using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Dome.Simulation.Scenarios;
using Microsoft.Extensions.Logging;

namespace Dome.Server.Tests;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => start.AddTicks(Interlocked.Read(ref _ticks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>A temporary folder deleted at the end of a test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("dome-server-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, true);
        }
        catch (IOException)
        {
            // A child process may still hold the database for a moment.
        }
    }
}

internal static class Servers
{
    public const string Token = "test-token-0123456789abcdef";

    public const string AshkelonNorth = "אשקלון - צפון";

    /// <summary>A drill server on a free loopback port with its own database.</summary>
    public static async Task<DrillServer> StartAsync(string db, string? scenario = null, double speed = 1, string? token = null, double activeSeconds = 60)
    {
        DrillServer server = DrillServer.Create(new DrillServerOptions
        {
            Scenario = scenario is null ? null : ScenarioLoader.Load(scenario),
            Speed = speed,
            Port = 0,
            DatabasePath = db,
            OperatorToken = token,
            ActiveFor = TimeSpan.FromSeconds(activeSeconds),
            JsonLogs = false,
            LogLevel = LogLevel.Warning,
        });
        await server.StartAsync();
        return server;
    }

    public static HttpClient Client(DrillServer server, string? token = null)
    {
        HttpClient client = new() { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Polls until a condition holds, or fails the test with what was last seen.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        Stopwatch watch = Stopwatch.StartNew();
        T last = await probe();
        while (!done(last))
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"{what}: not within {timeout.TotalSeconds} s; last seen: {last}");
            }

            await Task.Delay(100);
            last = await probe();
        }

        return last;
    }

    /// <summary>The repository's root (the folder with Dome.slnx).</summary>
    public static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(d.FullName, "Dome.slnx")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Dome.slnx) is not above the test's folder");
    }

    /// <summary>Runs a program to its end; returns exit code and output.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string program, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        ProcessStartInfo start = new(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        using CancellationTokenSource cancel = new(timeout);
        try
        {
            await p.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }

        return (p.ExitCode, await stdout, await stderr);
    }
}
