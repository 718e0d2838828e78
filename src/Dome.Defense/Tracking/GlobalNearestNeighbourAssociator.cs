namespace Dome.Defense.Tracking;

/// <summary>
/// Global nearest neighbour association: gated candidate pairs (track, plot) found through the spatial grid, split
/// into independent clusters (tracks and plots linked by shared candidates), and each cluster assigned optimally by
/// the Hungarian method on the squared Mahalanobis distance. A cluster of more than
/// <see cref="MaxOptimalClusterTracks"/> tracks (only dense saturation salvos make one) is assigned greedily by
/// increasing distance instead, since the Hungarian method is cubic in the cluster size. Reused between scans; not
/// thread-safe.
/// </summary>
/// <remarks>
/// The gate is d² = νᵀS⁻¹ν ≤ g with S = P_rr + R. Since νᵀS⁻¹ν ≥ |ν|²/λ_max(S) and λ_max(S) ≤ tr S = tr P_rr + tr R,
/// a plot farther than √(g (tr P_rr + tr R)) from the predicted position cannot pass the gate: that Euclidean sphere is
/// what the grid is asked for, and each candidate is tested against it (with its own R) before the 3×3 inversion. The
/// grid's cells are as wide as the median sphere, so that a typical query visits at most 27 cells however crowded the
/// sky: the number of candidates per track stays bounded as the number of rockets grows.
/// </remarks>
internal sealed class GlobalNearestNeighbourAssociator
{
    /// <summary>Largest cluster (in tracks) solved optimally.</summary>
    public const int MaxOptimalClusterTracks = 60;

    /// <summary>Bounds of the grid's cell size, m.</summary>
    private const double MinCellMeters = 100, MaxCellMeters = 5000;

    /// <summary>Clusters assigned greedily so far (a measure of how crowded the sky has been).</summary>
    public long GreedyClusters { get; private set; }

    private readonly SpatialGrid _grid = new(3000);
    private readonly List<(int Row, int Column, double Cost)> _pairs = [];
    private double[] _radius = [];
    private double[] _plotTrace = [];

    /// <summary>For each track, the index of its plot, or −1.</summary>
    public int[] Associate(IReadOnlyList<Track> tracks, IReadOnlyList<PositionMeasurement> plots, double gate)
    {
        if (tracks.Count == 0 || plots.Count == 0)
        {
            return [.. Enumerable.Repeat(-1, tracks.Count)];
        }

        if (_plotTrace.Length < plots.Count)
        {
            _plotTrace = new double[plots.Count * 2];
        }

        double maxPlotTrace = 0;
        for (int j = 0; j < plots.Count; j++)
        {
            double[] r = plots[j].Covariance;
            _plotTrace[j] = r[0] + r[4] + r[8];
            maxPlotTrace = Math.Max(maxPlotTrace, _plotTrace[j]);
        }

        if (_radius.Length < tracks.Count)
        {
            _radius = new double[tracks.Count * 2];
        }

        for (int i = 0; i < tracks.Count; i++)
        {
            double[] p = tracks[i].Covariance;
            _radius[i] = Math.Sqrt(gate * (p[0] + p[8] + p[16] + maxPlotTrace));
        }

        _grid.Clear(Math.Clamp(Median(_radius.AsSpan(0, tracks.Count)), MinCellMeters, MaxCellMeters));
        for (int j = 0; j < plots.Count; j++)
        {
            _grid.Add(j, plots[j].Position);
        }

        // Candidate pairs inside the gate.
        _pairs.Clear();
        for (int i = 0; i < tracks.Count; i++)
        {
            Track t = tracks[i];
            double[] x = t.State, p = t.Covariance;
            double trackTrace = p[0] + p[8] + p[16];
            foreach (List<int> cell in _grid.Cells(t.Position, _radius[i]))
            {
                foreach (int j in cell)
                {
                    PositionMeasurement m = plots[j];
                    double dx = m.Position.X - x[0], dy = m.Position.Y - x[1], dz = m.Position.Z - x[2];
                    if ((dx * dx) + (dy * dy) + (dz * dz) > gate * (trackTrace + _plotTrace[j]))
                    {
                        continue;
                    }

                    double d2 = KalmanUpdater.MahalanobisSquared(x, p, BallisticMotionModel.Dimension, m.Position.X, m.Position.Y, m.Position.Z, m.Covariance);
                    if (d2 <= gate)
                    {
                        _pairs.Add((i, j, d2));
                    }
                }
            }
        }
        (int[] assignment, int greedy) = SparseAssignment.Solve(tracks.Count, plots.Count, _pairs, MaxOptimalClusterTracks);
        GreedyClusters += greedy;
        return assignment;
    }

    private static double Median(Span<double> values)
    {
        double[] copy = values.ToArray();
        Array.Sort(copy);
        return copy[copy.Length / 2];
    }
}
