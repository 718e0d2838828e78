using Dome.Defense;
using Dome.Defense.Engagement;
using Dome.Defense.Prediction;
using Dome.Model.Areas;
using Dome.Simulation.World;

namespace Dome.Simulation.Scoring;

/// <summary>
/// Scores a run against its truth with the definitions of DESIGN.md ("Metrics"). Pure: the same result gives the same
/// summary.
/// </summary>
public static class Scorer
{
    /// <summary>People stay in shelter this long after an area's alert, s (DESIGN.md: ten minutes).</summary>
    public const double ShelterSeconds = 600;

    public static (RunSummary Summary, IReadOnlyList<RocketOutcome> Outcomes) Score(RunResult result, AlertAreaMap areas)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(areas);
        IReadOnlyList<RocketTruth> rockets = result.Rockets;
        (AlertMetrics alertMetrics, List<RocketOutcome> outcomes) = ScoreAlerts(rockets, result.Alerts, areas, result.Capabilities.Alerting);
        Dictionary<int, double> confirmed = FirstConfirmedTracks(result);
        (alertMetrics, outcomes) = WithSensorTruth(alertMetrics, outcomes, rockets, result.FirstPlots, confirmed);
        if (result.Scenario.Alerting.PreAlert && result.Capabilities.Alerting)
        {
            alertMetrics = alertMetrics with { PreAlerts = result.PreAlerts.Count, PreAlertsPerRocket = rockets.Count > 0 ? (double)result.PreAlerts.Count / rockets.Count : null };
        }
        AlertMetrics? baseline = null;
        if (result.BaselineAlerts.Count > 0)
        {
            (AlertMetrics b, List<RocketOutcome> o) = ScoreAlerts(rockets, result.BaselineAlerts, areas, true);
            baseline = WithSensorTruth(b, o, rockets, result.FirstPlots, confirmed).Metrics;
        }

        int launched = rockets.Count;
        int threats = rockets.Count(r => r.Class == ImpactClass.Threat);

        bool engagement = result.Capabilities.Engagement;
        DefenseMetrics defense = engagement ? EngagementScore(result) : new DefenseMetrics(null, null, null, null);
        int? intercepted = engagement ? result.Killed.Count : null;
        int? leakers = engagement ? rockets.Count(r => r.Class == ImpactClass.Threat && !result.Killed.ContainsKey(r.Id)) : null;

