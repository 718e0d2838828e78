using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Dome.Defense.Alerting;
using Dome.Model.Areas;

namespace Dome.Server.Tests;

public sealed class AlertBoardTests
{
    private static readonly AlertAreaMap Areas = AlertAreaMap.Default;
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    private static int Id(string name) => Areas.FindByHebrewName(name)!.Id;

    [Fact]
    public void AlertsJsonIsEmptyWithNothingActiveAndTheRealShapeWhileAnAlertIs()
    {
        using TempFolder temp = new();
        using DrillStore store = new(temp.File("drill.db"));
        // Summer: Israel is UTC+3.
        ManualTime time = new(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));
        AlertBoard board = new(Areas, store, TimeSpan.FromSeconds(60), time);
        Assert.Empty(board.Current.Body);
        Assert.Equal("[]", Encoding.UTF8.GetString(board.History.Body));

        board.Publish(FeedMessageKind.Alert, [Id("אשקלון - צפון"), Id("אשקלון - דרום")], "scenario", null, 40);
        time.Advance(TimeSpan.FromSeconds(5));
        DateTimeOffset second = time.GetUtcNow();
        board.Publish(FeedMessageKind.Alert, [Id("שדרות, איבים")], "scenario", null, 45);

        JsonElement current = JsonDocument.Parse(board.Current.Body).RootElement;
        // The id is the newest alert's time as a Windows file time: 100-ns ticks since 1601-01-01 UTC.
        long fileTime = (second.UtcDateTime - new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Ticks;
        Assert.Equal(fileTime.ToString(System.Globalization.CultureInfo.InvariantCulture), current.GetProperty("id").GetString());
        Assert.Equal("1", current.GetProperty("cat").GetString());
        Assert.Equal("ירי רקטות וטילים", current.GetProperty("title").GetString());
        Assert.Equal(["אשקלון - צפון", "אשקלון - דרום", "שדרות, איבים"], current.GetProperty("data").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["id", "cat", "title", "data", "desc"], current.EnumerateObject().Select(p => p.Name));

        JsonElement[] history = [.. JsonDocument.Parse(board.History.Body).RootElement.EnumerateArray()];
        Assert.Equal(3, history.Length);
        Assert.Equal("2026-07-01 15:00:05", history[0].GetProperty("alertDate").GetString());
        Assert.Equal("שדרות, איבים", history[0].GetProperty("data").GetString());
        Assert.Equal("2026-07-01 15:00:00", history[2].GetProperty("alertDate").GetString());
        Assert.All(history, h => Assert.Equal(1, h.GetProperty("category").GetInt32()));

        // Expiry: each alert leaves Alerts.json 60 s after it was issued; the ETag changes only with the body.
        FeedDocument before = board.Current;
        Assert.Same(before, board.Current);
        time.Advance(TimeSpan.FromSeconds(54.5)); // 59.5 s after the first
        Assert.Equal(before.ETag, board.Current.ETag);
        time.Advance(TimeSpan.FromSeconds(1)); // 60.5 s after the first
        Assert.Equal(["שדרות, איבים"], JsonDocument.Parse(board.Current.Body).RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetString()!));
        Assert.NotEqual(before.ETag, board.Current.ETag);
        time.Advance(TimeSpan.FromSeconds(5)); // 60.5 s after the second
        Assert.Empty(board.Current.Body);
        Assert.Equal(3, JsonDocument.Parse(board.History.Body).RootElement.GetArrayLength());
    }

    [Fact]
    public void EventOverShowsAsAnUpdateAndItsCapDocumentReferencesTheAlert()
    {
        using TempFolder temp = new();
        using DrillStore store = new(temp.File("drill.db"));
        // Winter: Israel is UTC+2.
        ManualTime time = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
        AlertBoard board = new(Areas, store, TimeSpan.FromSeconds(30), time);
        long run = store.BeginRun("ashkelon-2019", 1, 1, time.GetUtcNow());
        DrillMessage alert = board.Publish(FeedMessageKind.Alert, [Id("אשקלון - צפון")], "scenario", run, 40);
        time.Advance(TimeSpan.FromSeconds(600));
        DrillMessage over = board.Publish(FeedMessageKind.EventOver, [Id("אשקלון - צפון")], "scenario", run, 640);

        JsonElement current = JsonDocument.Parse(board.Current.Body).RootElement;
        Assert.Equal("10", current.GetProperty("cat").GetString());
        Assert.Equal("האירוע הסתיים", current.GetProperty("title").GetString());
        JsonElement[] history = [.. JsonDocument.Parse(board.History.Body).RootElement.EnumerateArray()];
        Assert.Equal(13, history[0].GetProperty("category").GetInt32());
        Assert.Equal("2026-01-15 14:10:00", history[0].GetProperty("alertDate").GetString());

        XDocument feed = XDocument.Parse(Encoding.UTF8.GetString(board.AtomFeed.Body));
        XElement[] entries = [.. feed.Root!.Elements(Atom + "entry")];
        Assert.Equal(2, entries.Length);
        foreach (XElement entry in entries)
        {
            Assert.NotNull(entry.Element(Atom + "id"));
            Assert.NotNull(entry.Element(Atom + "updated"));
            XElement capAlert = entry.Element(Atom + "content")!.Element(Cap + "alert")!;
            XDocument cap = new(new XElement(capAlert));
            Assert.Empty(CapAlerts.Validate(cap));
            Assert.Equal("Exercise", capAlert.Element(Cap + "status")!.Value);
        }

        XElement newest = entries[0].Element(Atom + "content")!.Element(Cap + "alert")!;
        Assert.Equal(over.Identifier, newest.Element(Cap + "identifier")!.Value);
        Assert.Equal("Update", newest.Element(Cap + "msgType")!.Value);
        Assert.Contains($",{alert.Identifier},2026-01-15T14:00:00+02:00", newest.Element(Cap + "references")!.Value, StringComparison.Ordinal);
        Assert.NotNull(board.CapDocument(alert.Identifier));
        Assert.Null(board.CapDocument("no-such-message"));
    }

    [Fact]
    public void ADatabaseReopenedKeepsTheHistoryAndTheActiveAlertsUntilTheyExpire()
    {
        using TempFolder temp = new();
        ManualTime time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        byte[] current, history;
        using (DrillStore store = new(temp.File("drill.db")))
        {
            AlertBoard board = new(Areas, store, TimeSpan.FromSeconds(60), time);
            board.Publish(FeedMessageKind.Alert, [Id("אשקלון - צפון")], "operator", null, null);
            current = board.Current.Body;
            history = board.History.Body;
        }

        time.Advance(TimeSpan.FromSeconds(30));
        using (DrillStore store = new(temp.File("drill.db")))
        {
            AlertBoard board = new(Areas, store, TimeSpan.FromSeconds(60), time);
            Assert.Equal(current, board.Current.Body);
            Assert.Equal(history, board.History.Body);
            time.Advance(TimeSpan.FromSeconds(31));
            Assert.Empty(board.Current.Body);
            Assert.Equal(history, board.History.Body);
        }
    }

    [Fact]
    public void AForeignDatabaseIsRefusedByName()
    {
        using TempFolder temp = new();
        string path = temp.File("other.db");
        using (Microsoft.Data.Sqlite.SqliteConnection c = new($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using Microsoft.Data.Sqlite.SqliteCommand cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers (id INTEGER)";
            cmd.ExecuteNonQuery();
        }

        DrillStoreException e = Assert.Throws<DrillStoreException>(() => new DrillStore(path));
        Assert.Contains("not a Dome drill database", e.Message, StringComparison.Ordinal);
        File.WriteAllText(temp.File("text.db"), "this is not SQLite at all, just text that is long enough to have a header........");
        Assert.Throws<DrillStoreException>(() => new DrillStore(temp.File("text.db")));
    }
}
