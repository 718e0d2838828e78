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
        foreach (List<int> cell in Cells(center, radius))
        {
            results.AddRange(cell);
        }
    }

    /// <summary>
    /// The occupied cells that the box of the sphere of <paramref name="radius"/> around a point overlaps, without
    /// copying their items; valid until the grid changes.
    /// </summary>
    public CellEnumerable Cells(Vector3 center, double radius) => new(this, center, radius);

    /// <summary>The cells of a query, enumerated without allocation.</summary>
    public readonly struct CellEnumerable(SpatialGrid grid, Vector3 center, double radius)
    {
        public CellEnumerator GetEnumerator() => new(grid, center, radius);
    }

    /// <summary>Walks the cells of a query's box (or every occupied cell when the box is too large).</summary>
    public struct CellEnumerator
    {
        private readonly SpatialGrid _grid;
        private readonly long _x0, _y0, _z0, _x1, _y1, _z1;
        private readonly bool _all;
        private Dictionary<(long, long, long), List<int>>.ValueCollection.Enumerator _every;
        private long _x, _y, _z;

        public CellEnumerator(SpatialGrid grid, Vector3 center, double radius)
        {
            _grid = grid;
            (_x0, _y0, _z0) = grid.Key(center - new Vector3(radius, radius, radius));
            (_x1, _y1, _z1) = grid.Key(center + new Vector3(radius, radius, radius));
            // A sphere wider than the grid is meant for — or one not finite, from an estimate gone astray — looks at every
            // occupied cell instead. The box is counted in floating point: a long product of huge spans would wrap.
            _all = !double.IsFinite(center.X + center.Y + center.Z + radius)
                || ((double)_x1 - _x0 + 1) * ((double)_y1 - _y0 + 1) * ((double)_z1 - _z0 + 1) > MaxCellsPerQuery;
            _every = grid._cells.Values.GetEnumerator();
            (_x, _y, _z) = (_x0, _y0, _z0 - 1);
            Current = [];
        }

        public List<int> Current { get; private set; }

        public bool MoveNext()
        {
            if (_all)
            {
                bool more = _every.MoveNext();
                Current = more ? _every.Current : [];
                return more;
            }

            while (true)
            {
                if (++_z > _z1)
                {
                    _z = _z0;
                    if (++_y > _y1)
                    {
                        _y = _y0;
                        if (++_x > _x1)
                        {
                            return false;
                        }
                    }
                }

                if (_grid._cells.TryGetValue((_x, _y, _z), out List<int>? list))
                {
                    Current = list;
                    return true;
                }
            }
        }
    }

    private (long, long, long) Key(Vector3 p) =>
        ((long)Math.Floor(p.X / CellMeters), (long)Math.Floor(p.Y / CellMeters), (long)Math.Floor(p.Z / CellMeters));
}
