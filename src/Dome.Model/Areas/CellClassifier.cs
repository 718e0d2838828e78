using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Dome.Model.Areas;

/// <summary>
/// Point-in-polygon by a grid over the polygon's box: a cell that no edge of the polygon enters lies wholly inside or
/// wholly outside, decided once by its centre; only points in cells an edge enters go to the exact locator. The same
/// answers as the locator (interior and boundary count as inside), most of them in O(1). Built on first use; thread-safe.
/// </summary>
internal sealed class CellClassifier
{
    /// <summary>Cells per side of the grid.</summary>
    public const int Cells = 64;

    private const byte Outside = 0, Inside = 1, Edge = 2;
    private readonly Polygon _polygon;
    private readonly IPointOnGeometryLocator _exact;
    private readonly Envelope _box;
    private readonly double _cellWidth, _cellHeight;
    private readonly double _cellsPerX, _cellsPerY; // 1 / cell width and height
    private byte[]? _grid;

    public CellClassifier(Polygon polygon, IPointOnGeometryLocator exact)
    {
        _polygon = polygon;
        _exact = exact;
        _box = polygon.EnvelopeInternal;
        _cellWidth = Math.Max(_box.Width, 1e-12) / Cells;
        _cellHeight = Math.Max(_box.Height, 1e-12) / Cells;
        _cellsPerX = 1 / _cellWidth;
        _cellsPerY = 1 / _cellHeight;
    }

    public bool Contains(double x, double y)
    {
        if (x < _box.MinX || x > _box.MaxX || y < _box.MinY || y > _box.MaxY)
        {
            return false;
        }

        byte[] grid = Volatile.Read(ref _grid) ?? Build();
        int i = Math.Min(Cells - 1, (int)((x - _box.MinX) * _cellsPerX));
        int j = Math.Min(Cells - 1, (int)((y - _box.MinY) * _cellsPerY));
        return grid[(j * Cells) + i] switch
        {
            Inside => true,
            Outside => false,
            _ => _exact.Locate(new Coordinate(x, y)) != Location.Exterior,
        };
    }

    private (int I, int J) CellOf(double x, double y) =>
        ((int)Math.Floor((x - _box.MinX) / _cellWidth), (int)Math.Floor((y - _box.MinY) / _cellHeight));

    private byte[] Build()
    {
        byte[] grid = new byte[Cells * Cells];

        // Every cell an edge (of the shell or a hole) passes through, found conservatively: points along the edge at
        // most a quarter cell apart; between two such points the edge stays within the cells of the box their two cells
        // span (it cannot leave it without moving more than a quarter cell), and all of those are marked.
        foreach (LineString ring in new[] { (LineString)_polygon.ExteriorRing }.Concat(_polygon.InteriorRings))
        {
            Coordinate[] c = ring.Coordinates;
            for (int k = 0; k + 1 < c.Length; k++)
            {
                double dx = (c[k + 1].X - c[k].X) / _cellWidth, dy = (c[k + 1].Y - c[k].Y) / _cellHeight;
                int steps = Math.Max(1, (int)Math.Ceiling(4 * Math.Max(Math.Abs(dx), Math.Abs(dy))));
                (int pi, int pj) = CellOf(c[k].X, c[k].Y);
                for (int s = 1; s <= steps; s++)
                {
                    double t = s / (double)steps;
                    (int i, int j) = CellOf(c[k].X + (t * (c[k + 1].X - c[k].X)), c[k].Y + (t * (c[k + 1].Y - c[k].Y)));
                    for (int jj = Math.Max(0, Math.Min(j, pj)); jj <= Math.Min(Cells - 1, Math.Max(j, pj)); jj++)
                    {
                        for (int ii = Math.Max(0, Math.Min(i, pi)); ii <= Math.Min(Cells - 1, Math.Max(i, pi)); ii++)
                        {
                            grid[(jj * Cells) + ii] = Edge;
                        }
                    }

                    (pi, pj) = (i, j);
                }
            }
        }

        for (int j = 0; j < Cells; j++)
        {
            for (int i = 0; i < Cells; i++)
            {
                if (grid[(j * Cells) + i] != Edge)
                {
                    Coordinate centre = new(_box.MinX + ((i + 0.5) * _cellWidth), _box.MinY + ((j + 0.5) * _cellHeight));
                    grid[(j * Cells) + i] = _exact.Locate(centre) == Location.Exterior ? Outside : Inside;
                }
            }
        }

        return Interlocked.CompareExchange(ref _grid, grid, null) ?? grid;
    }
}
