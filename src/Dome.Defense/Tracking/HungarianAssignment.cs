namespace Dome.Defense.Tracking;

/// <summary>
/// Optimal assignment (minimum total cost) of rows to columns by the Hungarian method with potentials (Kuhn 1955,
/// Munkres 1957; the O(n²m) shortest-augmenting-path form). Forbidden pairs carry <see cref="double.PositiveInfinity"/>;
/// a row left without an allowed column is unassigned. Stateless; thread-safe.
/// </summary>
public static class HungarianAssignment
{
    /// <summary>For each row, the column assigned to it, or −1.</summary>
    public static int[] Solve(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        if (rows == 0 || cols == 0)
        {
            return [.. Enumerable.Repeat(-1, rows)];
        }

        // A forbidden pair costs more than any allowed assignment could, so it is only taken when nothing else fits.
        double finiteMax = 0;
        foreach (double c in cost)
        {
            if (double.IsFinite(c))
            {
                finiteMax = Math.Max(finiteMax, Math.Abs(c));
            }
        }

        double forbidden = (finiteMax + 1) * (Math.Max(rows, cols) + 1) * 2;
        bool transpose = rows > cols;
        int n = transpose ? cols : rows, m = transpose ? rows : cols;
        double C(int i, int j)
        {
            double c = transpose ? cost[j, i] : cost[i, j];
            return double.IsFinite(c) ? c : forbidden;
        }

        double[] u = new double[n + 1], v = new double[m + 1];
        int[] p = new int[m + 1], way = new int[m + 1];
        double[] minv = new double[m + 1];
        bool[] used = new bool[m + 1];
        for (int i = 1; i <= n; i++)
        {
            p[0] = i;
            int j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Fill(used, false);
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    double cur = C(i0 - 1, j - 1) - u[i0] - v[j];
                    if (cur < minv[j])
                    {
                        minv[j] = cur;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (int j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        int[] result = [.. Enumerable.Repeat(-1, rows)];
        for (int j = 1; j <= m; j++)
        {
            if (p[j] == 0)
            {
                continue;
            }

            int row = transpose ? j - 1 : p[j] - 1, col = transpose ? p[j] - 1 : j - 1;
            if (double.IsFinite(cost[row, col]))
            {
                result[row] = col;
            }
        }

        return result;
    }
}
