using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Dome.Defense.Alerting;
using Dome.Model.Areas;
using Dome.Server;
using Dome.Simulation.Scenarios;
using Microsoft.Extensions.Logging;
using Spectre.Console;

using static Dome.Cli.Text;

namespace Dome.Cli.Commands;

/// <summary>
/// <c>dome bench serve</c>: the drill server under load on loopback while a scenario plays — Alerts.json requests per
/// second and their latency from keep-alive connections, every alert delivered to every SSE subscriber, a dead
/// subscriber that never reads, the simulation's pace, and the answers to malformed requests. Bounded in time and count.
/// </summary>
internal static class ServeBench
{
    /// <summary>Issue 7's goals on this 2-core machine.</summary>
    private const double GoalRequestsPerSecond = 10_000;

    private const double GoalP99Ms = 20;
    private const double DrillIntervalS = 0.5;

    public static Command Create(CliContext context)
    {
        Option<bool> json = new("--json") { Description = "Print one JSON document." };
        Option<double> seconds = new("--seconds") { Description = "Length of the load, s (1–120).", DefaultValueFactory = _ => 10.0 };
        Option<int> connections = new("--connections") { Description = "Keep-alive connections polling Alerts.json (1–1000).", DefaultValueFactory = _ => 32 };
        Option<int> subscribers = new("--subscribers") { Description = "SSE subscribers on /api/stream (0–5000).", DefaultValueFactory = _ => 1000 };
        Option<string> scenario = new("--scenario") { Description = "Scenario playing during the load.", DefaultValueFactory = _ => "saturation-2023" };
        Option<double> speed = new("--speed") { Description = "Its speed, × real time.", DefaultValueFactory = _ => 10.0 };
        Command command = new("serve", "The drill server on loopback: Alerts.json req/s and p99 latency under keep-alive load while a scenario plays, 1,000 SSE subscribers each receiving every alert, a dead subscriber, malformed requests.");
        command.Options.Add(json);
        command.Options.Add(seconds);
        command.Options.Add(connections);
        command.Options.Add(subscribers);
        command.Options.Add(scenario);
        command.Options.Add(speed);
        command.SetAction(parse => DomeCli.Guard(context, () => Run(context, parse.GetValue(json), parse.GetValue(seconds), parse.GetValue(connections), parse.GetValue(subscribers),
            parse.GetValue(scenario)!, parse.GetValue(speed))));
        return command;
    }

    private sealed record FaultCheck(string Request, int Expected, int Got)
    {
        public bool Ok => Expected == Got;
    }

