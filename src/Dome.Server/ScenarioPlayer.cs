using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dome.Defense.Alerting;
using Dome.Model.Areas;
using Dome.Simulation.Scenarios;
using Dome.Simulation.World;
using Microsoft.Extensions.Logging;

namespace Dome.Server;

/// <summary>What the player is doing.</summary>
public enum PlayerState
{
    Idle,
    Running,
    Paused,
    Finished,
    Stopped,
    Failed,
}

/// <summary>
/// Plays scenarios against the wall clock: the world and the operational core run on their own thread, paced by the
/// <see cref="DrillClock"/> (an event is released when the clock reaches its simulated time); the core's alerts become
/// public messages on the <see cref="AlertBoard"/>, with "event over" ten minutes (simulated) after an area's last alert;
/// events and pictures of the sky go to the <see cref="StreamHub"/> and events to the <see cref="DrillStore"/>.
/// Publishing never waits on a subscriber, so nothing outside slows the run. Thread-safe.
/// </summary>
public sealed class ScenarioPlayer : IDisposable
{
    /// <summary>Pictures of the sky streamed per wall-clock second at most (the run makes one per simulated second).</summary>
    public const double PicturesPerSecond = 2;

    internal static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _lock = new();
    private readonly AlertAreaMap _areas;
    private readonly AlertBoard _board;
    private readonly StreamHub _hub;
    private readonly DrillStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private Thread? _thread;
    private CancellationTokenSource? _cancel;
    private Session? _session;
    private PlayerState _state = PlayerState.Idle;
    private string? _error;

    public ScenarioPlayer(AlertAreaMap areas, AlertBoard board, StreamHub hub, DrillStore store, ILogger log, TimeProvider? time = null)
    {
        _areas = areas;
        _board = board;
        _hub = hub;
        _store = store;
        _log = log;
        _time = time ?? TimeProvider.System;
    }

    public DrillClock Clock { get; } = new();

    /// <summary>
    /// Simulated time the run has reached (its last picture of the sky, one per simulated second); the clock minus
    /// this is how far the simulation lags behind the wall clock.
    /// </summary>
    public double ReachedSeconds => Volatile.Read(ref _reached);

    private double _reached;

    public PlayerState State
    {
        get
        {
            lock (_lock)
            {
                return _state == PlayerState.Running && Clock.Paused ? PlayerState.Paused : _state;
            }
        }
    }

    /// <summary>Starts a scenario (stopping the one playing). Loops with the next seed each time when <paramref name="loop"/>.</summary>
    public void Start(Scenario scenario, double speed, bool loop, ulong? seed = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Stop();
        Session session = new(scenario, seed ?? scenario.Seed, loop);
        CancellationTokenSource cancel = new();
        lock (_lock)
        {
            Clock.Reset(0, speed);
            _session = session;
            _cancel = cancel;
            _state = PlayerState.Running;
            _error = null;
            _thread = new Thread(() => Play(session, cancel.Token)) { IsBackground = true, Name = "dome-player" };
            _thread.Start();
        }

        _log.LogInformation("scenario {Scenario} started: seed {Seed}, speed {Speed}, loop {Loop}", scenario.Name, session.Seed, speed, loop);
        PublishState();
    }

    public void Pause()
    {
        Clock.Pause();
        _log.LogInformation("scenario paused at {SimSeconds} s", Math.Round(Clock.Now, 1));
        PublishState();
    }

    public void Resume()
    {
        Clock.Resume();
        _log.LogInformation("scenario resumed at {SimSeconds} s", Math.Round(Clock.Now, 1));
        PublishState();
    }

    public void SetSpeed(double speed)
    {
        Clock.SetSpeed(speed);
        _log.LogInformation("speed set to {Speed}", speed);
        PublishState();
    }

