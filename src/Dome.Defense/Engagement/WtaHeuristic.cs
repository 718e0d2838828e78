using System.Diagnostics;

namespace Dome.Defense.Engagement;

/// <summary>A solution: units of each type on each target, its objective, and how it was found.</summary>
public sealed record WtaSolution(int[,] Assignment, double Objective, double Milliseconds, string Method)
{
    /// <summary>"optimal" when a lower bound proves the objective (within 1e-6), else how the search ended.</summary>
    public string Status => LowerBound is double lb
        ? (Objective - lb <= WtaExact.Tolerance * Math.Max(1, Objective) ? "optimal" : $"time limit, gap {(100 * (Objective - lb) / Math.Max(1e-12, Objective)).ToString("F3", System.Globalization.CultureInfo.InvariantCulture)}%")
        : "heuristic (no bound)";

    /// <summary>A lower bound on the optimum when the method proves one (the exact mode), else null.</summary>
    public double? LowerBound { get; init; }

    /// <summary>Local-search rounds (heuristic) or cut rounds (exact).</summary>
    public int Iterations { get; init; }
}

/// <summary>
/// The fast weapon-target assignment for the live loop. Start: an optimal assignment of at most one unit per target
/// (the Hungarian method; exact when no target should get two), the units left over placed by greedy maximum marginal
/// return; then local search (type-wise best responses, swaps of two units of different types); then, until the time
/// limit, a large neighbourhood search under late acceptance: a block of units (random, all those on random targets,
/// or one "layer" — one unit from each target) is lifted and placed again by an exact assignment given the rest.
/// Deterministic for a seed and a number of rounds; with a time limit, the number of rounds depends on the machine.
/// </summary>
public static class WtaHeuristic
{
    public static WtaSolution Solve(WtaProblem problem, TimeSpan timeLimit, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Stopwatch clock = Stopwatch.StartNew();
        State state = new(problem);
        state.AssignmentStart();
        int rounds = 1;
        state.LocalSearch();
        double best = state.Objective();
        int[] bestTargets = [.. state.TargetOf];
        Random random = new((int)(seed & 0x7fffffff));
        int units = state.TargetOf.Length;
        int[] currentTargets = [.. bestTargets];
        double current = best;

        // Late acceptance (Burke & Bykov): a neighbour is kept when it beats the solution of L rounds ago, which lets the
        // search cross the plateaus between the local optima of this landscape.
        double[] history = [.. Enumerable.Repeat(best, 30)];
        TimeSpan searchUntil = timeLimit * 0.97; // the last 3% for the final descent, so the answer comes within the limit
        while (clock.Elapsed < searchUntil && units > 1)
        {
            // Large neighbourhood: lift a random block of units and place them again optimally given the rest (an
            // assignment problem with up to three places per target, solved exactly).
            state.Load(currentTargets);
            double fraction = 0.1 + (0.4 * random.NextDouble());
            int[] block;
            int kind = random.Next(4) switch { 0 => 0, 1 => 1, _ => 2 };
            if (kind == 2)
            {
                // A layer: one unit from each target that has any (plus the unused units). With one place per target
                // the assignment re-optimises the layer exactly given the other units.
                Dictionary<int, int> pick = [];
                foreach (int u in Enumerable.Range(0, units).OrderBy(_ => random.Next()))
                {
                    int t = state.TargetOf[u];
                    if (t < 0 || !pick.ContainsKey(t))
                    {
                        pick[t < 0 ? -1 - u : t] = u;
                    }
                }

                block = [.. pick.Values.Take(Math.Max(2, (int)(pick.Count * (0.3 + (0.7 * random.NextDouble())))))];
                state.Slots = 1;
            }
            else if (kind == 0)
            {
                // Units drawn at random.
                int size = Math.Max(2, (int)(Math.Min(units, problem.Targets) * fraction));
                block = [.. Enumerable.Range(0, units).OrderBy(_ => random.Next()).Take(size)];
            }
            else
            {
                // Every unit on a random set of targets: units that compete for the same targets move together.
                HashSet<int> targets = [.. Enumerable.Range(0, problem.Targets).OrderBy(_ => random.Next()).Take(Math.Max(2, (int)(problem.Targets * fraction)))];
                block = [.. Enumerable.Range(0, units).Where(u => targets.Contains(state.TargetOf[u]))];
                if (block.Length < 2)
                {
                    continue;
                }
            }
            if (kind != 2)
            {
                state.Slots = 1 + random.Next(3);
            }

            state.LiftAndAssign(block);
            state.Sweep();
            double value = state.Objective();
            int slot = rounds % history.Length;
            rounds++;
            if (value <= history[slot] || value <= current)
            {
                current = value;
                currentTargets = [.. state.TargetOf];
                if (value < best - 1e-12)
                {
                    best = value;
                    bestTargets = [.. state.TargetOf];
                }
            }

            history[slot] = current;
        }

        state.Load(bestTargets);
        state.LocalSearch();
        return new WtaSolution(state.Matrix(), state.Objective(), clock.Elapsed.TotalMilliseconds, "greedy maximum marginal return + iterated local search") { Iterations = rounds };
    }

