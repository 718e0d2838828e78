using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dome.Model.Areas;
using Dome.Model.Atmosphere;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;
using YamlDotNet.RepresentationModel;

namespace Dome.Simulation.Scenarios;

/// <summary>
/// Loads and validates scenario files (YAML). Every field carries its unit in its name (<c>_s</c>, <c>_m</c>,
/// <c>_deg</c>, <c>_mrad</c>, <c>_m_s</c>); unknown keys, missing fields, wrong types and impossible values are errors
/// that name the file, line and column. The format is documented in the README.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>The folder of built-in scenarios: <c>scenarios/</c> beside the program.</summary>
    public static string BuiltInDirectory => Path.Combine(AppContext.BaseDirectory, "scenarios");

    /// <summary>The names of the built-in scenarios.</summary>
    public static IReadOnlyList<string> BuiltInNames =>
        Directory.Exists(BuiltInDirectory)
            ? [.. Directory.EnumerateFiles(BuiltInDirectory, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Loads a built-in scenario by name, or a file by path.</summary>
    /// <exception cref="ScenarioException">The file is missing or invalid.</exception>
    public static Scenario Load(string nameOrPath, AlertAreaMap? areas = null) => Load(nameOrPath, areas, []);

    /// <summary>Loads a built-in scenario or a file with some of its values overridden (see <see cref="ScenarioOverride"/>).</summary>
    /// <exception cref="ScenarioException">The file is missing or invalid, or an override does not fit it.</exception>
    public static Scenario Load(string nameOrPath, AlertAreaMap? areas, IReadOnlyList<ScenarioOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        string path = File.Exists(nameOrPath) ? nameOrPath : Path.Combine(BuiltInDirectory, nameOrPath + ".yaml");
        if (!File.Exists(path))
        {
            throw new ScenarioException(nameOrPath, 0, 0,
                $"no such scenario file or built-in scenario; built-in: {string.Join(", ", BuiltInNames)}");
        }

        byte[] bytes = File.ReadAllBytes(path);
        string display = File.Exists(nameOrPath) ? nameOrPath : Path.Combine("scenarios", nameOrPath + ".yaml");
        return Parse(display, bytes, areas, overrides) with { SourcePath = display };
    }

    /// <summary>Parses scenario text; <paramref name="file"/> names it in error messages.</summary>
    public static Scenario Parse(string file, byte[] utf8, AlertAreaMap? areas = null) => Parse(file, utf8, areas, []);

    /// <summary>Parses scenario text with some of its values overridden; <paramref name="file"/> names it in error messages.</summary>
    public static Scenario Parse(string file, byte[] utf8, AlertAreaMap? areas, IReadOnlyList<ScenarioOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(overrides);
        string text = Encoding.UTF8.GetString(utf8);
        YamlNode document = YamlFields.ParseDocument(file, text);
        ScenarioOverride.Apply(document, overrides);
        YamlFields root = new(document, file, "scenario");
        AlertAreaMap map = areas ?? AlertAreaMap.Default;

        string name = root.String("name");
        string description = root.String("description", "");
        YamlNode seedNode = root.Required("seed");
        if (seedNode is not YamlScalarNode { Value: { } seedText } || !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
        {
            throw root.Error(seedNode, "scenario.seed: expected a whole number ≥ 0");
        }

        YamlNode startNode = root.Required("start");
        DateTimeOffset start = ParseStart(root, startNode);
        double duration = root.Number("duration_s", 1, 14 * 86400, "seconds");
        bool skipIdle = root.Boolean("skip_idle", false);
        WindProfile wind = ParseWind(root, file);
        List<Salvo> threats = [.. root.Sequence("threats", required: true).Select((n, i) => ParseSalvo(n, file, $"threats[{i}]", map))];
        if (threats.Count == 0)
        {
            throw root.Error(root.Required("threats"), "scenario.threats: at least one salvo is needed");
        }

        List<RadarSite> radars = [.. root.Sequence("radars", required: false).Select((n, i) => ParseRadar(n, file, $"radars[{i}]"))];
        List<BatterySpec> batteries = [.. root.Sequence("batteries", required: false).Select((n, i) => ParseBattery(n, file, $"batteries[{i}]"))];
        CheckUniqueIds(root, "radars", radars.Select(r => r.Id));
        CheckUniqueIds(root, "batteries", batteries.Select(b => b.Id));
        (AlertPolicy alerting, TrackingPolicy tracking, EngagementPolicy engagement) = ParsePolicy(root, file);
        root.RejectUnknownKeys();

        foreach (Salvo salvo in threats)
        {
            if (salvo.TimeSeconds >= duration)
            {
                throw new ScenarioException(file, salvo.Line, 1, string.Create(CultureInfo.InvariantCulture,
                    $"salvo at time_s {salvo.TimeSeconds} starts after the scenario ends (duration_s {duration})"));
            }
        }

        return new Scenario
        {
            Name = name,
            Description = description,
            Seed = seed,
            Start = start,
            DurationSeconds = duration,
            Wind = wind,
            Threats = threats,
            Radars = radars,
            Batteries = batteries,
            SkipIdle = skipIdle,
            Alerting = alerting,
            Tracking = tracking,
            Engagement = engagement,
            Hash = Convert.ToHexStringLower(SHA256.HashData(utf8)),
            Overrides = overrides,
        };
    }

    private static DateTimeOffset ParseStart(YamlFields root, YamlNode node)
    {
        string text = (node as YamlScalarNode)?.Value ?? "";
        bool hasOffset = text.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d\d:\d\d$");
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset start))
        {
            throw root.Error(node, $"scenario.start: expected an ISO 8601 time with its offset, e.g. 2019-12-25T21:05:00+02:00; found '{text}'");
        }

        return start;
    }

    private static WindProfile ParseWind(YamlFields root, string file)
    {
        List<WindLevel> levels = [];
        foreach (YamlNode node in root.Sequence("wind", required: false))
        {
            YamlFields f = new(node, file, "wind level");
            levels.Add(new WindLevel(f.Number("altitude_m", -500, 100_000, "metres"), f.Number("speed_m_s", 0, 150, "m/s"), f.Number("from_deg", 0, 360, "degrees")));
            f.RejectUnknownKeys();
            if (levels.Count > 1 && levels.Take(levels.Count - 1).Any(l => l.AltitudeMeters == levels[^1].AltitudeMeters))
            {
                throw f.Error(node, "wind level: two levels at the same altitude_m");
            }
        }

        return levels.Count == 0 ? WindProfile.Calm : new WindProfile(levels);
    }

    private static Salvo ParseSalvo(YamlNode node, string file, string context, AlertAreaMap map)
    {
        YamlFields f = new(node, file, context);
        YamlNode rocketNode = f.Required("rocket");
        string rocketId = f.String("rocket");
        RocketType rocket = RocketCatalog.Find(rocketId)
            ?? throw f.Error(rocketNode, $"{context}.rocket: unknown rocket type '{rocketId}'; known types: {string.Join(", ", RocketCatalog.All.Select(t => t.Id))}");

        GeoPoint? launch = null;
        LaunchRegion? region = null;
        if (f.ExactlyOne("launch", "a point", "launch_region", "a circle") is { } launchNode)
        {
            launch = ParsePoint(launchNode, file, $"{context}.launch");
        }
        else
        {
            YamlFields r = new(f.Required("launch_region"), file, $"{context}.launch_region");
            region = new LaunchRegion(new GeoPoint(r.Number("lat", -90, 90, "degrees"), r.Number("lon", -180, 180, "degrees")), r.Number("radius_m", 0, 100_000, "metres"));
            r.RejectUnknownKeys();
        }

        GeoPoint? aim = null;
        AlertArea? aimArea = null;
        if (f.ExactlyOne("aim", "a point", "aim_area", "an alert area's name or id") is { } aimNode)
        {
            aim = ParsePoint(aimNode, file, $"{context}.aim");
        }
        else
        {
            YamlNode areaNode = f.Required("aim_area");
            string areaName = f.String("aim_area");
            aimArea = map.Find(areaName) ?? throw f.Error(areaNode, $"{context}.aim_area: no alert area is named '{areaName}' (use the English or Hebrew name, or the id, as 'dome areas list' shows)");
            if (aimArea.Polygon is null)
            {
                throw f.Error(areaNode, $"{context}.aim_area: area '{areaName}' has no polygon to aim at");
            }
        }

        string arcText = f.String("arc", rocket.IsGunLaunched ? "high" : "low");
        YamlNode? arcNode = f.Optional("arc");
        TrajectoryArc arc = arcText switch
        {
            "low" => TrajectoryArc.Low,
            "high" => TrajectoryArc.High,
            _ => throw f.Error(arcNode!, $"{context}.arc: expected low or high, found '{arcText}'"),
        };

        int count = f.Integer("count", 1, 100_000);
        Salvo salvo = new()
        {
            TimeSeconds = f.Number("time_s", 0, 14 * 86400, "seconds"),
            Count = count,
            Rocket = rocket,
            Launch = launch,
            LaunchRegion = region,
            Aim = aim,
            AimArea = aimArea,
            AimSpreadMeters = f.Number("aim_spread_m", 0, 50_000, "metres", 0),
            MotorFailureProbability = f.Number("motor_failure", 0, 1, "probability", 0),
            IntervalSeconds = f.Number("interval_s", 0, 3600, "seconds", count > 1 ? double.NaN : 0),
            Arc = arc,
            Line = f.Line,
        };
        if (double.IsNaN(salvo.IntervalSeconds))
        {
            throw f.Error(node, $"{context}: required field 'interval_s' is missing (a salvo of {count} rounds needs the time between rounds)");
        }

        f.RejectUnknownKeys();
        return salvo;
    }

    private static GeoPoint ParsePoint(YamlNode node, string file, string context)
    {
        YamlFields p = new(node, file, context);
        GeoPoint point = new(p.Number("lat", -90, 90, "degrees"), p.Number("lon", -180, 180, "degrees"), p.Number("height_m", -500, 10_000, "metres", 0));
        p.RejectUnknownKeys();
        return point;
    }

    private static RadarSite ParseRadar(YamlNode node, string file, string context)
    {
        YamlFields f = new(node, file, context);
        RadarSite radar = new()
        {
            Id = f.String("id"),
            Position = ParsePoint(f.Required("position"), file, $"{context}.position"),
            RevisitSeconds = f.Number("revisit_s", 0.05, 60, "seconds"),
            RangeSigmaMeters = f.Number("range_sigma_m", 0, 5000, "metres"),
            AzimuthSigmaMilliradians = f.Number("azimuth_sigma_mrad", 0, 100, "mrad"),
            ElevationSigmaMilliradians = f.Number("elevation_sigma_mrad", 0, 100, "mrad"),
            DetectionProbability = f.Number("detection_probability", 0.01, 1, ""),
            MinElevationDegrees = f.Number("min_elevation_deg", -2, 45, "degrees", 0.5),
            MaxRangeMeters = f.Number("max_range_m", 1000, 1_000_000, "metres"),
            ClutterPerScan = f.Number("clutter_per_scan", 0, 10_000, "false plots per scan", 0),
            // "null" (or ~) is a position-only radar, as when the key is absent: an override can turn the range rate off.
            RangeRateSigmaMetersPerSecond = f.Optional("range_rate_sigma_m_s") is null or YamlScalarNode { Value: "null" or "~" or "" }
                ? null : f.Number("range_rate_sigma_m_s", 0.01, 100, "m/s"),
        };
        if (f.Optional("track_revisit_s") is { } beams)
        {
            double t = f.Number("track_revisit_s", 0.05, 60, "seconds");
            double frames = radar.RevisitSeconds / t;
            if (frames < 1 - 1e-9 || Math.Abs(frames - Math.Round(frames)) > 1e-6)
            {
                throw f.Error(beams, string.Create(CultureInfo.InvariantCulture,
                    $"{context}.track_revisit_s: {t:R} s does not divide revisit_s ({radar.RevisitSeconds:R} s) a whole number of times"));
            }

            radar = radar with
            {
                TrackRevisitSeconds = t,
                TrackCapacity = f.Integer("track_capacity", 1, 1_000_000, int.MaxValue),
            };
        }
        else if (f.Optional("track_capacity") is { } capacity)
        {
            throw f.Error(capacity, $"{context}.track_capacity: needs track_revisit_s (a radar without track beams holds no target in track)");
        }

        f.RejectUnknownKeys();
        return radar;
    }

    private static BatterySpec ParseBattery(YamlNode node, string file, string context)
    {
        YamlFields f = new(node, file, context);
        BatterySpec battery = new()
        {
            Id = f.String("id"),
            Position = ParsePoint(f.Required("position"), file, $"{context}.position"),
            Launchers = f.Integer("launchers", 1, 20, 3),
            InterceptorsPerLauncher = f.Integer("interceptors_per_launcher", 1, 100, 20),
            ReloadSeconds = f.Number("reload_s", 0, 86400, "seconds", 900),
            GuidanceChannels = f.Integer("guidance_channels", 1, 100, 8),
        };
        f.RejectUnknownKeys();
        return battery;
    }

    private static (AlertPolicy, TrackingPolicy, EngagementPolicy) ParsePolicy(YamlFields root, string file)
    {
        AlertPolicy alerting = new();
        TrackingPolicy tracking = new();
        EngagementPolicy engagement = new();
        if (root.Optional("policy") is not { } node)
        {
            return (alerting, tracking, engagement);
        }

        YamlFields policy = new(node, file, "policy");
        if (policy.Optional("alerting") is { } a)
        {
            YamlFields f = new(a, file, "policy.alerting");
            double containment = f.Number("containment", 0.5, 0.999999, "probability", alerting.ContainmentProbability);
            alerting = new AlertPolicy(containment,
                f.Number("margin_s", 0, 60, "seconds", alerting.MarginSeconds), f.Boolean("pre_alert", alerting.PreAlert),
                f.Number("min_area_probability", 0, 0.5, "probability", alerting.MinAreaProbability),
                f.Number("impact_time_sigmas", 0, 5, "standard deviations", alerting.ImpactTimeSigmas),
                f.Number("impact_time_advance_max_s", 0, 60, "seconds", alerting.MaxImpactTimeAdvanceSeconds),
                f.Boolean("conditional_impact_time", alerting.ConditionalImpactTime),
                f.Number("residual_probability", 0, 0.5, "probability", alerting.ResidualProbability),
                f.Boolean("burn_envelope", alerting.BurnEnvelope),
                f.Number("core_containment", 0, containment, "probability", alerting.CoreContainment),
                f.Number("envelope_residual_probability", 0, 0.5, "probability", alerting.EnvelopeResidualProbability),
                f.Number("jump_chi_squared", 0, 1000, "χ²", alerting.JumpChiSquared),
                f.Number("jump_settled_s", 0, 600, "seconds", alerting.JumpSettledSeconds),
                f.Boolean("envelope_burn_from_speed", alerting.EnvelopeBurnFromSpeed),
                f.Boolean("envelope_core", alerting.EnvelopeCore),
                f.Boolean("core_only_adds", alerting.CoreOnlyAdds),
                f.Number("envelope_young_angle_sigmas", 0, 1, "standard deviations", alerting.EnvelopeYoungAngleSigmas));
            f.RejectUnknownKeys();
        }

        if (policy.Optional("tracking") is { } tr)
        {
            YamlFields f = new(tr, file, "policy.tracking");
            int hits = f.Integer("confirmation_hits", 2, 20, tracking.ConfirmationHits);
            tracking = new TrackingPolicy(hits, f.Integer("quick_confirmation_hits", 2, hits, Math.Min(hits, tracking.QuickConfirmationHits)),
                f.Number("quick_confirmation_window_s", 0, 10, "seconds", tracking.QuickConfirmationWindowSeconds),
                f.Boolean("dwell_confirmation", tracking.DwellConfirmation), f.Boolean("hold_while_burning", tracking.HoldWhileBurning),
                f.Boolean("merge_twins", tracking.MergeTwins),
                f.Number("sigma_point_time_ratio", 0, 1e6, "ratio", tracking.SigmaPointTimeRatio),
                f.Number("hold_boost_probability", 0, 1, "probability", tracking.HoldBoostProbability),
                f.Number("boost_cross_acceleration_sigma", 0, 1000, "m/s²", tracking.BoostCrossAccelerationSigma),
                f.Number("long_burn_s", 0, 10, "seconds", tracking.LongBurnSeconds),
                f.Number("long_burn_max_acceleration", 0, 2000, "m/s²", tracking.LongBurnMaxAcceleration),
                f.Number("plot_wait_revisits", 0, 100, "revisits", tracking.PlotWaitRevisits),
                f.Number("initiation_range_rate_sigmas", 0, 100, "standard deviations", tracking.InitiationRangeRateSigmas));
            f.RejectUnknownKeys();
        }

        if (policy.Optional("engagement") is { } e)
        {
            YamlFields f = new(e, file, "policy.engagement");
            InterceptorType interceptor = engagement.Interceptor;
            if (f.Optional("interceptor") is { } interceptorNode)
            {
                string id = f.String("interceptor");
                interceptor = InterceptorCatalog.Find(id)
                    ?? throw f.Error(interceptorNode, $"policy.engagement.interceptor: unknown interceptor '{id}'; known: {string.Join(", ", InterceptorCatalog.All.Select(t => t.Id))}");
            }

            engagement = new EngagementPolicy(f.Integer("interceptors_per_threat", 1, 4, engagement.InterceptorsPerThreat),
                f.Number("interceptor_cost_usd", 0, 10_000_000, "US dollars", engagement.InterceptorCostUsd),
                f.Number("cost_weight", 0, 1000, "", engagement.CostWeight))
            {
                Interceptor = interceptor,
                ProtectedValueUsd = f.Number("protected_value_usd", 0, 1e10, "US dollars", engagement.ProtectedValueUsd),
                ConfidentProbability = f.Number("confident_probability", 0, 1, "probability", engagement.ConfidentProbability),
                Enabled = f.Boolean("enabled", engagement.Enabled),
            };
            f.RejectUnknownKeys();
        }

        policy.RejectUnknownKeys();
        return (alerting, tracking, engagement);
    }

    private static void CheckUniqueIds(YamlFields root, string key, IEnumerable<string> ids)
    {
        string? duplicate = ids.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw root.Error(root.Required(key), $"scenario.{key}: id '{duplicate}' is used twice");
        }
    }
}
