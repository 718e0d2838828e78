using System.Globalization;
using System.Text.Json;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense;

/// <summary>A defect in a plot-stream or radar file: the file, the line and the field.</summary>
public sealed class PlotStreamException(string file, int line, string problem) : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;
}

/// <summary>
/// Reads recorded plot streams (JSON lines; see the README): an optional first line describing the radars
/// (<c>{"format":"dome-plots","radars":[…]}</c>), then one plot per line. Malformed lines are reported with their line
/// number and either skipped (and listed) or rejected, as the caller asks; never silently.
/// </summary>
public static class PlotStream
{
    public sealed record ReadResult(IReadOnlyList<RadarSite> Radars, IReadOnlyList<RadarPlot> Plots, IReadOnlyList<PlotStreamException> Skipped);

    public static ReadResult Read(string file, IEnumerable<string> lines, bool rejectMalformed, IReadOnlyList<RadarSite>? radars = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        List<RadarSite> sites = [.. radars ?? []];
        List<RadarPlot> plots = [];
        List<PlotStreamException> skipped = [];
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            try
            {
                using JsonDocument doc = Parse(file, number, raw);
                JsonElement e = doc.RootElement;
                if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("radars", out JsonElement list))
                {
                    if (number != 1)
                    {
                        throw new PlotStreamException(file, number, "a radar description may only open the stream (line 1)");
                    }

                    if (sites.Count == 0)
                    {
                        sites.AddRange(ReadRadars(file, number, list));
                    }

                    continue;
                }

                RadarPlot plot = ReadPlot(file, number, e);
                if (sites.Count > 0 && !sites.Any(s => s.Id == plot.RadarId))
                {
                    throw new PlotStreamException(file, number, $"field 'radar': '{plot.RadarId}' is not one of the described radars ({string.Join(", ", sites.Select(s => s.Id))})");
                }

                plots.Add(plot);
            }
            catch (PlotStreamException ex) when (!rejectMalformed)
            {
                skipped.Add(ex);
            }
        }

        if (sites.Count == 0)
        {
            throw new PlotStreamException(file, 1, "no radar description: the stream does not open with one, and no --radars file was given");
        }

        return new ReadResult(sites, plots, skipped);
    }

    /// <summary>Reads a radars file: a JSON object with "radars" (like a stream's first line) or a JSON array of radars.</summary>
    public static IReadOnlyList<RadarSite> ReadRadarsFile(string file, string text)
    {
        using JsonDocument doc = Parse(file, 1, text);
        JsonElement root = doc.RootElement;
        JsonElement list = root.ValueKind == JsonValueKind.Array ? root
            : root.TryGetProperty("radars", out JsonElement r) ? r
            : throw new PlotStreamException(file, 1, "expected an array of radars or an object with 'radars'");
        return ReadRadars(file, 1, list);
    }

    private static JsonDocument Parse(string file, int line, string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new PlotStreamException(file, line + (int)(ex.LineNumber ?? 0), $"not valid JSON ({ex.Message.Split('.')[0]})");
        }
    }

    private static List<RadarSite> ReadRadars(string file, int line, JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new PlotStreamException(file, line, "field 'radars': expected a non-empty array");
        }

        List<RadarSite> sites = [];
        foreach (JsonElement r in list.EnumerateArray())
        {
            sites.Add(new RadarSite
            {
                Id = Text(file, line, r, "id"),
                Position = new GeoPoint(Number(file, line, r, "lat", -90, 90), Number(file, line, r, "lon", -180, 180), Number(file, line, r, "height_m", -500, 10_000, 0)),
                RevisitSeconds = Number(file, line, r, "revisit_s", 0.01, 600, 1),
                RangeSigmaMeters = Number(file, line, r, "range_sigma_m", 0, 5000),
                AzimuthSigmaMilliradians = Number(file, line, r, "azimuth_sigma_mrad", 0, 100),
                ElevationSigmaMilliradians = Number(file, line, r, "elevation_sigma_mrad", 0, 100),
                DetectionProbability = Number(file, line, r, "detection_probability", 0, 1, 0.9),
                MinElevationDegrees = Number(file, line, r, "min_elevation_deg", -2, 45, 0.5),
                MaxRangeMeters = Number(file, line, r, "max_range_m", 1000, 1_000_000, 100_000),
                ClutterPerScan = Number(file, line, r, "clutter_per_scan", 0, 10_000, 0),
                TrackRevisitSeconds = r.TryGetProperty("track_revisit_s", out _) ? Number(file, line, r, "track_revisit_s", 0.01, 600) : null,
                RangeRateSigmaMetersPerSecond = r.TryGetProperty("range_rate_sigma_m_s", out _) ? Number(file, line, r, "range_rate_sigma_m_s", 0.01, 100) : null,
                TrackCapacity = WholeNumber(file, line, r, "track_capacity", 1, 1_000_000, int.MaxValue),
            });
        }

        return sites;
    }

    private static RadarPlot ReadPlot(string file, int line, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new PlotStreamException(file, line, "expected a plot object {t, radar, range_m, azimuth_deg, elevation_deg}");
        }

        return new RadarPlot(Number(file, line, e, "t", -1e9, 1e9), Text(file, line, e, "radar"), Number(file, line, e, "range_m", 0, 1e7),
            Number(file, line, e, "azimuth_deg", -360, 360), Number(file, line, e, "elevation_deg", -90, 90))
        {
            RangeRateMetersPerSecond = e.TryGetProperty("range_rate_m_s", out _) ? Number(file, line, e, "range_rate_m_s", -1e5, 1e5) : null,
        };
    }

    private static double Number(string file, int line, JsonElement e, string field, double min, double max, double? fallback = null)
    {
        if (!e.TryGetProperty(field, out JsonElement value))
        {
            return fallback ?? throw new PlotStreamException(file, line, $"field '{field}' is missing");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double d) || !double.IsFinite(d))
        {
            throw new PlotStreamException(file, line, $"field '{field}': expected a number, found {value.GetRawText()}");
        }

        return d >= min && d <= max ? d
            : throw new PlotStreamException(file, line, string.Create(CultureInfo.InvariantCulture, $"field '{field}': {d} is out of range [{min}, {max}]"));
    }

    private static int WholeNumber(string file, int line, JsonElement e, string field, int min, int max, int fallback)
    {
        double d = Number(file, line, e, field, min, max, fallback);
        return d == Math.Floor(d) ? (int)d
            : throw new PlotStreamException(file, line, string.Create(CultureInfo.InvariantCulture, $"field '{field}': expected a whole number, found {d}"));
    }

    private static string Text(string file, int line, JsonElement e, string field) =>
        e.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new PlotStreamException(file, line, $"field '{field}': expected a string");
}
