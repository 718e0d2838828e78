using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Dome.Defense.Alerting;
using Dome.Model.Areas;

namespace Dome.Server;

/// <summary>A feed body as served: its bytes, a strong ETag and the time its content last changed.</summary>
public sealed record FeedDocument(byte[] Body, string ETag, DateTimeOffset LastModified, string ContentType)
{
    /// <summary>Last-Modified as HTTP writes it (RFC 1123).</summary>
    public string LastModifiedText { get; } = LastModified.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The public side of a drill: every message of the last day, and the three feeds built from them —
/// <c>Alerts.json</c> (what is active now), <c>AlertsHistory.json</c> (the last day, newest first) and the CAP 1.2
/// Atom feed. Bodies are built once per change and served from memory, with an ETag and Last-Modified that change only
/// when the body does. Every message is stored before it is served. Thread-safe.
/// </summary>
public sealed class AlertBoard
{
    /// <summary>How long AlertsHistory.json looks back.</summary>
    public static readonly TimeSpan HistoryWindow = TimeSpan.FromHours(24);

    /// <summary>Entries in the Atom feed.</summary>
    public const int AtomEntries = 100;

    /// <summary>History entries (one per area and message) at most, as a bound on the body's size.</summary>
    public const int MaxHistoryEntries = 3000;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly Lock _lock = new();
    private readonly AlertAreaMap _areas;
    private readonly DrillStore _store;
    private readonly TimeProvider _time;
    private readonly List<DrillMessage> _messages = [];
    private FeedDocument _current;
    private FeedDocument _history;
    private FeedDocument _atom;
    private bool _historyDirty = true;
    private DateTimeOffset _changedAt;
    private bool _atomDirty = true;
    private readonly Dictionary<long, string> _capCache = [];
    private DateTimeOffset _nextExpiry = DateTimeOffset.MaxValue;
    private long _nextExpiryTicks = long.MaxValue;

    public AlertBoard(AlertAreaMap areas, DrillStore store, TimeSpan activeFor, TimeProvider? time = null)
    {
        _areas = areas;
        _store = store;
        _time = time ?? TimeProvider.System;
        ActiveFor = activeFor;
        DateTimeOffset now = _time.GetUtcNow();
        _messages.AddRange(store.MessagesSince(now - HistoryWindow));
        _current = Document([], "application/json; charset=utf-8", now);
        _history = _current;
        _atom = _current;
        Rebuild(now);
    }

    /// <summary>How long a message stays in Alerts.json after it is issued.</summary>
    public TimeSpan ActiveFor { get; }

    public FeedDocument Current
    {
        get
        {
            Refresh();
            return Volatile.Read(ref _current);
        }
    }

    /// <summary>AlertsHistory.json; built when asked for after a change (a barrage publishes many messages a second).</summary>
    public FeedDocument History
    {
        get
        {
            Refresh();
            lock (_lock)
            {
                if (_historyDirty)
                {
                    DateTimeOffset now = _changedAt;
                    IEnumerable<(DateTimeOffset, FeedMessageKind, AlertArea)> entries = _messages
                        .SelectMany(m => Areas(m.AreaIds).Select(a => (m.IssuedUtc, m.Kind, a)))
                        .TakeLast(MaxHistoryEntries);
                    _history = Changed(_history, Encoding.UTF8.GetBytes(_messages.Count == 0 ? "[]" : HomeFrontFeeds.MessageHistory(entries)), "application/json; charset=utf-8", now);
                    _historyDirty = false;
                }

                return _history;
            }
        }
    }

    /// <summary>The CAP Atom feed; built when asked for after a change.</summary>
    public FeedDocument AtomFeed
    {
        get
        {
            Refresh();
            lock (_lock)
            {
                if (_atomDirty)
                {
                    DateTimeOffset now = _changedAt;
                    _atom = Changed(_atom, Encoding.UTF8.GetBytes(AtomXml(now)), "application/atom+xml; charset=utf-8", now);
                    _atomDirty = false;
                }

                return _atom;
            }
        }
    }

