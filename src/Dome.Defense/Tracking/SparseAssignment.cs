namespace Dome.Defense.Tracking;

/// <summary>
/// Minimum-cost assignment over a sparse set of allowed (row, column, cost) pairs: the pairs are split into
/// independent clusters (rows and columns linked by shared pairs), and each cluster is solved optimally by the
/// Hungarian method — or, above a maximum number of rows, greedily by increasing cost, since the Hungarian
/// method is cubic in the cluster size. Deterministic; stateless.
/// </summary>
public static class SparseAssignment
{
    /// <summary>For each row, its column or −1; and how many clusters were solved greedily.</summary>
    public static (int[] Assignment, int GreedyClusters) Solve(int rows, int columns, IReadOnlyList<(int Row, int Column, double Cost)> pairs, int maxOptimalRows = 60)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        int[] result = new int[rows];
        Array.Fill(result, -1);
        int greedy = 0;
        int[] parent = new int[rows + columns];
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
            parent[Find(i)] = Find(rows + j);
        }

        foreach (IGrouping<int, (int Row, int Column, double Cost)> cluster in pairs.GroupBy(p => Find(p.Row)))
        {
            int[] clusterRows = [.. cluster.Select(p => p.Row).Distinct().Order()];
            int[] clusterColumns = [.. cluster.Select(p => p.Column).Distinct().Order()];
            if (clusterRows.Length == 1 && clusterColumns.Length == 1)
            {
                result[clusterRows[0]] = clusterColumns[0];
                continue;
            }

            if (clusterRows.Length > maxOptimalRows)
            {
                greedy++;
                HashSet<int> taken = [];
                foreach ((int i, int j, double _) in cluster.OrderBy(p => p.Cost).ThenBy(p => p.Row).ThenBy(p => p.Column))
                {
                    if (result[i] < 0 && !taken.Contains(j))
                    {
                        result[i] = j;
                        taken.Add(j);
                    }
                }

                continue;
            }

            double[,] cost = new double[clusterRows.Length, clusterColumns.Length];
            for (int a = 0; a < clusterRows.Length; a++)
            {
                for (int b = 0; b < clusterColumns.Length; b++)
                {
                    cost[a, b] = double.PositiveInfinity;
                }
            }

            foreach ((int i, int j, double c) in cluster)
            {
                cost[Array.BinarySearch(clusterRows, i), Array.BinarySearch(clusterColumns, j)] = c;
            }

            int[] assignment = HungarianAssignment.Solve(cost);
            for (int a = 0; a < assignment.Length; a++)
            {
                if (assignment[a] >= 0)
                {
                    result[clusterRows[a]] = clusterColumns[assignment[a]];
                }
            }
        }

        return (result, greedy);
    }
}
