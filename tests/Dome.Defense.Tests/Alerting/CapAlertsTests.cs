using System.Globalization;
using System.Xml.Linq;
using Dome.Defense.Alerting;
using Dome.Model.Areas;

namespace Dome.Defense.Tests.Alerting;

public class CapAlertsTests
{
    private static readonly AlertAreaMap Map = AlertAreaMap.Default;
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private static readonly DateTimeOffset Sent = new(2019, 12, 25, 21, 5, 36, 682, TimeSpan.FromHours(2));

    private static XDocument AlertDocument() =>
        CapAlerts.Build(new FeedMessage(36.7, FeedMessageKind.Alert, [320, 1932]), Sent, "dome-test-00001", [Map.FindById(320)!, Map.FindById(1932)!]);

    [Fact]
    public void Alert_IsValidCap12_MarkedExercise_WithTheAreasPolygons()
    {
        XDocument doc = AlertDocument();
        Assert.Empty(CapAlerts.Validate(doc));
        XElement alert = doc.Root!;
        Assert.Equal("Exercise", alert.Element(Cap + "status")!.Value);
        Assert.Equal("Alert", alert.Element(Cap + "msgType")!.Value);
        Assert.Equal("2019-12-25T21:05:36+02:00", alert.Element(Cap + "sent")!.Value); // numeric zone, whole seconds
        Assert.Equal(["he-IL", "en-US"], alert.Elements(Cap + "info").Select(i => i.Element(Cap + "language")!.Value));
        XElement[] areas = [.. alert.Element(Cap + "info")!.Elements(Cap + "area")];
        Assert.Equal(["אשקלון - צפון", "אשקלון - דרום"], areas.Select(a => a.Element(Cap + "areaDesc")!.Value));
        foreach (XElement area in areas)
        {
            AlertArea source = Map.FindById(int.Parse(area.Element(Cap + "geocode")!.Element(Cap + "value")!.Value, CultureInfo.InvariantCulture))!;
            (double Lat, double Lon)[] ring = [.. area.Element(Cap + "polygon")!.Value.Split(' ').Select(p => p.Split(','))
                .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];
            Assert.True(ring.Length >= 4);
            Assert.Equal(ring[0], ring[^1]);
            Assert.Equal(source.Polygon!.ExteriorRing.NumPoints, ring.Length);
            // "lat,lon": every vertex lies in the area's own envelope (longitude first would not, in Israel).
            NetTopologySuite.Geometries.Envelope box = source.Polygon.EnvelopeInternal;
            Assert.All(ring, v => Assert.True(box.Contains(v.Lon, v.Lat) || box.Distance(new NetTopologySuite.Geometries.Envelope(v.Lon, v.Lon, v.Lat, v.Lat)) < 1e-6));
        }
    }

    [Fact]
    public void EventOver_IsAnAllClearUpdate_ThatReferencesTheAlert()
    {
        XDocument doc = CapAlerts.Build(new FeedMessage(636.7, FeedMessageKind.EventOver, [320]), Sent.AddMinutes(10), "dome-test-00002", [Map.FindById(320)!],
            [("dome-test-00001", Sent)]);
        Assert.Empty(CapAlerts.Validate(doc));
        Assert.Equal("Update", doc.Root!.Element(Cap + "msgType")!.Value);
        Assert.Equal("AllClear", doc.Root.Element(Cap + "info")!.Element(Cap + "responseType")!.Value);
        Assert.Equal($"{CapAlerts.Sender},dome-test-00001,2019-12-25T21:05:36+02:00", doc.Root.Element(Cap + "references")!.Value);
        XDocument pre = CapAlerts.Build(new FeedMessage(5, FeedMessageKind.PreAlert, [320]), Sent, "dome-test-00003", [Map.FindById(320)!]);
        Assert.Empty(CapAlerts.Validate(pre));
        Assert.Equal("Prepare", pre.Root!.Element(Cap + "info")!.Element(Cap + "responseType")!.Value);
    }

    [Theory]
    [InlineData("status", "Drill")]
    [InlineData("sent", "2019-12-25T19:05:36Z")]
    [InlineData("sent", "2019-12-25T21:05:36.682+02:00")]
    [InlineData("identifier", "two words")]
    [InlineData("scope", null)]
    public void Schema_RejectsWhatTheStandardForbids(string element, string? value)
    {
        XDocument doc = AlertDocument();
        XElement target = doc.Root!.Element(Cap + element)!;
        if (value is null)
        {
            target.Remove();
        }
        else
        {
            target.Value = value;
        }

        Assert.NotEmpty(CapAlerts.Validate(doc));
    }

    [Fact]
    public void Schema_RejectsAnOpenTriangle_AndElementsOutOfOrder()
    {
        XDocument doc = AlertDocument();
        doc.Root!.Element(Cap + "info")!.Element(Cap + "area")!.Element(Cap + "polygon")!.Value = "31.1,34.1 31.2,34.2 31.1,34.1";
        Assert.NotEmpty(CapAlerts.Validate(doc));
        XDocument swapped = AlertDocument();
        XElement status = swapped.Root!.Element(Cap + "status")!;
        status.Remove();
        swapped.Root.Add(status);
        Assert.NotEmpty(CapAlerts.Validate(swapped));
    }

    [Fact]
    public void Xml_IsUtf8WithTheCapNamespace() =>
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">", CapAlerts.ToXml(AlertDocument()).Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
}
