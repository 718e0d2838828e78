namespace Dome.Defense.Alerting;

/// <summary>What a public message tells the areas it names.</summary>
public enum FeedMessageKind
{
    /// <summary>Alerts are expected in the coming minutes: be near a protected space (no siren, no shelter yet).</summary>
    PreAlert,

    /// <summary>Rocket and missile fire: enter the protected space now (the siren).</summary>
    Alert,

    /// <summary>The event is over: people in the protected space may leave.</summary>
    EventOver,
}

/// <summary>One message of the public feeds: a kind, a time (s since the scenario start) and the areas it names.</summary>
public sealed record FeedMessage(double TimeSeconds, FeedMessageKind Kind, IReadOnlyList<int> AreaIds);

/// <summary>
/// The alert lifecycle of DESIGN.md ("Alerting") as the public sees it. Alerts are never withdrawn; an area stays in
/// shelter <see cref="ShelterSeconds"/> after its last alert, so a new rocket re-alerts an area already in shelter and
/// extends its stay; when the stay ends, the area gets an "event over" message. A pre-alert names areas that are not in
/// shelter at that moment; a pre-alerted area that no alert follows gets its "event over" when the pre-alert's window
/// ends. Pure: the same alerts give the same messages.
/// </summary>
public static class AlertLifecycle
{
    /// <summary>People stay in the protected space ten minutes after the last alert (DESIGN.md).</summary>
    public const double ShelterSeconds = 600;

    /// <summary>The messages, in time order (alerts before pre-alerts before "event over" at the same second).</summary>
    public static IReadOnlyList<FeedMessage> Messages(IEnumerable<AlertIssued> alerts, IEnumerable<AlertIssued>? preAlerts = null)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        List<(double T, int Order, FeedMessageKind Kind, int Area)> events = [];
        events.AddRange(alerts.Select(a => (a.TimeSeconds, 0, FeedMessageKind.Alert, a.AreaId)));
        events.AddRange((preAlerts ?? []).Select(a => (a.TimeSeconds, 1, FeedMessageKind.PreAlert, a.AreaId)));
        events.Sort((x, y) => (x.T, x.Order, x.Area).CompareTo((y.T, y.Order, y.Area)));

        // Per area: the end of its current window (shelter or pre-alert), and whether the window is a shelter.
        Dictionary<int, (double End, bool Shelter)> open = [];
        List<(double T, FeedMessageKind Kind, int Area)> output = [];
        foreach ((double t, int _, FeedMessageKind kind, int area) in events)
        {
            CloseEnded(open, output, t);
            bool inShelter = open.TryGetValue(area, out (double End, bool Shelter) window) && window.Shelter;
            if (kind == FeedMessageKind.PreAlert)
            {
                if (!inShelter)
                {
                    output.Add((t, kind, area));
                    open[area] = (Math.Max(t + ShelterSeconds, open.TryGetValue(area, out var w) ? w.End : 0), false);
                }

                continue;
            }

            output.Add((t, kind, area));
            open[area] = (t + ShelterSeconds, true);
        }

        CloseEnded(open, output, double.PositiveInfinity);
        return [.. output
            .GroupBy(m => (m.T, m.Kind))
            .OrderBy(g => g.Key.T).ThenBy(g => g.Key.Kind switch { FeedMessageKind.Alert => 0, FeedMessageKind.PreAlert => 1, _ => 2 })
            .Select(g => new FeedMessage(g.Key.T, g.Key.Kind, [.. g.Select(m => m.Area).Distinct().Order()]))];
    }

    /// <summary>The areas in shelter at <paramref name="timeSeconds"/> (alerted within the last ten minutes).</summary>
    public static IReadOnlySet<int> InShelter(IEnumerable<AlertIssued> alerts, double timeSeconds)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return alerts.Where(a => a.TimeSeconds <= timeSeconds && timeSeconds < a.TimeSeconds + ShelterSeconds).Select(a => a.AreaId).ToHashSet();
    }

    private static void CloseEnded(Dictionary<int, (double End, bool Shelter)> open, List<(double, FeedMessageKind, int)> output, double now)
    {
        foreach ((int area, (double end, bool _)) in open.Where(o => o.Value.End <= now).OrderBy(o => o.Value.End).ThenBy(o => o.Key).ToList())
        {
            output.Add((end, FeedMessageKind.EventOver, area));
            open.Remove(area);
        }
    }
}
