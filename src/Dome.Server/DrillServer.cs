using System.Buffers;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dome.Defense.Alerting;
using Dome.Model.Areas;
using Dome.Simulation.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dome.Server;

/// <summary>How <c>dome serve</c> was started.</summary>
public sealed record DrillServerOptions
{
    /// <summary>The scenario to play at start (null: wait for the operator).</summary>
    public Scenario? Scenario { get; init; }

    public double Speed { get; init; } = 1;

    public bool Loop { get; init; }

    /// <summary>TCP port; 0 picks a free one (see <see cref="DrillServer.BaseAddress"/>).</summary>
    public int Port { get; init; } = 8080;

    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    public string DatabasePath { get; init; } = DrillStore.DefaultPath;

    /// <summary>The operator API's bearer token; null or empty disables the operator API.</summary>
    public string? OperatorToken { get; init; }

    /// <summary>How long a message stays in Alerts.json.</summary>
    public TimeSpan ActiveFor { get; init; } = TimeSpan.FromSeconds(DrillServer.DefaultActiveSeconds);

    /// <summary>Log lines as JSON objects (structured) or as text.</summary>
    public bool JsonLogs { get; init; } = true;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>One more log destination (tests and benchmarks count what was logged, and at which level).</summary>
    public ILoggerProvider? ExtraLogger { get; init; }

    /// <summary>Write log lines to the console (off in benchmarks, whose output is the figures).</summary>
    public bool ConsoleLogs { get; init; } = true;
}

/// <summary>
/// <c>dome serve</c>: the drill server. Public, read-only feeds at the Home Front Command's paths and in its shapes
/// (<c>/WarningMessages/alert/Alerts.json</c>, <c>/WarningMessages/alert/History/AlertsHistory.json</c>), a CAP 1.2 Atom
/// feed, a server-sent-events stream, the operator API (bearer token), health, and the live map at <c>/</c>.
/// </summary>
public sealed partial class DrillServer : IAsyncDisposable
{
    /// <summary>Default time a message stays in Alerts.json, s.</summary>
    public const double DefaultActiveSeconds = 60;

    /// <summary>How long a subscriber's stream gathers events before it writes them, ms (the latency this adds to the stream).</summary>
    public const int StreamCoalesceMilliseconds = 100;

    /// <summary>Largest request body the server reads, bytes (Kestrel answers 413 above it).</summary>
    public const long MaxRequestBodyBytes = 1 << 20;

    /// <summary>Largest scenario file the operator may upload, bytes.</summary>
    public const int MaxScenarioBytes = 256 * 1024;

    /// <summary>Largest operator command body (JSON), bytes.</summary>
    public const int MaxCommandBytes = 64 * 1024;

    private readonly WebApplication _app;
    private readonly DrillStore _store;
    private readonly AlertAreaMap _areas;
    private readonly Dictionary<string, Scenario> _uploaded = new(StringComparer.Ordinal);
    private readonly Lock _operatorLock = new();
    private readonly byte[]? _token;
    private readonly FeedDocument _areasGeoJson;

