using Dome.Defense.Tests.Tracking;
using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tests.Prediction;

/// <summary>
/// A forecast of a drag no rocket has does not replace a track's last forecast of a rocket's
/// (<see cref="DefenseCore.DragOfARocket"/>): the rule must never take an honest track of a catalog rocket for a stray.
/// </summary>
public class StrayDragTests
{
    [Fact]
    public void TheGreatestDragParameter_LiesAboveEveryCatalogRoundsAtBurnout_AndNearTheHeaviestDragOfTheCatalog()
    {
        // The truth: the flight model's own rounds. k at burnout = 1/β at low Mach of a round of +3σ drag, every type.
        double greatest = RocketCatalog.All.Max(t => (1 + (3 * t.Dispersion.DragSigmaFraction)) / FlightBody.FromType(t).BallisticCoefficient(0));
        Assert.InRange(DefenseCore.GreatestDragParameter, greatest, 1.5 * greatest);
        // The README's figure: the 107 mm rocket's 1.55 × 10⁻⁴ m²/kg nominal, the bound about 2 × 10⁻⁴.
        Assert.InRange(DefenseCore.GreatestDragParameter, 1.8e-4, 2.3e-4);
    }

    [Fact]
    public void EveryTrackOfACatalogRound_HasARocketsDrag_WheneverItIsForecast()
    {
        // Rounds of every type of the catalog, of its dispersion, whole and failing at 15–60% of their burn, fired at
        // 35–55° past the two warning radars: at every scan at which a confirmed track of the round (within 1 km of it)
        // is not held, its k is a rocket's at 3σ — the stray rule would never stand in for its forecasts.
        (int checks, int strays) = (0, 0);
        List<string> found = [];
        foreach (RocketType type in RocketCatalog.All)
        {
            foreach (double elevation in (ReadOnlySpan<double>)[35, 45, 55])
            {
                for (int seed = 1; seed <= 4; seed++)
                {
                    double fraction = 0.15 + (0.05 * (seed % 10));
                    FlightBody failed = FlightBody.FromType(type) with { BurnTimeSeconds = type.BurnTimeSeconds * fraction };
                    foreach (Trajectory flight in new[]
                    {
                        WarningRadarPair.DispersedRound(type, 30, elevation, seed),
                        FlightModel.Fly(failed, type.LaunchSpeedMetersPerSecond, new LaunchConditions(WarningRadarPair.LaunchSite, 30, elevation), TestWorld.Windy),
                    })
                    {
                        const double launch = 5;
                        DefenseCore core = new();
                        WarningRadarPair radars = new(seed);
                        radars.Fire(launch, flight);
                        Tracker tracker = new(WarningRadarPair.Sites);
                        foreach ((double at, RadarPlot[] plots) in radars.Scans(WarningRadarPair.FirstScan(launch, seed), launch + Math.Min(40, flight.FlightTimeSeconds)))
                        {
                            tracker.Process(plots);
                            if (at - launch > flight.FlightTimeSeconds)
                            {
                                break;
                            }

                            Vector3 truth = flight.StateAt(at - launch).Position;
                            foreach (Track track in tracker.Tracks.Where(t => t.Status == TrackStatus.Confirmed && !core.Holds(t) && (t.Position - truth).Length < 1000))
                            {
                                checks++;
                                if (!DefenseCore.DragOfARocket(track))
                                {
                                    strays++;
                                    found.Add(FormattableString.Invariant($"{type.Id} at {elevation}°, seed {seed}, {at - launch:F2} s: k {track.DragParameter:E2}"));
                                }
                            }
                        }
                    }
                }
            }
        }

        Assert.True(checks > 5000, $"{checks} checks");
        Assert.True(strays == 0, $"{strays} of {checks}: {string.Join("; ", found.Take(10))}");
    }
}
