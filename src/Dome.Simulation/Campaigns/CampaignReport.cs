using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Dome.Simulation.Reporting;
using ScottPlot;

namespace Dome.Simulation.Campaigns;

/// <summary>One variant's results: every metric's statistics over its runs, and the pooled distributions.</summary>
public sealed record VariantReport(
    string Label,
    IReadOnlyList<string> Overrides,
    int Runs,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, SampleStatistics?>> Metrics,
    PooledProportion AchievableOnTimePooled,
    SampleStatistics? LeadMinusCountdownS)
{
    /// <summary>The runs themselves (for the CSV), not part of the JSON document.</summary>
    [JsonIgnore]
    public IReadOnlyList<StoredRun> RunRows { get; init; } = [];

    /// <summary>Lead time minus countdown of every warned threat of every run (for the plot).</summary>
    [JsonIgnore]
    public IReadOnlyList<double> LeadMinusCountdownValues { get; init; } = [];

    /// <summary>The statistics of one metric by its full name, e.g. <c>alerts.unneeded_area_alerts_per_rocket</c>.</summary>
    public SampleStatistics? Stat(string name)
    {
        CampaignMetric metric = CampaignMetric.Find(name) ?? throw new ArgumentException($"no metric named '{name}'", nameof(name));
        (string group, string key) = metric.Split;
        return Metrics[group][key];
    }
}

/// <summary>The campaign report: the document <c>dome campaign --json</c> prints and <c>campaign.json</c> holds.</summary>
public sealed record CampaignReport(
    string Scenario,
    string ScenarioHash,
    string CampaignSeed,
    bool CommonRandomNumbers,
    int RunsPerVariant,
    string Database,
    int RunsFinished,
    int RunsTotal,
    int RunsThisSession,
    bool Stopped,
    double WallS,
    double RunsPerS,
    IReadOnlyList<VariantReport> Variants)
{
    /// <summary>Builds the report of a plan's first <see cref="CampaignPlan.Runs"/> replications from the store.</summary>
    public static CampaignReport Build(CampaignPlan plan, CampaignStore store, CampaignSession session)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(session);
        List<VariantReport> variants = [];
        for (int v = 0; v < plan.Variants.Count; v++)
        {
            long id = session.VariantIds[v];
            IReadOnlyList<StoredRun> runs = store.Runs(id, plan.Runs);
            Dictionary<string, IReadOnlyDictionary<string, SampleStatistics?>> groups = new(StringComparer.Ordinal);
            foreach (CampaignMetric metric in CampaignMetric.All)
            {
                (string group, string key) = metric.Split;
                if (!groups.TryGetValue(group, out IReadOnlyDictionary<string, SampleStatistics?>? stats))
                {
                    stats = new Dictionary<string, SampleStatistics?>(StringComparer.Ordinal);
                    groups[group] = stats;
                }

                ((Dictionary<string, SampleStatistics?>)stats)[key] = SampleStatistics.Of(runs.Select(r => r.Metrics[metric.Name]));
            }

            IReadOnlyList<double> leads = store.LeadMinusCountdown(id, plan.Runs);
            (long onTime, long achievable) = store.AchievableOnTime(id, plan.Runs);
            variants.Add(new VariantReport(plan.Variants[v].Label, [.. plan.Variants[v].Overrides.Select(o => o.ToString())], runs.Count, groups,
                PooledProportion.Of(onTime, achievable), SampleStatistics.Of(leads.Select(x => (double?)x)))
            {
                RunRows = runs,
                LeadMinusCountdownValues = leads,
            });
        }

        return new CampaignReport(plan.Scenario.Name, plan.Scenario.Hash, plan.CampaignSeed.ToString(CultureInfo.InvariantCulture), plan.CommonRandomNumbers,
            plan.Runs, store.Path, variants.Sum(v => v.Runs), plan.TotalRuns, session.RanNow, session.Stopped, session.WallSeconds, session.RunsPerSecond, variants);
    }
}

