using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tests.Tracking;

/// <summary>
/// The initiator's range-rate gate (<see cref="TrackerSettings.InitiationRangeRateSigmas"/>): a pair of plots starts a
/// track only if each pulse-Doppler plot's range rate is the pair's velocity along its line of sight, within the gate.
/// </summary>
public class InitiationRangeRateGateTests
{
    [Fact]
    public void EveryPairOfARocketsOwnPlots_Agrees_BurningOrNot()
    {
        // Every type of the catalog at 10–70°, six dispersed rounds each, both warning radars from the launch for 6 s (every
        // motor's burn, the Fajr-5's 3.5 s included): each pair of the round's own plots that the initiator would make
        // (0.4–1.0 s apart, two revisits at most), of one radar or of both. The gate at 4σ refuses a real pair one time in
        // 16,000 if the pair's error were Gaussian at its σ; the push is taken at 300 m/s² as one σ, and the catalog's
        // motors push at 200–700 m/s², so none should be refused.
        TwoPointInitiator initiator = new(TrackerSettings.Default, _ => 0.5);
        Dictionary<string, LocalFrame> frames = WarningRadarPair.Sites.ToDictionary(s => s.Id, s => new LocalFrame(s.Position));
        int pairs = 0, burning = 0;
        List<string> refused = [];
        foreach (RocketType type in RocketCatalog.All)
        {
            foreach (double elevation in (ReadOnlySpan<double>)[10, 30, 50, 70])
            {
                for (int seed = 1; seed <= 6; seed++)
                {
                    const double launch = 5;
                    Trajectory flight = WarningRadarPair.DispersedRound(type, 20 + (11 * seed), elevation, seed);
                    WarningRadarPair radars = new(seed);
                    radars.Fire(launch, flight);
                    List<PositionMeasurement> plots = [];
                    foreach ((double _, RadarPlot[] scan) in radars.Scans(WarningRadarPair.FirstScan(launch, seed), launch + Math.Min(6, flight.FlightTimeSeconds)))
                    {
                        if (scan.Length == 0)
                        {
                            continue;
                        }

                        RadarSite site = WarningRadarPair.Sites.Single(s => s.Id == scan[0].RadarId);
                        plots.AddRange(scan.Select(p => PositionMeasurement.From(p, site, frames[site.Id])));
                    }

                    for (int i = 0; i < plots.Count; i++)
                    {
                        for (int j = i + 1; j < plots.Count; j++)
                        {
                            double dt = plots[j].TimeSeconds - plots[i].TimeSeconds;
                            if (dt < TrackerSettings.Default.MinInitiationIntervalSeconds || dt > 1.0)
                            {
                                continue;
                            }

                            pairs++;
                            burning += plots[i].TimeSeconds - launch < type.BurnTimeSeconds ? 1 : 0;
                            if (!initiator.RangeRatesAgree(plots[i], plots[j]))
                            {
                                refused.Add(FormattableString.Invariant($"{type.Id} {elevation}° seed {seed}: {plots[i].TimeSeconds - launch:F2}–{plots[j].TimeSeconds - launch:F2} s"));
                            }
                        }
                    }
                }
            }
        }

        Assert.True(pairs > 8000 && burning > 3000, $"{pairs} pairs, {burning} begun while the motor burned");
        Assert.True(refused.Count == 0, $"{refused.Count} of {pairs} refused: {string.Join("; ", refused.Take(10))}");
    }

    [Fact]
    public void APairWhoseVelocityDoesNotGiveItsRangeRate_IsRefused_AtTheGatesEdge()
    {
        // One radar's two noiseless looks at a point moving 800 m/s straight away from it, 0.5 s apart. The gate's σ here
        // is the closed form of the position-only case: along the line of sight the plots' noise is the range σ, 10 m, so
        // σ² = 2·10²/0.5² + (300·0.5/2)² + 0.5² = 800 + 5,625 + 0.25 m²/s², σ = 80.16 m/s. A second range rate 3.9σ off the
        // pair's 800 m/s agrees; 4.1σ off does not, on either side; and a pair without range rates always agrees.
        RadarSite radar = RangeRateTests.NorthWarningRadar;
        LocalFrame frame = new(radar.Position);
        TwoPointInitiator initiator = new(TrackerSettings.Default, _ => 0.5);
        double sigma = Math.Sqrt((2 * 100 / 0.25) + (300.0 * 300 * 0.25 / 4) + 0.25);
        PositionMeasurement Look(double t, double rangeRate, bool doppler = true) =>
            PositionMeasurement.From(new RadarPlot(t, radar.Id, 5000 + (800 * t), 40, 10) { RangeRateMetersPerSecond = rangeRate },
                doppler ? radar : radar with { RangeRateSigmaMetersPerSecond = null }, frame);

        PositionMeasurement first = Look(0, 800);
        Assert.True(initiator.RangeRatesAgree(first, Look(0.5, 800)));
        foreach (double sign in (ReadOnlySpan<double>)[-1, 1])
        {
            Assert.True(initiator.RangeRatesAgree(first, Look(0.5, 800 + (sign * 3.9 * sigma))));
            Assert.False(initiator.RangeRatesAgree(first, Look(0.5, 800 + (sign * 4.1 * sigma))));
            Assert.False(initiator.RangeRatesAgree(Look(0, 800 + (sign * 4.1 * sigma)), Look(0.5, 800)));
        }

        Assert.True(initiator.RangeRatesAgree(Look(0, 0, doppler: false), Look(0.5, 5000, doppler: false)));
        Assert.True(new TwoPointInitiator(TrackerSettings.Default with { InitiationRangeRateSigmas = 0 }, _ => 0.5)
            .RangeRatesAgree(first, Look(0.5, -1500)));
    }
}
