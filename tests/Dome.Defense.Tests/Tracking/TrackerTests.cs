using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Atmosphere;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tests.Tracking;

/// <summary>Truth flown by the model's flight code (with dispersion and wind the core does not know), seen by a test radar.</summary>
internal sealed class TestWorld(RadarSite radar, int seed)
{
    private readonly LocalFrame _frame = new(radar.Position);
    private readonly Random _random = new(seed);

    public List<(double LaunchTime, Trajectory Flight)> Rockets { get; } = [];

    public static FlightEnvironment Windy { get; } = new() { Wind = new WindProfile([new WindLevel(0, 6, 250), new WindLevel(8000, 25, 275)]) };

    public void Add(RocketType type, GeoPoint launch, double azimuth, double elevation, double launchTime)
    {
        double thrust = 1 + (0.02 * MeasurementAndMotionTests.Gauss(_random));
        double drag = 1 + (0.04 * MeasurementAndMotionTests.Gauss(_random));
        Rockets.Add((launchTime, FlightModel.Fly(type, new LaunchConditions(launch, azimuth, elevation), Windy, thrust, drag)));
    }

    /// <summary>One scan: a plot (with the radar's noise) for each rocket in coverage, Pd, plus Poisson clutter.</summary>
    public List<(RadarPlot Plot, int Rocket)> Scan(double t, double clutterPerScan)
    {
        List<(RadarPlot, int)> plots = [];
        for (int i = 0; i < Rockets.Count; i++)
        {
            (double launch, Trajectory flight) = Rockets[i];
            if (t < launch || t > launch + flight.FlightTimeSeconds)
            {
                continue;
            }

            (Vector3 position, Vector3 velocity) = flight.StateAt(t - launch);
            EnuVector enu = _frame.ToEnuVector(position - _frame.OriginEcef.Vector);
            double range = enu.Length, az = Math.Atan2(enu.East, enu.North) * 180 / Math.PI, el = Math.Atan2(enu.Up, enu.HorizontalLength) * 180 / Math.PI;
            if (range > radar.MaxRangeMeters || el < radar.MinElevationDegrees || _random.NextDouble() > radar.DetectionProbability)
            {
                continue;
            }

            RadarPlot plot = new(t, radar.Id, range + (radar.RangeSigmaMeters * MeasurementAndMotionTests.Gauss(_random)),
                (az + 360 + (radar.AzimuthSigmaMilliradians * 0.18 / Math.PI * MeasurementAndMotionTests.Gauss(_random))) % 360,
                el + (radar.ElevationSigmaMilliradians * 0.18 / Math.PI * MeasurementAndMotionTests.Gauss(_random)));
            if (radar.RangeRateSigmaMetersPerSecond is double sigma)
            {
                // The velocity along the line of sight, with the radar's noise (a pulse-Doppler radar).
                double rangeRate = Vector3.Dot(position - _frame.OriginEcef.Vector, velocity) / range;
                plot = plot with { RangeRateMetersPerSecond = rangeRate + (sigma * MeasurementAndMotionTests.Gauss(_random)) };
            }

            plots.Add((plot, i + 1));
        }

        double l = Math.Exp(-clutterPerScan), product = _random.NextDouble();
        while (product > l)
        {
            plots.Add((new RadarPlot(t, radar.Id, 1000 + (_random.NextDouble() * 99_000), _random.NextDouble() * 360, 0.5 + (_random.NextDouble() * 10)), 0));
            product *= _random.NextDouble();
        }

        return plots;
    }
}

public class TrackerTests
{
    private static readonly RadarSite Radar = MeasurementAndMotionTests.Radar with { DetectionProbability = 0.95 };

    [Fact]
    public void Process_OneGradWithClutter_GivesOneConfirmedTrackAndNoFalseOnes()
    {
        TestWorld world = new(Radar, 1);
        world.Add(RocketCatalog.Grad, new GeoPoint(31.555, 34.505), 25, 40, 5);
        Tracker tracker = new([Radar]);
        Dictionary<int, HashSet<int>> origins = [];
        Dictionary<RadarPlot, int> seen = [];
        HashSet<int> confirmed = [];
        double? confirmedAt = null;
        for (double t = 0.3; t < 100; t += 1)
        {
            List<(RadarPlot Plot, int Rocket)> scan = world.Scan(t, 5);
            foreach ((RadarPlot plot, int rocket) in scan)
            {
                seen[plot] = rocket;
            }

            (IReadOnlyList<TrackEvent> events, IReadOnlyList<PlotAssignment> assignments) = tracker.Process(scan.Select(s => s.Plot));
            foreach (PlotAssignment a in assignments)
            {
                (origins.TryGetValue(a.TrackId, out HashSet<int>? set) ? set : origins[a.TrackId] = []).Add(seen[a.Plot]);
            }

            foreach (TrackEvent e in events.Where(e => e.Status == TrackStatus.Confirmed))
            {
                confirmed.Add(e.TrackId);
                confirmedAt ??= e.TimeSeconds;
            }
        }

        Assert.NotNull(confirmedAt);
        Assert.InRange(confirmedAt.Value - 5, 1, 12); // a few scans after launch
        // One confirmed track, fed by the rocket's plots only: no clutter plot joined it and no clutter track was confirmed.
        int track = Assert.Single(confirmed);
        Assert.Equal([1], origins[track]);
    }

