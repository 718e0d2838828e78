using Dome.Defense.Prediction;
using Dome.Model.Areas;

namespace Dome.Defense.Alerting;

/// <summary>
/// The comparison planner of issue 5: as soon as a threat's first forecast exists (its track is confirmed), alert every
/// area of every regional zone its confidence region touches, at once. Wide and early; what the planner must beat.
/// A forecast whose region touches no zone (open sea, or a burning rocket's first forecast short of the border) does
/// not spend the track's one alert: the first of its forecasts that touches a zone does. Not thread-safe.
/// </summary>
public sealed class ZoneBaselinePlanner(AlertAreaMap areas, double containmentProbability = 0.99)
{
    private readonly HashSet<int> _seenTracks = [];
    private readonly Dictionary<string, List<AlertArea>> _zones = areas.Areas
        .Where(a => a.Polygon is not null)
        .GroupBy(a => a.ZoneEnglish, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    public IReadOnlyList<AlertIssued> Plan(double nowSeconds, IEnumerable<ImpactForecast> forecasts)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        SortedSet<int> alerted = [];
        foreach (ImpactForecast forecast in forecasts)
        {
            if (_seenTracks.Contains(forecast.TrackId))
            {
                continue;
            }

            HashSet<string> zones = [];
            areas.VisitIntersecting(forecast.Region(containmentProbability), a => zones.Add(a.ZoneEnglish));
            if (zones.Count > 0)
            {
                _seenTracks.Add(forecast.TrackId);
            }

            foreach (string zone in zones.Order(StringComparer.Ordinal))
            {
                foreach (AlertArea area in _zones.GetValueOrDefault(zone) ?? [])
                {
                    alerted.Add(area.Id);
                }
            }
        }

        return [.. alerted.Select(id => new AlertIssued(nowSeconds, id))];
    }
}