    private static int Run(CliContext context, bool json, double seconds, int connections, int subscribers, string scenarioName, double speed)
    {
        if (!(seconds >= 1 && seconds <= 120))
        {
            throw new DomeInputException("--seconds must lie in [1, 120]");
        }

        if (connections is < 1 or > 1000)
        {
            throw new DomeInputException("--connections must lie in [1, 1000]");
        }

        if (subscribers is < 0 or > 5000)
        {
            throw new DomeInputException("--subscribers must lie in [0, 5000]");
        }

        if (!(speed > 0 && speed <= DrillClock.MaxSpeed))
        {
            throw new DomeInputException($"--speed must be above 0 and at most {DrillClock.MaxSpeed}");
        }

        Scenario scenario = ScenarioLoader.Load(scenarioName, AlertAreaMap.Default); // refused here, with its line, if bad
        string folder = Directory.CreateTempSubdirectory("dome-bench-serve-").FullName;
        const string token = "bench-token-0123456789abcdef";
        string db = Path.Combine(folder, "drill.db");
        File.WriteAllText(Path.Combine(folder, "token"), token);
        int port = FreePort();
        IPEndPoint endpoint = new(IPAddress.Loopback, port);
        Uri baseAddress = new($"http://127.0.0.1:{port}/");

        // The server is the real `dome serve` in its own process: the load generator here does not share its thread pool.
        ProcessStartInfo start = new("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[]
        {
            typeof(ServeBench).Assembly.Location, "serve", "--scenario", scenarioName, "--speed", speed.ToString(CultureInfo.InvariantCulture), "--loop",
            "--port", port.ToString(CultureInfo.InvariantCulture), "--db", db, "--token-file", Path.Combine(folder, "token"), "--active-seconds", "5", "--log-format", "json",
        })
        {
            start.ArgumentList.Add(a);
        }

        using Process server = Process.Start(start)!;
        ConcurrentQueue<string> logLines = new();
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) { logLines.Enqueue(e.Data); } };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        using HttpClient http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            // The load starts once the world is ready and playing (planning a barrage's launches takes a few seconds).
            if (!SpinWait.SpinUntil(() => State(http) is { } st && st.Reached > 0, TimeSpan.FromSeconds(120)))
            {
                throw new InvalidOperationException("the drill server did not start playing within 120 s");
            }

            return Measure(context, json, http, endpoint, db, scenario.Name, speed, seconds, connections, subscribers, token, logLines);
        }
        finally
        {
            server.Kill(true);
            server.WaitForExit();
            Directory.Delete(folder, true);
        }
    }

    private static int FreePort()
    {
        using TcpListener l = new(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private sealed record PlayerState(string State, double Clock, double Reached, int Subscribers);

    private static PlayerState? State(HttpClient http)
    {
        try
        {
            using JsonDocument d = JsonDocument.Parse(http.GetStringAsync("api/state").GetAwaiter().GetResult());
            JsonElement r = d.RootElement;
            return new PlayerState(r.GetProperty("state").GetString()!, r.TryGetProperty("sim_t", out JsonElement t) ? t.GetDouble() : 0,
                r.TryGetProperty("reached_t", out JsonElement re) ? re.GetDouble() : 0, r.GetProperty("subscribers").GetInt32());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static int Measure(CliContext context, bool json, HttpClient http, IPEndPoint endpoint, string db, string scenarioName, double speed, double seconds, int connections, int subscriberCount,
        string token, ConcurrentQueue<string> logLines)
    {
        using CancellationTokenSource stop = new();

        // The subscribers, and one that never reads.
        List<Subscriber> subscribers = [];
        for (int i = 0; i < subscriberCount; i++)
        {
            subscribers.Add(Subscriber.Connect(endpoint, stop.Token));
        }

        using Socket dead = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        dead.ReceiveBufferSize = 4096;
        dead.Connect(endpoint);
        dead.Send(Encoding.ASCII.GetBytes("GET /api/stream HTTP/1.1\r\nHost: bench\r\n\r\n"));
        SpinWait.SpinUntil(() => State(http)?.Subscribers >= subscriberCount + 1, TimeSpan.FromSeconds(60));
        int connected = State(http)?.Subscribers ?? 0;

        // Warm-up: JIT of both sides.
        RunLoad(endpoint, Math.Min(connections, 8), TimeSpan.FromSeconds(1));

        DateTimeOffset loadStart = DateTimeOffset.UtcNow;
        PlayerState first = State(http)!;
        Stopwatch wall = Stopwatch.StartNew();
        // Drill alerts from the operator API through the load: the feed changes under the pollers. One is due every 0.5 s
        // until 0.5 s before the load ends, and every one due is posted, late if the server is slow to answer (on a busy
        // machine a post can take longer than the load): the count is the schedule's, what the server did with them is measured.
        int drillsDue = (int)Math.Ceiling((seconds - 0.5) / DrillIntervalS);
        Task drills = Task.Run(async () =>
        {
            using HttpClient op = new() { BaseAddress = http.BaseAddress };
            op.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            string[] areas = ["Sderot, Ivim, Nir Am", "Ashkelon - North", "Ashkelon - South", "Netivot"];
            for (int i = 0; i < drillsDue; i++)
            {
                TimeSpan wait = TimeSpan.FromSeconds(i * DrillIntervalS) - wall.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                using StringContent body = new($"{{\"areas\":[\"{areas[i % areas.Length]}\"]}}", Encoding.UTF8, "application/json");
                (await op.PostAsync("api/operator/drill", body)).EnsureSuccessStatusCode();
            }
        });
        // How far the simulation falls behind the clock (it publishes a picture each simulated second), sampled.
        double worstLag = 0;
        Task lagSampler = Task.Run(async () =>
        {
            await Task.Delay(1000);
            while (wall.Elapsed.TotalSeconds < seconds)
            {
                if (State(http) is { } st)
                {
                    worstLag = Math.Max(worstLag, st.Clock - st.Reached);
                }

                await Task.Delay(200);
            }
        });
        LoadResult load = RunLoad(endpoint, connections, TimeSpan.FromSeconds(seconds));
        drills.GetAwaiter().GetResult();
        lagSampler.GetAwaiter().GetResult();
        PlayerState last = State(http)!;
        double reached = last.Reached - first.Reached;
        double wallElapsed = wall.Elapsed.TotalSeconds;

        // Every alert published during the load (the server's database says which) must reach every subscriber.
        HashSet<long> published = PublishedAlerts(db, loadStart);
        int complete = 0;
        Stopwatch settle = Stopwatch.StartNew();
        while ((complete = subscribers.Count(s => published.IsSubsetOf(s.AlertIds))) < subscriberCount && settle.Elapsed.TotalSeconds < 15)
        {
            Thread.Sleep(250);
        }

        double deliverySettleS = settle.Elapsed.TotalSeconds;
        long streamEvents = subscribers.Count == 0 ? 0 : subscribers.Min(s => s.Events);
        bool deadDropped = HealthDropped(http) > 0;
        stop.Cancel();
        foreach (Subscriber s in subscribers)
        {
            s.Dispose();
        }

        List<FaultCheck> faults = Faults(endpoint, token);
        Thread.Sleep(200);
        long errors = logLines.Count(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || l.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal));
        double p50 = load.Percentile(0.50), p99 = load.Percentile(0.99), max = load.Percentile(1.0);
        double rate = load.Requests / load.Seconds;
        bool meets = worstLag / speed <= 1.0 && rate >= GoalRequestsPerSecond && p99 <= GoalP99Ms && complete == subscriberCount && faults.All(f => f.Ok) && errors == 0 && load.Failures == 0;
        if (json)
        {
            context.WriteJson(new
            {
                suite = "serve",
                machine = BenchCommand.Machine(),
                scenario = scenarioName,
                speed,
                seconds = Math.Round(load.Seconds, 2),
                connections,
                requests = load.Requests,
                requests_per_s = Math.Round(rate, 0),
                latency_ms = new { p50 = Math.Round(p50, 3), p99 = Math.Round(p99, 3), max = Math.Round(max, 3) },
                failed_requests = load.Failures,
                distinct_bodies = load.DistinctBodies,
                subscribers = subscriberCount,
                subscribers_connected = connected - 1,
                drill_alerts_posted = drillsDue,
                alerts_published = published.Count,
                subscribers_with_every_alert = complete,
                min_events_per_subscriber = streamEvents,
                dead_subscriber_dropped = deadDropped,
                simulated_per_wall = Math.Round(reached / wallElapsed, 3),
                speed_asked = speed,
                worst_simulation_lag_s = Math.Round(worstLag, 2),
                worst_simulation_lag_wall_s = Math.Round(worstLag / speed, 3),
                delivery_settle_s = Math.Round(deliverySettleS, 2),
                faults = faults.Select(f => new { request = f.Request, expected = f.Expected, got = f.Got, ok = f.Ok }),
                errors_logged = errors,
                goals = new { requests_per_s = GoalRequestsPerSecond, p99_ms = GoalP99Ms },
                meets_goals = meets,
            });
            return ExitCodes.Ok;
        }

        context.Console.MarkupLine($"[bold]dome bench serve[/] on {Markup.Escape(RuntimeInformation.ProcessArchitecture.ToString())}, {Environment.ProcessorCount} logical cores (the server, `dome serve` in its own process, and this load generator share them), {Markup.Escape(RuntimeInformation.FrameworkDescription)}");
        context.Console.MarkupLine($"{Markup.Escape(scenarioName)} playing at {speed.ToString(CultureInfo.InvariantCulture)}× with a drill alert every {DrillIntervalS.ToString(CultureInfo.InvariantCulture)} s ({drillsDue}); {connections} keep-alive connections polling Alerts.json for {load.Seconds:F1} s; {N(subscriberCount)} SSE subscribers and one that never reads");
        Table table = new Table().Border(TableBorder.Rounded).AddColumn("figure").AddColumn(new TableColumn("measured").RightAligned()).AddColumn(new TableColumn("goal").RightAligned());
        table.AddRow("Alerts.json requests/s", N((long)rate), $"≥ {N((long)GoalRequestsPerSecond)}");
        table.AddRow("latency p50 / p99 / max (ms)", string.Create(CultureInfo.InvariantCulture, $"{p50:F2} / {p99:F2} / {max:F1}"), $"p99 ≤ {GoalP99Ms}");
        table.AddRow("failed requests", N(load.Failures), "0");
        table.AddRow("distinct Alerts.json bodies seen", N(load.DistinctBodies), "> 1");
        table.AddRow("alerts published during the load", N(published.Count), "");
        table.AddRow("subscribers that received every alert", $"{N(complete)} of {N(subscriberCount)}", "all");
        table.AddRow("dead subscriber dropped", deadDropped ? "yes" : "not yet (its queue had room)", "never delays others");
        table.AddRow("simulated s reached per wall s", (reached / wallElapsed).ToString("F3", CultureInfo.InvariantCulture), speed.ToString(CultureInfo.InvariantCulture));
        table.AddRow("worst lag of the simulation behind the clock (wall s)", (worstLag / speed).ToString("F2", CultureInfo.InvariantCulture), "≤ 1");
        table.AddRow("time for the last alert to reach every subscriber after the load (s)", deliverySettleS.ToString("F2", CultureInfo.InvariantCulture), "");
        foreach (FaultCheck f in faults)
        {
            table.AddRow(Markup.Escape(f.Request), f.Got.ToString(CultureInfo.InvariantCulture), f.Expected.ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("errors logged", N(errors), "0");
        context.Console.Write(table);
        context.Console.MarkupLine(meets ? "[green]every goal met[/]" : "[yellow]not every goal met[/]");
        return ExitCodes.Ok;
    }

    private static HashSet<long> PublishedAlerts(string db, DateTimeOffset since)
    {
        using Microsoft.Data.Sqlite.SqliteConnection c = new($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using Microsoft.Data.Sqlite.SqliteCommand q = c.CreateCommand();
        q.CommandText = "SELECT id FROM messages WHERE kind = 'alert' AND issued_utc >= $since";
        q.Parameters.AddWithValue("$since", since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
        using Microsoft.Data.Sqlite.SqliteDataReader r = q.ExecuteReader();
        HashSet<long> ids = [];
        while (r.Read())
        {
            ids.Add(r.GetInt64(0));
        }

        return ids;
    }

    private static long HealthDropped(HttpClient http)
    {
        using JsonDocument d = JsonDocument.Parse(http.GetStringAsync("healthz").GetAwaiter().GetResult());
        return d.RootElement.GetProperty("subscribers_dropped").GetInt64();
    }

    private sealed class LoadResult
    {
        public long Requests { get; set; }

        public long Failures { get; set; }

        public double Seconds { get; set; }

        public int DistinctBodies { get; set; }

        public List<float> LatenciesMs { get; } = [];

        public double Percentile(double q)
        {
            if (LatenciesMs.Count == 0)
            {
                return double.NaN;
            }

            LatenciesMs.Sort();
            int index = (int)Math.Min(LatenciesMs.Count - 1, Math.Ceiling(q * LatenciesMs.Count) - 1);
            return LatenciesMs[Math.Max(0, index)];
        }
    }

    /// <summary>Keep-alive HTTP/1.1 clients on raw sockets: send a GET, read the response by its Content-Length, repeat.</summary>
    private static LoadResult RunLoad(IPEndPoint endpoint, int connections, TimeSpan duration)
    {
        byte[] request = Encoding.ASCII.GetBytes("GET /WarningMessages/alert/Alerts.json HTTP/1.1\r\nHost: bench\r\nAccept: */*\r\n\r\n");
        LoadResult result = new();
        Lock merge = new();
        HashSet<string> etags = [];
        Stopwatch clock = Stopwatch.StartNew();
        long end = (long)(duration.TotalSeconds * Stopwatch.Frequency);
        Task[] clients = [.. Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            using Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endpoint);
            byte[] buffer = new byte[64 * 1024];
            List<float> latencies = new(1 << 16);
            HashSet<string> seen = [];
            long requests = 0, failures = 0;
            while (clock.ElapsedTicks < end)
            {
                long t0 = Stopwatch.GetTimestamp();
                await socket.SendAsync(request);
                int filled = 0, headerEnd = -1, length = -1, status = 0;
                while (headerEnd < 0 || filled < headerEnd + length)
                {
                    int n = await socket.ReceiveAsync(buffer.AsMemory(filled));
                    if (n == 0)
                    {
                        throw new IOException("the server closed a keep-alive connection");
                    }

                    filled += n;
                    if (headerEnd < 0)
                    {
                        int i = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
                        if (i >= 0)
                        {
                            headerEnd = i + 4;
                            string head = Encoding.ASCII.GetString(buffer, 0, i);
                            status = int.Parse(head.AsSpan(9, 3), CultureInfo.InvariantCulture);
                            length = HeaderValue(head, "Content-Length") is { } cl ? int.Parse(cl, CultureInfo.InvariantCulture) : 0;
                            if (HeaderValue(head, "ETag") is { } etag)
                            {
                                seen.Add(etag);
                            }
                        }
                    }
                }

                latencies.Add((float)Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                requests++;
                failures += status == 200 ? 0 : 1;
            }

            lock (merge)
            {
                result.Requests += requests;
                result.Failures += failures;
                result.LatenciesMs.AddRange(latencies);
                etags.UnionWith(seen);
            }
        }))];
        Task.WaitAll(clients);
        result.Seconds = clock.Elapsed.TotalSeconds;
        result.DistinctBodies = etags.Count;
        return result;
    }

    private static string? HeaderValue(string head, string name)
    {
        foreach (string line in head.Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    /// <summary>Malformed, oversized and unauthorised requests on raw sockets: each must get its status code.</summary>
    private static List<FaultCheck> Faults(IPEndPoint endpoint, string token)
    {
        string big = new('x', 20 * 1024);
        (string Name, string Raw, int Expected)[] cases =
        [
            ("malformed request line", "GARBAGE\r\n\r\n", 400),
            ("header over 16 KiB", $"GET /WarningMessages/alert/Alerts.json HTTP/1.1\r\nHost: b\r\nX-Big: {big}\r\n\r\n", 431),
            ("unknown path", "GET /WarningMessages/alert/Nope.json HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n", 404),
            ("operator without token", "POST /api/operator/stop HTTP/1.1\r\nHost: b\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 401),
            ("operator, wrong token", "POST /api/operator/stop HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer wrong\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 401),
            ("body over 1 MiB", $"PUT /api/operator/scenarios/x HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer {token}\r\nContent-Length: {DrillServer.MaxRequestBodyBytes + 1}\r\nConnection: close\r\n\r\n", 413),
            ("drill with bad JSON", $"POST /api/operator/drill HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer {token}\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{{\"areas\":", 400),
        ];
        List<FaultCheck> checks = [];
        foreach ((string name, string raw, int expected) in cases)
        {
            using Socket s = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Connect(endpoint);
            s.Send(Encoding.ASCII.GetBytes(raw));
            byte[] buffer = new byte[4096];
            int n = s.Receive(buffer);
            string head = Encoding.ASCII.GetString(buffer, 0, n);
            int status = head.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(head.AsSpan(9, 3), CultureInfo.InvariantCulture) : 0;
            checks.Add(new FaultCheck(name, expected, status));
        }

        return checks;
    }

    /// <summary>One SSE subscriber on a raw socket: counts events and collects alert ids.</summary>
    private sealed class Subscriber : IDisposable
    {
        private readonly Socket _socket;
        private readonly Task _reader;
        private readonly HashSet<long> _alerts = [];
        private readonly Lock _lock = new();
        private long _events;

        private Subscriber(Socket socket, CancellationToken cancel)
        {
            _socket = socket;
            _reader = Task.Run(() => Read(cancel));
        }

        public long Events => Interlocked.Read(ref _events);

        public IReadOnlySet<long> AlertIds
        {
            get
            {
                lock (_lock)
                {
                    return new HashSet<long>(_alerts);
                }
            }
        }

        public static Subscriber Connect(IPEndPoint endpoint, CancellationToken cancel)
        {
            Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(endpoint);
            socket.Send(Encoding.ASCII.GetBytes("GET /api/stream HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n"));
            return new Subscriber(socket, cancel);
        }

        public void Dispose()
        {
            _socket.Dispose();
            try
            {
                _reader.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The socket was closed under the reader.
            }
        }

        private async Task Read(CancellationToken cancel)
        {
            // HTTP/1.1 chunked transfer: raw bytes are de-chunked into the payload (a chunk may split a frame anywhere);
            // frames in the payload end with a blank line. Only alert frames are decoded.
            byte[] raw = new byte[64 * 1024];
            byte[] payload = new byte[256 * 1024];
            int rawKept = 0, payloadKept = 0, chunkLeft = 0;
            bool headersDone = false;
            try
            {
                while (!cancel.IsCancellationRequested)
                {
                    int n = await _socket.ReceiveAsync(raw.AsMemory(rawKept), cancel);
                    if (n == 0)
                    {
                        return;
                    }

                    int filled = rawKept + n, at = 0;
                    if (!headersDone)
                    {
                        int h = raw.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
                        if (h < 0)
                        {
                            rawKept = filled;
                            continue;
                        }

                        headersDone = true;
                        at = h + 4;
                    }

                    while (at < filled)
                    {
                        if (chunkLeft > 0)
                        {
                            int take = Math.Min(chunkLeft, filled - at);
                            if (payloadKept + take > payload.Length)
                            {
                                Array.Resize(ref payload, Math.Max(payload.Length * 2, payloadKept + take));
                            }

                            Buffer.BlockCopy(raw, at, payload, payloadKept, take);
                            payloadKept += take;
                            at += take;
                            chunkLeft -= take;
                            continue;
                        }

                        // A chunk-size line (after the CRLF that ends the previous chunk's data).
                        int lineEnd = raw.AsSpan(at, filled - at).IndexOf("\r\n"u8);
                        if (lineEnd < 0)
                        {
                            break;
                        }

                        if (lineEnd == 0)
                        {
                            at += 2;
                            continue;
                        }

                        chunkLeft = int.Parse(Encoding.ASCII.GetString(raw, at, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        at += lineEnd + 2;
                        if (chunkLeft == 0)
                        {
                            return;
                        }
                    }

                    rawKept = filled - at;
                    Buffer.BlockCopy(raw, at, raw, 0, rawKept);
                    payloadKept = Frames(payload, payloadKept);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Done.
            }
        }

        /// <summary>Counts the complete frames in the payload and collects alert ids; returns the bytes left over.</summary>
        private int Frames(byte[] payload, int length)
        {
            int start = 0;
            while (true)
            {
                int end = payload.AsSpan(start, length - start).IndexOf("\n\n"u8);
                if (end < 0)
                {
                    break;
                }

                ReadOnlySpan<byte> frame = payload.AsSpan(start, end);
                int e = frame.IndexOf("event: "u8);
                if (e >= 0)
                {
                    Interlocked.Increment(ref _events);
                    if (frame[e..].StartsWith("event: alert\n"u8))
                    {
                        int d = frame.IndexOf("data: "u8);
                        using JsonDocument doc = JsonDocument.Parse(payload.AsMemory(start + d + 6, end - d - 6));
                        lock (_lock)
                        {
                            _alerts.Add(doc.RootElement.GetProperty("id").GetInt64());
                        }
                    }
                }

                start += end + 2;
            }

            Buffer.BlockCopy(payload, start, payload, 0, length - start);
            return length - start;
        }
    }
}
