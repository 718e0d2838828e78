using System.Diagnostics;
using Dome.Defense;
using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;
using Dome.Simulation.World;

namespace Dome.Cli.Commands;

/// <summary>
/// The core's time per radar scan with n rockets in the air: Fajr-5 and R-160 rounds (alternately; 135–220 s of flight,
/// so every one launched is still flying when the timing ends) launched from the Gaza Strip at a steady rate, seen by
/// two radars (1 s revisit, half a second apart, 5 clutter plots per scan). The core runs from the first scan; the 40
/// scans of the 20 s that start when the last rocket has been launched (and no earlier than 30 s, so that the first
/// are tracked) are timed. The truth of each plot scores the tracks: a confirmed track is on one rocket when at least
/// 90% of its plots are that rocket's.
/// </summary>
/// <remarks>
/// The launch rate is held the same for every n so that the sky is as crowded near the launchers whatever the number
/// of rockets: the scan's cost then measures the core, not the radars' resolution. At 100 launches a second the
/// rockets in the launch area are about 1 km apart; at 1,000 a second they are 300 m apart, inside one another's gates
/// while their tracks are young (2 mrad ≈ 80 m per axis at 40 km, gates of several hundred metres), and
/// `--launch-rate 1000` shows what that crowd costs and how many tracks stay on one rocket.
/// </remarks>
internal static class TrackingBench
{
    /// <summary>Launches per second by default.</summary>
    public const double DefaultLaunchRate = 100;

    public sealed record Figure(int Rockets, double TimedFromSeconds, int RocketsInFlight, double MillisecondsPerScan, double PlotsPerScan, double ForecastsPerScan,
        int ConfirmedTracks, int RocketsWithATrack, int SingleRocketTracks);

    public static Figure Measure(int n, double launchRate, bool forecasts)
    {
        double window = n / launchRate;
        double from = Math.Max(30, window), to = from + 20;
        DeterministicRandom random = new(20231007UL + (ulong)n);
        List<(double Launch, Trajectory Flight)> rockets = new(n);
        for (int i = 0; i < n; i++)
        {
            RocketType type = i % 2 == 0 ? RocketCatalog.Fajr5 : RocketCatalog.R160;
            GeoPoint launch = new(random.Uniform(31.25, 31.55), random.Uniform(34.28, 34.50));
            rockets.Add((random.Uniform(0, window), FlightModel.Fly(type, new LaunchConditions(launch, random.Uniform(10, 60), random.Uniform(45, 57)))));
        }

        SyntheticSky sky = new(rockets, 7, 5);
        DefenseCore core = new() { ForecastIntervalSeconds = forecasts ? 1.0 : double.PositiveInfinity };
        core.Start(sky.Sites);
        Dictionary<int, Dictionary<int, int>> origins = [];
        Dictionary<RadarPlot, int> owner = [];
        double timed = 0;
        long plots = 0, forecastCount = 0;
        int scans = 0;
        foreach ((double now, List<TaggedPlot> tagged) in sky.Scans(0.5, to))
        {
            RadarPlot[] batch = [.. tagged.Select(p => p.Plot)];
            long start = Stopwatch.GetTimestamp();
            DefenseOutput output = core.Process(now, batch);
            double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            owner.Clear();
            foreach (TaggedPlot p in tagged)
            {
                owner[p.Plot] = p.RocketId;
            }

            foreach (PlotAssignment a in output.Assignments)
            {
                Dictionary<int, int> counts = origins.TryGetValue(a.TrackId, out Dictionary<int, int>? c) ? c : origins[a.TrackId] = [];
                int rocket = owner.GetValueOrDefault(a.Plot);
                counts[rocket] = counts.GetValueOrDefault(rocket) + 1;
            }

            if (now >= from)
            {
                timed += elapsed;
                plots += batch.Length;
                forecastCount += output.Forecasts.Count;
                scans++;
            }
        }

        List<Track> confirmed = [.. core.Tracker.Tracks.Where(t => t.Status == TrackStatus.Confirmed)];
        HashSet<int> tracked = [];
        int single = 0;
        foreach (Track t in confirmed)
        {
            if (!origins.TryGetValue(t.Id, out Dictionary<int, int>? counts))
            {
                continue;
            }

            KeyValuePair<int, int> best = counts.MaxBy(kv => kv.Value);
            if (best.Key != 0)
            {
                tracked.Add(best.Key);
                single += best.Value >= 0.9 * counts.Values.Sum() ? 1 : 0;
            }
        }

        int inFlight = rockets.Count(r => r.Launch <= to && r.Launch + r.Flight.FlightTimeSeconds >= to);
        return new Figure(n, from, inFlight, timed / scans, plots / (double)scans, forecastCount / (double)scans, confirmed.Count, tracked.Count, single);
    }
}
