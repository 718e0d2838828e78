using Dome.Defense.Numerics;
using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tests.Tracking;

/// <summary>
/// A rocket's first plot, with no earlier plot of its own to pair with, pairs with a false alarm that waited in the
/// initiator's wide gate: a plot waits no more than two of its radar's revisits (<see cref="TrackerSettings.PlotWaitRevisits"/>).
/// </summary>
public class FalseAlarmPartnerTests
{
    /// <summary>χ² with 3 degrees of freedom, 99.9%.</summary>
    private const double Chi3 = 16.27;

    [Fact]
    public void ARocketsFirstPlot_WaitsForItsOwnNext_NotAFalseAlarmOlderThanTwoRevisits()
    {
        // Rounds of four short motors at 10–45°, first seen 0.8–1.3 s after launch (as over a horizon), each with a
        // false alarm of the north radar 1.1–2.9 s (more than two of its 0.5 s revisits) before the first scan, 0.3–2 km
        // above where the rocket will be (in the initiator's gate of 2,500 m/s times the wait; as gaza-2021's traced
        // cases), its range rate drawn over the clutter's ±1,500 m/s. Every track that takes the rocket's plots: its
        // velocity error against the flight model's truth, under its own covariance, at every scan of its first 2.5 s
        // (the bound is χ²'s), whether it is deleted in that time, and when the first track is confirmed.
        List<Round> now = [], old = [];
        foreach (RocketType type in new[] { RocketCatalog.Grad, RocketCatalog.Qassam, RocketCatalog.Rocket107, RocketCatalog.GradExtended })
        {
            foreach (double elevation in (ReadOnlySpan<double>)[10, 20, 30, 45])
            {
                for (int seed = 1; seed <= 6; seed++)
                {
                    // The range-rate gate off in both: this is the wait's own effect (the gate refuses most of these
                    // false alarms too; the next test).
                    now.Add(Run(type, elevation, seed, new TrackerSettings { InitiationRangeRateSigmas = 0 }, 1.1, 1.8));
                    old.Add(Run(type, elevation, seed, new TrackerSettings { PlotWaitRevisits = 0, InitiationRangeRateSigmas = 0 }, 1.1, 1.8));
                }
            }
        }

        string tally = $"now: {Tally(now)}; the old wait: {Tally(old)}";
        Assert.True(now.Sum(x => x.Checks) > 600 && old.Count(x => x.TookFalseAlarm) >= 0.9 * old.Count, tally);
        // Now: no track takes the false alarm, none loses the rocket, every round is confirmed, and the velocity is
        // within its covariance but at a few scans (most at the motor's burnout, where every young track's is strained).
        Assert.True(now.All(x => !x.TookFalseAlarm && !x.Lost && x.ConfirmedAfter >= 0), tally);
        Assert.True(now.Sum(x => x.Over) <= 0.03 * now.Sum(x => x.Checks), tally);
        // The old wait, sure of the false alarm's velocity: beyond the bound twice as often, and the rocket's track lost
        // (deleted, the rocket to be found again) in several rounds.
        Assert.True(old.Sum(x => x.Over) >= 2 * now.Sum(x => x.Over) && old.Count(x => x.Lost) >= 5, tally);
        // The cost one would fear, a track begun with the rocket's second look rather than its first, does not show: the
        // two radars' looks 0.02 s apart confirm it as soon (measured: 0.54 s after the first scan against 0.59 s).
        Assert.True(now.Average(x => x.ConfirmedAfter) <= old.Average(x => x.ConfirmedAfter) + 0.1, tally);
    }

