using Dome.Simulation.Scoring;

namespace Dome.Simulation.Campaigns;

/// <summary>
/// One per-run figure a campaign keeps and summarises. <see cref="Name"/> is the path of the same figure in
/// <c>dome run --json</c> (<c>alerts.unneeded_area_alerts_per_rocket</c>); a few derived figures (fractions, per kill)
/// are named beside the ones they come from. A figure whose component is not built is null, never zero.
/// </summary>
public sealed record CampaignMetric(string Name, string Unit, Func<RunSummary, double?> Value)
{
    /// <summary>The SQLite column of the metric: its name with '.' as '_'.</summary>
    public string Column => Name.Replace('.', '_');

    /// <summary>The group of the name (<c>alerts</c>) and the key within it.</summary>
    public (string Group, string Key) Split => (Name[..Name.IndexOf('.', StringComparison.Ordinal)], Name[(Name.IndexOf('.', StringComparison.Ordinal) + 1)..]);

    /// <summary>Every metric, in the order of <c>dome run --json</c>.</summary>
    public static IReadOnlyList<CampaignMetric> All { get; } = Build();

    /// <summary>Looks a metric up by name.</summary>
    public static CampaignMetric? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    private static List<CampaignMetric> Build()
    {
        List<CampaignMetric> all =
        [
            new("rockets.launched", "rockets", s => s.Rockets.Launched),
            new("rockets.threats", "rockets", s => s.Rockets.Threats),
            new("rockets.open_ground", "rockets", s => s.Rockets.OpenGround),
            new("rockets.fell_short", "rockets", s => s.Rockets.FellShort),
            new("rockets.fell_short_fraction", "fraction", s => Ratio(s.Rockets.FellShort, s.Rockets.Launched)),
            new("rockets.intercepted", "rockets", s => s.Rockets.Intercepted),
            new("rockets.leakers", "rockets", s => s.Rockets.Leakers),
        ];
        AddAlerts(all, "alerts", s => s.Alerts);
        AddAlerts(all, "alerts_zone_baseline", s => s.AlertsZoneBaseline);
        all.AddRange(
        [
            new("defense.interceptors_fired", "interceptors", s => s.Defense.InterceptorsFired),
            new("defense.engaged_threats", "rockets", s => s.Defense.EngagedThreats),
            new("defense.wasted_interceptors", "interceptors", s => s.Defense.WastedInterceptors),
            new("defense.interceptor_cost_usd", "USD", s => s.Defense.InterceptorCostUsd),
            new("defense.interceptors_per_kill", "interceptors", s => s.Rockets.Intercepted is > 0 && s.Defense.InterceptorsFired is int fired ? (double)fired / s.Rockets.Intercepted.Value : null),
            new("tracking.median_time_to_confirm_s", "s", s => s.Tracking.MedianTimeToConfirmS),
            new("tracking.rockets_tracked", "rockets", s => s.Tracking.RocketsTracked),
            new("tracking.confirmed_tracks", "tracks", s => s.Tracking.ConfirmedTracks),
            new("tracking.false_tracks", "tracks", s => s.Tracking.FalseTracks),
            new("tracking.false_tracks_per_hour", "tracks/h", s => s.Tracking.FalseTracksPerHour),
            new("tracking.track_breaks", "breaks", s => s.Tracking.TrackBreaks),
            new("tracking.forecasts", "forecasts", s => s.Tracking.Forecasts),
            new("tracking.forecast_containment_99", "fraction", s => s.Tracking.ForecastContainment99),
            new("tracking.gospa_mean_m", "m", s => s.Tracking.GospaMeanM),
            new("run.simulated_s", "s", s => s.Run.SimulatedS),
            new("run.wall_s", "s", s => s.Run.WallS),
            new("run.speedup", "×", s => s.Run.Speedup),
            new("run.plots", "plots", s => s.Run.Plots),
            new("run.clutter_plots", "plots", s => s.Run.ClutterPlots),
            new("run.events", "events", s => s.Run.Events),
        ]);
        return all;
    }

    private static void AddAlerts(List<CampaignMetric> all, string group, Func<RunSummary, AlertMetrics?> pick)
    {
        all.AddRange(
        [
            new($"{group}.threats_on_time", "rockets", s => pick(s)?.ThreatsOnTime),
            new($"{group}.threats_late", "rockets", s => pick(s)?.ThreatsLate),
            new($"{group}.threats_missed", "rockets", s => pick(s)?.ThreatsMissed),
            new($"{group}.achievable_threats", "rockets", s => pick(s)?.AchievableThreats),
            new($"{group}.achievable_on_time", "rockets", s => pick(s)?.AchievableOnTime),
            new($"{group}.achievable_unseen_by_deadline", "rockets", s => pick(s)?.AchievableUnseenByDeadline),
            new($"{group}.achievable_untracked_by_deadline", "rockets", s => pick(s)?.AchievableUntrackedByDeadline),
            new($"{group}.achievable_on_time_fraction", "fraction", s => pick(s) is { AchievableOnTime: int ok, AchievableThreats: > 0 } a ? (double)ok / a.AchievableThreats : null),
            new($"{group}.area_alerts", "area alerts", s => pick(s)?.AreaAlerts),
            new($"{group}.unneeded_area_alerts", "area alerts", s => pick(s)?.UnneededAreaAlerts),
            new($"{group}.unneeded_area_alerts_per_rocket", "area alerts/rocket", s => pick(s)?.UnneededAreaAlertsPerRocket),
            new($"{group}.alerted_km2", "km²", s => pick(s)?.AlertedKm2),
            new($"{group}.alerted_km2_per_rocket", "km²/rocket", s => pick(s)?.AlertedKm2PerRocket),
            new($"{group}.median_lead_s", "s", s => pick(s)?.MedianLeadS),
            new($"{group}.pre_alerts_per_rocket", "area pre-alerts/rocket", s => pick(s)?.PreAlertsPerRocket),
        ]);
    }

    private static double? Ratio(int part, int whole) => whole > 0 ? (double)part / whole : null;
}
