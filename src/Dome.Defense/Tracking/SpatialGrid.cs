using Dome.Model.Geodesy;

namespace Dome.Defense.Tracking;

/// <summary>
/// Buckets measurements into cubic ECEF cells so that a track's gate is tested only against the plots of the cells its
/// gate overlaps: association then costs O(tracks + plots) instead of O(tracks × plots). Reused between scans.
/// </summary>
internal sealed class SpatialGrid(double cellMeters)
{
    private readonly Dictionary<(long, long, long), List<int>> _cells = [];
    private readonly Stack<List<int>> _spare = new();

    public double CellMeters { get; } = cellMeters;

    public void Clear()
    {
        foreach (List<int> list in _cells.Values)
        {
            list.Clear();
            _spare.Push(list);
        }

        _cells.Clear();
    }

    public void Add(int index, Vector3 position)
    {
        (long, long, long) key = Key(position);
        if (!_cells.TryGetValue(key, out List<int>? list))
        {
            list = _spare.Count > 0 ? _spare.Pop() : [];
            _cells[key] = list;
        }

        list.Add(index);
    }

    /// <summary>Appends to <paramref name="results"/> every item in the cells within <paramref name="radius"/> of a point.</summary>
    public void Query(Vector3 center, double radius, List<int> results)
    {
        (long x0, long y0, long z0) = Key(center - new Vector3(radius, radius, radius));
        (long x1, long y1, long z1) = Key(center + new Vector3(radius, radius, radius));
        if ((x1 - x0 + 1) * (y1 - y0 + 1) * (z1 - z0 + 1) > 4096)
        {
            // A gate wider than the grid is meant for: look at every occupied cell instead.
            foreach (List<int> all in _cells.Values)
            {
                results.AddRange(all);
            }

            return;
        }

        for (long x = x0; x <= x1; x++)
        {
            for (long y = y0; y <= y1; y++)
            {
                for (long z = z0; z <= z1; z++)
                {
                    if (_cells.TryGetValue((x, y, z), out List<int>? list))
                    {
                        results.AddRange(list);
                    }
                }
            }
        }
    }

    private (long, long, long) Key(Vector3 p) =>
        ((long)Math.Floor(p.X / CellMeters), (long)Math.Floor(p.Y / CellMeters), (long)Math.Floor(p.Z / CellMeters));
}
