using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dome.Defense;
using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Areas;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;
using Spectre.Console;
using static Dome.Cli.Text;

namespace Dome.Cli.Commands;

/// <summary><c>dome track</c>: runs the operational core on a recorded plot stream and writes tracks and forecasts.</summary>
internal static class TrackCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> plots = new("--plots") { Description = "The plot stream (JSON lines, as 'dome run --plots' writes it).", Required = true };
        Option<string?> radars = new("--radars") { Description = "Radar descriptions, when the stream does not open with them (JSON)." };
        Option<string?> output = new("--out") { Description = "Write the track and forecast JSON lines here instead of stdout." };
        Option<string> onError = new("--on-error") { Description = "Malformed lines: skip (report and go on) or reject (stop with exit code 2).", DefaultValueFactory = _ => "skip" };
        onError.AcceptOnlyFromAmong("skip", "reject");
        Option<double> containment = new("--containment") { Description = "Containment probability of the forecast regions.", DefaultValueFactory = _ => 0.99 };
        Option<double> lateWindow = new("--late-window-s") { Description = "Hold plots this long to put late ones back in order, s.", DefaultValueFactory = _ => 0.0 };
        Option<bool> json = new("--json") { Description = "Print one JSON document (summary, tracks, forecasts) instead of JSON lines." };
        Command command = new("track", "Run tracking and impact prediction on a recorded plot stream; write tracks and forecasts as JSON lines.");
        foreach (Option option in new Option[] { plots, radars, output, onError, containment, lateWindow, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => DomeCli.Guard(context, () => Execute(context, parse.GetValue(plots)!, parse.GetValue(radars), parse.GetValue(output),
            parse.GetValue(onError) == "reject", parse.GetValue(containment), parse.GetValue(lateWindow), parse.GetValue(json))));
        return command;
    }

    private static int Execute(CliContext context, string plotsFile, string? radarsFile, string? outFile, bool reject, double containment, double lateWindow, bool json)
    {
        if (!(containment > 0 && containment < 1))
        {
            throw new DomeInputException("--containment must lie in (0, 1)");
        }

        if (!(lateWindow >= 0 && lateWindow <= 60))
        {
            throw new DomeInputException("--late-window-s must lie in [0, 60]");
        }

        PlotStream.ReadResult stream;
        try
        {
            IReadOnlyList<RadarSite>? sites = radarsFile is null ? null : PlotStream.ReadRadarsFile(radarsFile, File.ReadAllText(radarsFile));
            stream = PlotStream.Read(plotsFile, File.ReadLines(plotsFile), reject, sites);
        }
        catch (PlotStreamException ex)
        {
            throw new DomeInputException(ex.Message);
        }
        catch (IOException ex)
        {
            throw new DomeInputException($"{plotsFile}: {ex.Message}");
        }

        foreach (PlotStreamException skipped in stream.Skipped)
        {
            context.Error.WriteLine($"dome: skipped {skipped.Message}");
        }

        AlertAreaMap areas = AlertAreaMap.Default;
        Tracker tracker = new(stream.Radars, TrackerSettings.Default with { LateWindowSeconds = lateWindow });
        List<string> lines = [];
        int confirmed = 0, forecasts = 0;
        Dictionary<int, double> lastForecast = [];
        HashSet<int> confirmedIds = [];
        foreach (IGrouping<double, RadarPlot> batch in stream.Plots.GroupBy(p => p.TimeSeconds).OrderBy(g => g.Key))
        {
            (IReadOnlyList<TrackEvent> events, IReadOnlyList<PlotAssignment> assignments) = tracker.Process(batch);
            Emit(events, assignments, batch.Key);
        }

        (IReadOnlyList<TrackEvent> lastEvents, IReadOnlyList<PlotAssignment> lastAssignments) = tracker.Flush();
        Emit(lastEvents, lastAssignments, double.PositiveInfinity);

        void Emit(IReadOnlyList<TrackEvent> events, IReadOnlyList<PlotAssignment> assignments, double now)
        {
            // Tentative tracks come and go with the clutter: only confirmed tracks, and their end, are reported.
            foreach (TrackEvent e in events.Where(e => e.Status == TrackStatus.Confirmed || (e.Status == TrackStatus.Deleted && confirmedIds.Contains(e.TrackId))))
            {
                Track? t = tracker.Tracks.FirstOrDefault(k => k.Id == e.TrackId);
                if (e.Status == TrackStatus.Confirmed)
                {
                    confirmed++;
                    confirmedIds.Add(e.TrackId);
                }

                lines.Add(TrackLine(e, t));
            }

            HashSet<int> updated = [.. assignments.Select(a => a.TrackId)];
            foreach (Track t in tracker.Tracks.Where(t => t.Status == TrackStatus.Confirmed && updated.Contains(t.Id)))
            {
                if (t.TimeSeconds - lastForecast.GetValueOrDefault(t.Id, double.NegativeInfinity) < 1 - 1e-9 || ImpactPredictor.Forecast(t) is not { } f)
                {
                    continue;
                }

                lastForecast[t.Id] = t.TimeSeconds;
                forecasts++;
                lines.Add(ForecastLine(f, containment, areas));
            }
        }

        if (json)
        {
            context.WriteJson(new
            {
                plots_file = plotsFile,
                radars = stream.Radars.Select(r => r.Id),
                plots = stream.Plots.Count,
                skipped_lines = stream.Skipped.Select(s => new { line = s.Line, problem = s.Message }),
                late_plots_dropped = tracker.LatePlotsDropped,
                confirmed_tracks = confirmed,
                forecasts,
                events = lines.Select(l => JsonDocument.Parse(l).RootElement),
            });
            return ExitCodes.Ok;
        }

        if (outFile is not null)
        {
            File.WriteAllLines(outFile, lines, new UTF8Encoding(false));
            context.Console.MarkupLine($"{N(stream.Plots.Count)} plots from {stream.Radars.Count} radar(s), {stream.Skipped.Count} line(s) skipped, {tracker.LatePlotsDropped} late plot(s) dropped: {N(confirmed)} confirmed tracks, {N(forecasts)} forecasts written to [bold]{Markup.Escape(outFile)}[/].");
        }
        else
        {
            foreach (string line in lines)
            {
                context.Output.WriteLine(line);
            }

            context.Error.WriteLine($"dome: {stream.Plots.Count} plots, {stream.Skipped.Count} skipped lines, {confirmed} confirmed tracks, {forecasts} forecasts");
        }

        return ExitCodes.Ok;
    }

    private static string TrackLine(TrackEvent e, Track? t)
    {
        using MemoryStream buffer = new();
        using (Utf8JsonWriter w = new(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "track");
            w.WriteNumber("t", Math.Round(e.TimeSeconds, 6));
            w.WriteNumber("track", e.TrackId);
            w.WriteString("status", e.Status == TrackStatus.Confirmed ? "confirmed" : "deleted");
            if (t is not null)
            {
                GeoPoint p = EcefPosition.FromVector(t.Position).ToGeodetic();
                w.WriteNumber("lat", Math.Round(p.LatitudeDegrees, 6));
                w.WriteNumber("lon", Math.Round(p.LongitudeDegrees, 6));
                w.WriteNumber("height_m", Math.Round(p.HeightMeters, 1));
                w.WriteNumber("speed_m_s", Math.Round(t.Velocity.Length, 1));
                w.WriteNumber("position_sigma_m", Math.Round(t.PositionSigmaMeters, 1));
                w.WriteNumber("drag_parameter_m2_kg", t.DragParameter);
                w.WriteNumber("boost_probability", Math.Round(t.BoostProbability, 4));
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string ForecastLine(ImpactForecast f, double containment, AlertAreaMap areas)
    {
        GroundEllipse region = f.Region(containment);
        using MemoryStream buffer = new();
        using (Utf8JsonWriter w = new(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", "forecast");
            w.WriteNumber("t", Math.Round(f.TimeSeconds, 6));
            w.WriteNumber("track", f.TrackId);
            w.WriteStartObject("impact");
            w.WriteNumber("lat", Math.Round(f.ImpactPoint.LatitudeDegrees, 6));
            w.WriteNumber("lon", Math.Round(f.ImpactPoint.LongitudeDegrees, 6));
            w.WriteEndObject();
            w.WriteNumber("impact_t", Math.Round(f.ImpactTimeSeconds, 3));
            w.WriteNumber("impact_t_sigma_s", Math.Round(f.ImpactTimeSigmaSeconds, 3));
            w.WriteNumber("sigma_east_m", Math.Round(Math.Sqrt(f.EastVariance), 1));
            w.WriteNumber("sigma_north_m", Math.Round(Math.Sqrt(f.NorthVariance), 1));
            w.WriteStartObject("region");
            w.WriteNumber("containment", containment);
            w.WriteNumber("semi_major_m", Math.Round(region.SemiMajorMeters, 1));
            w.WriteNumber("semi_minor_m", Math.Round(region.SemiMinorMeters, 1));
            w.WriteNumber("major_axis_azimuth_deg", Math.Round(region.MajorAxisAzimuthDegrees, 2));
            w.WriteEndObject();
            w.WriteStartArray("areas");
            foreach (AlertArea a in areas.Intersecting(region))
            {
                w.WriteNumberValue(a.Id);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
