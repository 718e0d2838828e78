using System.Globalization;
using System.Text;
using System.Text.Json;
using Dome.Defense;
using Dome.Defense.Alerting;
using Dome.Defense.Prediction;
using Dome.Model.Areas;
using Dome.Model.Geodesy;
using Dome.Simulation.Scoring;
using Dome.Simulation.World;
using NetTopologySuite.Geometries;
using ScottPlot;

namespace Dome.Simulation.Reporting;

/// <summary>
/// Writes a run's report folder: <c>summary.json</c>, <c>rockets.csv</c>, GeoJSON of trajectories, impacts and alerted
/// areas, and PNG plots. A plot whose component does not exist yet (alerting, engagement) is not drawn; the summary says
/// which components were present.
/// </summary>
public static class RunReportWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <summary>Writes every file; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string directory, RunResult result, RunSummary summary, IReadOnlyList<RocketOutcome> outcomes, AlertAreaMap areas)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(areas);
        ReportFolder folder = new(directory);
        string Path(string name) => folder.Path(name);

        File.WriteAllText(Path("summary.json"), ReportJson.Serialize(summary) + "\n", Utf8NoBom);
        WriteRocketsCsv(Path("rockets.csv"), result, outcomes);
        if (result.Forecasts.Count > 0)
        {
            WriteForecastsCsv(Path("forecasts.csv"), result);
        }
        WriteTrajectories(Path("trajectories.geojson"), result);
        WriteImpacts(Path("impacts.geojson"), result);
        WriteAlertedAreas(Path("alerted-areas.geojson"), result, areas);
        if (result.Capabilities.Alerting)
        {
            WriteFeeds(Path("AlertsHistory.json"), Path("alerts-timeline.jsonl"), Path("cap"), result, areas);
        }

        WriteMap(Path("map.png"), result, areas);
        if (summary.Alerts.LeadMinusCountdownS is { Count: > 0 } leads)
        {
            WriteHistogram(Path("lead-minus-countdown.png"), leads);
        }

        return folder.Written;
    }

    private static void WriteRocketsCsv(string path, RunResult result, IReadOnlyList<RocketOutcome> outcomes)
    {
        StringBuilder csv = new();
        csv.AppendLine("rocket_id,salvo,rocket_type,launch_time_s,launch_lat,launch_lon,aim_lat,aim_lon,elevation_deg,azimuth_deg,thrust_factor,drag_factor,flight_time_s,apogee_m,impact_time_s,impact_lat,impact_lon,impact_class,area_id,area_name_en,countdown_s,achievable,alert_outcome,lead_s,first_plot_s,confirmed_s");
        Dictionary<int, RocketOutcome> byId = outcomes.ToDictionary(o => o.RocketId);
        foreach (RocketTruth r in result.Rockets)
        {
            RocketOutcome o = byId[r.Id];
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Id},{r.SalvoIndex},{r.Type.Id},{r.LaunchTimeSeconds:F3},{r.LaunchPoint.LatitudeDegrees:F6},{r.LaunchPoint.LongitudeDegrees:F6},{r.AimPoint.LatitudeDegrees:F6},{r.AimPoint.LongitudeDegrees:F6},{r.ElevationDegrees:F4},{r.AzimuthDegrees:F4},{r.ThrustFactor:F5},{r.DragFactor:F5},{r.FlightTimeSeconds:F3},{r.Trajectory.ApogeeHeightMeters:F1},{r.ImpactTimeSeconds:F3},{r.ImpactPoint.LatitudeDegrees:F6},{r.ImpactPoint.LongitudeDegrees:F6},{Snake(r.Class.ToString())},{r.Area?.Id.ToString(CultureInfo.InvariantCulture) ?? ""},{Csv.Field(r.Area?.NameEnglish ?? "")},{r.Area?.CountdownSeconds.ToString(CultureInfo.InvariantCulture) ?? ""},{(r.Area is null ? "" : r.Achievable ? "true" : "false")},{Snake(o.Alert.ToString())},{(o.LeadSeconds is double l ? l.ToString("F3", CultureInfo.InvariantCulture) : "")},{(o.FirstPlotAfterLaunchS is double f ? f.ToString("F3", CultureInfo.InvariantCulture) : "")},{(o.ConfirmedAfterLaunchS is double c ? c.ToString("F3", CultureInfo.InvariantCulture) : "")}"));
        }

        File.WriteAllText(path, csv.ToString(), Utf8NoBom);
    }

    /// <summary>
    /// Every forecast of the run beside the truth of the rocket its track followed (<see cref="Scorer.ForecastsAgainstTruth"/>):
    /// the file to read when a threat was warned late — was its area inside the forecast's region at its deadline, and by
    /// how many sigmas did the forecast miss.
    /// </summary>
    private static void WriteForecastsCsv(string path, RunResult result)
    {
        StringBuilder csv = new();
        csv.AppendLine("time_s,track_id,rocket_id,age_s,forecast_lat,forecast_lon,forecast_impact_time_s,sigma_east_m,sigma_north_m,rho_en,impact_time_sigma_s,truth_impact_lat,truth_impact_lon,truth_impact_time_s,miss_m,miss_bearing_deg,impact_time_error_s,ground_d2,truth_containment");
        foreach (ScoredForecast s in Scorer.ForecastsAgainstTruth(result))
        {
            ImpactForecast f = s.Forecast;
            double sigmaE = Math.Sqrt(f.EastVariance), sigmaN = Math.Sqrt(f.NorthVariance);
            double rho = sigmaE > 0 && sigmaN > 0 ? f.EastNorthCovariance / (sigmaE * sigmaN) : 0;
            csv.Append(string.Create(CultureInfo.InvariantCulture,
                $"{f.TimeSeconds:F3},{f.TrackId},{s.Rocket?.Id.ToString(CultureInfo.InvariantCulture) ?? ""},{Number(s.AgeSeconds, "F3")},{f.ImpactPoint.LatitudeDegrees:F6},{f.ImpactPoint.LongitudeDegrees:F6},{f.ImpactTimeSeconds:F3},{sigmaE:F1},{sigmaN:F1},{rho:F4},{f.ImpactTimeSigmaSeconds:F3},"));
            csv.AppendLine(s.Rocket is { } r
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{r.ImpactPoint.LatitudeDegrees:F6},{r.ImpactPoint.LongitudeDegrees:F6},{r.ImpactTimeSeconds:F3},{Number(s.MissMeters, "F1")},{Number(s.MissBearingDegrees, "F1")},{Number(s.ImpactTimeErrorSeconds, "F3")},{Number(s.GroundD2, "G6")},{Number(s.TruthContainment, "F6")}")
                : ",,,,,,,");
        }

        File.WriteAllText(path, csv.ToString(), Utf8NoBom);

        static string Number(double? value, string format) => value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "";
    }

    private static void WriteTrajectories(string path, RunResult result) => WriteFeatureCollection(path, json =>
    {
        foreach (RocketTruth r in result.Rockets)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("geometry");
            json.WriteString("type", "LineString");
            json.WriteStartArray("coordinates");
            double step = Math.Max(0.5, r.FlightTimeSeconds / 60);
            for (double t = 0; ; t = Math.Min(t + step, r.FlightTimeSeconds))
            {
                GeoPoint p = EcefPosition.FromVector(r.Trajectory.StateAt(t).Position).ToGeodetic();
                WritePosition(json, p, withHeight: true);
                if (t >= r.FlightTimeSeconds)
                {
                    break;
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteNumber("rocket_id", r.Id);
            json.WriteString("rocket_type", r.Type.Id);
            json.WriteNumber("launch_time_s", Math.Round(r.LaunchTimeSeconds, 3));
            json.WriteNumber("flight_time_s", Math.Round(r.FlightTimeSeconds, 3));
            json.WriteEndObject();
            json.WriteEndObject();
        }
    });

    private static void WriteImpacts(string path, RunResult result) => WriteFeatureCollection(path, json =>
    {
        foreach (RocketTruth r in result.Rockets)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WritePropertyName("coordinates");
            WritePosition(json, r.ImpactPoint, withHeight: false);
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteNumber("rocket_id", r.Id);
            json.WriteString("rocket_type", r.Type.Id);
            json.WriteNumber("impact_time_s", Math.Round(r.ImpactTimeSeconds, 3));
            json.WriteString("impact_class", Snake(r.Class.ToString()));
            if (r.Area is { } area)
            {
                json.WriteNumber("area_id", area.Id);
                json.WriteString("area_name_en", area.NameEnglish);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }
    });

    private static void WriteAlertedAreas(string path, RunResult result, AlertAreaMap areas) => WriteFeatureCollection(path, json =>
    {
        foreach (IGrouping<int, AlertIssued> group in result.Alerts.GroupBy(a => a.AreaId).OrderBy(g => g.Key))
        {
            AlertArea? area = areas.FindById(group.Key);
            if (area?.Polygon is not { } polygon)
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("geometry");
            json.WriteString("type", "Polygon");
            json.WriteStartArray("coordinates");
            json.WriteStartArray();
            foreach (Coordinate c in polygon.Shell.Coordinates)
            {
                json.WriteStartArray();
                json.WriteNumberValue(Math.Round(c.X, 6));
                json.WriteNumberValue(Math.Round(c.Y, 6));
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteNumber("area_id", area.Id);
            json.WriteString("name_he", area.NameHebrew);
            json.WriteString("name_en", area.NameEnglish);
            json.WriteNumber("countdown_s", area.CountdownSeconds);
            json.WriteStartArray("alert_times_s");
            foreach (AlertIssued a in group)
            {
                json.WriteNumberValue(Math.Round(a.TimeSeconds, 3));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }, result.Capabilities.Alerting ? null : "no alert planner in this run: no areas were alerted");

    /// <summary>
    /// The run's alerts in the Home Front Command's formats: AlertsHistory.json (every area alert, newest first) and a
    /// timeline of the Alerts.json bodies a poller would have seen, one line per moment that alerts were issued.
    /// </summary>
    private static void WriteFeeds(string historyPath, string timelinePath, string capFolder, RunResult result, AlertAreaMap areas)
    {
        DateTimeOffset start = result.Scenario.Start;
        IReadOnlyList<FeedMessage> messages = AlertLifecycle.Messages(result.Alerts, result.PreAlerts);
        File.WriteAllText(historyPath, HomeFrontFeeds.MessageHistory(messages.SelectMany(m => m.AreaIds
            .Select(areas.FindById).OfType<AlertArea>()
            .Select(a => (start.AddSeconds(m.TimeSeconds), m.Kind, a)))) + "\n", Utf8NoBom);

        StringBuilder timeline = new();
        Directory.CreateDirectory(capFolder);
        Dictionary<int, (string Identifier, DateTimeOffset Sent)> lastAlertOf = [];
        for (int i = 0; i < messages.Count; i++)
        {
            FeedMessage m = messages[i];
            DateTimeOffset issued = start.AddSeconds(m.TimeSeconds);
            List<AlertArea> named = [.. m.AreaIds.Select(areas.FindById).OfType<AlertArea>()];
            string body = HomeFrontFeeds.ActiveMessage(issued, m.Kind, named);
            string kind = m.Kind switch { FeedMessageKind.Alert => "alert", FeedMessageKind.PreAlert => "pre_alert", _ => "event_over" };
            timeline.Append(CultureInfo.InvariantCulture, $"{{\"t\":{Math.Round(m.TimeSeconds, 3).ToString(CultureInfo.InvariantCulture)},\"kind\":\"{kind}\",\"time\":\"{issued.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture)}\",\"alerts_json\":{body}}}\n");

            string identifier = string.Create(CultureInfo.InvariantCulture, $"dome-{result.Scenario.Name}-{result.Seed}-{i + 1:D5}");
            List<(string, DateTimeOffset)> references = m.Kind == FeedMessageKind.EventOver
                ? [.. m.AreaIds.Where(lastAlertOf.ContainsKey).Select(a => lastAlertOf[a]).Distinct()]
                : [];
            System.Xml.Linq.XDocument cap = CapAlerts.Build(m, issued, identifier, named, references);
            File.WriteAllText(System.IO.Path.Combine(capFolder, string.Create(CultureInfo.InvariantCulture, $"{i + 1:D5}-{kind.Replace('_', '-')}.xml")), CapAlerts.ToXml(cap), Utf8NoBom);
            if (m.Kind == FeedMessageKind.Alert)
            {
                foreach (int area in m.AreaIds)
                {
                    lastAlertOf[area] = (identifier, issued);
                }
            }
        }

        File.WriteAllText(timelinePath, timeline.ToString(), Utf8NoBom);
    }

    private static void WriteFeatureCollection(string path, Action<Utf8JsonWriter> features, string? note = null)
    {
        using FileStream stream = File.Create(path);
        using Utf8JsonWriter json = new(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        if (note is not null)
        {
            json.WriteString("note", note);
        }

        json.WriteStartArray("features");
        features(json);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter json, GeoPoint p, bool withHeight)
    {
        json.WriteStartArray();
        json.WriteNumberValue(Math.Round(p.LongitudeDegrees, 6));
        json.WriteNumberValue(Math.Round(p.LatitudeDegrees, 6));
        if (withHeight)
        {
            json.WriteNumberValue(Math.Round(p.HeightMeters, 1));
        }

        json.WriteEndArray();
    }

    private static void WriteMap(string path, RunResult result, AlertAreaMap areas)
    {
        IEnumerable<GeoPoint> points = result.Rockets.SelectMany(r => new[] { r.LaunchPoint, r.ImpactPoint });
        double minLat = points.Min(p => p.LatitudeDegrees) - 0.05, maxLat = points.Max(p => p.LatitudeDegrees) + 0.05;
        double minLon = points.Min(p => p.LongitudeDegrees) - 0.05, maxLon = points.Max(p => p.LongitudeDegrees) + 0.05;
        Envelope extent = new(minLon, maxLon, minLat, maxLat);
        HashSet<int> alerted = [.. result.Alerts.Select(a => a.AreaId)];

        Plot plot = new();
        foreach (AlertArea area in areas.Areas)
        {
            if (area.Polygon is not { } polygon || !extent.Intersects(polygon.EnvelopeInternal))
            {
                continue;
            }

            var shape = plot.Add.Polygon([.. polygon.Shell.Coordinates.Select(c => new ScottPlot.Coordinates(c.X, c.Y))]);
            bool isAlerted = alerted.Contains(area.Id);
            shape.FillColor = isAlerted ? Colors.Red.WithAlpha(0.45) : Colors.Gray.WithAlpha(0.25);
            shape.LineColor = isAlerted ? Colors.DarkRed : Colors.Gray;
            shape.LineWidth = 0.5f;
        }

        foreach (RocketTruth r in result.Rockets)
        {
            var line = plot.Add.Line(r.LaunchPoint.LongitudeDegrees, r.LaunchPoint.LatitudeDegrees, r.ImpactPoint.LongitudeDegrees, r.ImpactPoint.LatitudeDegrees);
            line.LineColor = Colors.SteelBlue.WithAlpha(0.25);
            line.LineWidth = 0.5f;
        }

        AddMarkers(plot, result.Rockets.Where(r => r.Class == ImpactClass.Threat), Colors.Red, "threat (in an alert area)");
        AddMarkers(plot, result.Rockets.Where(r => r.Class == ImpactClass.OpenGround), Colors.ForestGreen, "open ground");
        AddMarkers(plot, result.Rockets.Where(r => r.Class == ImpactClass.Short), Colors.Orange, "fell short");
        double[] launchLon = [.. result.Rockets.Select(r => r.LaunchPoint.LongitudeDegrees)];
        double[] launchLat = [.. result.Rockets.Select(r => r.LaunchPoint.LatitudeDegrees)];
        var launches = plot.Add.Markers(launchLon, launchLat, MarkerShape.FilledTriangleUp, 6, Colors.Black);
        launches.LegendText = "launch";
        plot.Title($"{result.Scenario.Name} (seed {result.Seed.ToString(CultureInfo.InvariantCulture)}): truth impacts{(result.Capabilities.Alerting ? " and alerted areas (red)" : "")}");
        plot.XLabel("longitude (°E)");
        plot.YLabel("latitude (°N)");
        plot.Axes.SetLimits(minLon, maxLon, minLat, maxLat);
        plot.Axes.SquareUnits();
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1200, 1000);
    }

    private static void AddMarkers(Plot plot, IEnumerable<RocketTruth> rockets, ScottPlot.Color color, string label)
    {
        RocketTruth[] list = [.. rockets];
        if (list.Length == 0)
        {
            return;
        }

        double[] lon = [.. list.Select(r => r.ImpactPoint.LongitudeDegrees)];
        double[] lat = [.. list.Select(r => r.ImpactPoint.LatitudeDegrees)];
        var markers = plot.Add.Markers(lon, lat, MarkerShape.FilledCircle, 6, color);
        markers.LegendText = label;
    }

    private static void WriteHistogram(string path, IReadOnlyList<double> values)
    {
        Plot plot = new();
        var histogram = ScottPlot.Statistics.Histogram.WithBinSize(2, values.Min() - 1, values.Max() + 1);
        histogram.AddRange(values);
        plot.Add.Histogram(histogram);
        plot.Title("Lead time minus time to shelter, threats");
        plot.XLabel("lead − countdown (s); below 0 is late");
        plot.YLabel("threats");
        plot.SavePng(path, 900, 600);
    }

    private static string Snake(string pascal)
    {
        StringBuilder b = new();
        for (int i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                b.Append('_');
            }

            b.Append(char.ToLowerInvariant(pascal[i]));
        }

        return b.ToString();
    }
}