    [Fact]
    public void Process_ATrackWhoseEstimateIsNoLongerFinite_IsDeleted()
    {
        // A filter fed something it cannot digest must not leave a NaN track to gate (and search the grid) forever.
        TestWorld world = new(Radar, 2);
        world.Add(RocketCatalog.Grad, new GeoPoint(31.555, 34.505), 25, 40, 0);
        Tracker tracker = new([Radar]);
        double t = 0.3;
        for (; tracker.Tracks.All(k => k.Status != TrackStatus.Confirmed); t += 1)
        {
            tracker.Process(world.Scan(t, 0).Select(s => s.Plot));
        }

        Track poisoned = tracker.Tracks.First(k => k.Status == TrackStatus.Confirmed);
        poisoned.State[3] = double.NaN;
        if (poisoned.Modes is { } modes)
        {
            Array.ForEach(modes.States, x => x[3] = double.NaN);
        }

        (IReadOnlyList<TrackEvent> events, _) = tracker.Process(world.Scan(t, 2).Select(s => s.Plot));
        Assert.Contains(events, e => e.TrackId == poisoned.Id && e.Status == TrackStatus.Deleted);
        Assert.DoesNotContain(poisoned, tracker.Tracks);
    }

    [Theory]
    [InlineData(1.0, 1.1, 3.0)] // search looks 1 s apart: the third hit comes at +2 s, outside the window; four hits
    [InlineData(0.5, 1.1, 1.0)] // looks 0.5 s apart: first plot, pair at +0.5, third hit at +1.0 within 1.1 s
    [InlineData(0.5, 0.0, 1.5)] // the quick rule off: four hits, +1.5 s
    public void Process_ConfirmsOnFourHits_OrOnThreeWithinTheQuickWindow(double lookInterval, double window, double expected)
    {
        // Every look finds the rocket (Pd 1) amid 5 clutter plots per look: the track is confirmed exactly when the
        // rule allows, from its first plot, and no clutter is confirmed by looks twice as frequent as a search.
        RadarSite radar = Radar with { DetectionProbability = 1 };
        TestWorld world = new(radar, 3);
        world.Add(RocketCatalog.Grad, new GeoPoint(31.555, 34.505), 25, 40, 5);
        Tracker tracker = new([radar], TrackerSettings.Default with { QuickConfirmationWindowSeconds = window });
        Assert.Equal(expected, ConfirmedAfterFirstPlot(tracker, lookInterval, (t, _) => world.Scan(t, 5)), 1e-9);
    }

    /// <summary>
    /// Feeds the tracker one look every <paramref name="step"/> s from 0.3 s to 80 s (the look given the time and the
    /// time of the rocket's first plot so far) and returns the time from rocket 1's first plot to the one confirmation.
    /// </summary>
    private static double ConfirmedAfterFirstPlot(Tracker tracker, double step, Func<double, double?, List<(RadarPlot Plot, int Rocket)>> look)
    {
        double? firstPlot = null;
        List<double> confirmations = [];
        for (double t = 0.3; t < 80; t += step)
        {
            List<(RadarPlot Plot, int Rocket)> scan = look(t, firstPlot);
            if (scan.Any(s => s.Rocket == 1))
            {
                firstPlot ??= t;
            }

            confirmations.AddRange(tracker.Process(scan.Select(s => s.Plot)).Events.Where(e => e.Status == TrackStatus.Confirmed).Select(e => e.TimeSeconds));
        }

        Assert.NotNull(firstPlot);
        return Assert.Single(confirmations) - firstPlot.Value;
    }

