using System.Globalization;
using Dome.Simulation.Reporting;
using Dome.Simulation.Scoring;
using Dome.Simulation.World;
using Microsoft.Data.Sqlite;

namespace Dome.Simulation.Campaigns;

/// <summary>A campaign database cannot be opened, read or written. The message names the file and the cause.</summary>
public sealed class CampaignStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One finished run as the database holds it.</summary>
public sealed record StoredRun(int Replication, ulong Seed, IReadOnlyDictionary<string, double?> Metrics);

/// <summary>
/// The SQLite database of campaign results (schema version 2, documented in the README): one row per run with its
/// scenario hash, seed, variant and every summary metric as a column, and one row per rocket. Every run is written in
/// its own transaction as soon as it finishes, so a campaign stopped by Ctrl-C, a crash or a full disk keeps every
/// run that finished and resumes without redoing them. Not thread-safe: one writer.
/// </summary>
public sealed class CampaignStore : IDisposable
{
    /// <summary>The schema version this build reads and writes.</summary>
    public const int SchemaVersion = 2;

    private const string SchemaName = "dome-campaign";
    private readonly SqliteConnection _db;

    private CampaignStore(string path, SqliteConnection db)
    {
        Path = path;
        _db = db;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens or creates a campaign database. <paramref name="maxPageCount"/> caps its size in pages (tests use it to
    /// stand for a full disk).
    /// </summary>
    /// <exception cref="CampaignStoreException">Not an SQLite file, another schema, or cannot be opened.</exception>
    public static CampaignStore Open(string path, long? maxPageCount = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new CampaignStoreException($"{path}: cannot create the campaign database: folder '{folder}' does not exist");
        }

        SqliteConnection db = new(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        CampaignStore store = new(path, db);
        try
        {
            db.Open();
            store.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
            if (maxPageCount is long pages)
            {
                store.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {pages};"));
            }

            store.CreateOrCheckSchema();
            return store;
        }
        catch (SqliteException ex)
        {
            store.Dispose();
            throw Translate(path, ex, "open");
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Finds or records a campaign and its variants; returns the database id of each variant, by index.</summary>
    public IReadOnlyList<long> Register(CampaignPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Guarded("record the campaign", () =>
        {
            using SqliteTransaction tx = _db.BeginTransaction();
            string seed = plan.CampaignSeed.ToString(CultureInfo.InvariantCulture);
            long? campaign = Scalar<long?>(tx, "SELECT id FROM campaigns WHERE scenario_hash = $h AND campaign_seed = $s AND common_random_numbers = $c",
                ("$h", plan.Scenario.Hash), ("$s", seed), ("$c", plan.CommonRandomNumbers ? 1 : 0));
            campaign ??= Scalar<long>(tx, "INSERT INTO campaigns (scenario, scenario_hash, campaign_seed, common_random_numbers, created_utc) VALUES ($n, $h, $s, $c, $t) RETURNING id",
                ("$n", plan.Scenario.Name), ("$h", plan.Scenario.Hash), ("$s", seed), ("$c", plan.CommonRandomNumbers ? 1 : 0), ("$t", Now()));
            List<long> ids = [];
            foreach (CampaignVariant variant in plan.Variants)
            {
                long? id = Scalar<long?>(tx, "SELECT id FROM variants WHERE campaign_id = $c AND label = $l", ("$c", campaign), ("$l", variant.Label));
                id ??= Scalar<long>(tx, "INSERT INTO variants (campaign_id, label, overrides_json) VALUES ($c, $l, $o) RETURNING id",
                    ("$c", campaign), ("$l", variant.Label), ("$o", ReportJson.Serialize(variant.Overrides.Select(o => new { key = o.Path, value = o.Value }))));
                ids.Add(id.Value);
            }

            tx.Commit();
            return (IReadOnlyList<long>)ids;
        });
    }

    /// <summary>The replications of a variant already in the database.</summary>
    public IReadOnlySet<int> Finished(long variantId) => Guarded("read the finished runs", () =>
    {
        using SqliteCommand cmd = Command(null, "SELECT replication FROM runs WHERE variant_id = $v", ("$v", variantId));
        using SqliteDataReader reader = cmd.ExecuteReader();
        HashSet<int> done = [];
        while (reader.Read())
        {
            done.Add(reader.GetInt32(0));
        }

        return (IReadOnlySet<int>)done;
    });

    /// <summary>Stores one finished run and its rockets in one transaction.</summary>
    public void Save(long variantId, int replication, ulong seed, RunResult result, RunSummary summary, IReadOnlyList<RocketOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(outcomes);
        Guarded("store a finished run", () =>
        {
            using SqliteTransaction tx = _db.BeginTransaction();
            IReadOnlyList<CampaignMetric> metrics = CampaignMetric.All;
            string columns = string.Join(", ", metrics.Select(m => m.Column));
            string values = string.Join(", ", metrics.Select((_, i) => $"$m{i}"));
            using SqliteCommand insert = Command(tx,
                $"INSERT INTO runs (variant_id, replication, seed, scenario_hash, finished_utc, {columns}, summary_json) VALUES ($v, $r, $s, $h, $t, {values}, $j) RETURNING id",
                ("$v", variantId), ("$r", replication), ("$s", (long)seed), ("$h", summary.ScenarioHash), ("$t", Now()), ("$j", ReportJson.Serialize(summary)));
            for (int i = 0; i < metrics.Count; i++)
            {
                insert.Parameters.AddWithValue($"$m{i}", (object?)metrics[i].Value(summary) ?? DBNull.Value);
            }

            long runId = (long)insert.ExecuteScalar()!;
            using SqliteCommand rocket = Command(tx,
                "INSERT INTO rockets (run_id, rocket_id, salvo, type, launch_s, flight_s, class, area_id, countdown_s, achievable, alert, lead_s, lead_minus_countdown_s, first_plot_s, confirmed_s) " +
                "VALUES ($run, $id, $salvo, $type, $launch, $flight, $class, $area, $countdown, $achievable, $alert, $lead, $lmc, $first, $confirmed)");
            foreach (string p in new[] { "$id", "$salvo", "$type", "$launch", "$flight", "$class", "$area", "$countdown", "$achievable", "$alert", "$lead", "$lmc", "$first", "$confirmed" })
            {
                rocket.Parameters.Add(new SqliteParameter(p, null));
            }

            rocket.Parameters.AddWithValue("$run", runId);
            Dictionary<int, RocketOutcome> byId = outcomes.ToDictionary(o => o.RocketId);
            foreach (RocketTruth r in result.Rockets)
            {
                RocketOutcome? o = byId.GetValueOrDefault(r.Id);
                rocket.Parameters["$id"].Value = r.Id;
                rocket.Parameters["$salvo"].Value = r.SalvoIndex;
                rocket.Parameters["$type"].Value = r.Type.Id;
                rocket.Parameters["$launch"].Value = r.LaunchTimeSeconds;
                rocket.Parameters["$flight"].Value = r.FlightTimeSeconds;
                rocket.Parameters["$class"].Value = r.Class switch { ImpactClass.Threat => "threat", ImpactClass.OpenGround => "open_ground", _ => "short" };
                rocket.Parameters["$area"].Value = (object?)r.Area?.Id ?? DBNull.Value;
                rocket.Parameters["$countdown"].Value = (object?)r.Area?.CountdownSeconds ?? DBNull.Value;
                rocket.Parameters["$achievable"].Value = r.Achievable ? 1 : 0;
                rocket.Parameters["$alert"].Value = o is null ? DBNull.Value : ReportJson.Serialize(o.Alert).Trim('"');
                rocket.Parameters["$lead"].Value = (object?)o?.LeadSeconds ?? DBNull.Value;
                rocket.Parameters["$lmc"].Value = o?.LeadSeconds is double lead && r.Area is not null ? lead - r.Area.CountdownSeconds : DBNull.Value;
                rocket.Parameters["$first"].Value = (object?)o?.FirstPlotAfterLaunchS ?? DBNull.Value;
                rocket.Parameters["$confirmed"].Value = (object?)o?.ConfirmedAfterLaunchS ?? DBNull.Value;
                rocket.ExecuteNonQuery();
            }

            tx.Commit();
            return 0;
        });
    }

    /// <summary>The runs of a variant with replication below <paramref name="runs"/>, in replication order.</summary>
    public IReadOnlyList<StoredRun> Runs(long variantId, int runs) => Guarded("read the runs", () =>
    {
        IReadOnlyList<CampaignMetric> metrics = CampaignMetric.All;
        using SqliteCommand cmd = Command(null,
            $"SELECT replication, seed, {string.Join(", ", metrics.Select(m => m.Column))} FROM runs WHERE variant_id = $v AND replication < $n ORDER BY replication",
            ("$v", variantId), ("$n", runs));
        using SqliteDataReader reader = cmd.ExecuteReader();
        List<StoredRun> list = [];
        while (reader.Read())
        {
            Dictionary<string, double?> values = new(StringComparer.Ordinal);
            for (int i = 0; i < metrics.Count; i++)
            {
                values[metrics[i].Name] = reader.IsDBNull(i + 2) ? null : reader.GetDouble(i + 2);
            }

            list.Add(new StoredRun(reader.GetInt32(0), (ulong)reader.GetInt64(1), values));
        }

        return (IReadOnlyList<StoredRun>)list;
    });

    /// <summary>Lead time minus countdown of every threat warned in the variant's first <paramref name="runs"/> runs, s.</summary>
    public IReadOnlyList<double> LeadMinusCountdown(long variantId, int runs) => Guarded("read the rockets", () =>
    {
        using SqliteCommand cmd = Command(null,
            "SELECT k.lead_minus_countdown_s FROM rockets k JOIN runs r ON r.id = k.run_id WHERE r.variant_id = $v AND r.replication < $n AND k.lead_minus_countdown_s IS NOT NULL ORDER BY r.replication, k.rocket_id",
            ("$v", variantId), ("$n", runs));
        using SqliteDataReader reader = cmd.ExecuteReader();
        List<double> list = [];
        while (reader.Read())
        {
            list.Add(reader.GetDouble(0));
        }

        return (IReadOnlyList<double>)list;
    });

    /// <summary>Achievable threats, and those warned on time, over the variant's first <paramref name="runs"/> runs.</summary>
    public (long OnTime, long Achievable) AchievableOnTime(long variantId, int runs) => Guarded("read the rockets", () =>
    {
        using SqliteCommand cmd = Command(null,
            "SELECT COALESCE(SUM(k.alert = 'on_time'), 0), COUNT(*) FROM rockets k JOIN runs r ON r.id = k.run_id WHERE r.variant_id = $v AND r.replication < $n AND k.class = 'threat' AND k.achievable = 1",
            ("$v", variantId), ("$n", runs));
        using SqliteDataReader reader = cmd.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    });

    public void Dispose() => _db.Dispose();

    private void CreateOrCheckSchema()
    {
        bool hasMeta = Scalar<long>(null, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") > 0;
        bool empty = Scalar<long>(null, "SELECT COUNT(*) FROM sqlite_master") == 0;
        if (!hasMeta && !empty)
        {
            throw new CampaignStoreException($"{Path}: an SQLite database, but not a Dome campaign database (it has no 'meta' table); give another --db");
        }

        if (!hasMeta)
        {
            string metricColumns = string.Join(",\n  ", CampaignMetric.All.Select(m => $"{m.Column} REAL"));
            Execute($"""
                BEGIN;
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO meta VALUES ('schema', '{SchemaName}'), ('schema_version', '{SchemaVersion}');
                CREATE TABLE campaigns (
                  id INTEGER PRIMARY KEY,
                  scenario TEXT NOT NULL,
                  scenario_hash TEXT NOT NULL,
                  campaign_seed TEXT NOT NULL,
                  common_random_numbers INTEGER NOT NULL,
                  created_utc TEXT NOT NULL,
                  UNIQUE (scenario_hash, campaign_seed, common_random_numbers));
                CREATE TABLE variants (
                  id INTEGER PRIMARY KEY,
                  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
                  label TEXT NOT NULL,
                  overrides_json TEXT NOT NULL,
                  UNIQUE (campaign_id, label));
                CREATE TABLE runs (
                  id INTEGER PRIMARY KEY,
                  variant_id INTEGER NOT NULL REFERENCES variants (id),
                  replication INTEGER NOT NULL,
                  seed INTEGER NOT NULL,
                  scenario_hash TEXT NOT NULL,
                  finished_utc TEXT NOT NULL,
                  {metricColumns},
                  summary_json TEXT NOT NULL,
                  UNIQUE (variant_id, replication));
                CREATE TABLE rockets (
                  run_id INTEGER NOT NULL REFERENCES runs (id),
                  rocket_id INTEGER NOT NULL,
                  salvo INTEGER NOT NULL,
                  type TEXT NOT NULL,
                  launch_s REAL NOT NULL,
                  flight_s REAL NOT NULL,
                  class TEXT NOT NULL,
                  area_id INTEGER,
                  countdown_s INTEGER,
                  achievable INTEGER NOT NULL,
                  alert TEXT,
                  lead_s REAL,
                  lead_minus_countdown_s REAL,
                  first_plot_s REAL,
                  confirmed_s REAL,
                  PRIMARY KEY (run_id, rocket_id)) WITHOUT ROWID;
                COMMIT;
                """);
            return;
        }

        string? schema = Scalar<string?>(null, "SELECT value FROM meta WHERE key = 'schema'");
        string? version = Scalar<string?>(null, "SELECT value FROM meta WHERE key = 'schema_version'");
        if (schema != SchemaName)
        {
            throw new CampaignStoreException($"{Path}: not a Dome campaign database (meta.schema is '{schema}'); give another --db");
        }

        if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new CampaignStoreException($"{Path}: a campaign database of schema version {version}; this Dome reads version {SchemaVersion}. Give another --db (the file is left as it is)");
        }
    }

    private T Guarded<T>(string what, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (SqliteException ex)
        {
            throw Translate(Path, ex, what);
        }
    }

    private static CampaignStoreException Translate(string path, SqliteException ex, string what) => ex.SqliteErrorCode switch
    {
        13 => new CampaignStoreException($"{path}: cannot {what}: the disk is full (or the database reached its size limit); the runs finished before are kept", ex),
        26 => new CampaignStoreException($"{path}: not an SQLite database; give another --db", ex),
        5 or 6 => new CampaignStoreException($"{path}: cannot {what}: the database is locked by another process", ex),
        8 => new CampaignStoreException($"{path}: cannot {what}: the database is read-only", ex),
        14 => new CampaignStoreException($"{path}: cannot open the database file", ex),
        _ => new CampaignStoreException($"{path}: cannot {what}: {ex.Message}", ex),
    };

    private void Execute(string sql)
    {
        using SqliteCommand cmd = Command(null, sql);
        cmd.ExecuteNonQuery();
    }

    private T Scalar<T>(SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand cmd = Command(tx, sql, parameters);
        object? value = cmd.ExecuteScalar();
        if (value is null or DBNull)
        {
            return default!;
        }

        Type target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach ((string name, object? value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
