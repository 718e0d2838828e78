using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tests.Tracking;

/// <summary>A pulse-Doppler radar's range rates: the filter's update, what a new track's two of them say of its motor, and the forecasts held while a motor burns.</summary>
public class RangeRateTests
{
    private static readonly RadarSite Doppler = MeasurementAndMotionTests.Radar with { DetectionProbability = 1, TrackRevisitSeconds = 0.5, RangeRateSigmaMetersPerSecond = 1 };

    [Fact]
    public void UpdateRangeRate_IsTheScalarKalmanUpdate_WithTheLineOfSightJacobian()
    {
        // Antenna at the origin, rocket 10 km along x flying (300, 400, 0) m/s: h = u·v = 300; ∂h/∂r = (v − h u)/ρ =
        // (0, 0.04, 0), ∂h/∂v = u = (1, 0, 0). With P = diag(100, 100, 100, 25, 25, 25, 1e-8) and R = 4:
        // S = 0.04²·100 + 25 + 4 = 29.16; a measured 310 m/s moves r_y by 100·0.04·10/S and v_x by 25·10/S.
        const int n = BallisticMotionModel.Dimension;
        double[] x = [10_000, 0, 0, 300, 400, 0, 1e-4];
        double[] p = new double[n * n];
        double[] diagonal = [100, 100, 100, 25, 25, 25, 1e-8];
        for (int i = 0; i < n; i++)
        {
            p[(i * n) + i] = diagonal[i];
        }

        double d2 = KalmanUpdater.UpdateRangeRate(x, p, n, default, 310, 4, out double logS);

        const double s = 29.16;
        Assert.Equal(100 / s, d2, 1e-12);
        Assert.Equal(Math.Log(s), logS, 1e-12);
        Assert.Equal(100 * 0.04 * 10 / s, x[1], 1e-9);
        Assert.Equal(300 + (25 * 10 / s), x[3], 1e-9);
        Assert.Equal(400, x[4], 1e-12); // across the line of sight: unobserved
        Assert.Equal(25 - (25 * 25 / s), p[(3 * n) + 3], 1e-9);
        Assert.Equal(-100 * 0.04 * 25 / s, p[(1 * n) + 3], 1e-9); // r_y and v_x now correlated
        Assert.Equal(25, p[(4 * n) + 4], 1e-12);
    }

    /// <summary>Feeds a radar's looks at a rocket (a search plot every second, a beam's look between) until a track starts; returns it.</summary>
    private static Track FirstTrack(RadarSite radar, RocketType type, double firstLookAfterLaunch)
    {
        TestWorld world = new(radar, 11);
        world.Add(type, new GeoPoint(31.555, 34.505), 25, 40, 5);
        Tracker tracker = new([radar]);
        for (double t = 5 + firstLookAfterLaunch; t < 5 + firstLookAfterLaunch + 3; t += 0.5)
        {
            tracker.Process(world.Scan(t, 0).Select(s => s.Plot));
            tracker.Flush();
            if (tracker.Tracks.Count > 0)
            {
                return Assert.Single(tracker.Tracks);
            }
        }

        throw new InvalidOperationException("no track started");
    }

