using Dome.Defense.Tracking;

namespace Dome.Defense.Tests.Tracking;

public class HungarianAssignmentTests
{
    [Fact]
    public void Solve_RandomMatrices_MatchesBruteForce()
    {
        Random random = new(3);
        for (int trial = 0; trial < 300; trial++)
        {
            int rows = random.Next(1, 6), cols = random.Next(1, 6);
            double[,] cost = new double[rows, cols];
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    cost[i, j] = random.NextDouble() < 0.2 ? double.PositiveInfinity : Math.Round(random.NextDouble() * 20, 2);
                }
            }

            int[] assignment = HungarianAssignment.Solve(cost);
            (int matched, double total) = Evaluate(cost, assignment);
            (int bestMatched, double bestTotal) = BruteForce(cost, 0, new bool[cols], 0, 0);
            Assert.Equal(bestMatched, matched);
            Assert.Equal(bestTotal, total, 1e-9);
            Assert.Equal(assignment.Where(a => a >= 0).Count(), assignment.Where(a => a >= 0).Distinct().Count());
        }
    }

    private static (int Matched, double Total) Evaluate(double[,] cost, int[] assignment)
    {
        int matched = 0;
        double total = 0;
        for (int i = 0; i < assignment.Length; i++)
        {
            if (assignment[i] >= 0)
            {
                Assert.True(double.IsFinite(cost[i, assignment[i]]));
                matched++;
                total += cost[i, assignment[i]];
            }
        }

        return (matched, total);
    }

    /// <summary>Most pairs first, then least cost: what an optimal gated assignment means.</summary>
    private static (int Matched, double Total) BruteForce(double[,] cost, int row, bool[] used, int matched, double total)
    {
        if (row == cost.GetLength(0))
        {
            return (matched, total);
        }

        (int m, double t) best = BruteForce(cost, row + 1, used, matched, total);
        for (int j = 0; j < cost.GetLength(1); j++)
        {
            if (!used[j] && double.IsFinite(cost[row, j]))
            {
                used[j] = true;
                (int m, double t) candidate = BruteForce(cost, row + 1, used, matched + 1, total + cost[row, j]);
                used[j] = false;
                if (candidate.m > best.m || (candidate.m == best.m && candidate.t < best.t - 1e-12))
                {
                    best = candidate;
                }
            }
        }

        return best;
    }
}