    /// <summary>The messages that Alerts.json shows now, oldest first.</summary>
    public IReadOnlyList<DrillMessage> Active()
    {
        DateTimeOffset now = _time.GetUtcNow();
        lock (_lock)
        {
            return [.. _messages.Where(m => m.ExpiresUtc > now)];
        }
    }

    /// <summary>Every message of the last day, oldest first.</summary>
    public IReadOnlyList<DrillMessage> Messages()
    {
        lock (_lock)
        {
            return [.. _messages];
        }
    }

    /// <summary>Publishes a message: stored first, then served.</summary>
    public DrillMessage Publish(FeedMessageKind kind, IReadOnlyList<int> areaIds, string source, long? runId, double? simSeconds)
    {
        ArgumentNullException.ThrowIfNull(areaIds);
        DateTimeOffset now = _time.GetUtcNow();
        DrillMessage stored = _store.Add(new DrillMessage
        {
            RunId = runId,
            IssuedUtc = now,
            ExpiresUtc = now + ActiveFor,
            SimSeconds = simSeconds,
            Kind = kind,
            Source = source,
            AreaIds = [.. areaIds.Distinct()],
        });
        lock (_lock)
        {
            _messages.Add(stored);
            Rebuild(now);
        }

        return stored;
    }

    /// <summary>The CAP document of one message, or null when there is none by that identifier in the last day.</summary>
    public string? CapDocument(string identifier)
    {
        lock (_lock)
        {
            DrillMessage? m = _messages.FirstOrDefault(x => x.Identifier == identifier);
            return m is null ? null : CapAlerts.ToXml(Cap(m));
        }
    }

    /// <summary>Rebuilds the feeds when an active message has expired or a day-old one has aged out.</summary>
    public void Refresh()
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (now.UtcTicks < Volatile.Read(ref _nextExpiryTicks))
        {
            return;
        }

        lock (_lock)
        {
            if (now >= _nextExpiry)
            {
                Rebuild(now);
            }
        }
    }

    private void Rebuild(DateTimeOffset now)
    {
        foreach (DrillMessage old in _messages.Where(m => m.IssuedUtc < now - HistoryWindow))
        {
            _capCache.Remove(old.Id);
        }

        _messages.RemoveAll(m => m.IssuedUtc < now - HistoryWindow);
        List<DrillMessage> active = [.. _messages.Where(m => m.ExpiresUtc > now)];
        _nextExpiry = active.Count == 0 ? (_messages.Count == 0 ? DateTimeOffset.MaxValue : _messages[0].IssuedUtc + HistoryWindow) : active.Min(m => m.ExpiresUtc);
        Volatile.Write(ref _nextExpiryTicks, _nextExpiry == DateTimeOffset.MaxValue ? long.MaxValue : _nextExpiry.UtcTicks);

        // Alerts.json: the alerts still active, as one message naming all their areas (the newest one's id); when no
        // alert is active, the newest active update (pre-alert or "event over"); an empty body when nothing is.
        List<DrillMessage> alerts = [.. active.Where(m => m.Kind == FeedMessageKind.Alert)];
        string current = alerts.Count > 0
            ? HomeFrontFeeds.ActiveMessage(alerts[^1].IssuedUtc, FeedMessageKind.Alert, Areas(alerts.SelectMany(m => m.AreaIds)))
            : active.Count > 0 ? HomeFrontFeeds.ActiveMessage(active[^1].IssuedUtc, active[^1].Kind, Areas(active[^1].AreaIds)) : string.Empty;
        _current = Changed(_current, Encoding.UTF8.GetBytes(current), "application/json; charset=utf-8", now);

        _historyDirty = true;
        _atomDirty = true;
        _changedAt = now;
    }