    [Theory]
    [InlineData("fajr5", 2.0, true)] // a 4.5 s motor still burning at the pair (2.0 and 2.5 s after launch)
    [InlineData("grad", 2.5, false)] // a 1.8 s motor, out before the first look
    [InlineData("grad-er", 3.0, false)] // 2.2 s, out: as fast as a Fajr-5 at burnout, but coasting
    public void Initiation_APulseDopplerRadarsTwoRangeRates_SayWhetherTheMotorBurns(string type, double firstLook, bool burning)
    {
        Track withDoppler = FirstTrack(Doppler, RocketCatalog.Find(type)!, firstLook);
        Track without = FirstTrack(Doppler with { RangeRateSigmaMetersPerSecond = null }, RocketCatalog.Find(type)!, firstLook);

        if (burning)
        {
            Assert.True(withDoppler.BoostProbability > 0.7, $"boost probability {withDoppler.BoostProbability}");
        }
        else
        {
            Assert.True(withDoppler.BoostProbability < 0.3, $"boost probability {withDoppler.BoostProbability}");
        }

        Assert.Equal(burning, withDoppler.MotorBurning);
        // Positions alone: the pair says nothing of the motor, the prior stands and nothing is held.
        Assert.Equal(TrackerSettings.Default.InitialBoostProbability, without.BoostProbability, 1e-12);
        Assert.False(without.MotorBurning);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DefenseCore_HoldsAForecastWhileTheMotorEvidentlyBurns(bool hold)
    {
        // A Fajr-5 (motor out 4.5 s after launch) seen from 2 s on by a pulse-Doppler radar with beams: held, its first
        // forecast comes after the burn, within a second of burnout; not held, it comes with the track, mid-burn.
        TestWorld world = new(Doppler, 13);
        world.Add(RocketCatalog.Fajr5, new GeoPoint(31.555, 34.505), 25, 40, 5);
        DefenseCore core = new() { HoldWhileBurning = hold };
        core.Start([Doppler]);
        double? first = null;
        for (double t = 7; t < 15 && first is null; t += 0.5)
        {
            DefenseOutput output = core.Process(t, [.. world.Scan(t, 0).Select(s => s.Plot)]);
            if (output.Forecasts.Count > 0)
            {
                first = t - 5;
            }
        }

        Assert.NotNull(first);
        if (hold)
        {
            Assert.InRange(first.Value, RocketCatalog.Fajr5.BurnTimeSeconds, RocketCatalog.Fajr5.BurnTimeSeconds + 1.5);
        }
        else
        {
            Assert.InRange(first.Value, 2, RocketCatalog.Fajr5.BurnTimeSeconds - 0.5);
        }
    }

    /// <summary>Two warning radars on masts 6 and 9 km from the launch: they see a rocket from its first second, with coarse angles.</summary>
    internal static readonly RadarSite NorthWarningRadar = new()
    {
        Id = "north", Position = new GeoPoint(31.600, 34.545, 15), RevisitSeconds = 0.5, RangeSigmaMeters = 10,
        AzimuthSigmaMilliradians = 4, ElevationSigmaMilliradians = 4, DetectionProbability = 1, MinElevationDegrees = 0,
        MaxRangeMeters = 20_000, ClutterPerScan = 0, RangeRateSigmaMetersPerSecond = 0.5,
    };

    internal static readonly RadarSite SouthWarningRadar = NorthWarningRadar with { Id = "south", Position = new GeoPoint(31.470, 34.515, 15) };

    [Fact]
    public void DefenseCore_HoldBoostProbability_KeepsAFajr5sForecastsPastItsBurn_WhenItsFirstPlotsCannotTell()
    {
        // Two radars close to the launch bring their plots of a burning Fajr-5 a few hundredths of a second apart, from
        // its first second; the pairs' range rates, the two-plot velocity's error swamping the radial acceleration,
        // often leave the boost mode under one half: held only while the motor evidently burns, a track's first
        // forecast can come mid-burn, tens of km short. Forty rounds; the first forecast's time after launch under each.
        List<double> evident = [], cautious = [];
        for (int seed = 1; seed <= 40; seed++)
        {
            evident.Add(FirstForecastAfterLaunch(seed, 1.0));
            cautious.Add(FirstForecastAfterLaunch(seed, 0.3));
        }

        double burn = RocketCatalog.Fajr5.BurnTimeSeconds;
        Assert.Contains(evident, t => t < burn - 1);
        Assert.All(cautious, t => Assert.True(t >= burn - 0.5, $"first forecast {t:F2} s after launch, the motor burns {burn} s"));
        Assert.All(cautious, t => Assert.True(t <= burn + 2, $"first forecast {t:F2} s after launch: held too long past the burn"));
    }

    [Fact]
    public void DefenseCore_HoldsFajr5sFiredAcrossTheRadarsSightlines_WhileTheyBurn_AndShortMotorsNotMuchLonger()
    {
        // Eighty Fajr-5s past the two warning radars, at 30–60° and flying 0–90° off north (at 60–90° they cross both
        // radars' lines of sight, whose range rates then see little of the push): at 0.3 the boost mode fell under it
        // mid-burn in 43 of them, whose first forecasts came 1.1–1.3 s after launch, tens of km short; at the default
        // (0.1) at most a few, and none in the first 3 s. The price is a short motor's first forecast: its median no
        // more than a second after its burnout (Grads, Qassams and Grad-ERs the same way; about 0.35 s later than at 0.3).
        double burn = RocketCatalog.Fajr5.BurnTimeSeconds;
        List<double> atDefault = [], atFormer = [];
        foreach (double elevation in (ReadOnlySpan<double>)[30, 40, 50, 60])
        {
            foreach (double azimuth in (ReadOnlySpan<double>)[0, 30, 60, 90])
            {
                for (int seed = 1; seed <= 5; seed++)
                {
                    atDefault.Add(FirstForecastAfterLaunch(RocketCatalog.Fajr5, seed, new DefenseCore().HoldBoostProbability, elevation, azimuth));
                    atFormer.Add(FirstForecastAfterLaunch(RocketCatalog.Fajr5, seed, 0.3, elevation, azimuth));
                }
            }
        }

        Assert.True(atFormer.Count(t => t < burn - 0.5) >= 20, $"{atFormer.Count(t => t < burn - 0.5)} mid-burn first forecasts at 0.3");
        Assert.True(atDefault.Count(t => t < burn - 0.5) <= 4, $"{atDefault.Count(t => t < burn - 0.5)} of {atDefault.Count} mid-burn first forecasts");
        Assert.All(atDefault, t => Assert.True(t >= 3, $"first forecast {t:F2} s after launch"));
        foreach (RocketType type in new[] { RocketCatalog.Grad, RocketCatalog.Qassam, RocketCatalog.GradExtended })
        {
            List<double> first = [];
            foreach (double elevation in (ReadOnlySpan<double>)[30, 45, 60])
            {
                foreach (double azimuth in (ReadOnlySpan<double>)[0, 30, 60, 90])
                {
                    for (int seed = 1; seed <= 5; seed++)
                    {
                        first.Add(FirstForecastAfterLaunch(type, seed, new DefenseCore().HoldBoostProbability, elevation, azimuth));
                    }
                }
            }

            first.Sort();
            Assert.True(first[first.Count / 2] <= type.BurnTimeSeconds + 1.0, $"{type.Id}: median first forecast {first[first.Count / 2]:F2} s after launch");
        }
    }

    private static double FirstForecastAfterLaunch(int seed, double holdBoostProbability) =>
        FirstForecastAfterLaunch(RocketCatalog.Fajr5, seed, holdBoostProbability, 45, 30);

    private static double FirstForecastAfterLaunch(RocketType type, int seed, double holdBoostProbability, double elevation, double azimuth)
    {
        const double launch = 5;
        WarningRadarPair radars = new(seed);
        radars.Fire(type, azimuth, elevation, launch);
        DefenseCore core = new() { HoldBoostProbability = holdBoostProbability };
        core.Start(WarningRadarPair.Sites);
        foreach ((double at, RadarPlot[] plots) in radars.Scans(WarningRadarPair.FirstScan(launch, seed), launch + 20))
        {
            if (core.Process(at, plots).Forecasts.Count > 0)
            {
                return at - launch;
            }
        }

        return double.PositiveInfinity;
    }
}
