using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tests.Tracking;

/// <summary>
/// The two warning radars of <see cref="RangeRateTests"/> (north and south of a launch site near the Gaza border, 0.5 s
/// revisit, range rate) watching the same rounds: each revisit the south radar's scan, then the north's 0.02 s later.
/// Each radar's world draws its own noise from its own seed (north <c>seed</c>, south <c>seed + 1000</c>), so a test's
/// draws do not depend on which of them it reads first, nor on when it stops reading.
/// </summary>
internal sealed class WarningRadarPair(int seed)
{
    /// <summary>The launch site of the tests that use the pair, between the two radars (about 6–8 km from each).</summary>
    public static readonly GeoPoint LaunchSite = new(31.545, 34.495);

    public TestWorld North { get; } = new(RangeRateTests.NorthWarningRadar, seed);

    public TestWorld South { get; } = new(RangeRateTests.SouthWarningRadar, seed + 1000);

    public static RadarSite[] Sites => [RangeRateTests.NorthWarningRadar, RangeRateTests.SouthWarningRadar];

    /// <summary>
    /// A round of the type's own dispersion in thrust and drag (the catalog's σ, drawn from <c>seed + 2000</c>), fired
    /// from <see cref="LaunchSite"/> in the test world's wind.
    /// </summary>
    public static Trajectory DispersedRound(RocketType type, double azimuth, double elevation, int seed)
    {
        Random random = new(seed + 2000);
        Dispersion d = type.Dispersion;
        return FlightModel.Fly(type, new LaunchConditions(LaunchSite, azimuth, elevation), TestWorld.Windy,
            1 + (d.ThrustSigmaFraction * MeasurementAndMotionTests.Gauss(random)), 1 + (d.DragSigmaFraction * MeasurementAndMotionTests.Gauss(random)));
    }

    /// <summary>The first scan after a launch: 0.03–0.48 s later by the seed, so the rounds do not all share one phase.</summary>
    public static double FirstScan(double launch, int seed) => launch + 0.03 + (0.05 * (seed % 10));

    /// <summary>
    /// A round of <see cref="TestWorld.Add"/>'s dispersion (drawn from the north world's generator), fired from
    /// <see cref="LaunchSite"/>; both radars see it.
    /// </summary>
    public Trajectory Fire(RocketType type, double azimuth, double elevation, double launchTime)
    {
        North.Add(type, LaunchSite, azimuth, elevation, launchTime);
        Trajectory flight = North.Rockets[^1].Flight;
        South.Rockets.Add((launchTime, flight));
        return flight;
    }

    /// <summary>Both radars see the round.</summary>
    public void Fire(double launchTime, Trajectory flight)
    {
        North.Rockets.Add((launchTime, flight));
        South.Rockets.Add((launchTime, flight));
    }

    /// <summary>
    /// The scans from <paramref name="from"/> until <paramref name="until"/>, in time order, each read when enumerated; the
    /// north radar's <paramref name="northLag"/> after the south's (less than a revisit).
    /// </summary>
    public IEnumerable<(double At, RadarPlot[] Plots)> Scans(double from, double until, double northLag = 0.02)
    {
        for (double t = from; t < until; t += RangeRateTests.NorthWarningRadar.RevisitSeconds)
        {
            yield return (t, [.. South.Scan(t, 0).Select(s => s.Plot)]);
            yield return (t + northLag, [.. North.Scan(t + northLag, 0).Select(s => s.Plot)]);
        }
    }
}
