using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;
using Dome.Simulation.World;

namespace Dome.Cli.Commands;

/// <summary>
/// The benchmarks' sky: given rockets (launch time, truth flight), two MMR-class radars (Ashkelon and the western
/// Negev; 1 s revisit, scanning half a second apart, 15 m / 2 mrad noise, range rate ±1 m/s, Pd 0.95) produce plots
/// with clutter.
/// </summary>
internal sealed class SyntheticSky(IReadOnlyList<(double Launch, Trajectory Flight)> rockets, ulong seed, double clutterPerScan)
{
    private readonly List<(int, Vector3, Vector3)> _targets = new(rockets.Count);

    public RadarSite[] Sites { get; } = [Site("south", 31.625, 34.62, clutterPerScan), Site("negev", 31.33, 34.65, clutterPerScan)];

    /// <summary>Every scan of both radars from <paramref name="from"/> to <paramref name="to"/> (s), in time order.</summary>
    public IEnumerable<(double Now, List<TaggedPlot> Plots)> Scans(double from, double to)
    {
        RadarModel[] radars = [.. Sites.Select(s => new RadarModel(s, seed))];
        for (double t = from; t <= to; t += 1)
        {
            for (int r = 0; r < radars.Length; r++)
            {
                double now = t + (0.5 * r);
                _targets.Clear();
                for (int i = 0; i < rockets.Count; i++)
                {
                    double age = now - rockets[i].Launch;
                    if (age >= 0 && age <= rockets[i].Flight.FlightTimeSeconds)
                    {
                        (Vector3 position, Vector3 velocity) = rockets[i].Flight.StateAt(age);
                        _targets.Add((i + 1, position, velocity));
                    }
                }

                List<TaggedPlot> plots = [];
                radars[r].Scan(now, _targets, plots);
                yield return (now, plots);
            }
        }
    }

    private static RadarSite Site(string id, double lat, double lon, double clutter) => new()
    {
        Id = id,
        Position = new GeoPoint(lat, lon, 10),   // the antenna 10 m above the world's ground, as in the built-in scenarios
        RevisitSeconds = 1,
        RangeSigmaMeters = 15,
        AzimuthSigmaMilliradians = 2,
        ElevationSigmaMilliradians = 2,
        DetectionProbability = 0.95,
        MinElevationDegrees = 0.5,
        MaxRangeMeters = 150_000,
        ClutterPerScan = clutter,
        RangeRateSigmaMetersPerSecond = 1,   // pulse-Doppler, as the built-in scenarios' radars
    };
}