    [Fact]
    public void ARocketsFirstPlot_RefusesAFalseAlarmWithinTheWait_WhoseRangeRateThePairDoesNotExplain()
    {
        // The rounds above, but the false alarm 0.3–0.9 s before the first scan: within two revisits, so the wait keeps
        // it, and it is the rocket's first plot's nearest partner. Its range rate, drawn over the clutter's ±1,500 m/s,
        // is the pair's velocity along the north radar's line of sight only by chance (gaza-2021's rocket 3675 of seed
        // 3325650661813614716: a 2,160 m/s pair, a false alarm's −1,202 m/s). With the gate (4σ) against without.
        List<Round> gated = [], open = [];
        foreach (RocketType type in new[] { RocketCatalog.Grad, RocketCatalog.Qassam, RocketCatalog.Rocket107, RocketCatalog.GradExtended })
        {
            foreach (double elevation in (ReadOnlySpan<double>)[10, 20, 30, 45])
            {
                for (int seed = 1; seed <= 6; seed++)
                {
                    gated.Add(Run(type, elevation, seed, new TrackerSettings(), 0.3, 0.6));
                    open.Add(Run(type, elevation, seed, new TrackerSettings { InitiationRangeRateSigmas = 0 }, 0.3, 0.6));
                }
            }
        }

        string tally = FormattableString.Invariant(
            $"gated: {Tally(gated)}; without the gate: {Tally(open)}");
        // Without the gate most rounds begin on the false alarm (the premise). With it, a false alarm passes only when its
        // range rate falls in the gate's window, 8σ of about 100–160 m/s here (the positions' noise over 0.3–0.9 s and a
        // motor's push), under a third of the clutter's 3,000 m/s; and the rocket's own plots' range rates must agree too.
        Assert.True(open.Count(x => x.TookFalseAlarm) >= 0.6 * open.Count, tally);
        Assert.True(3 * gated.Count(x => x.TookFalseAlarm) <= open.Count(x => x.TookFalseAlarm), tally);
        Assert.True(3 * gated.Count(x => x.Lost) <= open.Count(x => x.Lost), tally);
        Assert.True(2 * gated.Sum(x => x.Over) <= open.Sum(x => x.Over), tally);
        // Every gated round confirmed within two revisits of its first scan (measured: 0.45 s on average, 1.02 s at most;
        // without the gate the false alarm's tracks confirm at once, 0.14 s, and most are then lost).
        Assert.True(gated.All(x => x.ConfirmedAfter >= 0 && x.ConfirmedAfter <= 1.1), tally);
    }

    private static string Tally(List<Round> r) => FormattableString.Invariant(
        $"{r.Sum(x => x.Over)} of {r.Sum(x => x.Checks)} checks beyond χ²₃ 99.9%, {r.Count(x => x.Lost)} lost, {r.Count(x => x.TookFalseAlarm)} took the false alarm, confirmed {r.Average(x => x.ConfirmedAfter):F2} s after the first scan (max {r.Max(x => x.ConfirmedAfter):F2})");

    [Fact]
    public void ARocketsOwnPlots_PairAsBefore_WhenItsRadarsSeeItAtEveryRevisit()
    {
        // Two radars that see every round at each 0.5 s revisit pair a rocket's plots 0.4–0.5 s apart, well within two
        // revisits: the first confirmed track's state is the same with the wait bounded or not.
        foreach (RocketType type in new[] { RocketCatalog.Grad, RocketCatalog.Qassam })
        {
            for (int seed = 1; seed <= 4; seed++)
            {
                Trajectory flight = WarningRadarPair.DispersedRound(type, 30, 40, seed);
                double[]? withRule = FirstConfirmedState(flight, seed, new TrackerSettings());
                double[]? without = FirstConfirmedState(flight, seed, new TrackerSettings { PlotWaitRevisits = 0 });
                Assert.NotNull(withRule);
                Assert.Equal(without!, withRule!);
            }
        }
    }

    private static double[]? FirstConfirmedState(Trajectory flight, int seed, TrackerSettings settings)
    {
        const double launch = 5;
        WarningRadarPair radars = new(seed);
        radars.Fire(launch, flight);
        Tracker tracker = new(WarningRadarPair.Sites, settings);
        foreach ((double _, RadarPlot[] plots) in radars.Scans(WarningRadarPair.FirstScan(launch, seed), launch + 6))
        {
            tracker.Process(plots);
            if (tracker.Tracks.FirstOrDefault(t => t.Status == TrackStatus.Confirmed) is { } track)
            {
                return [.. track.State];
            }
        }

        return null;
    }

    private readonly record struct Round(int Checks, int Over, bool Lost, bool TookFalseAlarm, double ConfirmedAfter);