    /// <summary>Stops the scenario playing, if any, and waits for its thread.</summary>
    public void Stop()
    {
        Thread? thread;
        lock (_lock)
        {
            thread = _thread;
            _cancel?.Cancel();
            _thread = null;
        }

        if (thread is not null && thread != Thread.CurrentThread)
        {
            thread.Join();
            _log.LogInformation("scenario stopped");
        }
    }

    /// <summary>The player's state as JSON (the body of <c>/api/state</c> without the board).</summary>
    public void WriteStatus(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        Session? s;
        PlayerState state;
        string? error;
        lock (_lock)
        {
            s = _session;
            state = State;
            error = _error;
        }

        w.WriteString("state", state.ToString().ToLowerInvariant());
        if (error is not null)
        {
            w.WriteString("error", error);
        }

        w.WriteNumber("speed", Clock.Speed);
        if (s is null)
        {
            w.WriteNull("scenario");
            return;
        }

        w.WriteStartObject("scenario");
        w.WriteString("name", s.Scenario.Name);
        w.WriteString("description", s.Scenario.Description);
        w.WriteNumber("seed", s.Seed);
        w.WriteBoolean("loop", s.Loop);
        w.WriteNumber("duration_s", s.Scenario.DurationSeconds);
        w.WriteStartArray("batteries");
        foreach (var b in s.Scenario.Batteries)
        {
            w.WriteStartObject();
            w.WriteString("id", b.Id);
            w.WriteNumber("lat", b.Position.LatitudeDegrees);
            w.WriteNumber("lon", b.Position.LongitudeDegrees);
            w.WriteNumber("capacity", b.Launchers * b.InterceptorsPerLauncher);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("radars");
        foreach (var r in s.Scenario.Radars)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteNumber("lat", r.Position.LatitudeDegrees);
            w.WriteNumber("lon", r.Position.LongitudeDegrees);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNumber("run_id", s.RunId);
        w.WriteNumber("sim_t", Math.Round(Clock.Now, 3));
        w.WriteNumber("reached_t", Math.Round(ReachedSeconds, 3));
        s.Metrics.Write(w);
    }

    public void Dispose()
    {
        Stop();
        _cancel?.Dispose();
    }

    private void Play(Session session, CancellationToken cancel)
    {
        try
        {
            for (int iteration = 0; ; iteration++)
            {
                ulong seed = session.Seed + (ulong)iteration;
                session.Begin(_store.BeginRun(session.Scenario.Name, seed, Clock.Speed, _time.GetUtcNow()));
                Volatile.Write(ref _reached, 0);

                PacedObserver observer = new(this, session, cancel);
                SimulationRunner.Run(session.Scenario, seed, CoreFactory.Create(session.Scenario, _areas), new RunSinks { Observer = observer, Cancellation = cancel }, _areas);
                observer.FinishRun();
                _store.EndRun(session.RunId, "finished", _time.GetUtcNow());
                _log.LogInformation("run {RunId} of {Scenario} finished: {Alerts} area alerts, {Intercepted} intercepted, {Impacts} impacts",
                    session.RunId, session.Scenario.Name, session.Metrics.AreaAlerts, session.Metrics.Intercepted, session.Metrics.Impacts);
                if (!session.Loop)
                {
                    break;
                }
            }

            SetState(PlayerState.Finished, null);
        }
        catch (OperationCanceledException)
        {
            _store.EndRun(session.RunId, "stopped", _time.GetUtcNow());
            SetState(PlayerState.Stopped, null);
        }
#pragma warning disable CA1031 // A failed run must not take the server down: it is logged, reported in /api/state and the feeds keep serving.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _log.LogError(ex, "run {RunId} of {Scenario} failed", session.RunId, session.Scenario.Name);
            _store.EndRun(session.RunId, "failed", _time.GetUtcNow());
            SetState(PlayerState.Failed, ex.Message);
        }
    }

    private void SetState(PlayerState state, string? error)
    {
        lock (_lock)
        {
            _state = state;
            _error = error;
        }

        PublishState();
    }

