using System.Text.Json;
using Dome.Defense.Alerting;
using Dome.Model.Areas;

namespace Dome.Defense.Tests.Alerting;

public class HomeFrontFeedsTests
{
    private static readonly AlertAreaMap Map = AlertAreaMap.Default;

    [Fact]
    public void ActiveAlert_IsTheAlertsJsonShape_ByteForByte()
    {
        DateTimeOffset issued = new(2019, 12, 25, 21, 5, 36, TimeSpan.FromHours(2));
        string body = HomeFrontFeeds.ActiveAlert(issued, [Map.FindById(320)!, Map.FindById(1932)!, Map.FindById(320)!]);
        // The shape the real feed serves (keys, order, string category, Hebrew names unescaped, no spaces).
        Assert.Equal("""{"id":"132217743360000000","cat":"1","title":"ירי רקטות וטילים","data":["אשקלון - צפון","אשקלון - דרום"],"desc":"היכנסו למרחב המוגן ושהו בו 10 דקות"}""", body);
        Assert.Equal(string.Empty, HomeFrontFeeds.ActiveAlert(issued, []));
    }

    [Fact]
    public void History_IsNewestFirst_InIsraelLocalTime_AcrossSummerTime()
    {
        AlertArea telAviv = Map.FindById(742)!, ashkelon = Map.FindById(320)!;
        string body = HomeFrontFeeds.History(
        [
            (new DateTimeOffset(2021, 5, 11, 18, 0, 5, TimeSpan.Zero), telAviv),    // 21:00:05 in summer (UTC+3)
            (new DateTimeOffset(2019, 12, 25, 19, 5, 36, TimeSpan.Zero), ashkelon), // 21:05:36 in winter (UTC+2)
        ]);
        JsonElement[] items = [.. JsonDocument.Parse(body).RootElement.EnumerateArray()];
        Assert.Equal("2021-05-11 21:00:05", items[0].GetProperty("alertDate").GetString());
        Assert.Equal("תל אביב - מרכז העיר", items[0].GetProperty("data").GetString());
        Assert.Equal(1, items[0].GetProperty("category").GetInt32());
        Assert.Equal("2019-12-25 21:05:36", items[1].GetProperty("alertDate").GetString());
        Assert.StartsWith("""[{"alertDate":"2021-05-11 21:00:05","title":"ירי רקטות וטילים","data":"תל אביב - מרכז העיר","category":1},""", body, StringComparison.Ordinal);
        Assert.Equal("[]", HomeFrontFeeds.History([]));
    }

    [Fact]
    public void EventOverAndPreAlert_AreCategory10Updates_InTheActiveFeed_And13InTheHistory()
    {
        DateTimeOffset issued = new(2019, 12, 25, 21, 15, 36, TimeSpan.FromHours(2));
        Assert.Equal("""{"id":"132217749360000000","cat":"10","title":"האירוע הסתיים","data":["אשקלון - צפון"],"desc":"השוהים במרחב המוגן יכולים לצאת"}""",
            HomeFrontFeeds.ActiveMessage(issued, FeedMessageKind.EventOver, [Map.FindById(320)!]));
        Assert.Contains("\"cat\":\"10\",\"title\":\"בדקות הקרובות צפויות להתקבל התרעות באזורך\"", HomeFrontFeeds.ActiveMessage(issued, FeedMessageKind.PreAlert, [Map.FindById(320)!]), StringComparison.Ordinal);
        string history = HomeFrontFeeds.MessageHistory([(issued, FeedMessageKind.EventOver, Map.FindById(320)!), (issued.AddMinutes(-10), FeedMessageKind.Alert, Map.FindById(320)!)]);
        Assert.Equal("""[{"alertDate":"2019-12-25 21:15:36","title":"האירוע הסתיים","data":"אשקלון - צפון","category":13},{"alertDate":"2019-12-25 21:05:36","title":"ירי רקטות וטילים","data":"אשקלון - צפון","category":1}]""", history);
    }
}