    /// <summary>A round with a false alarm <paramref name="waitFrom"/> to <paramref name="waitFrom"/> + <paramref name="waitSpan"/> s before its first scan.</summary>
    private static Round Run(RocketType type, double elevation, int seed, TrackerSettings settings, double waitFrom, double waitSpan)
    {
        const double launch = 5;
        Trajectory flight = WarningRadarPair.DispersedRound(type, 30 + (7 * seed), elevation, seed);
        WarningRadarPair radars = new(seed);
        radars.Fire(launch, flight);
        Tracker tracker = new(WarningRadarPair.Sites, settings);
        double first = WarningRadarPair.FirstScan(launch + 0.8, seed); // first seen 0.8–1.3 s after launch, as over a horizon
        Random random = new(seed + (int)(elevation * 100) + type.Id.Length);
        double wait = waitFrom + (waitSpan * random.NextDouble());
        Vector3 truthAtFirst = flight.StateAt(first - launch).Position;
        Vector3 up = truthAtFirst / truthAtFirst.Length;
        Vector3 direction = up + (0.3 * new Vector3(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        Vector3 falseAt = truthAtFirst + (direction / direction.Length * (300 + (1700 * random.NextDouble())));
        RadarPlot falseAlarm = FalseAlarm(RangeRateTests.NorthWarningRadar, first - wait, falseAt, (random.NextDouble() * 3000) - 1500);
        tracker.Process([falseAlarm]);

        HashSet<int> rocketTracks = [];
        (int checks, int over, bool lost, bool tookFalseAlarm, double confirmed) = (0, 0, false, false, double.NaN);
        foreach ((double at, RadarPlot[] plots) in radars.Scans(first, Math.Min(first + 2.5, launch + flight.FlightTimeSeconds)))
        {
            (IReadOnlyList<TrackEvent> events, IReadOnlyList<PlotAssignment> assigned) = tracker.Process(plots);
            foreach (PlotAssignment a in assigned)
            {
                tookFalseAlarm |= a.Plot == falseAlarm;
                rocketTracks.Add(a.TrackId);
            }

            lost |= events.Any(e => e.Status == TrackStatus.Deleted && rocketTracks.Contains(e.TrackId));
            if (double.IsNaN(confirmed) && events.Any(e => e.Status == TrackStatus.Confirmed))
            {
                confirmed = at - first;
            }

            foreach (Track track in tracker.Tracks.Where(t => rocketTracks.Contains(t.Id)))
            {
                checks++;
                over += VelocityNees(track, flight.StateAt(track.TimeSeconds - launch).Velocity) > Chi3 ? 1 : 0;
            }
        }

        return new Round(checks, over, lost, tookFalseAlarm, confirmed);
    }

    /// <summary>A false alarm of <paramref name="radar"/> at the ECEF point <paramref name="at"/>, with no noise.</summary>
    private static RadarPlot FalseAlarm(RadarSite radar, double time, Vector3 at, double rangeRate)
    {
        LocalFrame frame = new(radar.Position);
        EnuVector enu = frame.ToEnuVector(at - frame.OriginEcef.Vector);
        return new RadarPlot(time, radar.Id, enu.Length, (Math.Atan2(enu.East, enu.North) * 180 / Math.PI + 360) % 360,
            Math.Atan2(enu.Up, enu.HorizontalLength) * 180 / Math.PI) { RangeRateMetersPerSecond = rangeRate };
    }

    /// <summary>(v − v̂)ᵀ P_vv⁻¹ (v − v̂): the velocity error under the track's own velocity covariance.</summary>
    private static double VelocityNees(Track track, Vector3 truth)
    {
        int n = track.State.Length;
        double[] p = new double[9], inverse = new double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                p[(i * 3) + j] = track.Covariance[((3 + i) * n) + 3 + j];
            }
        }

        Vector3 e = truth - track.Velocity;
        return SmallMatrix.Invert3(p, inverse) ? SmallMatrix.QuadraticForm3(e.X, e.Y, e.Z, inverse) : double.PositiveInfinity;
    }
}
