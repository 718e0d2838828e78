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
        int[] result = new int[tracks.Count];
        Array.Fill(result, -1);
        if (tracks.Count == 0 || plots.Count == 0)
        {
            return result;
        }

        _grid.Clear();
        for (int j = 0; j < plots.Count; j++)
        {
            _grid.Add(j, plots[j].Position);
        }

        // Candidate pairs inside the gate.
        List<(int Track, int Plot, double Cost)> pairs = [];
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

        // Clusters by union-find over tracks (0..T-1) and plots (T..T+P-1).
        int[] parent = new int[tracks.Count + plots.Count];
        for (int k = 0; k < parent.Length; k++)
        {
            parent[k] = k;
        }

        int Find(int k)
        {
            while (parent[k] != k)
            {
                parent[k] = parent[parent[k]];
                k = parent[k];
            }

            return k;
        }

        foreach ((int i, int j, _) in pairs)
        {
            parent[Find(i)] = Find(tracks.Count + j);
        }

        foreach (IGrouping<int, (int Track, int Plot, double Cost)> cluster in pairs.GroupBy(p => Find(p.Track)))
        {
            int[] clusterTracks = [.. cluster.Select(p => p.Track).Distinct().Order()];
            int[] clusterPlots = [.. cluster.Select(p => p.Plot).Distinct().Order()];
            if (clusterTracks.Length == 1 && clusterPlots.Length == 1)
            {
                result[clusterTracks[0]] = clusterPlots[0];
                continue;
            }

            if (clusterTracks.Length > MaxOptimalClusterTracks)
            {
                GreedyClusters++;
                HashSet<int> takenPlots = [];
                foreach ((int i, int j, double _) in cluster.OrderBy(p => p.Cost).ThenBy(p => p.Track).ThenBy(p => p.Plot))
                {
                    if (result[i] < 0 && !takenPlots.Contains(j))
                    {
                        result[i] = j;
                        takenPlots.Add(j);
                    }
                }

                continue;
            }

            double[,] cost = new double[clusterTracks.Length, clusterPlots.Length];
            for (int a = 0; a < clusterTracks.Length; a++)
            {
                for (int b = 0; b < clusterPlots.Length; b++)
                {
                    cost[a, b] = double.PositiveInfinity;
                }
            }

            foreach ((int i, int j, double d2) in cluster)
            {
                cost[Array.BinarySearch(clusterTracks, i), Array.BinarySearch(clusterPlots, j)] = d2;
            }

            int[] assignment = HungarianAssignment.Solve(cost);
            for (int a = 0; a < assignment.Length; a++)
            {
                if (assignment[a] >= 0)
                {
                    result[clusterTracks[a]] = clusterPlots[assignment[a]];
                }
            }
        }

        return result;
    }
}