    private string AtomXml(DateTimeOffset now)
    {
        List<DrillMessage> newest = [.. _messages.AsEnumerable().Reverse().Take(AtomEntries)];
        StringBuilder text = new();
        using (XmlWriter w = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("feed", Atom.NamespaceName);
            w.WriteElementString("id", Atom.NamespaceName, "tag:dome.invalid,2026:drill-cap-feed");
            w.WriteElementString("title", Atom.NamespaceName, "Dome drill server: alerts (CAP 1.2, status Exercise)");
            w.WriteElementString("subtitle", Atom.NamespaceName, "Simulated by Dome. Not real alerts.");
            w.WriteElementString("updated", Atom.NamespaceName, AtomTime(newest.Count > 0 ? newest[0].IssuedUtc : now));
            w.WriteStartElement("author", Atom.NamespaceName);
            w.WriteElementString("name", Atom.NamespaceName, "Dome drill server");
            w.WriteEndElement();
            w.WriteStartElement("link", Atom.NamespaceName);
            w.WriteAttributeString("rel", "self");
            w.WriteAttributeString("href", "/cap/feed.atom");
            w.WriteEndElement();
            foreach (DrillMessage m in newest)
            {
                w.WriteStartElement("entry", Atom.NamespaceName);
                w.WriteElementString("id", Atom.NamespaceName, $"tag:dome.invalid,2026:{m.Identifier}");
                w.WriteElementString("title", Atom.NamespaceName, $"{HomeFrontFeeds.Title(m.Kind)}: {string.Join(", ", Areas(m.AreaIds).Select(a => a.NameHebrew))}");
                w.WriteElementString("updated", Atom.NamespaceName, AtomTime(m.IssuedUtc));
                w.WriteStartElement("link", Atom.NamespaceName);
                w.WriteAttributeString("rel", "alternate");
                w.WriteAttributeString("type", "application/cap+xml");
                w.WriteAttributeString("href", $"/cap/alerts/{m.Identifier}.xml");
                w.WriteEndElement();
                w.WriteStartElement("content", Atom.NamespaceName);
                w.WriteAttributeString("type", "application/cap+xml");
                w.WriteRaw("\n" + CapElementXml(m) + "\n");
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + text.Append('\n');
    }

    /// <summary>A message's CAP &lt;alert&gt; element as text, built once per message (messages never change).</summary>
    private string CapElementXml(DrillMessage m)
    {
        if (!_capCache.TryGetValue(m.Id, out string? xml))
        {
            xml = Cap(m).Root!.ToString(SaveOptions.None);
            _capCache[m.Id] = xml;
        }

        return xml;
    }

    private XDocument Cap(DrillMessage m)
    {
        IReadOnlyList<AlertArea> areas = Areas(m.AreaIds);
        List<(string, DateTimeOffset)>? references = null;
        if (m.Kind == FeedMessageKind.EventOver)
        {
            HashSet<int> ids = [.. m.AreaIds];
            references = [.. _messages.Where(x => x.Kind == FeedMessageKind.Alert && x.IssuedUtc <= m.IssuedUtc && x.AreaIds.Any(ids.Contains)).Select(x => (x.Identifier, IsraelOffset(x.IssuedUtc)))];
        }

        return CapAlerts.Build(new FeedMessage(m.SimSeconds ?? 0, m.Kind, m.AreaIds), IsraelOffset(m.IssuedUtc), m.Identifier, areas, references);
    }

    private IReadOnlyList<AlertArea> Areas(IEnumerable<int> ids)
    {
        List<AlertArea> list = [];
        HashSet<int> seen = [];
        foreach (int id in ids)
        {
            if (seen.Add(id) && _areas.FindById(id) is { } area)
            {
                list.Add(area);
            }
        }

        return list;
    }

    private static DateTimeOffset IsraelOffset(DateTimeOffset utc)
    {
        DateTime local = HomeFrontFeeds.IsraelTime(utc);
        return new DateTimeOffset(local, local - utc.UtcDateTime);
    }

    private static string AtomTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static FeedDocument Changed(FeedDocument previous, byte[] body, string contentType, DateTimeOffset now) =>
        previous.ContentType == contentType && previous.Body.AsSpan().SequenceEqual(body) ? previous : Document(body, contentType, now);

    private static FeedDocument Document(byte[] body, string contentType, DateTimeOffset now)
    {
        string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)) + "\"";
        // HTTP dates have whole seconds; Last-Modified is the second the content changed.
        return new FeedDocument(body, etag, new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero), contentType);
    }
}