    private void PublishState()
    {
        using MemoryStream buffer = new();
        using (Utf8JsonWriter w = new(buffer, Json))
        {
            w.WriteStartObject();
            WriteStatus(w);
            w.WriteEndObject();
        }

        _hub.Publish("state", Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>One scenario being played (possibly looping): its run id and live figures.</summary>
    private sealed class Session(Scenario scenario, ulong seed, bool loop)
    {
        public Scenario Scenario { get; } = scenario;

        public ulong Seed { get; } = seed;

        public bool Loop { get; } = loop;

        public long RunId { get; private set; }

        public LiveMetrics Metrics { get; private set; } = new();

        public void Begin(long runId)
        {
            RunId = runId;
            Metrics = new LiveMetrics();
        }
    }

    /// <summary>Releases the run's events at their time on the clock, and turns them into messages and stream events.</summary>
    private sealed class PacedObserver(ScenarioPlayer player, Session session, CancellationToken cancel) : IRunObserver
    {
        private readonly List<int> _pendingAlerts = [];
        private readonly List<int> _pendingPreAlerts = [];
        private readonly Dictionary<int, double> _lastAlert = [];
        private readonly Dictionary<int, (double Lat, double Lon, double ImpactT, double SigmaE, double SigmaN, double RhoEn)> _forecasts = [];
        private double _pendingTime = double.NaN;
        private bool _started;
        private long _lastPictureTicks;

        public void OnEvent(double timeSeconds, string type, ReadOnlySpan<byte> json)
        {
            Started();
            player.Clock.WaitUntil(timeSeconds, cancel);
            if (timeSeconds != _pendingTime || (type != "alert" && type != "pre_alert"))
            {
                FlushAlerts();
            }

            string body = Encoding.UTF8.GetString(json);
            player._store.AddEvent(session.RunId, player._time.GetUtcNow(), timeSeconds, type, body);
            LiveMetrics m = session.Metrics;
            switch (type)
            {
                case "alert":
                case "pre_alert":
                {
                    int area = ReadInt(json, "area");
                    (type == "alert" ? _pendingAlerts : _pendingPreAlerts).Add(area);
                    _pendingTime = timeSeconds;
                    if (type == "alert")
                    {
                        _lastAlert[area] = timeSeconds;
                    }

                    return;
                }

                case "forecast":
                {
                    using JsonDocument d = JsonDocument.Parse(json.ToArray());
                    JsonElement e = d.RootElement;
                    _forecasts[e.GetProperty("track").GetInt32()] = (e.GetProperty("lat").GetDouble(), e.GetProperty("lon").GetDouble(), e.GetProperty("impact_t").GetDouble(),
                        e.GetProperty("sigma_east_m").GetDouble(), e.GetProperty("sigma_north_m").GetDouble(), e.TryGetProperty("rho_en", out JsonElement rho) ? rho.GetDouble() : 0);
                    return;
                }

                case "scan":
                    m.Plots += ReadInt(json, "plots");
                    return;
                case "launch":
                    m.Launched++;
                    break;
                case "impact":
                    m.Impacts++;
                    m.ImpactsByClass.AddOrUpdate(ReadString(json, "class"), 1, (_, n) => n + 1);
                    break;
                case "intercept":
                    m.Intercepted++;
                    break;
                case "interceptor_launch":
                    m.InterceptorsFired++;
                    break;
                case "track":
                    m.Tracks++;
                    break;
                default:
                    break;
            }

            player._hub.Publish(type, body);
        }

        public void OnPicture(RunPicture picture)
        {
            Started();
            player.Clock.WaitUntil(picture.TimeSeconds, cancel);
            Volatile.Write(ref player._reached, picture.TimeSeconds);
            FlushAlerts();
            EndShelters(picture.TimeSeconds);
            long now = player._time.GetTimestamp();
            if (player._time.GetElapsedTime(_lastPictureTicks, now).TotalSeconds < 1.0 / PicturesPerSecond)
            {
                return;
            }

            _lastPictureTicks = now;
            HashSet<int> live = [.. picture.Tracks.Select(t => t.Id)];
            foreach (int gone in _forecasts.Keys.Where(k => !live.Contains(k)).ToList())
            {
                _forecasts.Remove(gone);
            }

            player._hub.Publish("picture", PictureJson(picture));
        }

        /// <summary>After the run: the last messages, then "event over" for every area still in shelter, at its time.</summary>
        public void FinishRun()
        {
            FlushAlerts();
            _forecasts.Clear();
            player._hub.Publish("picture", PictureJson(new RunPicture(player.Clock.Now, [], [], [], [])));
            while (_lastAlert.Count > 0)
            {
                double due = _lastAlert.Values.Min() + AlertLifecycle.ShelterSeconds;
                player.Clock.WaitUntil(due, cancel);
                EndShelters(due);
            }
        }

        /// <summary>The clock starts at 0 when the world is ready (planning a barrage's launches takes seconds).</summary>
        private void Started()
        {
            if (!_started)
            {
                _started = true;
                player.Clock.Restart(0);
            }
        }

        private void FlushAlerts()
        {
            if (_pendingAlerts.Count > 0)
            {
                Publish(FeedMessageKind.Alert, _pendingAlerts);
            }

            if (_pendingPreAlerts.Count > 0)
            {
                Publish(FeedMessageKind.PreAlert, _pendingPreAlerts);
            }

            _pendingAlerts.Clear();
            _pendingPreAlerts.Clear();
            _pendingTime = double.NaN;
        }

        private void EndShelters(double now)
        {
            List<int> over = [.. _lastAlert.Where(kv => kv.Value + AlertLifecycle.ShelterSeconds <= now).Select(kv => kv.Key).Order()];
            if (over.Count == 0)
            {
                return;
            }

            foreach (int area in over)
            {
                _lastAlert.Remove(area);
            }

            Publish(FeedMessageKind.EventOver, over);
        }

        private void Publish(FeedMessageKind kind, List<int> areaIds)
        {
            DrillMessage m = player._board.Publish(kind, areaIds, "scenario", session.RunId, player.Clock.Now);
            if (kind == FeedMessageKind.Alert)
            {
                session.Metrics.AreaAlerts += m.AreaIds.Count;
            }

            session.Metrics.InShelter = _lastAlert.Count;
            player._hub.Publish(DrillStore.KindName(kind), MessageJson(m, player._areas));
        }

        private string PictureJson(RunPicture p)
        {
            using MemoryStream buffer = new();
            using (Utf8JsonWriter w = new(buffer, Json))
            {
                w.WriteStartObject();
                w.WriteNumber("t", Math.Round(p.TimeSeconds, 3));
                Objects(w, "rockets", p.Rockets);
                Objects(w, "interceptors", p.Interceptors);
                Objects(w, "tracks", p.Tracks);
                w.WriteStartArray("forecasts");
                foreach ((int track, var f) in _forecasts)
                {
                    if (f.ImpactT < p.TimeSeconds)
                    {
                        continue;
                    }

                    w.WriteStartObject();
                    w.WriteNumber("track", track);
                    w.WriteNumber("lat", f.Lat);
                    w.WriteNumber("lon", f.Lon);
                    w.WriteNumber("impact_t", f.ImpactT);
                    w.WriteNumber("sigma_east_m", f.SigmaE);
                    w.WriteNumber("sigma_north_m", f.SigmaN);
                    w.WriteNumber("rho_en", f.RhoEn);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("batteries");
                foreach ((string id, int loaded) in p.Batteries)
                {
                    w.WriteStartObject();
                    w.WriteString("id", id);
                    w.WriteNumber("loaded", loaded);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                session.Metrics.InShelter = _lastAlert.Count;
                session.Metrics.Write(w);
                w.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void Objects(Utf8JsonWriter w, string name, IReadOnlyList<PictureObject> objects)
        {
            w.WriteStartArray(name);
            foreach (PictureObject o in objects)
            {
                w.WriteStartArray();
                w.WriteNumberValue(o.Id);
                w.WriteStringValue(o.Label);
                w.WriteNumberValue(Math.Round(o.Position.LatitudeDegrees, 5));
                w.WriteNumberValue(Math.Round(o.Position.LongitudeDegrees, 5));
                w.WriteNumberValue(Math.Round(o.Position.HeightMeters));
                w.WriteEndArray();
            }

            w.WriteEndArray();
        }

        private static int ReadInt(ReadOnlySpan<byte> json, string property)
        {
            Utf8JsonReader r = new(json);
            while (r.Read())
            {
                if (r.TokenType == JsonTokenType.PropertyName && r.ValueTextEquals(property) && r.Read())
                {
                    return r.GetInt32();
                }
            }

            return 0;
        }

        private static string ReadString(ReadOnlySpan<byte> json, string property)
        {
            Utf8JsonReader r = new(json);
            while (r.Read())
            {
                if (r.TokenType == JsonTokenType.PropertyName && r.ValueTextEquals(property) && r.Read())
                {
                    return r.GetString() ?? string.Empty;
                }
            }

            return string.Empty;
        }
    }

    /// <summary>A message as the stream carries it: kind, time, and each area with its names and time to shelter.</summary>
    internal static string MessageJson(DrillMessage m, AlertAreaMap areas)
    {
        using MemoryStream buffer = new();
        using (Utf8JsonWriter w = new(buffer, Json))
        {
            w.WriteStartObject();
            w.WriteNumber("id", m.Id);
            w.WriteString("kind", DrillStore.KindName(m.Kind));
            w.WriteString("source", m.Source);
            w.WriteString("issued_utc", m.IssuedUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteString("expires_utc", m.ExpiresUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            if (m.SimSeconds is double t)
            {
                w.WriteNumber("t", Math.Round(t, 3));
            }

            w.WriteString("title", HomeFrontFeeds.Title(m.Kind));
            w.WriteString("cap", $"/cap/alerts/{m.Identifier}.xml");
            w.WriteStartArray("areas");
            foreach (int id in m.AreaIds)
            {
                AlertArea? a = areas.FindById(id);
                w.WriteStartObject();
                w.WriteNumber("id", id);
                w.WriteString("name", a?.NameHebrew);
                w.WriteString("name_en", a?.NameEnglish);
                w.WriteNumber("countdown_s", a?.CountdownSeconds ?? 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>The run's figures as they happen (what the map's panel shows).</summary>
internal sealed class LiveMetrics
{
    public long Launched { get; set; }

    public long Impacts { get; set; }

    public System.Collections.Concurrent.ConcurrentDictionary<string, long> ImpactsByClass { get; } = new(StringComparer.Ordinal);

    public long Intercepted { get; set; }

    public long InterceptorsFired { get; set; }

    public long Tracks { get; set; }

    public long Plots { get; set; }

    public long AreaAlerts { get; set; }

    public int InShelter { get; set; }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject("metrics");
        w.WriteNumber("launched", Launched);
        w.WriteNumber("impacts", Impacts);
        w.WriteStartObject("impacts_by_class");
        foreach ((string c, long n) in ImpactsByClass.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(c, n);
        }

        w.WriteEndObject();
        w.WriteNumber("intercepted", Intercepted);
        w.WriteNumber("interceptors_fired", InterceptorsFired);
        w.WriteNumber("tracks_confirmed", Tracks);
        w.WriteNumber("plots", Plots);
        w.WriteNumber("area_alerts", AreaAlerts);
        w.WriteNumber("areas_in_shelter", InShelter);
        w.WriteEndObject();
    }
}