    [Theory]
    [InlineData(false, 1.0)] // the quick rule: first plot, the beam's at +0.5, the third hit at +1.0
    [InlineData(true, 0.5)] // a search plot and a beam's look at it: confirmed with the pair
    public void Process_ASearchPlotAndATrackBeamsLook_ConfirmAtOnce_WhenAsked(bool dwell, double expected)
    {
        // A radar searching every second (5 clutter plots a search) with track beams every 0.5 s: a beam looks only at
        // what the search found and brings no clutter. The track is confirmed when the rule allows, and no clutter
        // track is: two searches are a revisit apart, so clutter never makes a pair closer than that.
        RadarSite radar = Radar with { DetectionProbability = 1, TrackRevisitSeconds = 0.5, TrackCapacity = 10 };
        TestWorld world = new(radar, 4);
        world.Add(RocketCatalog.Grad, new GeoPoint(31.555, 34.505), 25, 40, 5);
        Tracker tracker = new([radar], TrackerSettings.Default with { DwellPairConfirms = dwell });
        double confirmed = ConfirmedAfterFirstPlot(tracker, 0.5, (t, firstPlot) =>
            Math.Abs(t - 0.3 - Math.Round(t - 0.3)) < 1e-9 ? world.Scan(t, 5) // a search
            : firstPlot is null ? [] : [.. world.Scan(t, 0).Where(s => s.Rocket == 1)]); // a beam at what it found
        Assert.Equal(expected, confirmed, 1e-9);
    }

    [Theory]
    [InlineData(false, 1.0)] // four hits: the false alarm, the first plot, the beam's look at it, the next look
    [InlineData(true, 0.5)] // the first plot and the beam's look at it: a dwell pair inside the track
    public void Process_AFalseAlarmTookTheFirstPlot_TheBeamsLookAtItStillConfirms(bool dwell, double expected)
    {
        // A false alarm waits for a partner, and the rocket's first plot, a search later and within reach, pairs with it
        // (sderot-barrage lost a Qassam's siren so: its track was confirmed on the fourth hit, 0.2 s after the deadline).
        // The beam's look at the first plot updates that track: a search plot and a beam's look at it are one object seen
        // twice wherever they stand in a track, not only as the pair that starts it.
        RadarSite radar = Radar with { DetectionProbability = 1, TrackRevisitSeconds = 0.5, TrackCapacity = 10 };
        static bool IsSearch(double t) => Math.Abs(t - 0.3 - Math.Round(t - 0.3)) < 1e-9;
        static TestWorld World(RadarSite radar)
        {
            TestWorld world = new(radar, 6);
            world.Add(RocketCatalog.Grad, new GeoPoint(31.555, 34.505), 25, 40, 5);
            return world;
        }

        // Where the first plot falls: the same world, seeded alike and asked the same looks, gives the same plots.
        TestWorld probe = World(radar);
        RadarPlot first = default;
        for (double t = 0.3; first.RadarId is null; t += 1)
        {
            first = probe.Scan(t, 0).Select(s => s.Plot).FirstOrDefault();
        }

        // The false alarm one search earlier, 600 m beyond where the rocket then flew (below the radar's mask): near
        // enough to its path that the track it makes with the first plot takes the beam's look at it (as a track must
        // for the look to confirm it).
        LocalFrame frame = new(radar.Position);
        (Vector3 earlier, _) = probe.Rockets[0].Flight.StateAt(first.TimeSeconds - 1 - probe.Rockets[0].LaunchTime);
        EnuVector enu = frame.ToEnuVector(earlier - frame.OriginEcef.Vector);
        RadarPlot falseAlarm = new(first.TimeSeconds - 1, radar.Id, enu.Length + 600, Math.Atan2(enu.East, enu.North) * 180 / Math.PI,
            Math.Atan2(enu.Up, enu.HorizontalLength) * 180 / Math.PI);
        TestWorld world = World(radar);
        Tracker tracker = new([radar], TrackerSettings.Default with { DwellPairConfirms = dwell });
        double confirmed = ConfirmedAfterFirstPlot(tracker, 0.5, (t, firstPlot) =>
            Math.Abs(t - falseAlarm.TimeSeconds) < 1e-9 ? [.. world.Scan(t, 0), (falseAlarm, 0)]
            : IsSearch(t) ? world.Scan(t, 0)
            : firstPlot is null ? [] : [.. world.Scan(t, 0).Where(s => s.Rocket == 1)]);
        Assert.Equal(expected, confirmed, 1e-9);
    }

    [Theory]
    [InlineData(true)] // two radars 0.5 s apart: their plots could both be false alarms
    [InlineData(false)] // one radar said to have no track beams: its plots are searches
    public void Process_APairThatNeedNotBeABeamsLook_WaitsForTheQuickRule(bool twoRadars)
    {
        // The same 0.5 s between plots as a beam's look, but nothing says the second looked where the first found
        // something: two searching radars interleaved, or a radar published without beams. The pair rule does not apply.
        RadarSite a = Radar with { DetectionProbability = 1, RevisitSeconds = twoRadars ? 1 : 0.5 };
        RadarSite b = a with { Id = "b", Position = new GeoPoint(31.45, 34.75, 80) };
        TestWorld worldA = new(a, 5), worldB = new(b, 5);
        worldA.Add(RocketCatalog.Grad, new GeoPoint(31.555, 34.505), 25, 40, 5);
        worldB.Add(RocketCatalog.Grad, new GeoPoint(31.555, 34.505), 25, 40, 5);
        Tracker tracker = new(twoRadars ? [a, b] : [a], TrackerSettings.Default with { DwellPairConfirms = true });
        double confirmed = ConfirmedAfterFirstPlot(tracker, 0.5, (t, _) =>
            !twoRadars || Math.Abs(t - 0.3 - Math.Round(t - 0.3)) < 1e-9 ? worldA.Scan(t, 5) : worldB.Scan(t, 5));
        Assert.Equal(1.0, confirmed, 1e-9);
    }

