using System.Text;
using Dome.Model.Areas;
using Dome.Simulation.Scenarios;

namespace Dome.Simulation.Campaigns;

/// <summary>One variant of a campaign: the scenario with some values overridden. The base variant overrides nothing.</summary>
public sealed record CampaignVariant(int Index, IReadOnlyList<ScenarioOverride> Overrides, Scenario Scenario)
{
    /// <summary>The variant's name in reports and the database: its overrides, or <c>base</c>.</summary>
    public string Label => Overrides.Count == 0 ? "base" : string.Join(" ", Overrides.Select(o => o.ToString()));
}

/// <summary>
/// What a campaign runs: a scenario, its variants (the product of the <c>--vary</c> options), N replications each, and
/// the seed of every run, derived from (campaign seed, variant, replication) so that any run replays alone with
/// <c>dome run SCENARIO --seed S --set KEY=V</c>.
/// </summary>
public sealed class CampaignPlan
{
    private CampaignPlan(string scenarioName, ulong campaignSeed, int runs, bool commonRandomNumbers, IReadOnlyList<CampaignVariant> variants)
    {
        ScenarioName = scenarioName;
        CampaignSeed = campaignSeed;
        Runs = runs;
        CommonRandomNumbers = commonRandomNumbers;
        Variants = variants;
    }

    /// <summary>The scenario as the user named it (a built-in name or a file path).</summary>
    public string ScenarioName { get; }

    public Scenario Scenario => Variants[0].Scenario;

    public ulong CampaignSeed { get; }

    /// <summary>Replications per variant.</summary>
    public int Runs { get; }

    /// <summary>
    /// With common random numbers every variant's replication r uses the same seed, so that variants are compared on
    /// the same launches and the same radar noise (paired comparison, smaller variance of the differences).
    /// </summary>
    public bool CommonRandomNumbers { get; }

    public IReadOnlyList<CampaignVariant> Variants { get; }

    public int TotalRuns => Runs * Variants.Count;

    /// <summary>
    /// Builds the plan, loading and validating every variant before anything runs. <paramref name="vary"/> holds one
    /// entry per <c>--vary</c> option: a key and its values; the variants are their product, in the order given.
    /// </summary>
    /// <exception cref="ScenarioException">The scenario, a key or a value is invalid.</exception>
    public static CampaignPlan Create(string scenario, int runs, IReadOnlyList<(string Key, IReadOnlyList<string> Values)> vary, ulong? seed = null, bool commonRandomNumbers = false, AlertAreaMap? areas = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(vary);
        if (runs < 1)
        {
            throw new ScenarioException("--runs", $"{runs}: a campaign needs at least one run per variant");
        }

        List<List<ScenarioOverride>> combos = [[]];
        HashSet<string> keys = new(StringComparer.Ordinal);
        foreach ((string key, IReadOnlyList<string> values) in vary)
        {
            if (!keys.Add(key))
            {
                throw new ScenarioException("--vary", $"'{key}' is given twice; give all its values in one --vary {key}=V1,V2,...");
            }

            if (values.Count == 0 || values.Any(v => v.Length == 0) || values.Distinct(StringComparer.Ordinal).Count() != values.Count)
            {
                throw new ScenarioException("--vary", $"'{key}': expected distinct, non-empty values as {key}=V1,V2,...");
            }

            List<ScenarioOverride> options = [.. values.Select(v => ScenarioOverride.Parse($"{key}={v}", "--vary"))];
            combos = [.. combos.SelectMany(c => options.Select(o => new List<ScenarioOverride>(c) { o }))];
        }

        AlertAreaMap map = areas ?? AlertAreaMap.Default;
        List<CampaignVariant> variants = [.. combos.Select((c, i) => new CampaignVariant(i, c, ScenarioLoader.Load(scenario, map, c)))];
        return new CampaignPlan(scenario, seed ?? variants[0].Scenario.Seed, runs, commonRandomNumbers, variants);
    }

    /// <summary>The seed of replication <paramref name="replication"/> of a variant (63 bits, so SQLite stores it as an integer).</summary>
    public ulong SeedOf(CampaignVariant variant, int replication)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return DeriveSeed(CampaignSeed, CommonRandomNumbers ? "" : variant.Label, replication);
    }

    /// <summary>
    /// SplitMix64 over (campaign seed, variant label, replication). The label, not the variant's position, enters the
    /// seed, so adding or reordering variants never changes the seeds of the others.
    /// </summary>
    public static ulong DeriveSeed(ulong campaignSeed, string variantLabel, int replication)
    {
        ArgumentNullException.ThrowIfNull(variantLabel);
        ulong h = 0xcbf29ce484222325; // FNV-1a 64 of the label's UTF-8 bytes
        foreach (byte b in Encoding.UTF8.GetBytes(variantLabel))
        {
            h = (h ^ b) * 0x100000001b3;
        }

        return Mix(Mix(Mix(campaignSeed) ^ (variantLabel.Length == 0 ? 0 : h)) ^ (ulong)replication) & long.MaxValue;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
