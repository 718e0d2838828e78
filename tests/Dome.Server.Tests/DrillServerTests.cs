using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Dome.Defense.Alerting;

namespace Dome.Server.Tests;

public sealed class DrillServerTests
{
    private const string AlertsPath = "WarningMessages/alert/Alerts.json";
    private const string HistoryPath = "WarningMessages/alert/History/AlertsHistory.json";

    [Fact]
    public async Task FeedsAreServedWithCachingHeadersAndAnsweredNotModified()
    {
        using TempFolder temp = new();
        await using DrillServer server = await Servers.StartAsync(temp.File("drill.db"));
        using HttpClient http = Servers.Client(server);

        using HttpResponseMessage empty = await http.GetAsync(AlertsPath);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(0, empty.Content.Headers.ContentLength);
        Assert.Equal("application/json", empty.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", empty.Content.Headers.ContentType.CharSet);
        Assert.True(empty.Headers.CacheControl!.Public);
        Assert.InRange(empty.Headers.CacheControl.MaxAge!.Value.TotalSeconds, 1, 5);
        EntityTagHeaderValue etag = empty.Headers.ETag!;
        DateTimeOffset lastModified = empty.Content.Headers.LastModified!.Value;

        using HttpRequestMessage conditional = new(HttpMethod.Get, AlertsPath);
        conditional.Headers.IfNoneMatch.Add(etag);
        using HttpResponseMessage notModified = await http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using HttpRequestMessage since = new(HttpMethod.Get, "warningMessages/alert/Alerts.json"); // the client library's spelling
        since.Headers.IfModifiedSince = lastModified;
        using HttpResponseMessage notModified2 = await http.SendAsync(since);
        Assert.Equal(HttpStatusCode.NotModified, notModified2.StatusCode);

        using HttpRequestMessage head = new(HttpMethod.Head, HistoryPath);
        using HttpResponseMessage headResponse = await http.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
        Assert.Equal(2, headResponse.Content.Headers.ContentLength); // "[]"

        using HttpResponseMessage health = await http.GetAsync("healthz");
        JsonElement h = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", h.GetProperty("status").GetString());
        Assert.Equal("idle", h.GetProperty("player").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("WarningMessages/alert/nothing.json")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync(AlertsPath, Servers.Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("cap/alerts/no-such.xml")).StatusCode);
    }

    [Fact]
    public async Task AshkelonPlayedFastAlertsAshkelonInEveryFeedAndOnTheStream()
    {
        using TempFolder temp = new();
        await using DrillServer server = await Servers.StartAsync(temp.File("drill.db"), "ashkelon-2019", speed: 20);
        using HttpClient http = Servers.Client(server);
        using HttpClient streamClient = new() { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using CancellationTokenSource cancel = new(TimeSpan.FromSeconds(60));
        Task<List<(string Event, string Data)>> stream = ReadStream(streamClient, e => e.Event == "alert" && e.Data.Contains(Servers.AshkelonNorth, StringComparison.Ordinal), cancel.Token);

        string body = await Servers.Until(async () => await http.GetStringAsync(AlertsPath), b => b.Contains(Servers.AshkelonNorth, StringComparison.Ordinal), TimeSpan.FromSeconds(60), "Ashkelon - North in Alerts.json");
        JsonElement alert = JsonDocument.Parse(body).RootElement;
        Assert.Equal("1", alert.GetProperty("cat").GetString());
        Assert.Equal(18, alert.GetProperty("id").GetString()!.Length);

        JsonElement[] history = [.. JsonDocument.Parse(await http.GetStringAsync(HistoryPath)).RootElement.EnumerateArray()];
        Assert.Contains(history, e => e.GetProperty("data").GetString() == Servers.AshkelonNorth && e.GetProperty("category").GetInt32() == 1);
        Assert.All(history, e => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", e.GetProperty("alertDate").GetString()!));

        XDocument atom = XDocument.Parse(await http.GetStringAsync("cap/feed.atom"));
        XNamespace a = "http://www.w3.org/2005/Atom";
        XElement entry = atom.Root!.Elements(a + "entry").First(e => e.Element(a + "title")!.Value.Contains(Servers.AshkelonNorth, StringComparison.Ordinal));
        string capUrl = entry.Elements(a + "link").Single(l => (string?)l.Attribute("rel") == "alternate").Attribute("href")!.Value;
        using HttpResponseMessage capResponse = await http.GetAsync(capUrl.TrimStart('/'));
        Assert.Equal("application/cap+xml", capResponse.Content.Headers.ContentType!.MediaType);
        XDocument cap = XDocument.Parse(await capResponse.Content.ReadAsStringAsync());
        Assert.Empty(CapAlerts.Validate(cap));
        Assert.Equal("Exercise", cap.Root!.Element(CapAlerts.Cap + "status")!.Value);

        List<(string Event, string Data)> events = await stream;
        Assert.Equal("state", events[0].Event);
        JsonElement streamed = JsonDocument.Parse(events[^1].Data).RootElement;
        Assert.Contains(streamed.GetProperty("areas").EnumerateArray(), x => x.GetProperty("name").GetString() == Servers.AshkelonNorth && x.GetProperty("countdown_s").GetInt32() == 30);
        Assert.Contains(events, e => e.Event == "launch");
        Assert.Contains(events, e => e.Event == "track");

        JsonElement state = JsonDocument.Parse(await http.GetStringAsync("api/state")).RootElement;
        Assert.Equal("ashkelon-2019", state.GetProperty("scenario").GetProperty("name").GetString());
        Assert.True(state.GetProperty("metrics").GetProperty("area_alerts").GetInt32() >= 1);
    }

    [Fact]
    public async Task TheOperatorApiIsOffWithoutATokenAndRefusesWrongOnes()
    {
        using TempFolder temp = new();
        await using (DrillServer off = await Servers.StartAsync(temp.File("off.db")))
        {
            using HttpClient anyone = Servers.Client(off, Servers.Token);
            using HttpResponseMessage r = await anyone.PostAsync("api/operator/drill", Servers.Json($"{{\"areas\":[\"{Servers.AshkelonNorth}\"]}}"));
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            Assert.Contains("disabled", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Empty(await anyone.GetByteArrayAsync(AlertsPath));
        }

        await using DrillServer server = await Servers.StartAsync(temp.File("on.db"), token: Servers.Token);
        using HttpClient nobody = Servers.Client(server);
        using HttpClient wrong = Servers.Client(server, Servers.Token + "x");
        foreach (HttpClient client in new[] { nobody, wrong })
        {
            using HttpResponseMessage r = await client.PostAsync("api/operator/drill", Servers.Json($"{{\"areas\":[\"{Servers.AshkelonNorth}\"]}}"));
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.Equal("Bearer", r.Headers.WwwAuthenticate.Single().Scheme);
        }

        Assert.Empty(await nobody.GetByteArrayAsync(AlertsPath));
        JsonElement state = JsonDocument.Parse(await nobody.GetStringAsync("api/state")).RootElement;
        Assert.Equal("idle", state.GetProperty("state").GetString());
    }

    [Fact]
    public async Task RejectedOperatorRequestsChangeNothingAndGoodOnesAct()
    {
        using TempFolder temp = new();
        await using DrillServer server = await Servers.StartAsync(temp.File("drill.db"), token: Servers.Token);
        using HttpClient op = Servers.Client(server, Servers.Token);
        string feedBefore = (await op.GetAsync(AlertsPath)).Headers.ETag!.Tag;

        (string Path, HttpContent Body, HttpStatusCode Status, string Fragment)[] bad =
        [
            ("api/operator/drill", Servers.Json("{\"areas\":[\"Atlantis\"]}"), HttpStatusCode.BadRequest, "areas[0]"),
            ("api/operator/drill", Servers.Json($"{{\"areas\":[\"{Servers.AshkelonNorth}\", \"Atlantis\"]}}"), HttpStatusCode.BadRequest, "areas[1]"),
            ("api/operator/drill", Servers.Json("{\"areas\":[]}"), HttpStatusCode.BadRequest, "areas"),
            ("api/operator/drill", Servers.Json("{\"areas\": [1,"), HttpStatusCode.BadRequest, "not JSON"),
            ("api/operator/drill", Servers.Json("[1,2]"), HttpStatusCode.BadRequest, "JSON object"),
            ("api/operator/drill", Servers.Json("{\"areas\":[\"Sderot\"],\"colour\":\"red\"}"), HttpStatusCode.BadRequest, "colour"),
            ("api/operator/start", Servers.Json("{\"scenario\":\"no-such-scenario\"}"), HttpStatusCode.BadRequest, "no scenario 'no-such-scenario'"),
            ("api/operator/start", Servers.Json("{\"scenario\":\"ashkelon-2019\",\"speed\":0}"), HttpStatusCode.BadRequest, "speed"),
            ("api/operator/start", Servers.Json("{\"scenario\":\"ashkelon-2019\",\"speed\":\"fast\"}"), HttpStatusCode.BadRequest, "speed"),
            ("api/operator/speed", Servers.Json("{\"speed\":5000}"), HttpStatusCode.BadRequest, "at most 1000"),
            ("api/operator/drill", new ByteArrayContent(new byte[DrillServer.MaxCommandBytes + 1]), HttpStatusCode.RequestEntityTooLarge, "at most"),
        ];
        foreach ((string path, HttpContent body, HttpStatusCode status, string fragment) in bad)
        {
            using HttpResponseMessage r = await op.PostAsync(path, body);
            string text = await r.Content.ReadAsStringAsync();
            Assert.True(status == r.StatusCode, $"{path} {status}: got {(int)r.StatusCode} {text}");
            Assert.Contains(fragment, JsonDocument.Parse(text).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        // Nothing changed: no alert, no scenario, the same feed.
        Assert.Equal(feedBefore, (await op.GetAsync(AlertsPath)).Headers.ETag!.Tag);
        Assert.Equal("idle", JsonDocument.Parse(await op.GetStringAsync("api/state")).RootElement.GetProperty("state").GetString());

        // Scenario upload: a bad file is refused with its line, a good one is stored and can be started.
        string good = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "scenarios", "ashkelon-2019.yaml"));
        using HttpResponseMessage badUpload = await op.PutAsync("api/operator/scenarios/mine", new StringContent(good.Replace("rocket: grad", "rocket: banana", StringComparison.Ordinal), Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.BadRequest, badUpload.StatusCode);
        Assert.Matches(@"upload:mine:\d+:\d+", await badUpload.Content.ReadAsStringAsync());
        using HttpResponseMessage badName = await op.PutAsync("api/operator/scenarios/..%2Fetc", new StringContent(good, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        // Over-limit bodies are announced with "Expect: 100-continue", as curl does for large uploads: the server answers
        // 413 from the Content-Length alone and the body is never sent. (Sent outright, a body the server refuses
        // unread can meet a closed connection half-way: a broken pipe instead of the answer, depending on timing.)
        using HttpResponseMessage huge = await op.SendAsync(Announced(HttpMethod.Put, "api/operator/scenarios/huge", new StringContent(new string('#', DrillServer.MaxScenarioBytes + 10), Encoding.UTF8, "application/yaml")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        using HttpResponseMessage tooBig = await op.SendAsync(Announced(HttpMethod.Put, "api/operator/scenarios/huge", new ByteArrayContent(new byte[DrillServer.MaxRequestBodyBytes + 1])));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("idle", JsonDocument.Parse(await op.GetStringAsync("api/state")).RootElement.GetProperty("state").GetString());

        using HttpResponseMessage upload = await op.PutAsync("api/operator/scenarios/mine", new StringContent(good, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);

        // A manual drill alert by Hebrew name, English name and id.
        int sderot = Dome.Model.Areas.AlertAreaMap.Default.Find("Sderot, Ivim, Nir Am")!.Id;
        using HttpResponseMessage drill = await op.PostAsync("api/operator/drill", Servers.Json($"{{\"areas\":[\"{Servers.AshkelonNorth}\",\"Ashkelon - South\",{sderot}]}}"));
        Assert.Equal(HttpStatusCode.OK, drill.StatusCode);
        JsonElement feed = JsonDocument.Parse(await op.GetStringAsync(AlertsPath)).RootElement;
        Assert.Equal([Servers.AshkelonNorth, "אשקלון - דרום", "שדרות, איבים"], feed.GetProperty("data").EnumerateArray().Select(e => e.GetString()!));

        // Start the uploaded scenario paused-able, then pause: the clock stands still.
        using HttpResponseMessage start = await op.PostAsync("api/operator/start", Servers.Json("{\"scenario\":\"mine\",\"speed\":2,\"seed\":7}"));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        JsonElement running = JsonDocument.Parse(await op.GetStringAsync("api/state")).RootElement;
        Assert.Equal("running", running.GetProperty("state").GetString());
        Assert.Equal(7UL, running.GetProperty("scenario").GetProperty("seed").GetUInt64());
        await Servers.Until(async () => JsonDocument.Parse(await op.GetStringAsync("api/state")).RootElement.GetProperty("reached_t").GetDouble(), t => t > 0, TimeSpan.FromSeconds(60), "the run under way");
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync("api/operator/pause", null)).StatusCode);
        double t1 = JsonDocument.Parse(await op.GetStringAsync("api/state")).RootElement.GetProperty("sim_t").GetDouble();
        await Task.Delay(300);
        JsonElement paused = JsonDocument.Parse(await op.GetStringAsync("api/state")).RootElement;
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Equal(t1, paused.GetProperty("sim_t").GetDouble());
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync("api/operator/speed", Servers.Json("{\"speed\":50}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync("api/operator/resume", null)).StatusCode);
        await Servers.Until(async () => JsonDocument.Parse(await op.GetStringAsync("api/state")).RootElement.GetProperty("sim_t").GetDouble(), t => t > t1 + 5, TimeSpan.FromSeconds(20), "the clock running again at 50×");
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync("api/operator/stop", null)).StatusCode);
        Assert.Equal("stopped", JsonDocument.Parse(await op.GetStringAsync("api/state")).RootElement.GetProperty("state").GetString());
    }

    private static HttpRequestMessage Announced(HttpMethod method, string path, HttpContent content)
    {
        HttpRequestMessage request = new(method, path) { Content = content };
        request.Headers.ExpectContinue = true;
        return request;
    }

    [Fact]
    public async Task ARestartedServerKeepsTheHistoryAndTheActiveAlerts()
    {
        using TempFolder temp = new();
        string db = temp.File("drill.db");
        string alerts, history;
        await using (DrillServer first = await Servers.StartAsync(db, token: Servers.Token))
        {
            using HttpClient op = Servers.Client(first, Servers.Token);
            Assert.Equal(HttpStatusCode.OK, (await op.PostAsync("api/operator/drill", Servers.Json($"{{\"areas\":[\"{Servers.AshkelonNorth}\"]}}"))).StatusCode);
            alerts = await op.GetStringAsync(AlertsPath);
            history = await op.GetStringAsync(HistoryPath);
        }

        await using DrillServer second = await Servers.StartAsync(db);
        using HttpClient http = Servers.Client(second);
        Assert.Equal(alerts, await http.GetStringAsync(AlertsPath));
        Assert.Equal(history, await http.GetStringAsync(HistoryPath));
    }

    [Fact]
    public async Task StoppingTheServerEndsOpenStreamsAtOnce()
    {
        using TempFolder temp = new();
        DrillServer server = await Servers.StartAsync(temp.File("drill.db"));
        using HttpClient client = new() { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using HttpResponseMessage response = await client.GetAsync("api/stream", HttpCompletionOption.ResponseHeadersRead);
        using Stream body = await response.Content.ReadAsStreamAsync();
        await Servers.Until(() => Task.FromResult(server.Hub.Subscribers), n => n == 1, TimeSpan.FromSeconds(10), "the subscriber");
        System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();
        await server.DisposeAsync();
        // Kestrel would wait up to its shutdown timeout (30 s) for an open stream; the hub closes them instead.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {watch.Elapsed.TotalSeconds:F1} s");
        using StreamReader reader = new(body);
        await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Reads <c>/api/stream</c> until an event matches; returns every event read.</summary>
    internal static async Task<List<(string Event, string Data)>> ReadStream(HttpClient client, Func<(string Event, string Data), bool> until, CancellationToken cancel)
    {
        using HttpResponseMessage response = await client.GetAsync("api/stream", HttpCompletionOption.ResponseHeadersRead, cancel);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using StreamReader reader = new(await response.Content.ReadAsStreamAsync(cancel), Encoding.UTF8);
        List<(string, string)> events = [];
        string? type = null;
        StringBuilder data = new();
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.Length == 0)
            {
                if (type is not null)
                {
                    (string, string) e = (type, data.ToString());
                    events.Add(e);
                    if (until(e))
                    {
                        return events;
                    }
                }

                type = null;
                data.Clear();
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]);
            }
        }

        throw new InvalidOperationException("the stream ended");
    }
}
