using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dome.Model.Areas;

namespace Dome.Defense.Alerting;

/// <summary>
/// The Home Front Command's public feed formats, which alert apps already parse: <c>Alerts.json</c> (the current
/// alert: <c>{"id","cat","title","data":[area names],"desc"}</c>, an empty body when none) and
/// <c>AlertsHistory.json</c> (<c>[{"alertDate":"YYYY-MM-DD HH:MM:SS","title","data":"area","category":1}]</c>, local
/// Israel time, newest first). Area names are the Hebrew names exactly as in the area data. Stateless.
/// </summary>
public static class HomeFrontFeeds
{
    /// <summary>Category of rocket and missile fire.</summary>
    public const int RocketCategory = 1;

    /// <summary>"Rocket and missile fire", the title the real feed uses for category 1.</summary>
    public const string RocketTitle = "ירי רקטות וטילים";

    /// <summary>"Enter the protected space and stay in it for 10 minutes".</summary>
    public const string ShelterInstruction = "היכנסו למרחב המוגן ושהו בו 10 דקות";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The Alerts.json body for the areas alerted at one moment, or an empty string when there are none. The id is the
    /// issue time in 100-ns ticks since the Unix epoch, as the real feed's 18-digit ids are.
    /// </summary>
    public static string ActiveAlert(DateTimeOffset issued, IEnumerable<AlertArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        string[] names = [.. areas.Select(a => a.NameHebrew).Distinct(StringComparer.Ordinal)];
        if (names.Length == 0)
        {
            return string.Empty;
        }

        using MemoryStream buffer = new();
        using (Utf8JsonWriter w = new(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", (issued.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks).ToString(CultureInfo.InvariantCulture));
            w.WriteString("cat", RocketCategory.ToString(CultureInfo.InvariantCulture));
            w.WriteString("title", RocketTitle);
            w.WriteStartArray("data");
            foreach (string name in names)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteString("desc", ShelterInstruction);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The AlertsHistory.json body: one entry per area alert, newest first, times in Israel local time.</summary>
    public static string History(IEnumerable<(DateTimeOffset Issued, AlertArea Area)> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        using MemoryStream buffer = new();
        using (Utf8JsonWriter w = new(buffer, WriterOptions))
        {
            w.WriteStartArray();
            foreach ((DateTimeOffset issued, AlertArea area) in alerts.OrderByDescending(a => a.Issued).ThenBy(a => a.Area.Id))
            {
                w.WriteStartObject();
                w.WriteString("alertDate", IsraelTime(issued).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                w.WriteString("title", RocketTitle);
                w.WriteString("data", area.NameHebrew);
                w.WriteNumber("category", RocketCategory);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// A time as Israel's clocks show it (Asia/Jerusalem, with summer time), from the system's time-zone data; on a
    /// system without it, the time's own offset (the scenario's, which the built-ins give in Israel time).
    /// </summary>
    public static DateTime IsraelTime(DateTimeOffset time) =>
        IsraelZone.Value is { } zone ? TimeZoneInfo.ConvertTime(time, zone).DateTime : time.DateTime;

    private static readonly Lazy<TimeZoneInfo?> IsraelZone = new(() =>
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
    });
}
