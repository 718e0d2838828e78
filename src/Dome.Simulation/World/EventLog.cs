using System.Text;
using System.Text.Json;
using Dome.Model.Sensors;

namespace Dome.Simulation.World;

/// <summary>
/// Writes the run's events as JSON lines (<c>events.jsonl</c>): one object per event with its simulation time <c>t</c>
/// in seconds and its <c>type</c>. Numbers are written by <see cref="Utf8JsonWriter"/>, which is culture-invariant.
/// A log with no writer only counts. Not thread-safe.
/// </summary>
public sealed class EventLog : IDisposable
{
    private readonly TextWriter? _writer;
    private readonly IRunObserver? _observer;
    private readonly ArrayBufferWriterStream _buffer = new();

    public EventLog(TextWriter? writer, IRunObserver? observer = null)
    {
        _writer = writer;
        _observer = observer;
    }

    public long Count { get; private set; }

    /// <summary>Writes one event; <paramref name="fields"/> writes the event's own properties.</summary>
    public void Write(double timeSeconds, string type, Action<Utf8JsonWriter>? fields = null)
    {
        Count++;
        if (_writer is null && _observer is null)
        {
            return;
        }

        _buffer.Reset();
        using (Utf8JsonWriter json = new(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("t", Math.Round(timeSeconds, 6));
            json.WriteString("type", type);
            fields?.Invoke(json);
            json.WriteEndObject();
        }

        _writer?.WriteLine(Encoding.UTF8.GetString(_buffer.Written));
        _observer?.OnEvent(timeSeconds, type, _buffer.Written);
    }

    public void Dispose() => _writer?.Flush();

    /// <summary>A reusable in-memory stream for the JSON writer.</summary>
    private sealed class ArrayBufferWriterStream : MemoryStream
    {
        public ReadOnlySpan<byte> Written => GetBuffer().AsSpan(0, (int)Length);

        public void Reset() => SetLength(0);
    }
}

/// <summary>
/// Writes a recorded plot stream (<c>--plots FILE</c>, JSON lines): a first line describing the radars, then one line per
/// plot. This is the format the operational core can be fed from instead of the simulator.
/// </summary>
public sealed class PlotRecorder(TextWriter writer) : IDisposable
{
    public const string FormatName = "dome-plots";

    public const int FormatVersion = 1;

    public void WriteHeader(IReadOnlyList<RadarSite> radars, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(radars);
        using MemoryStream stream = new();
        using (Utf8JsonWriter json = new(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", FormatVersion);
            json.WriteString("start", start.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("radars");
            foreach (RadarSite r in radars)
            {
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                json.WriteNumber("lat", r.Position.LatitudeDegrees);
                json.WriteNumber("lon", r.Position.LongitudeDegrees);
                json.WriteNumber("height_m", r.Position.HeightMeters);
                json.WriteNumber("revisit_s", r.RevisitSeconds);
                json.WriteNumber("range_sigma_m", r.RangeSigmaMeters);
                json.WriteNumber("azimuth_sigma_mrad", r.AzimuthSigmaMilliradians);
                json.WriteNumber("elevation_sigma_mrad", r.ElevationSigmaMilliradians);
                json.WriteNumber("detection_probability", r.DetectionProbability);
                json.WriteNumber("min_elevation_deg", r.MinElevationDegrees);
                json.WriteNumber("max_range_m", r.MaxRangeMeters);
                json.WriteNumber("clutter_per_scan", r.ClutterPerScan);
                if (r.RangeRateSigmaMetersPerSecond is { } rangeRateSigma)
                {
                    json.WriteNumber("range_rate_sigma_m_s", rangeRateSigma);
                }

                if (r.TrackRevisitSeconds is { } beams)
                {
                    json.WriteNumber("track_revisit_s", beams);
                    if (r.TrackCapacity != int.MaxValue)
                    {
                        json.WriteNumber("track_capacity", r.TrackCapacity);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    public void Write(RadarPlot plot)
    {
        writer.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{{\"t\":{plot.TimeSeconds:R},\"radar\":{JsonSerializer.Serialize(plot.RadarId)},\"range_m\":{plot.RangeMeters:F2},\"azimuth_deg\":{plot.AzimuthDegrees:F5},\"elevation_deg\":{plot.ElevationDegrees:F5}{(plot.RangeRateMetersPerSecond is double rr ? ",\"range_rate_m_s\":" + rr.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "")}}}"));
    }

    public void Dispose() => writer.Flush();
}