/// <summary>
/// Writes a campaign's report folder: <c>campaign.json</c>, <c>runs.csv</c> (one row per run: variant, replication,
/// seed, every metric) and PNG plots of the on-time fraction and unneeded alerts per variant with their 95% intervals,
/// the distribution of lead time minus countdown, and interceptors per kill (once an engagement component exists).
/// </summary>
public static class CampaignReportWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public static IReadOnlyList<string> Write(string directory, CampaignReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ReportFolder folder = new(directory);
        string Path(string name) => folder.Path(name);

        File.WriteAllText(Path("campaign.json"), ReportJson.Serialize(report) + "\n", Utf8NoBom);
        WriteRunsCsv(Path("runs.csv"), report);
        WriteBars(Path("on-time.png"), report, "alerts.achievable_on_time_fraction", "alerts_zone_baseline.achievable_on_time_fraction",
            "Achievable threats warned on time, per run", "fraction of achievable threats");
        WriteBars(Path("unneeded-alerts.png"), report, "alerts.unneeded_area_alerts_per_rocket", "alerts_zone_baseline.unneeded_area_alerts_per_rocket",
            "Unneeded area alerts per rocket", "area alerts per rocket");
        WriteBars(Path("alerted-km2.png"), report, "alerts.alerted_km2_per_rocket", "alerts_zone_baseline.alerted_km2_per_rocket",
            "Alerted area per rocket", "km² per rocket");
        if (report.Variants.Any(v => v.LeadMinusCountdownValues.Count > 0))
        {
            WriteLeadHistogram(Path("lead-minus-countdown.png"), report);
        }

        if (report.Variants.Any(v => v.Stat("defense.interceptors_per_kill") is not null))
        {
            WriteBars(Path("interceptors-per-kill.png"), report, "defense.interceptors_per_kill", null, "Interceptors per kill", "interceptors");
        }

        return folder.Written;
    }

    private static void WriteRunsCsv(string path, CampaignReport report)
    {
        StringBuilder csv = new();
        csv.Append("variant,replication,seed,").AppendJoin(',', CampaignMetric.All.Select(m => m.Name)).Append('\n');
        foreach (VariantReport variant in report.Variants)
        {
            foreach (StoredRun run in variant.RunRows)
            {
                csv.Append(Csv.Field(variant.Label)).Append(',').Append(run.Replication.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(run.Seed.ToString(CultureInfo.InvariantCulture));
                foreach (CampaignMetric m in CampaignMetric.All)
                {
                    csv.Append(',').Append(run.Metrics[m.Name] is double x ? x.ToString("R", CultureInfo.InvariantCulture) : "");
                }

                csv.Append('\n');
            }
        }

        File.WriteAllText(path, csv.ToString(), Utf8NoBom);
    }

    private static void WriteBars(string path, CampaignReport report, string metric, string? baseline, string title, string yLabel)
    {
        Plot plot = new();
        List<Tick> ticks = [];
        bool withBaseline = baseline is not null && report.Variants.Any(v => v.Stat(baseline) is not null);
        double width = withBaseline ? 0.35 : 0.6;
        for (int i = 0; i < report.Variants.Count; i++)
        {
            VariantReport v = report.Variants[i];
            AddBar(plot, i - (withBaseline ? width / 2 : 0), width, v.Stat(metric), Colors.SteelBlue);
            if (withBaseline)
            {
                AddBar(plot, i + width / 2, width, v.Stat(baseline!), Colors.Gray);
            }

            ticks.Add(new Tick(i, Wrap(v.Label)));
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Title(title + (withBaseline ? " (blue: planner, grey: zone baseline)" : ""));
        plot.YLabel(yLabel + "; bars: mean, whiskers: 95% CI of the mean");
        plot.Axes.Margins(bottom: 0);
        plot.SavePng(path, Math.Max(700, 220 * report.Variants.Count), 600);
    }

    private static void AddBar(Plot plot, double x, double width, SampleStatistics? s, Color color)
    {
        if (s is null)
        {
            return;
        }

        plot.Add.Bar(new Bar { Position = x, Value = s.Mean, Size = width, FillColor = color, Error = s.Ci95High is double hi ? hi - s.Mean : 0 });
    }

    private static void WriteLeadHistogram(string path, CampaignReport report)
    {
        Plot plot = new();
        double min = report.Variants.SelectMany(v => v.LeadMinusCountdownValues).Min();
        double max = report.Variants.SelectMany(v => v.LeadMinusCountdownValues).Max();
        IPalette palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < report.Variants.Count; i++)
        {
            VariantReport v = report.Variants[i];
            if (v.LeadMinusCountdownValues.Count == 0)
            {
                continue;
            }

            var histogram = ScottPlot.Statistics.Histogram.WithBinSize(1, Math.Floor(min) - 1, Math.Ceiling(max) + 1);
            histogram.AddRange(v.LeadMinusCountdownValues);
            double[] fraction = [.. histogram.Counts.Select(c => c / v.LeadMinusCountdownValues.Count)];
            var line = plot.Add.ScatterLine(histogram.Bins, fraction);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.Color = palette.GetColor(i);
            line.LegendText = v.Label;
        }

        plot.Add.VerticalLine(0, 1, Colors.Red);
        plot.Title("Lead time minus time to shelter, warned threats of every run");
        plot.XLabel("lead − countdown (s); below 0 is late");
        plot.YLabel("fraction of warned threats per 1 s bin");
        plot.ShowLegend();
        plot.SavePng(path, 900, 600);
    }

    private static string Wrap(string label) => label.Replace(" ", "\n", StringComparison.Ordinal);
}
