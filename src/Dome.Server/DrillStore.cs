using System.Collections.Concurrent;
using System.Globalization;
using Dome.Defense.Alerting;
using Microsoft.Data.Sqlite;

namespace Dome.Server;

/// <summary>One public message as the drill server keeps it: an alert, a pre-alert or "event over", for some areas.</summary>
public sealed record DrillMessage
{
    /// <summary>Row id (0 until stored).</summary>
    public long Id { get; init; }

    public long? RunId { get; init; }

    /// <summary>When it was published (wall clock, UTC).</summary>
    public required DateTimeOffset IssuedUtc { get; init; }

    /// <summary>Until when Alerts.json shows it (wall clock, UTC).</summary>
    public required DateTimeOffset ExpiresUtc { get; init; }

    /// <summary>Simulated time of the run when it was issued, s (null for an operator's drill alert).</summary>
    public double? SimSeconds { get; init; }

    public required FeedMessageKind Kind { get; init; }

    /// <summary>"scenario" or "operator".</summary>
    public required string Source { get; init; }

    public required IReadOnlyList<int> AreaIds { get; init; }

    /// <summary>The CAP identifier of this message.</summary>
    public string Identifier => string.Create(CultureInfo.InvariantCulture, $"dome-{IssuedUtc.ToUnixTimeMilliseconds()}-{Id}");
}

/// <summary>A failure of the drill database: a file that is not one, another schema version, a full disk.</summary>
public sealed class DrillStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The drill server's SQLite database (schema <c>dome-drill</c> v1, documented in the README): <c>meta</c>,
/// <c>runs</c>, <c>messages</c> (every public message, written before it is served), <c>events</c> (the run's events,
/// written in batches) and <c>scenarios</c> (uploaded scenario files). Thread-safe.
/// </summary>
public sealed class DrillStore : IDisposable
{
    public const string SchemaName = "dome-drill";
    public const int SchemaVersion = 1;

    /// <summary>Event types kept out of the database: per-cycle telemetry (thousands per second in a barrage).</summary>
    public static readonly IReadOnlySet<string> TelemetryTypes = new HashSet<string>(StringComparer.Ordinal) { "scan", "forecast" };

    private readonly Lock _lock = new();
    private readonly SqliteConnection _db;
    private readonly ConcurrentQueue<(long? RunId, DateTimeOffset Utc, double SimSeconds, string Type, string Body)> _events = new();
    private readonly Timer _flusher;
    private bool _disposed;

    public DrillStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        try
        {
            string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            _db.Open();
            Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
            CreateOrCheckSchema();
        }
        catch (SqliteException ex)
        {
            _db?.Dispose();
            throw new DrillStoreException($"{path}: not a usable drill database: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _db?.Dispose();
            throw new DrillStoreException($"{path}: cannot create the drill database's folder: {ex.Message}", ex);
        }

        _flusher = new Timer(_ => FlushEvents(), null, 200, 200);
    }

    public string Path { get; }

