using NetTopologySuite.Geometries;

namespace Dome.Model.Areas;

/// <summary>
/// The largest countdown near a place: a raster of 1/50° cells (about 2.2 km north–south, 1.9 km east–west at 32° N) over
/// the areas' extent — coarser over an extent so wide that it would need more than 2¹⁸ of them — each cell holding the
/// largest countdown (s) of the areas whose bounding box meets it, −1 where none does. An upper bound of the countdowns of
/// the areas a box meets: if an area's box and the query box share a point, the cell of that point is among the cells of
/// both (the cell index <c>⌊(x − origin) · cells per degree⌋</c> is monotone in x, in floating point too). Immutable;
/// thread-safe.
/// </summary>
internal sealed class CountdownRaster
{
    private const double FinestCellsPerDegree = 50;
    private const double MaxCells = 1 << 18;

    private readonly double _cellsPerDegree;
    private readonly double _minLon, _minLat;
    private readonly int _columns, _rows;
    private readonly short[] _max; // row-major, −1: no area

    public CountdownRaster(IEnumerable<(Envelope Box, int CountdownSeconds)> areas)
    {
        List<(Envelope Box, int CountdownSeconds)> all = [.. areas];
        if (all.Count == 0)
        {
            _max = [];
            return;
        }

        _minLon = all.Min(a => a.Box.MinX);
        _minLat = all.Min(a => a.Box.MinY);
        double extent = (all.Max(a => a.Box.MaxX) - _minLon) * (all.Max(a => a.Box.MaxY) - _minLat); // square degrees
        _cellsPerDegree = Math.Min(FinestCellsPerDegree, Math.Sqrt(MaxCells / Math.Max(extent, 1e-12)));
        _columns = Column(all.Max(a => a.Box.MaxX)) + 1;
        _rows = Row(all.Max(a => a.Box.MaxY)) + 1;
        _max = new short[_columns * _rows];
        Array.Fill(_max, (short)-1);
        foreach ((Envelope box, int countdown) in all)
        {
            short value = (short)Math.Clamp(countdown, 0, short.MaxValue);
            for (int r = Row(box.MinY); r <= Row(box.MaxY); r++)
            {
                for (int c = Column(box.MinX); c <= Column(box.MaxX); c++)
                {
                    ref short cell = ref _max[(r * _columns) + c];
                    cell = Math.Max(cell, value);
                }
            }
        }
    }

    /// <summary>The largest countdown of the cells the box meets (s), or −1 if it meets no area's cell.</summary>
    public int MaxOver(LonLatBox box)
    {
        if (_max.Length == 0 || !(box.MaxLon >= _minLon) || !(box.MaxLat >= _minLat))
        {
            return -1;
        }

        int c0 = Math.Max(0, Column(box.MinLon)), c1 = Math.Min(_columns - 1, Column(box.MaxLon));
        int r0 = Math.Max(0, Row(box.MinLat)), r1 = Math.Min(_rows - 1, Row(box.MaxLat));
        int max = -1;
        for (int r = r0; r <= r1; r++)
        {
            for (int c = c0; c <= c1; c++)
            {
                max = Math.Max(max, _max[(r * _columns) + c]);
            }
        }

        return max;
    }

    // Clamped to int before the floor so that a box far outside (or infinite) cannot overflow the index.
    private int Column(double lon) => (int)Math.Floor(Math.Clamp((lon - _minLon) * _cellsPerDegree, -1, int.MaxValue / 2));

    private int Row(double lat) => (int)Math.Floor(Math.Clamp((lat - _minLat) * _cellsPerDegree, -1, int.MaxValue / 2));

    /// <summary>Cells in the raster (for tests: its size stays bounded however wide the map).</summary>
    internal int CellCount => _max.Length;
}