    [Fact]
    public void Process_LatePlotsWithinTheWindow_AreReordered_AndOlderOnesDropped()
    {
        TestWorld world = new(Radar, 2);
        world.Add(RocketCatalog.Grad, new GeoPoint(31.555, 34.505), 25, 40, 0);
        Tracker ordered = new([Radar]);
        Tracker shuffled = new([Radar], TrackerSettings.Default with { LateWindowSeconds = 2.5 });
        List<RadarPlot> all = [];
        for (double t = 0.3; t < 60; t += 1)
        {
            all.AddRange(world.Scan(t, 0).Select(s => s.Plot));
        }

        ordered.Process(all);
        // Deliver in pairs of scans swapped: each plot at most 1 s late, inside the 2.5 s window.
        List<RadarPlot> swapped = [];
        for (int i = 0; i + 1 < all.Count; i += 2)
        {
            swapped.Add(all[i + 1]);
            swapped.Add(all[i]);
        }

        foreach (RadarPlot p in swapped)
        {
            shuffled.Process([p]);
        }

        shuffled.Flush();
        Assert.Equal(0, shuffled.LatePlotsDropped);
        Assert.Equal(ordered.Tracks.Single(t => t.Status == TrackStatus.Confirmed).Position, shuffled.Tracks.Single(t => t.Status == TrackStatus.Confirmed).Position);
        shuffled.Process([all[0]]);
        Assert.Equal(1, shuffled.LatePlotsDropped);
    }

    [Fact]
    public void Forecasts_OverAMonteCarloOfMixedRockets_AreConsistent()
    {
        // 60 rockets of three types, with impulse, drag and wind the core does not know: the 99% regions should
        // hold the truth impact in about 99% of forecasts (at least 95% in this small sample) from 10 s after launch.
        TestWorld world = new(Radar, 3);
        Random random = new(9);
        RocketType[] types = [RocketCatalog.Grad, RocketCatalog.Qassam, RocketCatalog.Fajr5];
        for (int i = 0; i < 60; i++)
        {
            RocketType type = types[i % 3];
            world.Add(type, new GeoPoint(31.50 + (0.05 * random.NextDouble()), 34.45 + (0.05 * random.NextDouble())), 20 + (30 * random.NextDouble()), 35 + (15 * random.NextDouble()), i * 7.0);
        }

        Tracker tracker = new([Radar]);
        Dictionary<int, Dictionary<int, int>> votes = [];
        Dictionary<RadarPlot, int> origin = [];
        List<(int Track, ImpactForecast Forecast)> forecasts = [];
        for (double t = 0.3; t < (60 * 7) + 200; t += 1)
        {
            List<(RadarPlot Plot, int Rocket)> scan = world.Scan(t, 2);
            foreach ((RadarPlot plot, int rocket) in scan)
            {
                origin[plot] = rocket;
            }

            (_, IReadOnlyList<PlotAssignment> assignments) = tracker.Process(scan.Select(s => s.Plot));
            foreach (PlotAssignment a in assignments)
            {
                Dictionary<int, int> v = votes.TryGetValue(a.TrackId, out Dictionary<int, int>? existing) ? existing : votes[a.TrackId] = [];
                v[origin[a.Plot]] = v.GetValueOrDefault(origin[a.Plot]) + 1;
            }

            foreach (Track track in tracker.Tracks.Where(k => k.Status == TrackStatus.Confirmed && k.LastUpdateSeconds == t))
            {
                if (ImpactPredictor.Forecast(track) is { } f)
                {
                    forecasts.Add((track.Id, f));
                }
            }
        }

        int contained = 0, total = 0;
        foreach ((int trackId, ImpactForecast f) in forecasts)
        {
            int rocket = votes[trackId].MaxBy(kv => kv.Value).Key;
            if (rocket == 0 || f.TimeSeconds - world.Rockets[rocket - 1].LaunchTime < 10)
            {
                continue;
            }

            EnuVector offset = new LocalFrame(f.ImpactPoint).ToEnu(world.Rockets[rocket - 1].Flight.ImpactPoint);
            total++;
            contained += f.MahalanobisSquared(offset.East, offset.North) <= -2 * Math.Log(0.01) ? 1 : 0;
        }

        Assert.True(total > 1000, $"only {total} forecasts");
        Assert.InRange(contained / (double)total, 0.95, 1.0);
    }
}
