namespace Dome.Defense.Tracking;

/// <summary>
/// Global nearest neighbour association: gated candidate pairs (track, plot) found through the spatial grid, split
/// into independent clusters (tracks and plots linked by shared candidates), and each cluster assigned optimally by
/// the Hungarian method on the squared Mahalanobis distance. A cluster of more than
/// <see cref="MaxOptimalClusterTracks"/> tracks (only dense saturation salvos make one) is assigned greedily by
/// increasing distance instead, since the Hungarian method is cubic in the cluster size. Reused between scans; not
/// thread-safe.
/// </summary>
internal sealed class GlobalNearestNeighbourAssociator
{
    /// <summary>Largest cluster (in tracks) solved optimally.</summary>
    public const int MaxOptimalClusterTracks = 60;

    /// <summary>Clusters assigned greedily so far (a measure of how crowded the sky has been).</summary>
    public long GreedyClusters { get; private set; }

    private readonly SpatialGrid _grid = new(3000);
    private readonly List<int> _nearby = [];

    /// <summary>For each track, the index of its plot, or −1.</summary>
    public int[] Associate(IReadOnlyList<Track> tracks, IReadOnlyList<PositionMeasurement> plots, double gate)
    {
        if (tracks.Count == 0 || plots.Count == 0)
        {
            return [.. Enumerable.Repeat(-1, tracks.Count)];
        }

        _grid.Clear();
        for (int j = 0; j < plots.Count; j++)
        {
            _grid.Add(j, plots[j].Position);
        }

        // Candidate pairs inside the gate.
        List<(int Row, int Column, double Cost)> pairs = [];
        for (int i = 0; i < tracks.Count; i++)
        {
            Track t = tracks[i];
            double radius = (Math.Sqrt(gate) * t.PositionSigmaMeters) + 500;
            _nearby.Clear();
            _grid.Query(t.Position, radius, _nearby);
            foreach (int j in _nearby)
            {
                PositionMeasurement m = plots[j];
                double d2 = KalmanUpdater.MahalanobisSquared(t.State, t.Covariance, BallisticMotionModel.Dimension, m.Position.X, m.Position.Y, m.Position.Z, m.Covariance);
                if (d2 <= gate)
                {
                    pairs.Add((i, j, d2));
                }
            }
        }

        (int[] assignment, int greedy) = SparseAssignment.Solve(tracks.Count, plots.Count, pairs, MaxOptimalClusterTracks);
        GreedyClusters += greedy;
        return assignment;
    }
}