    /// <summary>The greedy start alone (for comparison and tests).</summary>
    public static WtaSolution Greedy(WtaProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Stopwatch clock = Stopwatch.StartNew();
        State state = new(problem);
        state.Greedy();
        return new WtaSolution(state.Matrix(), state.Objective(), clock.Elapsed.TotalMilliseconds, "greedy maximum marginal return");
    }

    /// <summary>
    /// Units as a list (type of each), their targets (−1 = unused), and per target the log-survival sum and the surviving
    /// value v_j·e^L_j, kept current so that the searches never call exp in their inner loops.
    /// </summary>
    private sealed class State
    {
        private readonly WtaProblem _p;
        private readonly int[] _type;
        private readonly int[][] _unitsOfType;
        private readonly double[] _log;
        private readonly double[] _alive;
        private readonly double[] _ls;
        private readonly double[] _q;
        private readonly double[] _v;
        private readonly int _n;

        /// <summary>Places per target in a block's assignment.</summary>
        public int Slots { get; set; } = 1;

        public State(WtaProblem p)
        {
            _p = p;
            _n = p.Targets;
            _ls = p.LogSurvival;
            _q = [.. _ls.Select(Math.Exp)];
            _v = [.. p.Values];
            _type = [.. Enumerable.Range(0, p.WeaponTypes).SelectMany(i => Enumerable.Repeat(i, p.Units[i]))];
            _unitsOfType = [.. Enumerable.Range(0, p.WeaponTypes).Select(i => Enumerable.Range(0, _type.Length).Where(u => _type[u] == i).ToArray())];
            TargetOf = [.. Enumerable.Repeat(-1, _type.Length)];
            _log = new double[_n];
            _alive = [.. _v];
        }

        public int[] TargetOf { get; }

        public double Objective()
        {
            double total = 0;
            for (int j = 0; j < _n; j++)
            {
                total += _v[j] * Math.Exp(_log[j]);
            }

            return total;
        }

        public void Load(int[] targets)
        {
            Array.Clear(_log);
            for (int u = 0; u < targets.Length; u++)
            {
                TargetOf[u] = targets[u];
                if (targets[u] >= 0)
                {
                    _log[targets[u]] += _ls[(_type[u] * _n) + targets[u]];
                }
            }

            for (int j = 0; j < _n; j++)
            {
                _alive[j] = _v[j] * Math.Exp(_log[j]);
            }
        }

        public void Reassign(int u, int target)
        {
            int from = TargetOf[u];
            if (from == target)
            {
                return;
            }

            if (from >= 0)
            {
                _log[from] -= _ls[(_type[u] * _n) + from];
                _alive[from] = _v[from] * Math.Exp(_log[from]);
            }

            TargetOf[u] = target;
            if (target >= 0)
            {
                _log[target] += _ls[(_type[u] * _n) + target];
                _alive[target] = _v[target] * Math.Exp(_log[target]);
            }
        }

        /// <summary>
        /// The first layer exactly: at most one unit per target, units to targets by an optimal assignment of the gains
        /// v_j·p_ij (the Hungarian method) — the whole problem when no target should get two units. Units left over
        /// (more units than targets) stay free for the greedy.
        /// </summary>
        public void AssignmentStart() => LiftAndAssign([.. Enumerable.Range(0, _type.Length)]);

        /// <summary>
        /// Lifts the units of <paramref name="block"/> and places them again by an optimal assignment of their gains
        /// given every other unit (at most one of the block per target); block units left over are placed greedily.
        /// </summary>
        public void LiftAndAssign(int[] block)
        {
            foreach (int u in block)
            {
                Reassign(u, -1);
            }

            // Columns: up to Slots places on each target. A second (third) unit on a target gains less: its gain is
            // discounted by the survival the best block unit would leave there, an estimate only — the search keeps a
            // block's placement only when the true objective improves.
            int slots = Math.Min(Slots, Math.Max(1, (block.Length + _n - 1) / _n + 1));
            double[] discount = new double[_n];
            for (int j = 0; j < _n; j++)
            {
                double bestQ = 1;
                foreach (int u in block)
                {
                    bestQ = Math.Min(bestQ, _q[(_type[u] * _n) + j]);
                }

                discount[j] = bestQ;
            }

            double[,] cost = new double[block.Length, _n * slots];
            for (int b = 0; b < block.Length; b++)
            {
                int row = _type[block[b]] * _n;
                for (int j = 0; j < _n; j++)
                {
                    double gain = _alive[j] * (1 - _q[row + j]);
                    for (int k = 0; k < slots; k++)
                    {
                        cost[b, (k * _n) + j] = -gain;
                        gain *= discount[j];
                    }
                }
            }

            int[] column = Tracking.HungarianAssignment.Solve(cost);
            for (int b = 0; b < block.Length; b++)
            {
                if (column[b] >= 0)
                {
                    Reassign(block[b], column[b] % _n);
                }
            }

            Greedy();
        }