        RunSummary summary = new(
            result.Scenario.Name,
            result.Seed,
            result.Scenario.Hash,
            new ComponentPresence(result.Capabilities.Tracking, result.Capabilities.Alerting, result.Capabilities.Engagement),
            new RocketCounts(launched, threats, rockets.Count(r => r.Class == ImpactClass.OpenGround), rockets.Count(r => r.Class == ImpactClass.Short), intercepted, leakers),
            alertMetrics,
            defense,
            result.Capabilities.Tracking ? TrackingScore(result, confirmed) : new TrackingMetrics(null),
            new RunFigures(result.SimulatedSeconds, result.WallSeconds, result.WallSeconds > 0 ? result.SimulatedSeconds / result.WallSeconds : 0, result.Plots, result.ClutterPlots, result.Events))
        {
            AlertsZoneBaseline = baseline,
        };
        return (summary, outcomes);
    }

    /// <summary>Why a leaker was not intercepted: the keys of <see cref="DefenseMetrics.LeakerReasons"/>.</summary>
    public static class LeakerReason
    {
        public const string EngagedMissed = "engaged_missed";
        public const string MissedNoTimeLeft = "missed_no_time_to_reengage";
        public const string NotTracked = "not_tracked";
        public const string NotWorth = "not_worth_an_interceptor";
        public const string Waiting = "window_closed_while_waiting";
        public const string OutsideEnvelope = "outside_envelope";
        public const string NoInterceptor = "no_interceptor_available";
        public const string NotConsidered = "no_forecast_in_time";

        /// <summary>The reason in words, for tables.</summary>
        public static string Describe(string reason) => reason switch
        {
            EngagedMissed => "engaged, every interceptor missed",
            MissedNoTimeLeft => "missed, no time left to re-engage",
            NotTracked => "never a confirmed track",
            NotWorth => "forecast not worth an interceptor",
            Waiting => "waited for a sharper forecast; window closed",
            OutsideEnvelope => "outside every battery's envelope",
            NoInterceptor => "no loaded launcher or free guidance channel",
            NotConsidered => "no forecast in time",
            _ => reason,
        };
    }

    /// <summary>The engagement metrics of a run with a battle manager.</summary>
    public static DefenseMetrics EngagementScore(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyList<RocketTruth> rockets = result.Rockets;
        IReadOnlyList<InterceptorRecord> fired = result.Interceptors;
        int Origin(int trackId) => result.TrackOrigins.GetValueOrDefault(trackId);
        HashSet<int> engaged = [.. fired.Select(i => Origin(i.TrackId)).Where(id => id != 0)];
        int engagedThreats = engaged.Count(id => rockets[id - 1].Class == ImpactClass.Threat);
        int wasted = fired.Count(i => Origin(i.TrackId) is int id && (id == 0 || rockets[id - 1].Class != ImpactClass.Threat));
        int interceptedEngagedThreats = engaged.Count(id => rockets[id - 1].Class == ImpactClass.Threat && result.Killed.ContainsKey(id));
        int kills = fired.Count(i => i.Outcome == InterceptorOutcome.Kill);
        int reached = kills + fired.Count(i => i.Outcome == InterceptorOutcome.Miss);
        List<double> misses = [.. fired.Where(i => i.Outcome is InterceptorOutcome.Kill or InterceptorOutcome.Miss && i.MissDistanceMeters is not null).Select(i => i.MissDistanceMeters!.Value).Order()];
        int crossing = rockets.Count(r => r.Class != ImpactClass.Short);

        Dictionary<int, List<int>> tracksOf = [];
        foreach ((int track, int origin) in result.TrackOrigins)
        {
            (tracksOf.TryGetValue(origin, out List<int>? list) ? list : tracksOf[origin] = []).Add(track);
        }

        Dictionary<int, int> forecastsPerTrack = result.Forecasts.GroupBy(f => f.TrackId).ToDictionary(g => g.Key, g => g.Count());
        HashSet<int> confirmed = [.. result.Tracks.Select(c => c.TrackId)];
        Dictionary<string, int> reasons = [];
        foreach (RocketTruth r in rockets.Where(r => r.Class == ImpactClass.Threat && !result.Killed.ContainsKey(r.Id)))
        {
            string reason;
            if (!tracksOf.TryGetValue(r.Id, out List<int>? tracks) || !tracks.Any(confirmed.Contains))
            {
                reason = LeakerReason.NotTracked;
            }
            else
            {
                // The rocket's main track (the one forecast most often) carries the battle manager's word on it.
                int main = tracks.OrderByDescending(t => forecastsPerTrack.GetValueOrDefault(t)).ThenBy(t => t).First();
                bool shotAt = engaged.Contains(r.Id);
                reason = !result.EngagementNotes.TryGetValue(main, out EngagementNote note) ? (shotAt ? LeakerReason.EngagedMissed : LeakerReason.NotConsidered) : note switch
                {
                    // After a miss, the battle manager's last word says why no further shot followed.
                    EngagementNote.NoInterceptorAvailable => LeakerReason.NoInterceptor,
                    EngagementNote.OutsideEnvelope when shotAt => LeakerReason.MissedNoTimeLeft,
                    _ when shotAt => LeakerReason.EngagedMissed,
                    EngagementNote.Waiting => LeakerReason.Waiting,
                    EngagementNote.OutsideEnvelope => LeakerReason.OutsideEnvelope,
                    EngagementNote.NotWorthAnInterceptor => LeakerReason.NotWorth,
                    _ => LeakerReason.NotConsidered,
                };
            }

            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }

        return new DefenseMetrics(fired.Count, engagedThreats, wasted, fired.Count * result.Scenario.Engagement.InterceptorCostUsd)
        {
            EngagedRockets = engaged.Count,
            EngagedShareOfCrossing = crossing > 0 ? (double)engaged.Count / crossing : null,
            InterceptionRate = engagedThreats > 0 ? (double)interceptedEngagedThreats / engagedThreats : null,
            InterceptorsPerKill = result.Killed.Count > 0 ? (double)fired.Count / result.Killed.Count : null,
            SingleShotKillRate = reached > 0 ? (double)kills / reached : null,
            PlannedKillProbabilityMean = fired.Count > 0 ? fired.Average(i => i.PlannedKillProbability) : null,
            MedianMissM = misses.Count > 0 ? misses[misses.Count / 2] : null,
            LeakerReasons = new SortedDictionary<string, int>(reasons, StringComparer.Ordinal),
            Batteries = [.. result.Scenario.Batteries.Select(b => new BatteryFigures(b.Id, b.Inventory,
                fired.Count(i => i.BatteryId == b.Id), fired.Count(i => i.BatteryId == b.Id && i.Outcome == InterceptorOutcome.Kill)))],
        };
    }

    /// <summary>
    /// Adds when a radar first saw each rocket and when a confirmed track first followed it (both from launch), and
    /// counts the achievable threats warned late or missed that no radar had seen, or no confirmed track followed, by
    /// their deadline (T − countdown).
    /// </summary>
    public static (AlertMetrics Metrics, List<RocketOutcome> Outcomes) WithSensorTruth(AlertMetrics metrics, List<RocketOutcome> outcomes,
        IReadOnlyList<RocketTruth> rockets, IReadOnlyDictionary<int, double> firstPlots, IReadOnlyDictionary<int, double> firstConfirmed)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(rockets);
        ArgumentNullException.ThrowIfNull(firstPlots);
        ArgumentNullException.ThrowIfNull(firstConfirmed);
        Dictionary<int, RocketTruth> byId = rockets.ToDictionary(r => r.Id);
        int unseen = 0, untracked = 0;
        List<RocketOutcome> result = new(outcomes.Count);
        foreach (RocketOutcome o in outcomes)
        {
            RocketTruth r = byId[o.RocketId];
            double? seen = firstPlots.TryGetValue(r.Id, out double t) ? t : null;
            double? confirmed = firstConfirmed.TryGetValue(r.Id, out double c) ? c : null;
            result.Add(o with { FirstPlotAfterLaunchS = seen - r.LaunchTimeSeconds, ConfirmedAfterLaunchS = confirmed - r.LaunchTimeSeconds });
            if (r.Achievable && r.Area is { } area && o.Alert is AlertOutcome.Late or AlertOutcome.Missed)
            {
                double deadline = r.ImpactTimeSeconds - area.CountdownSeconds;
                unseen += seen is null || seen > deadline ? 1 : 0;
                untracked += confirmed is null || confirmed > deadline ? 1 : 0;
            }
        }

        return (metrics.ThreatsOnTime is null ? metrics : metrics with { AchievableUnseenByDeadline = unseen, AchievableUntrackedByDeadline = untracked }, result);
    }

    /// <summary>Each rocket's first confirmed track (rocket id → confirmation time): a track belongs to the rocket most of its plots came from.</summary>
    public static Dictionary<int, double> FirstConfirmedTracks(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Dictionary<int, double> first = [];
        foreach (TrackReport t in result.Tracks)
        {
            if (result.TrackOrigins.TryGetValue(t.TrackId, out int rocket) && rocket != 0
                && (!first.TryGetValue(rocket, out double at) || t.ConfirmedAtSeconds < at))
            {
                first[rocket] = t.ConfirmedAtSeconds;
            }
        }

        return first;
    }

    /// <summary>The alert metrics of one set of alerts against the truth; with <paramref name="alerting"/> false, only what truth alone gives.</summary>
    public static (AlertMetrics Metrics, List<RocketOutcome> Outcomes) ScoreAlerts(IReadOnlyList<RocketTruth> rockets, IReadOnlyList<AlertIssued> issued, AlertAreaMap areas, bool alerting)
    {
        ArgumentNullException.ThrowIfNull(rockets);
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(areas);
        Dictionary<int, List<double>> alertsByArea = issued
            .GroupBy(a => a.AreaId)
            .ToDictionary(g => g.Key, g => g.Select(a => a.TimeSeconds).Order().ToList());
        List<RocketOutcome> outcomes = new(rockets.Count);
        List<double> leads = [];
        List<double> leadMinusCountdown = [];
        int onTime = 0, late = 0, missed = 0, achievable = 0, achievableOnTime = 0;
        foreach (RocketTruth r in rockets)
        {
            if (r.Area is null)
            {
                outcomes.Add(new RocketOutcome(r.Id, AlertOutcome.NotAThreat, null));
                continue;
            }

            achievable += r.Achievable ? 1 : 0;
            if (!alerting)
            {
                outcomes.Add(new RocketOutcome(r.Id, AlertOutcome.NotScored, null));
                continue;
            }

            (AlertOutcome outcome, double? lead) = Outcome(r.ImpactTimeSeconds, r.Area.CountdownSeconds, alertsByArea.GetValueOrDefault(r.Area.Id));
            outcomes.Add(new RocketOutcome(r.Id, outcome, lead));
            switch (outcome)
            {
                case AlertOutcome.OnTime:
                    onTime++;
                    achievableOnTime += r.Achievable ? 1 : 0;
                    break;
                case AlertOutcome.Late:
                    late++;
                    break;
                default:
                    missed++;
                    break;
            }

            if (lead is double l)
            {
                leads.Add(l);
                leadMinusCountdown.Add(l - r.Area.CountdownSeconds);
            }
        }

        int launched = rockets.Count;
        if (!alerting)
        {
            return (new AlertMetrics(null, null, null, achievable, null, null, null, null, null, null, null, null), outcomes);
        }

        ILookup<int, double> impactsByArea = rockets.Where(r => r.Area is not null).ToLookup(r => r.Area!.Id, r => r.ImpactTimeSeconds);
        int unneeded = issued.Count(a => !impactsByArea[a.AreaId].Any(t => t >= a.TimeSeconds && t <= a.TimeSeconds + ShelterSeconds));
        double alertedKm2 = issued.Sum(a => areas.FindById(a.AreaId)?.AreaSquareKilometers ?? 0);
        return (new AlertMetrics(
            onTime,
            late,
            missed,
            achievable,
            achievableOnTime,
            issued.Count,
            unneeded,
            launched > 0 ? (double)unneeded / launched : null,
            alertedKm2,
            launched > 0 ? alertedKm2 / launched : null,
            leads.Count > 0 ? Median(leads) : null,
            [.. leadMinusCountdown.Order()]), outcomes);
    }

    /// <summary>
    /// The alert outcome of one threat, from the issue times of its area's alerts (sorted). On time: an alert issued at
    /// t ≤ T − countdown and still active at T (lead = T − the latest such t); late: otherwise an alert issued in
    /// (T − countdown, T] (lead = T − the earliest such t); missed: neither.
    /// </summary>
    public static (AlertOutcome Outcome, double? LeadSeconds) Outcome(double impactSeconds, int countdownSeconds, IReadOnlyList<double>? alertTimes)
    {
        if (alertTimes is null)
        {
            return (AlertOutcome.Missed, null);
        }

        double? onTime = null, late = null;
        foreach (double t in alertTimes)
        {
            if (t > impactSeconds)
            {
                break;
            }

            if (t <= impactSeconds - countdownSeconds && impactSeconds - t <= ShelterSeconds)
            {
                onTime = t;
            }
            else if (t > impactSeconds - countdownSeconds)
            {
                late ??= t;
            }
        }

        if (onTime is double o)
        {
            return (AlertOutcome.OnTime, impactSeconds - o);
        }

        return late is double l ? (AlertOutcome.Late, impactSeconds - l) : (AlertOutcome.Missed, null);
    }

    /// <summary>Forecast ages (s after launch) at which the report gives the miss distance.</summary>
    public static IReadOnlyList<double> ForecastAges { get; } = [3, 5, 10, 20, 30];

    /// <summary>χ²₂ quantile for 99% containment of a bivariate normal: −2 ln 0.01.</summary>
    private static readonly double Chi2For99 = -2 * Math.Log(0.01);

    /// <summary>
    /// Every forecast the core made, beside the truth of the rocket its track followed (the track's origin: the rocket
    /// most of its plots came from; none for a track of clutter): its age since that rocket's launch, the miss from the
    /// forecast point to the truth impact, the truth's squared Mahalanobis distance in the forecast's ground covariance
    /// (χ²₂ if the forecast is honest) and the impact-time error. The scorer's view, never the core's.
    /// </summary>
    public static IReadOnlyList<ScoredForecast> ForecastsAgainstTruth(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Dictionary<int, RocketTruth> byId = result.Rockets.ToDictionary(r => r.Id);
        List<ScoredForecast> scored = new(result.Forecasts.Count);
        foreach (ImpactForecast f in result.Forecasts)
        {
            if (!byId.TryGetValue(result.TrackOrigins.GetValueOrDefault(f.TrackId), out RocketTruth? r))
            {
                scored.Add(new ScoredForecast(f, null, null, null, null, null, null));
                continue;
            }

            Dome.Model.Geodesy.LocalFrame frame = new(f.ImpactPoint);
            Dome.Model.Geodesy.EnuVector offset = frame.ToEnu(r.ImpactPoint);
            double bearing = (Math.Atan2(offset.East, offset.North) * 180 / Math.PI + 360) % 360;
            scored.Add(new ScoredForecast(f, r, f.TimeSeconds - r.LaunchTimeSeconds, offset.HorizontalLength, bearing,
                f.MahalanobisSquared(offset.East, offset.North), f.ImpactTimeSeconds - r.ImpactTimeSeconds));
        }

        return scored;
    }

    private static TrackingMetrics TrackingScore(RunResult result, IReadOnlyDictionary<int, double> firstConfirmed)
    {
        Dictionary<int, RocketTruth> byId = result.Rockets.ToDictionary(r => r.Id);
        IReadOnlyDictionary<int, int> origins = result.TrackOrigins;
        List<TrackReport> confirmed = [.. result.Tracks];
        int falseTracks = confirmed.Count(t => origins.GetValueOrDefault(t.TrackId) == 0);
        Dictionary<int, List<TrackReport>> byRocket = confirmed
            .Where(t => origins.GetValueOrDefault(t.TrackId) != 0)
            .GroupBy(t => origins[t.TrackId])
            .ToDictionary(g => g.Key, g => g.ToList());
        List<double> toConfirm = [.. firstConfirmed.Select(kv => kv.Value - byId[kv.Key].LaunchTimeSeconds)];
        int breaks = byRocket.Values.Sum(list => list.Count - 1);

        // Forecast miss against age: for each rocket, the latest forecast made no later than the age.
        List<(RocketTruth Rocket, ImpactForecast Forecast, double Age, double Miss, bool Contained)> scored = [.. ForecastsAgainstTruth(result)
            .Where(s => s.Rocket is not null)
            .Select(s => (s.Rocket!, s.Forecast, s.AgeSeconds!.Value, s.MissMeters!.Value, s.GroundD2!.Value <= Chi2For99))];

        List<ForecastMissAtAge> ages = [];
        foreach (double age in ForecastAges)
        {
            List<(double Miss, bool Contained)> latest = [.. scored
                .Where(s => s.Age <= age)
                .GroupBy(s => s.Rocket.Id)
                .Select(g => g.MaxBy(s => s.Age))
                .Select(s => (s.Miss, s.Contained))];
            if (latest.Count > 0)
            {
                List<double> misses = [.. latest.Select(l => l.Miss).Order()];
                ages.Add(new ForecastMissAtAge(age, latest.Count, Median(misses), misses[Math.Min(misses.Count - 1, (int)Math.Ceiling(0.95 * misses.Count) - 1)], latest.Count(l => l.Contained) / (double)latest.Count));
            }
        }

        double hours = result.SimulatedSeconds / 3600;
        return new TrackingMetrics(
            toConfirm.Count > 0 ? Median(toConfirm) : null,
            byRocket.Count,
            confirmed.Count,
            falseTracks,
            hours > 0 ? falseTracks / hours : null,
            breaks,
            scored.Count,
            scored.Count > 0 ? scored.Count(s => s.Contained) / (double)scored.Count : null,
            ages,
            result.Gospa.Count > 0 ? result.Gospa.Average(g => g.GospaMeters) : null,
            result.Gospa.Count > 0 ? result.Gospa.Average(g => g.LocalisationMeters) : null,
            result.Gospa.Count > 0 ? result.Gospa.Average(g => g.Missed) : null,
            result.Gospa.Count > 0 ? result.Gospa.Average(g => g.False) : null);
    }

    private static double Median(List<double> values)
    {
        List<double> sorted = [.. values.Order()];
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }
}
