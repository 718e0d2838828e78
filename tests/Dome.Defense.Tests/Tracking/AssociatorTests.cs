using Dome.Defense.Tracking;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Tracking;

public class AssociatorTests
{
    [Fact]
    public void Associate_ThroughTheGrid_GivesTheAssignmentOfEveryPairGatedByBruteForce()
    {
        // The grid and its Euclidean bound may only skip pairs that cannot pass the gate: the result must equal the
        // optimal assignment over every (track, plot) pair tested exactly, however crowded and however the gates differ.
        Random random = new(77);
        GlobalNearestNeighbourAssociator associator = new();
        for (int trial = 0; trial < 20; trial++)
        {
            Vector3 origin = EcefPosition.FromGeodetic(new GeoPoint(31.5, 34.5, 5000)).Vector;
            List<Track> tracks = [];
            List<PositionMeasurement> plots = [];
            int n = 50 + random.Next(150);
            double spread = 2000 + (random.NextDouble() * 20_000);
            for (int i = 0; i < n; i++)
            {
                Vector3 at = origin + new Vector3((random.NextDouble() - 0.5) * spread, (random.NextDouble() - 0.5) * spread, (random.NextDouble() - 0.5) * spread);
                double sigma = i % 10 == 0 ? 2000 : 20 + (random.NextDouble() * 300); // a few wide gates among narrow ones
                double[] p = new double[49];
                for (int k = 0; k < 7; k++)
                {
                    p[(k * 7) + k] = k < 3 ? sigma * sigma * (0.5 + random.NextDouble()) : k < 6 ? 100 : 1e-10;
                }

                tracks.Add(Track.FromEstimate(i + 1, 0, [at.X, at.Y, at.Z, 0, 0, 0, 1e-4], p));
                if (random.NextDouble() < 0.9)
                {
                    double noise = 30 + (random.NextDouble() * 200);
                    plots.Add(Plot(at + new Vector3(Gauss(random) * sigma, Gauss(random) * sigma, Gauss(random) * sigma), noise));
                }
            }

            for (int c = 0; c < n / 5; c++)
            {
                plots.Add(Plot(origin + new Vector3((random.NextDouble() - 0.5) * spread, (random.NextDouble() - 0.5) * spread, (random.NextDouble() - 0.5) * spread), 100));
            }

            const double gate = 16.27;
            List<(int, int, double)> all = [];
            for (int i = 0; i < tracks.Count; i++)
            {
                for (int j = 0; j < plots.Count; j++)
                {
                    double d2 = KalmanUpdater.MahalanobisSquared(tracks[i].State, tracks[i].Covariance, 7, plots[j].Position.X, plots[j].Position.Y, plots[j].Position.Z, plots[j].Covariance);
                    if (d2 <= gate)
                    {
                        all.Add((i, j, d2));
                    }
                }
            }

            (int[] expected, _) = SparseAssignment.Solve(tracks.Count, plots.Count, all, GlobalNearestNeighbourAssociator.MaxOptimalClusterTracks);
            Assert.Equal(expected, associator.Associate(tracks, plots, gate));
        }
    }

    private static PositionMeasurement Plot(Vector3 ecef, double sigma)
    {
        // A plot seen straight down from a radar above it: isotropic noise is enough for the association's test.
        double[] r = [sigma * sigma, 0, 0, 0, sigma * sigma * 0.5, 0, 0, 0, sigma * sigma * 2];
        return PositionMeasurement.Synthetic(ecef, r);
    }

    private static double Gauss(Random random) => MeasurementAndMotionTests.Gauss(random);
}