    private DrillServer(DrillServerOptions options, AlertAreaMap areas)
    {
        Options = options;
        _areas = areas;
        _store = new DrillStore(options.DatabasePath);
        _token = string.IsNullOrEmpty(options.OperatorToken) ? null : Encoding.UTF8.GetBytes(options.OperatorToken);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Logging.ClearProviders();
        if (!options.ConsoleLogs)
        {
            // No console output.
        }
        else if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        if (options.ExtraLogger is not null)
        {
            builder.Logging.AddProvider(options.ExtraLogger);
        }

        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(options.Bind, options.Port);
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            k.AddServerHeader = false;
        });
        _app = builder.Build();
        ILogger log = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dome.Server");
        Log = log;
        Board = new AlertBoard(areas, _store, options.ActiveFor);
        Hub = new StreamHub();
        Player = new ScenarioPlayer(areas, Board, Hub, _store, log);
        foreach ((string name, string yaml) in _store.Scenarios())
        {
            try
            {
                _uploaded[name] = ScenarioLoader.Parse($"upload:{name}", Encoding.UTF8.GetBytes(yaml), areas);
            }
            catch (ScenarioException ex)
            {
                log.LogWarning("stored scenario {Name} no longer loads: {Error}", name, ex.Message);
            }
        }

        _areasGeoJson = AreasGeoJson(areas);
        Map(_app);
    }

    public DrillServerOptions Options { get; }

    public AlertBoard Board { get; }

    public StreamHub Hub { get; }

    public ScenarioPlayer Player { get; }

    public ILogger Log { get; }

    /// <summary>The address the server listens on (e.g. http://127.0.0.1:8080), after <see cref="StartAsync"/>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Opens the database (marking a run that a killed server left "running" as interrupted) and builds the server.</summary>
    public static DrillServer Create(DrillServerOptions options, AlertAreaMap? areas = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        DrillServer server = new(options, areas ?? AlertAreaMap.Default);
        int interrupted = server._store.CloseInterruptedRuns(DateTimeOffset.UtcNow);
        if (interrupted > 0)
        {
            server.Log.LogWarning("{Count} run(s) were interrupted by a previous server's end; the alert history and active alerts are kept", interrupted);
        }

        return server;
    }

    /// <summary>Starts listening and, when one was given, playing the scenario.</summary>
    public async Task StartAsync(CancellationToken cancellation = default)
    {
        await _app.StartAsync(cancellation).ConfigureAwait(false);
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");
        Log.LogInformation("drill server listening on {Address}; database {Database}; operator API {Operator}", BaseAddress, _store.Path, _token is null ? "disabled" : "enabled");
        if (Options.Scenario is { } scenario)
        {
            Player.Start(scenario, Options.Speed, Options.Loop);
        }
    }

    /// <summary>Runs until the token is cancelled (Ctrl-C), then stops cleanly.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        await StartAsync(cancellation).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Player.Dispose();
        Hub.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex ScenarioName();

    private void Map(WebApplication app)
    {
        // Public feeds at the Home Front Command's paths (routing is case-insensitive, as the real server is).
        app.MapMethods("/WarningMessages/alert/Alerts.json", ["GET", "HEAD"], (HttpContext c) => Serve(c, Board.Current, 2));
        app.MapMethods("/WarningMessages/alert/History/AlertsHistory.json", ["GET", "HEAD"], (HttpContext c) => Serve(c, Board.History, 2));
        app.MapMethods("/cap/feed.atom", ["GET", "HEAD"], (HttpContext c) => Serve(c, Board.AtomFeed, 5));
        app.MapGet("/cap/alerts/{identifier}.xml", (HttpContext c, string identifier) =>
        {
            string? xml = Board.CapDocument(identifier);
            return xml is null
                ? Results.NotFound()
                : Serve(c, new FeedDocument(Encoding.UTF8.GetBytes(xml), "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)).AsSpan(0, 12)) + "\"", DateTimeOffset.UnixEpoch, "application/cap+xml; charset=utf-8"), 3600);
        });
        app.MapMethods("/api/areas.geojson", ["GET", "HEAD"], (HttpContext c) => Serve(c, _areasGeoJson, 3600));
        app.MapGet("/api/state", () => Results.Text(StateJson(), "application/json; charset=utf-8"));
        app.MapGet("/healthz", () => Results.Text(HealthJson(), "application/json; charset=utf-8"));
        app.MapGet("/api/stream", Stream);

        // The operator API: bearer token, bounded and validated inputs; a rejected request changes nothing.
        app.MapPost("/api/operator/start", c => Operator(c, MaxCommandBytes, (_, b) => OperatorStart(b)));
        app.MapPost("/api/operator/pause", c => Operator(c, MaxCommandBytes, (_, _) => { Player.Pause(); return Ok(); }));
        app.MapPost("/api/operator/resume", c => Operator(c, MaxCommandBytes, (_, _) => { Player.Resume(); return Ok(); }));
        app.MapPost("/api/operator/stop", c => Operator(c, MaxCommandBytes, (_, _) => { Player.Stop(); return Ok(); }));
        app.MapPost("/api/operator/speed", c => Operator(c, MaxCommandBytes, (_, b) => OperatorSpeed(b)));
        app.MapPost("/api/operator/drill", c => Operator(c, MaxCommandBytes, (_, b) => OperatorDrill(b)));
        app.MapPut("/api/operator/scenarios/{name}", c => Operator(c, MaxScenarioBytes, OperatorUpload));

        // The live map.
        string webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(webRoot))
        {
            PhysicalFileProvider files = new(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = r => r.Context.Response.Headers.CacheControl = "public, max-age=60",
            });
        }
    }

    private static IResult Serve(HttpContext c, FeedDocument doc, int maxAgeSeconds) => new FeedResult(doc, maxAgeSeconds);

    /// <summary>
    /// A feed body from memory with its caching headers, or 304 when the client's copy is current (If-None-Match, else
    /// If-Modified-Since, as RFC 9110 orders them). Written straight to the response: this is the hot path of the server.
    /// </summary>
    private sealed class FeedResult(FeedDocument doc, int maxAgeSeconds) : IResult
    {
        private static readonly string[] MaxAge = [.. Enumerable.Range(0, 3601).Select(s => string.Create(CultureInfo.InvariantCulture, $"public, max-age={s}"))];

        public Task ExecuteAsync(HttpContext c)
        {
            IHeaderDictionary h = c.Response.Headers;
            h.CacheControl = MaxAge[Math.Clamp(maxAgeSeconds, 0, 3600)];
            h.ETag = doc.ETag;
            h.LastModified = doc.LastModifiedText;
            h.AccessControlAllowOrigin = "*";
            string? inm = c.Request.Headers.IfNoneMatch;
            bool notModified;
            if (inm is not null)
            {
                notModified = inm.Trim() == "*" || inm.Split(',').Any(t => t.Trim() == doc.ETag || t.Trim() == "W/" + doc.ETag);
            }
            else
            {
                string? ims = c.Request.Headers.IfModifiedSince;
                notModified = ims is not null && DateTimeOffset.TryParseExact(ims, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset since) && doc.LastModified <= since;
            }

            if (notModified)
            {
                c.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            c.Response.ContentType = doc.ContentType;
            c.Response.ContentLength = doc.Body.Length;
            return HttpMethods.IsHead(c.Request.Method) || doc.Body.Length == 0 ? Task.CompletedTask : c.Response.Body.WriteAsync(doc.Body).AsTask();
        }
    }

    private async Task Stream(HttpContext c)
    {
        c.Response.ContentType = "text/event-stream; charset=utf-8";
        c.Response.Headers.CacheControl = "no-cache, no-store";
        c.Response.Headers["X-Accel-Buffering"] = "no";
        c.Response.Headers.AccessControlAllowOrigin = "*";
        CancellationToken aborted = c.RequestAborted;
        using StreamHub.Subscriber subscriber = Hub.Subscribe();
        StringBuilder hello = new();
        hello.Append(": Dome drill stream; events: state, picture, launch, track, alert, pre_alert, event_over, engagement, interceptor_launch, intercept, interceptor_miss, interceptor_self_destruct, impact\n\n");
        hello.Append("event: state\ndata: ").Append(StateJson()).Append("\n\n");
        foreach (DrillMessage m in Board.Active())
        {
            hello.Append("event: ").Append(DrillStore.KindName(m.Kind)).Append("\ndata: ").Append(ScenarioPlayer.MessageJson(m, _areas)).Append("\n\n");
        }

        try
        {
            await c.Response.WriteAsync(hello.ToString(), aborted).ConfigureAwait(false);
            await c.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            var frames = subscriber.Frames;
            ArrayBufferWriter<byte> batch = new(64 * 1024);
            // Keep-alive comments come from the hub's own timer (one for all subscribers), so this loop only waits.
            while (await frames.WaitToReadAsync(aborted).ConfigureAwait(false))
            {
                // Let a burst gather: one write per subscriber per StreamCoalesceMilliseconds at most, not one per event
                // (a barrage makes hundreds of events a second, times a thousand subscribers).
                await Task.Delay(StreamCoalesceMilliseconds, aborted).ConfigureAwait(false);

                // Everything queued goes out in one write (one chunk), not one per frame.
                batch.ResetWrittenCount();
                while (batch.WrittenCount < 256 * 1024 && frames.TryRead(out byte[]? frame))
                {
                    batch.Write(frame);
                }

                await c.Response.Body.WriteAsync(batch.WrittenMemory, aborted).ConfigureAwait(false);
                await c.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The subscriber went away.
        }
        catch (IOException)
        {
            // The connection broke.
        }
    }

    private async Task Operator(HttpContext c, int maxBytes, Func<HttpContext, byte[], IResult> command)
    {
        IResult? result = await Authorize(c).ConfigureAwait(false);
        if (result is null)
        {
            (byte[]? body, IResult? error) = await ReadBody(c, maxBytes).ConfigureAwait(false);
            result = error ?? Run(body!);
        }

        await result.ExecuteAsync(c).ConfigureAwait(false);

        IResult Run(byte[] body)
        {
            lock (_operatorLock)
            {
                try
                {
                    IResult r = command(c, body);
                    Log.LogInformation("operator {Path}: {Status}", c.Request.Path.Value, (r as IStatusCodeHttpResult)?.StatusCode ?? 200);
                    return r;
                }
                catch (Exception ex) when (ex is JsonException or ScenarioException or ArgumentException or InvalidOperationException or FormatException)
                {
                    Log.LogInformation("operator {Path} rejected: {Error}", c.Request.Path.Value, ex.Message);
                    return Error(StatusCodes.Status400BadRequest, ex.Message);
                }
            }
        }
    }

    private async Task<IResult?> Authorize(HttpContext c)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        if (_token is null)
        {
            return Error(StatusCodes.Status403Forbidden, "the operator API is disabled: start the server with a token (--token-file FILE or DOME_OPERATOR_TOKEN)");
        }

        string? header = c.Request.Headers.Authorization;
        byte[] given = header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(header[7..].Trim()) : [];
        if (!CryptographicOperations.FixedTimeEquals(given, _token))
        {
            c.Response.Headers.WWWAuthenticate = "Bearer realm=\"dome-operator\"";
            Log.LogWarning("operator {Path} refused: {Reason}", c.Request.Path.Value, header is null ? "no token" : "wrong token");
            return Error(StatusCodes.Status401Unauthorized, header is null ? "a bearer token is required" : "wrong token");
        }

        return null;
    }

    private static async Task<(byte[]?, IResult?)> ReadBody(HttpContext c, int maxBytes)
    {
        if (c.Request.ContentLength > maxBytes)
        {
            return (null, Error(StatusCodes.Status413PayloadTooLarge, $"the body is {c.Request.ContentLength} bytes; at most {maxBytes} are accepted here"));
        }

        using MemoryStream buffer = new();
        byte[] chunk = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await c.Request.Body.ReadAsync(chunk, c.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > maxBytes)
                {
                    return (null, Error(StatusCodes.Status413PayloadTooLarge, $"the body is over {maxBytes} bytes, the most accepted here"));
                }

                buffer.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Error(ex.StatusCode, ex.Message));
        }

        return (buffer.ToArray(), null);
    }

    private IResult OperatorStart(byte[] body)
    {
        JsonElement o = ParseObject(body, "scenario", "speed", "loop", "seed");
        string name = o.TryGetProperty("scenario", out JsonElement s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()!
            : throw new ArgumentException("field 'scenario': a scenario name is required (a built-in, or one uploaded with PUT /api/operator/scenarios/NAME)");
        double speed = o.TryGetProperty("speed", out JsonElement sp) ? Speed(sp) : 1;
        bool loop = o.TryGetProperty("loop", out JsonElement l) && (l.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? l.GetBoolean()
            : throw new ArgumentException("field 'loop': true or false"));
        ulong? seed = o.TryGetProperty("seed", out JsonElement sd)
            ? (sd.ValueKind == JsonValueKind.Number && sd.TryGetUInt64(out ulong v) ? v : throw new ArgumentException("field 'seed': a whole number from 0 to 2^64-1"))
            : null;
        Scenario scenario = _uploaded.TryGetValue(name, out Scenario? up) ? up
            : ScenarioLoader.BuiltInNames.Contains(name) ? ScenarioLoader.Load(name, _areas)
            : throw new ArgumentException($"field 'scenario': no scenario '{name}' (built-in: {string.Join(", ", ScenarioLoader.BuiltInNames)}; uploaded: {(_uploaded.Count == 0 ? "none" : string.Join(", ", _uploaded.Keys))})");
        Player.Start(scenario, speed, loop, seed);
        return Ok();
    }

    private IResult OperatorSpeed(byte[] body)
    {
        JsonElement o = ParseObject(body, "speed");
        Player.SetSpeed(o.TryGetProperty("speed", out JsonElement sp) ? Speed(sp) : throw new ArgumentException("field 'speed': required"));
        return Ok();
    }

    private IResult OperatorDrill(byte[] body)
    {
        JsonElement o = ParseObject(body, "areas", "kind");
        if (!o.TryGetProperty("areas", out JsonElement list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new ArgumentException("field 'areas': a non-empty array of area names (Hebrew or English) or ids");
        }

        FeedMessageKind kind = !o.TryGetProperty("kind", out JsonElement k) ? FeedMessageKind.Alert : k.GetString() switch
        {
            "alert" => FeedMessageKind.Alert,
            "pre_alert" => FeedMessageKind.PreAlert,
            "event_over" => FeedMessageKind.EventOver,
            _ => throw new ArgumentException("field 'kind': alert, pre_alert or event_over"),
        };
        List<int> ids = [];
        int index = 0;
        foreach (JsonElement e in list.EnumerateArray())
        {
            string key = e.ValueKind switch
            {
                JsonValueKind.String => e.GetString()!,
                JsonValueKind.Number when e.TryGetInt32(out int id) => id.ToString(CultureInfo.InvariantCulture),
                _ => throw new ArgumentException($"field 'areas[{index}]': an area name or id"),
            };
            ids.Add((_areas.Find(key) ?? throw new ArgumentException($"field 'areas[{index}]': no alert area '{key}'")).Id);
            index++;
        }

        DrillMessage m = Board.Publish(kind, ids, "operator", null, null);
        Hub.Publish(DrillStore.KindName(kind), ScenarioPlayer.MessageJson(m, _areas));
        Log.LogInformation("operator drill {Kind} for {Count} area(s): {Areas}", DrillStore.KindName(kind), ids.Count, string.Join(", ", ids));
        return Results.Text(ScenarioPlayer.MessageJson(m, _areas), "application/json; charset=utf-8");
    }

    private IResult OperatorUpload(HttpContext c, byte[] body)
    {
        string name = c.Request.RouteValues["name"] as string ?? string.Empty;
        if (!ScenarioName().IsMatch(name))
        {
            throw new ArgumentException($"scenario name '{name}': 1 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }

        Scenario scenario = ScenarioLoader.Parse($"upload:{name}", body, _areas);
        _store.SaveScenario(name, Encoding.UTF8.GetString(body), DateTimeOffset.UtcNow);
        _uploaded[name] = scenario;
        return Results.Text(string.Create(CultureInfo.InvariantCulture, $"{{\"ok\":true,\"scenario\":\"{name}\",\"rockets\":{scenario.Threats.Sum(t => t.Count)}}}"), "application/json; charset=utf-8");
    }

    private static JsonElement ParseObject(byte[] body, params string[] allowed)
    {
        if (body.Length == 0)
        {
            return JsonDocument.Parse("{}").RootElement;
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 }).RootElement;
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"the body is not JSON: {ex.Message}", ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("the body must be a JSON object");
        }

        foreach (JsonProperty p in root.EnumerateObject())
        {
            if (!allowed.Contains(p.Name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"field '{p.Name}': unknown (expected {string.Join(", ", allowed)})");
            }
        }

        return root;
    }

    private static double Speed(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && v > 0 && v <= DrillClock.MaxSpeed
            ? v
            : throw new ArgumentException($"field 'speed': a number above 0 and at most {DrillClock.MaxSpeed} (× real time)");

    private static IResult Ok() => Results.Text("{\"ok\":true}", "application/json; charset=utf-8");

    private static IResult Error(int status, string message)
    {
        using MemoryStream buffer = new();
        using (Utf8JsonWriter w = new(buffer, ScenarioPlayer.Json))
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json; charset=utf-8", statusCode: status);
    }

    private string StateJson()
    {
        using MemoryStream buffer = new();
        using (Utf8JsonWriter w = new(buffer, ScenarioPlayer.Json))
        {
            w.WriteStartObject();
            Player.WriteStatus(w);
            w.WriteNumber("subscribers", Hub.Subscribers);
            w.WriteStartArray("active");
            foreach (DrillMessage m in Board.Active())
            {
                w.WriteRawValue(ScenarioPlayer.MessageJson(m, _areas));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private string HealthJson()
    {
        using MemoryStream buffer = new();
        using (Utf8JsonWriter w = new(buffer, ScenarioPlayer.Json))
        {
            w.WriteStartObject();
            w.WriteString("status", "ok");
            w.WriteString("player", Player.State.ToString().ToLowerInvariant());
            w.WriteNumber("subscribers", Hub.Subscribers);
            w.WriteNumber("subscribers_dropped", Hub.Dropped);
            w.WriteNumber("messages_last_day", Board.Messages().Count);
            w.WriteBoolean("operator_api", _token is not null);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static FeedDocument AreasGeoJson(AlertAreaMap areas)
    {
        using MemoryStream buffer = new();
        using (Utf8JsonWriter w = new(buffer, ScenarioPlayer.Json))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (AlertArea a in areas.Areas)
            {
                if (a.Polygon is null)
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteNumber("id", a.Id);
                w.WriteStartObject("properties");
                w.WriteString("name", a.NameHebrew);
                w.WriteString("name_en", a.NameEnglish);
                w.WriteString("zone", a.ZoneHebrew);
                w.WriteNumber("countdown_s", a.CountdownSeconds);
                w.WriteEndObject();
                w.WriteStartObject("geometry");
                w.WriteString("type", "Polygon");
                w.WriteStartArray("coordinates");
                w.WriteStartArray();
                foreach (NetTopologySuite.Geometries.Coordinate p in a.Polygon.ExteriorRing.Coordinates)
                {
                    w.WriteStartArray();
                    w.WriteNumberValue(Math.Round(p.X, 5));
                    w.WriteNumberValue(Math.Round(p.Y, 5));
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        byte[] body = buffer.ToArray();
        return new FeedDocument(body, "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)) + "\"", DateTimeOffset.UnixEpoch, "application/geo+json; charset=utf-8");
    }
}