        /// <summary>Greedy maximum marginal return over all free units: the unit and target removing the most surviving value first.</summary>
        public void Greedy()
        {
            int[] next = new int[_p.WeaponTypes];
            for (int i = 0; i < next.Length; i++)
            {
                while (next[i] < _unitsOfType[i].Length && TargetOf[_unitsOfType[i][next[i]]] >= 0)
                {
                    next[i]++;
                }
            }

            for (int step = 0; step < _type.Length; step++)
            {
                int bestType = -1, bestTarget = -1;
                double bestGain = 0;
                for (int i = 0; i < _p.WeaponTypes; i++)
                {
                    if (next[i] >= _unitsOfType[i].Length)
                    {
                        continue;
                    }

                    int row = i * _n;
                    for (int j = 0; j < _n; j++)
                    {
                        double gain = _alive[j] * (1 - _q[row + j]);
                        if (gain > bestGain)
                        {
                            bestGain = gain;
                            bestType = i;
                            bestTarget = j;
                        }
                    }
                }

                if (bestType < 0)
                {
                    break;
                }

                Reassign(_unitsOfType[bestType][next[bestType]++], bestTarget);
                while (next[bestType] < _unitsOfType[bestType].Length && TargetOf[_unitsOfType[bestType][next[bestType]]] >= 0)
                {
                    next[bestType]++;
                }
            }
        }

        /// <summary>
        /// The best response of one weapon type with every other fixed: its units lifted, then placed one at a time where
        /// each removes the most surviving value. For one type this greedy is optimal (each further unit on a target
        /// gains a constant factor less), so a sweep over the types never makes the solution worse.
        /// </summary>
        private bool BestResponse(int i)
        {
            int[] units = _unitsOfType[i];
            if (units.Length == 0)
            {
                return false;
            }

            int[] old = [.. units.Select(u => TargetOf[u])];
            double oldValue = Total();
            foreach (int u in units)
            {
                Reassign(u, -1);
            }

            int row = i * _n;
            foreach (int u in units)
            {
                int bestTarget = -1;
                double bestGain = 0;
                for (int j = 0; j < _n; j++)
                {
                    double gain = _alive[j] * (1 - _q[row + j]);
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        bestTarget = j;
                    }
                }

                if (bestTarget >= 0)
                {
                    Reassign(u, bestTarget);
                }
            }

            double newValue = Total();
            if (newValue < oldValue - 1e-12)
            {
                return true;
            }

            for (int k = 0; k < units.Length; k++)
            {
                Reassign(units[k], old[k]);
            }

            return false;
        }

        /// <summary>Σ_j v_j·e^L_j from the kept values (no exp).</summary>
        private double Total()
        {
            double total = 0;
            for (int j = 0; j < _n; j++)
            {
                total += _alive[j];
            }

            return total;
        }

        /// <summary>Type-wise best responses until none improves (the cheap half of the local search).</summary>
        public void Sweep()
        {
            bool improved = true;
            while (improved)
            {
                improved = false;
                for (int i = 0; i < _p.WeaponTypes; i++)
                {
                    improved |= BestResponse(i);
                }
            }
        }

        /// <summary>Type-wise best responses and pairwise swaps of units of different types until neither improves.</summary>
        public void LocalSearch()
        {
            bool improved = true;
            while (improved)
            {
                improved = false;
                bool responded = false;
                for (int i = 0; i < _p.WeaponTypes; i++)
                {
                    responded |= BestResponse(i);
                }

                if (responded)
                {
                    improved = true;
                    continue;
                }

                for (int u = 0; u < _type.Length; u++)
                {
                    for (int w = u + 1; w < _type.Length; w++)
                    {
                        int j = TargetOf[u], k = TargetOf[w];
                        if (j == k || j < 0 || k < 0 || _type[u] == _type[w])
                        {
                            continue;
                        }

                        int ru = _type[u] * _n, rw = _type[w] * _n;
                        double delta = (_alive[j] * ((_q[rw + j] / _q[ru + j]) - 1)) + (_alive[k] * ((_q[ru + k] / _q[rw + k]) - 1));
                        if (delta < -1e-12)
                        {
                            Reassign(u, k);
                            Reassign(w, j);
                            improved = true;
                        }
                    }
                }
            }
        }

        public int[,] Matrix()
        {
            int[,] x = new int[_p.WeaponTypes, _n];
            for (int u = 0; u < _type.Length; u++)
            {
                if (TargetOf[u] >= 0)
                {
                    x[_type[u], TargetOf[u]]++;
                }
            }

            return x;
        }
    }
}
