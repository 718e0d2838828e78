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

    /// <summary>Category of the real-time feed's news and updates (pre-alerts, "event over").</summary>
    public const int UpdateCategoryRealTime = 10;

    /// <summary>The same messages' category in the history feed.</summary>
    public const int UpdateCategoryHistory = 13;

    /// <summary>"Alerts are expected in your area in the coming minutes": the pre-alert's title.</summary>
    public const string PreAlertTitle = "בדקות הקרובות צפויות להתקבל התרעות באזורך";

    /// <summary>"Stay near a protected space; on an alert, enter it and stay until further notice".</summary>
    public const string PreAlertInstruction = "על תושבי האזורים הבאים לשפר את המיקום למיגון המיטבי בקרבתך. במקרה של קבלת התרעה, יש להיכנס למרחב המוגן ולשהות בו עד להודעה חדשה.";

    /// <summary>"The event is over": the title of the message that ends a stay in shelter.</summary>
    public const string EventOverTitle = "האירוע הסתיים";

    /// <summary>"Those in the protected space may leave".</summary>
    public const string EventOverInstruction = "השוהים במרחב המוגן יכולים לצאת";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The Alerts.json body for the areas alerted at one moment, or an empty string when there are none. The id is the
    /// issue time in 100-ns ticks since 1601-01-01 UTC (a Windows file time), as the real feed's 18-digit ids are.
    /// </summary>
    public static string ActiveAlert(DateTimeOffset issued, IEnumerable<AlertArea> areas) => ActiveMessage(issued, FeedMessageKind.Alert, areas);

    /// <summary>The Alerts.json body of one message of any kind (an alert: category 1; a pre-alert or "event over": 10).</summary>
    public static string ActiveMessage(DateTimeOffset issued, FeedMessageKind kind, IEnumerable<AlertArea> areas)
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
            w.WriteString("id", issued.ToFileTime().ToString(CultureInfo.InvariantCulture));
            w.WriteString("cat", (kind == FeedMessageKind.Alert ? RocketCategory : UpdateCategoryRealTime).ToString(CultureInfo.InvariantCulture));
            w.WriteString("title", Title(kind));
            w.WriteStartArray("data");
            foreach (string name in names)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteString("desc", kind switch { FeedMessageKind.Alert => ShelterInstruction, FeedMessageKind.PreAlert => PreAlertInstruction, _ => EventOverInstruction });
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The AlertsHistory.json body: one entry per area alert, newest first, times in Israel local time.</summary>
    public static string History(IEnumerable<(DateTimeOffset Issued, AlertArea Area)> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return MessageHistory(alerts.Select(a => (a.Issued, FeedMessageKind.Alert, a.Area)));
    }

    /// <summary>
    /// The AlertsHistory.json body for messages of every kind: one entry per area and message, newest first; alerts
    /// under category 1, pre-alerts and "event over" under category 13 with their own titles.
    /// </summary>
    public static string MessageHistory(IEnumerable<(DateTimeOffset Issued, FeedMessageKind Kind, AlertArea Area)> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using MemoryStream buffer = new();
        using (Utf8JsonWriter w = new(buffer, WriterOptions))
        {
            w.WriteStartArray();
            foreach ((DateTimeOffset issued, FeedMessageKind kind, AlertArea area) in messages.OrderByDescending(a => a.Issued).ThenByDescending(a => a.Kind).ThenBy(a => a.Area.Id))
            {
                w.WriteStartObject();
                w.WriteString("alertDate", IsraelTime(issued).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                w.WriteString("title", Title(kind));
                w.WriteString("data", area.NameHebrew);
                w.WriteNumber("category", kind == FeedMessageKind.Alert ? RocketCategory : UpdateCategoryHistory);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The title the real feeds give a message of this kind.</summary>
    public static string Title(FeedMessageKind kind) => kind switch
    {
        FeedMessageKind.Alert => RocketTitle,
        FeedMessageKind.PreAlert => PreAlertTitle,
        _ => EventOverTitle,
    };

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
