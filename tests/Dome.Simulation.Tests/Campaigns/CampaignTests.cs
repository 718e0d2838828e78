using Dome.Model.Areas;
using Dome.Simulation.Campaigns;
using Dome.Simulation.Scoring;
using Dome.Simulation.World;
using Microsoft.Data.Sqlite;
using Dome.Defense;
using Dome.Defense.Alerting;
using Dome.Simulation.Scenarios;

namespace Dome.Simulation.Tests.Campaigns;

public sealed class CampaignTests : IDisposable
{
    private static readonly string[] WallClockMetrics = ["run.wall_s", "run.speedup"];
    private readonly string _folder = Directory.CreateTempSubdirectory("dome-campaign-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private string Db(string name) => Path.Combine(_folder, name);

    internal static IDefenseCore Core(Scenario s) => CoreFactory.Create(s);

    private static CampaignPlan Plan(int runs, bool crn = false) =>
        CampaignPlan.Create("ashkelon-2019", runs, [("policy.alerting.containment", ["0.95", "0.99"])], 7, crn);

    private static Dictionary<string, double?> Replay(CampaignVariant variant, ulong seed)
    {
        RunResult result = SimulationRunner.Run(variant.Scenario, seed, Core(variant.Scenario));
        RunSummary summary = Scorer.Score(result, AlertAreaMap.Default).Summary;
        return CampaignMetric.All.ToDictionary(m => m.Name, m => m.Value(summary));
    }

    private static void AssertSameOutcome(IReadOnlyDictionary<string, double?> expected, IReadOnlyDictionary<string, double?> actual)
    {
        foreach (CampaignMetric m in CampaignMetric.All.Where(m => !WallClockMetrics.Contains(m.Name)))
        {
            Assert.True(Nullable.Equals(expected[m.Name], actual[m.Name]), $"{m.Name}: expected {expected[m.Name]}, stored {actual[m.Name]}");
        }
    }

    [Fact]
    public void Seeds_AreStable63BitDistinct_AndCommonRandomNumbersPairThem()
    {
        HashSet<ulong> seen = [];
        foreach (string label in new[] { "base", "policy.alerting.containment=0.95", "policy.alerting.containment=0.99" })
        {
            for (int r = 0; r < 1000; r++)
            {
                ulong s = CampaignPlan.DeriveSeed(42, label, r);
                Assert.True(s <= long.MaxValue);
                Assert.True(seen.Add(s));
                Assert.Equal(s, CampaignPlan.DeriveSeed(42, label, r));
            }
        }

        Assert.NotEqual(CampaignPlan.DeriveSeed(42, "base", 0), CampaignPlan.DeriveSeed(43, "base", 0));
        CampaignPlan crn = Plan(2, crn: true);
        Assert.Equal(crn.SeedOf(crn.Variants[0], 1), crn.SeedOf(crn.Variants[1], 1));
        CampaignPlan plain = Plan(2);
        Assert.NotEqual(plain.SeedOf(plain.Variants[0], 1), plain.SeedOf(plain.Variants[1], 1));

        // Seeds follow the variant's label, not its position: adding a variant in front changes no other seed.
        CampaignPlan wider = CampaignPlan.Create("ashkelon-2019", 2, [("policy.alerting.containment", ["0.9", "0.95", "0.99"])], 7);
        Assert.Equal(plain.SeedOf(plain.Variants[0], 1), wider.SeedOf(wider.Variants[1], 1));
    }

    [Fact]
    public void VaryOptions_GiveTheirProduct_InOrder()
    {
        CampaignPlan plan = CampaignPlan.Create("ashkelon-2019", 1,
            [("policy.alerting.containment", ["0.95", "0.99"]), ("policy.alerting.margin_s", ["2", "3", "4"])]);
        Assert.Equal(6, plan.Variants.Count);
        Assert.Equal("policy.alerting.containment=0.95 policy.alerting.margin_s=2", plan.Variants[0].Label);
        Assert.Equal("policy.alerting.containment=0.99 policy.alerting.margin_s=4", plan.Variants[5].Label);
        Assert.Equal(4.0, plan.Variants[5].Scenario.Alerting.MarginSeconds);
        Assert.Contains("given twice", Assert.Throws<ScenarioException>(() => CampaignPlan.Create("ashkelon-2019", 1,
            [("policy.alerting.margin_s", ["2"]), ("policy.alerting.margin_s", ["3"])])).Message, StringComparison.Ordinal);
        Assert.Contains("distinct", Assert.Throws<ScenarioException>(() => CampaignPlan.Create("ashkelon-2019", 1,
            [("policy.alerting.margin_s", ["2", "2"])])).Message, StringComparison.Ordinal);
        Assert.Contains("at least one run", Assert.Throws<ScenarioException>(() => CampaignPlan.Create("ashkelon-2019", 0, [])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoredRuns_ReplayAlone_AndResumingRedoesNothing()
    {
        using CampaignStore store = CampaignStore.Open(Db("a.db"));
        CampaignPlan two = Plan(2);
        CampaignSession first = CampaignRunner.Run(two, store, Core, 2);
        Assert.Equal((0, 4, false), (first.AlreadyFinished, first.RanNow, first.Stopped));

        CampaignPlan three = Plan(3);
        CampaignSession second = CampaignRunner.Run(three, store, Core, 2);
        Assert.Equal((4, 2), (second.AlreadyFinished, second.RanNow));
        Assert.Equal(first.VariantIds, second.VariantIds);

        // Every stored run is what a run alone with its seed gives (dome run --seed S --set ...).
        for (int v = 0; v < 2; v++)
        {
            IReadOnlyList<StoredRun> runs = store.Runs(second.VariantIds[v], 3);
            Assert.Equal([0, 1, 2], runs.Select(r => r.Replication));
            foreach (StoredRun run in runs)
            {
                Assert.Equal(three.SeedOf(three.Variants[v], run.Replication), run.Seed);
            }

            AssertSameOutcome(Replay(three.Variants[v], runs[2].Seed), runs[2].Metrics);
        }

        CampaignReport report = CampaignReport.Build(three, store, second);
        Assert.Equal(6, report.RunsFinished);
        Assert.All(report.Variants, v => Assert.Equal(3, v.Stat("rockets.launched")!.N));
        // The report's statistics are those of the stored rows.
        IReadOnlyList<StoredRun> rows = store.Runs(second.VariantIds[1], 3);
        Assert.Equal(rows.Average(r => r.Metrics["alerts.area_alerts"]!.Value), report.Variants[1].Stat("alerts.area_alerts")!.Mean, 12);
    }

    [Fact]
    public void Cancelling_KeepsFinishedRuns_AndTheNextSessionFinishes()
    {
        string path = Db("c.db");
        using CancellationTokenSource stop = new();
        CampaignPlan plan = Plan(4);
        CampaignSession stopped;
        using (CampaignStore store = CampaignStore.Open(path))
        {
            stopped = CampaignRunner.Run(plan, store, Core, 1, new Immediate(p =>
            {
                if (p.FinishedThisSession == 3)
                {
                    stop.Cancel();
                }
            }), null, stop.Token);
        }

        Assert.True(stopped.Stopped);
        Assert.Equal(3, stopped.RanNow);
        using CampaignStore reopened = CampaignStore.Open(path);
        CampaignSession rest = CampaignRunner.Run(plan, reopened, Core, 2);
        Assert.Equal((3, 5, false), (rest.AlreadyFinished, rest.RanNow, rest.Stopped));
    }

    [Fact]
    public void FullDisk_IsAClearError_AndKeepsTheFinishedRuns()
    {
        string path = Db("full.db");
        using (CampaignStore store = CampaignStore.Open(path))
        {
            CampaignRunner.Run(Plan(1), store, Core, 1);
        }

        long pages;
        using (SqliteConnection raw = new($"Data Source={path};Pooling=False"))
        {
            raw.Open();
            using SqliteCommand checkpoint = raw.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA page_count;";
            using SqliteDataReader reader = checkpoint.ExecuteReader();
            reader.NextResult();
            reader.Read();
            pages = reader.GetInt64(0);
        }

        using CampaignStore capped = CampaignStore.Open(path, maxPageCount: pages);
        CampaignStoreException error = Assert.Throws<CampaignStoreException>(() => CampaignRunner.Run(Plan(3), capped, Core, 1));
        Assert.Contains("the disk is full", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        CampaignSession session = CampaignRunner.Run(Plan(1), capped, Core, 1);
        Assert.Equal(2, session.AlreadyFinished);
    }

    [Fact]
    public void ForeignFiles_AreRejectedWithTheirCause_AndLeftAsTheyAre()
    {
        string text = Db("notes.db");
        File.WriteAllText(text, "these are not the results you are looking for\n");
        Assert.Contains("not an SQLite database", Assert.Throws<CampaignStoreException>(() => CampaignStore.Open(text)).Message, StringComparison.Ordinal);
        Assert.Equal("these are not the results you are looking for\n", File.ReadAllText(text));

        string other = Db("other.db");
        Execute(other, "CREATE TABLE t (x INTEGER);");
        Assert.Contains("not a Dome campaign database", Assert.Throws<CampaignStoreException>(() => CampaignStore.Open(other)).Message, StringComparison.Ordinal);

        string future = Db("future.db");
        using (CampaignStore store = CampaignStore.Open(future))
        {
        }

        Execute(future, "UPDATE meta SET value = '99' WHERE key = 'schema_version';");
        Assert.Contains("schema version 99; this Dome reads version 2", Assert.Throws<CampaignStoreException>(() => CampaignStore.Open(future)).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<CampaignStoreException>(() => CampaignStore.Open(Path.Combine(_folder, "no", "such", "x.db"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportFolder_HoldsJsonCsvAndPlots()
    {
        using CampaignStore store = CampaignStore.Open(Db("r.db"));
        CampaignPlan plan = Plan(2);
        CampaignReport report = CampaignReport.Build(plan, store, CampaignRunner.Run(plan, store, Core, 2));
        string dir = Path.Combine(_folder, "report");
        IReadOnlyList<string> files = CampaignReportWriter.Write(dir, report);
        Assert.Contains(files, f => f.EndsWith("campaign.json", StringComparison.Ordinal));
        string[] csv = File.ReadAllLines(Path.Combine(dir, "runs.csv"));
        Assert.Equal(1 + 4, csv.Length);
        Assert.Equal(3 + CampaignMetric.All.Count, csv[0].Split(',').Length);
        foreach (string png in files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png).Take(4));
        }

        Assert.Contains(files, f => f.EndsWith("unneeded-alerts.png", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("interceptors-per-kill.png", StringComparison.Ordinal)); // the scenario has a battery
    }

    private static void Execute(string path, string sql)
    {
        using SqliteConnection raw = new($"Data Source={path};Pooling=False");
        raw.Open();
        using SqliteCommand cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private sealed class Immediate(Action<CampaignProgress> action) : IProgress<CampaignProgress>
    {
        public void Report(CampaignProgress value) => action(value);
    }
}
