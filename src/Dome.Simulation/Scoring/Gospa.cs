using Dome.Defense.Tracking;
using Dome.Model.Geodesy;

namespace Dome.Simulation.Scoring;

/// <summary>One GOSPA evaluation: the value (m) and its parts (localisation error, missed and false targets).</summary>
public readonly record struct GospaSample(double TimeSeconds, double GospaMeters, double LocalisationMeters, int Missed, int False);

/// <summary>
/// The generalised optimal sub-pattern assignment metric (Rahmathullah, García-Fernández and Svensson, 2017) with
/// α = 2, order p = 2 and cut-off c: √(Σ d² over assigned pairs + c²/2 · (missed + false)). Pairs farther apart than c
/// are never assigned; the assignment takes the most pairs within c, then the least total d², cluster by cluster.
/// </summary>
public static class Gospa
{
    public static GospaSample Evaluate(double timeSeconds, IReadOnlyList<Vector3> truth, IReadOnlyList<Vector3> estimates, double cutoffMeters)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(estimates);
        List<(int Row, int Column, double Cost)> pairs = [];
        Dictionary<(long, long, long), List<int>> cells = [];
        (long, long, long) Key(Vector3 p) => ((long)Math.Floor(p.X / cutoffMeters), (long)Math.Floor(p.Y / cutoffMeters), (long)Math.Floor(p.Z / cutoffMeters));
        for (int j = 0; j < estimates.Count; j++)
        {
            (cells.TryGetValue(Key(estimates[j]), out List<int>? list) ? list : cells[Key(estimates[j])] = []).Add(j);
        }

        for (int i = 0; i < truth.Count; i++)
        {
            (long x, long y, long z) = Key(truth[i]);
            for (long dx = -1; dx <= 1; dx++)
            {
                for (long dy = -1; dy <= 1; dy++)
                {
                    for (long dz = -1; dz <= 1; dz++)
                    {
                        if (!cells.TryGetValue((x + dx, y + dy, z + dz), out List<int>? list))
                        {
                            continue;
                        }

                        foreach (int j in list)
                        {
                            double d2 = (truth[i] - estimates[j]).LengthSquared;
                            if (d2 < cutoffMeters * cutoffMeters)
                            {
                                pairs.Add((i, j, d2));
                            }
                        }
                    }
                }
            }
        }

        (int[] assignment, _) = SparseAssignment.Solve(truth.Count, estimates.Count, pairs);
        double sum = 0;
        int assigned = 0;
        for (int i = 0; i < assignment.Length; i++)
        {
            if (assignment[i] >= 0)
            {
                sum += (truth[i] - estimates[assignment[i]]).LengthSquared;
                assigned++;
            }
        }

        int missed = truth.Count - assigned, falseTargets = estimates.Count - assigned;
        double gospa = Math.Sqrt(sum + (cutoffMeters * cutoffMeters / 2 * (missed + falseTargets)));
        return new GospaSample(timeSeconds, gospa, Math.Sqrt(sum), missed, falseTargets);
    }
}