    /// <summary>The default database: drill.db in the user's data folder (~/.local/share/dome on Linux).</summary>
    public static string DefaultPath => System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "dome", "drill.db");

    /// <summary>Marks runs left "running" by a server that died as interrupted; returns how many.</summary>
    public int CloseInterruptedRuns(DateTimeOffset now)
    {
        lock (_lock)
        {
            using SqliteCommand c = Command("UPDATE runs SET state = 'interrupted', ended_utc = $t WHERE state IN ('running', 'paused')", ("$t", Utc(now)));
            return c.ExecuteNonQuery();
        }
    }

    public long BeginRun(string scenario, ulong seed, double speed, DateTimeOffset now)
    {
        lock (_lock)
        {
            using SqliteCommand c = Command("INSERT INTO runs (scenario, seed, speed, started_utc, state) VALUES ($s, $seed, $speed, $t, 'running') RETURNING id",
                ("$s", scenario), ("$seed", unchecked((long)seed)), ("$speed", speed), ("$t", Utc(now)));
            return (long)c.ExecuteScalar()!;
        }
    }

    public void EndRun(long runId, string state, DateTimeOffset now)
    {
        FlushEvents();
        lock (_lock)
        {
            using SqliteCommand c = Command("UPDATE runs SET state = $state, ended_utc = $t WHERE id = $id", ("$state", state), ("$t", Utc(now)), ("$id", runId));
            c.ExecuteNonQuery();
        }
    }

    /// <summary>Stores a message at once (before it is served) and returns it with its row id.</summary>
    public DrillMessage Add(DrillMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            using SqliteCommand c = Command(
                "INSERT INTO messages (run_id, issued_utc, expires_utc, sim_t, kind, category, source, areas) VALUES ($run, $issued, $expires, $sim, $kind, $cat, $source, $areas) RETURNING id",
                ("$run", (object?)message.RunId ?? DBNull.Value), ("$issued", Utc(message.IssuedUtc)), ("$expires", Utc(message.ExpiresUtc)),
                ("$sim", (object?)message.SimSeconds ?? DBNull.Value), ("$kind", KindName(message.Kind)),
                ("$cat", message.Kind == FeedMessageKind.Alert ? HomeFrontFeeds.RocketCategory : HomeFrontFeeds.UpdateCategoryHistory),
                ("$source", message.Source), ("$areas", string.Join(',', message.AreaIds.Select(a => a.ToString(CultureInfo.InvariantCulture)))));
            return message with { Id = (long)c.ExecuteScalar()! };
        }
    }

    /// <summary>Messages issued at or after a time, oldest first.</summary>
    public IReadOnlyList<DrillMessage> MessagesSince(DateTimeOffset since)
    {
        lock (_lock)
        {
            using SqliteCommand c = Command("SELECT id, run_id, issued_utc, expires_utc, sim_t, kind, source, areas FROM messages WHERE issued_utc >= $since ORDER BY id", ("$since", Utc(since)));
            using SqliteDataReader r = c.ExecuteReader();
            List<DrillMessage> list = [];
            while (r.Read())
            {
                list.Add(new DrillMessage
                {
                    Id = r.GetInt64(0),
                    RunId = r.IsDBNull(1) ? null : r.GetInt64(1),
                    IssuedUtc = ParseUtc(r.GetString(2)),
                    ExpiresUtc = ParseUtc(r.GetString(3)),
                    SimSeconds = r.IsDBNull(4) ? null : r.GetDouble(4),
                    Kind = ParseKind(r.GetString(5)),
                    Source = r.GetString(6),
                    AreaIds = r.GetString(7).Length == 0 ? [] : [.. r.GetString(7).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
                });
            }

            return list;
        }
    }

    /// <summary>Queues one run event; events are written in batches, a fifth of a second apart.</summary>
    public void AddEvent(long? runId, DateTimeOffset utc, double simSeconds, string type, string body)
    {
        if (!TelemetryTypes.Contains(type))
        {
            _events.Enqueue((runId, utc, simSeconds, type, body));
        }
    }

    public long CountEvents(long runId)
    {
        FlushEvents();
        lock (_lock)
        {
            using SqliteCommand c = Command("SELECT COUNT(*) FROM events WHERE run_id = $id", ("$id", runId));
            return (long)c.ExecuteScalar()!;
        }
    }

    public void SaveScenario(string name, string yaml, DateTimeOffset now)
    {
        lock (_lock)
        {
            using SqliteCommand c = Command("INSERT INTO scenarios (name, yaml, uploaded_utc) VALUES ($n, $y, $t) ON CONFLICT(name) DO UPDATE SET yaml = excluded.yaml, uploaded_utc = excluded.uploaded_utc",
                ("$n", name), ("$y", yaml), ("$t", Utc(now)));
            c.ExecuteNonQuery();
        }
    }

    public IReadOnlyDictionary<string, string> Scenarios()
    {
        lock (_lock)
        {
            using SqliteCommand c = Command("SELECT name, yaml FROM scenarios ORDER BY name");
            using SqliteDataReader r = c.ExecuteReader();
            Dictionary<string, string> all = new(StringComparer.Ordinal);
            while (r.Read())
            {
                all[r.GetString(0)] = r.GetString(1);
            }

            return all;
        }
    }

    /// <summary>Writes the queued events in one transaction.</summary>
    public void FlushEvents()
    {
        if (_events.IsEmpty)
        {
            return;
        }

        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            using SqliteTransaction tx = _db.BeginTransaction();
            using SqliteCommand c = _db.CreateCommand();
            c.Transaction = tx;
            c.CommandText = "INSERT INTO events (run_id, utc, sim_t, type, body) VALUES ($run, $utc, $sim, $type, $body)";
            SqliteParameter run = c.Parameters.Add("$run", SqliteType.Integer);
            SqliteParameter utc = c.Parameters.Add("$utc", SqliteType.Text);
            SqliteParameter sim = c.Parameters.Add("$sim", SqliteType.Real);
            SqliteParameter type = c.Parameters.Add("$type", SqliteType.Text);
            SqliteParameter body = c.Parameters.Add("$body", SqliteType.Text);
            while (_events.TryDequeue(out var e))
            {
                run.Value = (object?)e.RunId ?? DBNull.Value;
                utc.Value = Utc(e.Utc);
                sim.Value = e.SimSeconds;
                type.Value = e.Type;
                body.Value = e.Body;
                c.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    public void Dispose()
    {
        _flusher.Dispose();
        FlushEvents();
        lock (_lock)
        {
            _disposed = true;
            _db.Dispose();
        }
    }

    internal static string KindName(FeedMessageKind kind) => kind switch
    {
        FeedMessageKind.Alert => "alert",
        FeedMessageKind.PreAlert => "pre_alert",
        _ => "event_over",
    };

    private static FeedMessageKind ParseKind(string name) => name switch
    {
        "alert" => FeedMessageKind.Alert,
        "pre_alert" => FeedMessageKind.PreAlert,
        "event_over" => FeedMessageKind.EventOver,
        _ => throw new DrillStoreException($"unknown message kind '{name}' in the database"),
    };

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseUtc(string s) => DateTimeOffset.ParseExact(s, "yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private void CreateOrCheckSchema()
    {
        using (SqliteCommand probe = Command("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"))
        {
            if ((long)probe.ExecuteScalar()! == 0)
            {
                Execute($"""
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    INSERT INTO meta VALUES ('schema', '{SchemaName}'), ('version', '{SchemaVersion}');
                    CREATE TABLE runs (id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, seed INTEGER NOT NULL, speed REAL NOT NULL,
                        started_utc TEXT NOT NULL, ended_utc TEXT, state TEXT NOT NULL);
                    CREATE TABLE messages (id INTEGER PRIMARY KEY, run_id INTEGER REFERENCES runs(id), issued_utc TEXT NOT NULL,
                        expires_utc TEXT NOT NULL, sim_t REAL, kind TEXT NOT NULL, category INTEGER NOT NULL, source TEXT NOT NULL, areas TEXT NOT NULL);
                    CREATE INDEX messages_issued ON messages (issued_utc);
                    CREATE TABLE events (id INTEGER PRIMARY KEY, run_id INTEGER REFERENCES runs(id), utc TEXT NOT NULL, sim_t REAL NOT NULL,
                        type TEXT NOT NULL, body TEXT NOT NULL);
                    CREATE INDEX events_run ON events (run_id, sim_t);
                    CREATE TABLE scenarios (name TEXT PRIMARY KEY, yaml TEXT NOT NULL, uploaded_utc TEXT NOT NULL);
                    """);
                return;
            }
        }

        string? schema = null, version = null;
        try
        {
            using SqliteCommand c = Command("SELECT key, value FROM meta");
            using SqliteDataReader r = c.ExecuteReader();
            while (r.Read())
            {
                (schema, version) = r.GetString(0) switch
                {
                    "schema" => (r.GetString(1), version),
                    "version" => (schema, r.GetString(1)),
                    _ => (schema, version),
                };
            }
        }
        catch (SqliteException)
        {
            // No meta table: another program's database.
        }

        if (schema != SchemaName)
        {
            throw new DrillStoreException($"{Path}: not a Dome drill database (it has tables, but no '{SchemaName}' schema); give --db another file");
        }

        if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new DrillStoreException($"{Path}: drill database schema version {version}, this Dome reads version {SchemaVersion}");
        }
    }

    private void Execute(string sql)
    {
        using SqliteCommand c = Command(sql);
        c.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        SqliteCommand c = _db.CreateCommand();
        c.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            c.Parameters.AddWithValue(name, value);
        }

        return c;
    }
}
