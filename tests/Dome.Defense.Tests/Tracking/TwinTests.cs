using Dome.Defense.Numerics;
using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tests.Tracking;

public class TwinTests
{
    [Fact]
    public void NormalisedErrorSquared_IsTheClosedFormOfAKnownCovariance()
    {
        // Diagonal P: Σ eᵢ²/σᵢ². With one correlated pair (x, vx), ρ: (a² − 2ρab + b²)/(1 − ρ²) in units of their sigmas.
        double[] x = [6_378_000, 0, 0, 0, 0, 300, 1e-4];
        double[] p = new double[49];
        double[] sigma = [10, 20, 30, 1, 2, 3];
        for (int i = 0; i < 6; i++)
        {
            p[(i * 7) + i] = sigma[i] * sigma[i];
        }

        p[48] = 1e-12;
        Track track = Track.FromEstimate(1, 0, x, p);
        Vector3 r = new(x[0] + 10, 40, -30), v = new(1, -4, 300 + 6);
        Assert.Equal(1 + 4 + 1 + 1 + 4 + 4, track.NormalisedErrorSquared(r, v), 9);

        double rho = 0.6;
        p[(0 * 7) + 3] = p[(3 * 7) + 0] = rho * 10 * 1;
        track = Track.FromEstimate(1, 0, x, p);
        double a = 1, b = 1; // the x and vx errors, in sigmas
        Assert.Equal((((a * a) - (2 * rho * a * b) + (b * b)) / (1 - (rho * rho))) + 4 + 1 + 4 + 4, track.NormalisedErrorSquared(r, v), 9);

        p[0] = -1; // not positive definite
        Assert.True(double.IsNaN(Track.FromEstimate(1, 0, x, p).NormalisedErrorSquared(r, v)));
    }

    [Fact]
    public void InverseQuadraticForm_AgreesWithTheCofactorInverse_AndWithADiagonal()
    {
        // A symmetric positive-definite 3×3 (B·Bᵀ + I): the Cholesky form against the cofactor inverse.
        double[] b = [2, -1, 0.5, 0.3, 1.5, -0.7, -0.4, 0.2, 1.1];
        double[] a = new double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                a[(i * 3) + j] = (i == j ? 1 : 0) + (b[(i * 3) + 0] * b[(j * 3) + 0]) + (b[(i * 3) + 1] * b[(j * 3) + 1]) + (b[(i * 3) + 2] * b[(j * 3) + 2]);
            }
        }

        double[] inverse = new double[9];
        Assert.True(SmallMatrix.Invert3(a, inverse));
        double[] scratch = new double[12];
        Assert.True(SmallMatrix.InverseQuadraticForm(a, [0.7, -1.2, 2.5], 3, scratch, out double form));
        Assert.Equal(SmallMatrix.QuadraticForm3(0.7, -1.2, 2.5, inverse), form, 1e-12);

        // A 6×6 diagonal: Σ xᵢ²/aᵢ.
        double[] d = new double[36];
        double[] x = [1, 2, 3, 4, 5, 6];
        double expected = 0;
        for (int i = 0; i < 6; i++)
        {
            d[(i * 6) + i] = i + 0.5;
            expected += x[i] * x[i] / (i + 0.5);
        }

        Assert.True(SmallMatrix.InverseQuadraticForm(d, x, 6, new double[42], out form));
        Assert.Equal(expected, form, 1e-12);

        // Not positive definite: refused.
        d[(2 * 6) + 2] = -1;
        Assert.False(SmallMatrix.InverseQuadraticForm(d, x, 6, new double[42], out _));
    }

    [Theory]
    [InlineData(0, 20, true)] // one rocket followed twice: estimates 20 m apart, sigmas 20 m and 10 m/s
    [InlineData(100, 0, true)] // 100 m apart along the line of flight: χ² ≤ 100²/(2·20²) = 12.5 < 16.81
    [InlineData(200, 0, false)] // the next rocket of a salvo, 200 m behind: χ² ≈ 200²/(2·20²) = 50 (less the growth of track 1's sigma over 0.5 s)
    public void Process_TwoConfirmedTracksOfOneRocket_TheYoungerIsMergedIntoTheOlder(double alongMeters, double noiseMeters, bool twins)
    {
        // A Grad in flight, 30 s after launch: two confirmed tracks on it (or on it and a rocket just behind), with
        // position sigmas of 20 m and velocity sigmas of 10 m/s; a far clutter plot makes the tracker take a scan.
        Trajectory flight = FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(new GeoPoint(31.555, 34.505), 25, 40));
        (Vector3 r, Vector3 v) = flight.StateAt(30);
        (Vector3 later, Vector3 vLater) = flight.StateAt(30.5);
        Vector3 along = vLater / vLater.Length;
        Vector3 offset = new(noiseMeters, -noiseMeters / 2, noiseMeters / 3);
        Tracker tracker = new([MeasurementAndMotionTests.Radar], TrackerSettings.Default);
        tracker.Adopt(Track.FromEstimate(1, 30, State(r, v), Covariance(20, 10)));
        Vector3 r2 = later - (along * alongMeters) + offset;
        tracker.Adopt(Track.FromEstimate(2, 30.5, State(r2, vLater), Covariance(20, 10)));
        // Both confirmed, track 2 half a second later (the younger); track 1 flown on to the scan at 30.5 s.
        (IReadOnlyList<TrackEvent> events, _) = tracker.Process([new RadarPlot(30.5, "r", 100_000, 300, 30)]);
        if (twins)
        {
            TrackEvent merged = Assert.Single(events, e => e.Status == TrackStatus.Deleted);
            Assert.Equal((2, (int?)1), (merged.TrackId, merged.MergedIntoTrackId));
            Assert.Equal(1, Assert.Single(tracker.Tracks, t => t.Status == TrackStatus.Confirmed).Id);
            Assert.Equal(1, tracker.TwinsMerged);
        }
        else
        {
            Assert.DoesNotContain(events, e => e.Status == TrackStatus.Deleted);
            Assert.Equal(2, tracker.Tracks.Count(t => t.Status == TrackStatus.Confirmed));
        }

        // Switched off, twins stay.
        Tracker keeping = new([MeasurementAndMotionTests.Radar], TrackerSettings.Default with { TwinChiSquared = 0 });
        keeping.Adopt(Track.FromEstimate(1, 30, State(r, v), Covariance(20, 10)));
        keeping.Adopt(Track.FromEstimate(2, 30.5, State(r2, vLater), Covariance(20, 10)));
        keeping.Process([new RadarPlot(30.5, "r", 100_000, 300, 30)]);
        Assert.Equal(2, keeping.Tracks.Count(t => t.Status == TrackStatus.Confirmed));
    }

    private static double[] State(Vector3 r, Vector3 v) => [r.X, r.Y, r.Z, v.X, v.Y, v.Z, 1.5e-4];

    private static double[] Covariance(double positionSigma, double velocitySigma)
    {
        const int n = BallisticMotionModel.Dimension;
        double[] p = new double[n * n];
        for (int i = 0; i < 3; i++)
        {
            p[(i * n) + i] = positionSigma * positionSigma;
            p[((i + 3) * n) + i + 3] = velocitySigma * velocitySigma;
        }

        p[(n * n) - 1] = 1e-10;
        return p;
    }
}
