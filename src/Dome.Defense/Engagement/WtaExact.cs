using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Dome.Defense.Engagement;

/// <summary>
/// Exact weapon-target assignment by outer approximation (Duran &amp; Grossmann 1986) of the convex objective
/// Σ_j v_j·e^{s_j}, s_j = Σ_i x_ij·ln(1 − p_ij): a mixed-integer linear master (SCIP, through Google OR-Tools) minimises
/// Σ_j z_j under tangent cuts z_j ≥ v_j·e^a·(1 + s_j − a); each master solution adds the tangents at its own s_j where
/// they cut it off, until the master's bound meets the best true objective found. The master's optimum is a lower bound
/// of the true one (tangents lie below a convex function), so "optimal" is proven, not hoped for. Started from the
/// heuristic's solution, which gives the first upper bound and the solver's hint. On the 50×100 benchmark instances the
/// master does not close the gap within minutes on two cores: the status then says "time limit" with the proven gap.
/// </summary>
public static class WtaExact
{
    /// <summary>Relative gap at which the solution counts as proven optimal.</summary>
    public const double Tolerance = 1e-6;

    public static WtaSolution Solve(WtaProblem problem, TimeSpan timeLimit)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Stopwatch clock = Stopwatch.StartNew();
        // A quarter of the time (at most 15 s) goes to the heuristic: its solution is the first upper bound and the
        // master's hint, and on hard instances the best solution the search will hold.
        WtaSolution start = WtaHeuristic.Solve(problem, TimeSpan.FromMilliseconds(Math.Min(15_000, timeLimit.TotalMilliseconds / 4)));
        int m = problem.WeaponTypes, n = problem.Targets;
        using Solver solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("the SCIP solver is not available in this OR-Tools build");
        Variable[,] x = new Variable[m, n];
        for (int i = 0; i < m; i++)
        {
            Constraint capacity = solver.MakeConstraint(0, problem.Units[i], $"units_{i}");
            for (int j = 0; j < n; j++)
            {
                x[i, j] = solver.MakeIntVar(0, problem.Kill(i, j) > 0 ? problem.Units[i] : 0, $"x_{i}_{j}");
                capacity.SetCoefficient(x[i, j], 1);
            }
        }

        Variable[] s = new Variable[n];
        Variable[] z = new Variable[n];
        Objective objective = solver.Objective();
        for (int j = 0; j < n; j++)
        {
            s[j] = solver.MakeNumVar(double.NegativeInfinity, 0, $"s_{j}");
            z[j] = solver.MakeNumVar(0, problem.Values[j], $"z_{j}");
            Constraint define = solver.MakeConstraint(0, 0, $"s_def_{j}");
            define.SetCoefficient(s[j], -1);
            for (int i = 0; i < m; i++)
            {
                define.SetCoefficient(x[i, j], problem.LogSurvival[(i * n) + j]);
            }

            objective.SetCoefficient(z[j], 1);
        }

        objective.SetMinimization();
        double[] startS = LogSurvivalOf(problem, start.Assignment);
        for (int j = 0; j < n; j++)
        {
            foreach (double a in new[] { 0.0, -0.5, -1, -2, -3, -4, -6, -9 })
            {
                AddTangent(solver, problem, s[j], z[j], j, a);
            }

            AddTangent(solver, problem, s[j], z[j], j, startS[j]);
        }

        int[,] best = start.Assignment;
        double upper = start.Objective, lower = 0;
        int rounds = 0;
        while (true)
        {
            double left = timeLimit.TotalMilliseconds - clock.Elapsed.TotalMilliseconds;
            if (left <= 50 || upper - lower <= Tolerance * Math.Max(1, upper))
            {
                break;
            }

            List<Variable> hinted = [];
            List<double> hints = [];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    hinted.Add(x[i, j]);
                    hints.Add(best[i, j]);
                }
            }

            solver.SetHint([.. hinted], [.. hints]);
            solver.SetTimeLimit((long)left);
            Solver.ResultStatus status = solver.Solve();
            rounds++;
            if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
            {
                break;
            }

            lower = Math.Max(lower, status == Solver.ResultStatus.OPTIMAL ? objective.Value() : objective.BestBound());
            int[,] candidate = new int[m, n];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    candidate[i, j] = (int)Math.Round(x[i, j].SolutionValue());
                }
            }

            double value = problem.Objective(candidate);
            if (value < upper)
            {
                upper = value;
                best = candidate;
            }

            if (status != Solver.ResultStatus.OPTIMAL)
            {
                break;
            }

            // Cut the master's point off where its z underestimates the true survival.
            double[] sj = LogSurvivalOf(problem, candidate);
            int added = 0;
            for (int j = 0; j < n; j++)
            {
                if (z[j].SolutionValue() < (problem.Values[j] * Math.Exp(sj[j])) - (1e-9 * Math.Max(1, upper)))
                {
                    AddTangent(solver, problem, s[j], z[j], j, sj[j]);
                    added++;
                }
            }

            if (added == 0)
            {
                lower = upper;
                break;
            }
        }

        return new WtaSolution(best, upper, clock.Elapsed.TotalMilliseconds, "outer approximation, SCIP master")
        {
            LowerBound = Math.Min(lower, upper),
            Iterations = rounds,
        };
    }

    /// <summary>z_j ≥ v_j·e^a·(1 + s_j − a): the tangent of v_j·e^s at s = a.</summary>
    private static void AddTangent(Solver solver, WtaProblem problem, Variable s, Variable z, int j, double a)
    {
        double slope = problem.Values[j] * Math.Exp(a);
        Constraint cut = solver.MakeConstraint(slope * (1 - a), double.PositiveInfinity);
        cut.SetCoefficient(z, 1);
        cut.SetCoefficient(s, -slope);
    }

    private static double[] LogSurvivalOf(WtaProblem problem, int[,] x)
    {
        double[] s = new double[problem.Targets];
        for (int i = 0; i < problem.WeaponTypes; i++)
        {
            for (int j = 0; j < problem.Targets; j++)
            {
                s[j] += x[i, j] * problem.LogSurvival[(i * problem.Targets) + j];
            }
        }

        return s;
    }
}
