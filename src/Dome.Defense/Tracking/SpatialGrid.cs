using Dome.Model.Geodesy;

namespace Dome.Defense.Tracking;

/// <summary>
/// Buckets positions into cubic ECEF cells so that a query for the points near a position visits only the cells its
/// sphere overlaps: association then costs O(tracks + plots) instead of O(tracks × plots). The cell size may change at
/// every <see cref="Clear(double)"/>, so that it can follow the size of the gates being asked. Reused between scans;
/// not thread-safe.
/// </summary>
internal sealed class SpatialGrid(double cellMeters)
{
    /// <summary>A query whose box would span more cells than this scans the occupied cells instead.</summary>
    private const int MaxCellsPerQuery = 4096;

    private readonly Dictionary<(long, long, long), List<int>> _cells = [];
    private readonly Stack<List<int>> _spare = new();

    public double CellMeters { get; private set; } = cellMeters;

    /// <summary>Empties the grid, keeping the cell size.</summary>
    public void Clear() => Clear(CellMeters);

    /// <summary>Empties the grid and sets a new cell size, m.</summary>
    public void Clear(double cellMeters)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellMeters);
        foreach (List<int> list in _cells.Values)
        {
            list.Clear();
            _spare.Push(list);
        }

        _cells.Clear();
        CellMeters = cellMeters;
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

    /// <summary>
    /// Appends to <paramref name="results"/> every item in the cells that the box of the sphere of
    /// <paramref name="radius"/> around a point overlaps (a superset of the items within the radius).
    /// </summary>
    public void Query(Vector3 center, double radius, List<int> results)
    {
        (long x0, long y0, long z0) = Key(center - new Vector3(radius, radius, radius));
        (long x1, long y1, long z1) = Key(center + new Vector3(radius, radius, radius));
        if ((x1 - x0 + 1) * (y1 - y0 + 1) * (z1 - z0 + 1) > MaxCellsPerQuery)
        {
            // A sphere wider than the grid is meant for: look at every occupied cell instead.
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
