using System.Globalization;
using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Dome.Model.Areas;

namespace Dome.Defense.Alerting;

/// <summary>
/// Common Alerting Protocol 1.2 (OASIS) documents for the public messages: one <c>&lt;alert&gt;</c> per message, with
/// <c>status</c> Exercise for everything Dome simulates (no consumer can take a drill for a real alert), Hebrew and
/// English <c>&lt;info&gt;</c> blocks, and each area as an <c>&lt;area&gt;</c> with its Hebrew name, its polygon
/// ("lat,lon" pairs, first = last) and its Home Front Command id and time to shelter as geocode and parameter.
/// "Event over" is an Update with response AllClear that references the alerts it closes.
/// </summary>
public static class CapAlerts
{
    public static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>The sender of every Dome message (CAP: no spaces, commas or restricted characters).</summary>
    public const string Sender = "dome-drill@dome.invalid";

    /// <summary>
    /// The CAP document of one message. <paramref name="identifier"/> must be unique per sender;
    /// <paramref name="references"/> lists (identifier, sent) of earlier messages this one updates.
    /// </summary>
    public static XDocument Build(FeedMessage message, DateTimeOffset sent, string identifier, IReadOnlyList<AlertArea> areas,
        IReadOnlyList<(string Identifier, DateTimeOffset Sent)>? references = null, string status = "Exercise")
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(areas);
        sent = TruncateToSeconds(sent);
        XElement alert = new(Cap + "alert",
            new XElement(Cap + "identifier", identifier),
            new XElement(Cap + "sender", Sender),
            new XElement(Cap + "sent", Time(sent)),
            new XElement(Cap + "status", status),
            new XElement(Cap + "msgType", message.Kind == FeedMessageKind.EventOver ? "Update" : "Alert"),
            new XElement(Cap + "source", "Dome simulation"),
            new XElement(Cap + "scope", "Public"),
            new XElement(Cap + "note", "Simulated by Dome. Not a real alert."));
        if (references is { Count: > 0 })
        {
            alert.Add(new XElement(Cap + "references", string.Join(" ", references.Select(r => $"{Sender},{r.Identifier},{Time(TruncateToSeconds(r.Sent))}"))));
        }

        alert.Add(Info(message, sent, areas, hebrew: true));
        alert.Add(Info(message, sent, areas, hebrew: false));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), alert);
    }

    /// <summary>The document as UTF-8 text (no byte-order mark).</summary>
    public static string ToXml(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        StringBuilder text = new();
        using (XmlWriter w = XmlWriter.Create(new Utf8StringWriter(text), new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            document.Save(w);
        }

        return text.Append('\n').ToString();
    }

    /// <summary>Dome's CAP 1.2 schema (see <c>cap-1.2.xsd</c> for what it checks and where it comes from).</summary>
    public static XmlSchemaSet Schema { get; } = LoadSchema();

    /// <summary>Validates a document against the CAP 1.2 schema; returns the problems, empty when valid.</summary>
    public static IReadOnlyList<string> Validate(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        List<string> problems = [];
        document.Validate(Schema, (_, e) => problems.Add($"{e.Severity}: {e.Message}"));
        return problems;
    }

    private static XElement Info(FeedMessage message, DateTimeOffset sent, IReadOnlyList<AlertArea> areas, bool hebrew)
    {
        (string eventText, string response, string urgency, string severity, string certainty, string instruction) = message.Kind switch
        {
            FeedMessageKind.Alert => (hebrew ? HomeFrontFeeds.RocketTitle : "Rocket and missile fire", "Shelter", "Immediate", "Extreme", "Likely",
                hebrew ? HomeFrontFeeds.ShelterInstruction : "Enter the protected space and stay in it for 10 minutes."),
            FeedMessageKind.PreAlert => (hebrew ? HomeFrontFeeds.PreAlertTitle : "Alerts are expected in your area in the coming minutes", "Prepare", "Expected", "Severe", "Possible",
                hebrew ? HomeFrontFeeds.PreAlertInstruction : "Move close to the best protected space near you. On an alert, enter it and stay until further notice."),
            _ => (hebrew ? HomeFrontFeeds.EventOverTitle : "The event is over", "AllClear", "Past", "Minor", "Observed",
                hebrew ? HomeFrontFeeds.EventOverInstruction : "Those in the protected space may leave."),
        };
        XElement info = new(Cap + "info",
            new XElement(Cap + "language", hebrew ? "he-IL" : "en-US"),
            new XElement(Cap + "category", "Security"),
            new XElement(Cap + "event", eventText),
            new XElement(Cap + "responseType", response),
            new XElement(Cap + "urgency", urgency),
            new XElement(Cap + "severity", severity),
            new XElement(Cap + "certainty", certainty),
            new XElement(Cap + "eventCode", new XElement(Cap + "valueName", "HFC-category"),
                new XElement(Cap + "value", (message.Kind == FeedMessageKind.Alert ? HomeFrontFeeds.RocketCategory : HomeFrontFeeds.UpdateCategoryHistory).ToString(CultureInfo.InvariantCulture))),
            new XElement(Cap + "effective", Time(sent)),
            new XElement(Cap + "expires", Time(sent.AddSeconds(message.Kind == FeedMessageKind.EventOver ? 60 : AlertLifecycle.ShelterSeconds))),
            new XElement(Cap + "senderName", hebrew ? "Dome — תרגיל" : "Dome (exercise)"),
            new XElement(Cap + "headline", eventText),
            new XElement(Cap + "instruction", instruction));
        foreach (AlertArea area in areas)
        {
            XElement element = new(Cap + "area", new XElement(Cap + "areaDesc", hebrew ? area.NameHebrew : area.NameEnglish));
            if (area.Polygon is not null)
            {
                element.Add(new XElement(Cap + "polygon", string.Join(" ", area.Polygon.ExteriorRing.Coordinates.Select(c =>
                    string.Create(CultureInfo.InvariantCulture, $"{Math.Round(c.Y, 6)},{Math.Round(c.X, 6)}")))));
            }

            element.Add(new XElement(Cap + "geocode", new XElement(Cap + "valueName", "HFC-area-id"), new XElement(Cap + "value", area.Id.ToString(CultureInfo.InvariantCulture))));
            info.Add(element);
        }

        // Parameters come before areas in the standard's order; the time to shelter of each area goes there.
        XElement? firstArea = info.Element(Cap + "area");
        XElement parameter = new(Cap + "parameter", new XElement(Cap + "valueName", "HFC-countdown-s"),
            new XElement(Cap + "value", string.Join(" ", areas.Select(a => a.CountdownSeconds.ToString(CultureInfo.InvariantCulture)))));
        if (firstArea is null)
        {
            info.Add(parameter);
        }
        else
        {
            firstArea.AddBeforeSelf(parameter);
        }

        return info;
    }

    /// <summary>CAP's date-time form: seconds, and the offset written as ±hh:mm (never "Z").</summary>
    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);

    private static XmlSchemaSet LoadSchema()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Dome.Defense.Alerting.cap-1.2.xsd")
            ?? throw new InvalidOperationException("the CAP 1.2 schema is not embedded in Dome.Defense");
        XmlSchemaSet set = new();
        set.Add(XmlSchema.Read(stream, null)!);
        set.Compile();
        return set;
    }

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
