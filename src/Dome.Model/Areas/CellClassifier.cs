using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Dome.Model.Areas;

/// <summary>
/// Point-in-polygon by a grid over the polygon's box: a cell that no edge of the polygon enters lies wholly inside or
/// wholly outside, decided once (one exact test for each region of such cells that share sides). A cell an edge enters keeps the edges that enter it and a reference
/// point of known side (decided once by the exact locator): a point there is on the reference point's side if the
/// segment between them crosses an even number of those edges (both ends lie in the cell, so no other edge can cross
/// it), and on the other side if odd. Only where a sign is too close to zero to trust (a point on or within rounding of
/// an edge or a cell's side) does the exact locator decide. The same answers as the locator (interior and boundary
/// count as inside), all but a vanishing few in O(1). Built on first use; thread-safe.
/// </summary>
internal sealed class CellClassifier
{
    /// <summary>Cells per side of the grid.</summary>
    public const int Cells = 64;

    // A cell is Outside, Inside or Edge (a byte each: 4 KiB a polygon, which a quadrature's scattered points reach in a
    // few cache lines). An edge cell's entry is list offset << 4 | reference candidate << 1 | its side (1 inside); the
    // list at the offset is the count of the cell's edges and their numbers, or −1: the exact locator decides.
    private const byte Outside = 0, Inside = 1, Edge = 2;

    // Where in an edge cell the reference point may sit (fractions of the cell), tried in turn until one lies clear of
    // every edge's line through the cell.
    private static readonly (double X, double Y)[] Candidates =
        [(0.5, 0.5), (0.31, 0.67), (0.71, 0.29), (0.23, 0.21), (0.79, 0.77), (0.13, 0.57), (0.61, 0.89), (0.43, 0.11)];

    // Relative bound on the rounding of an orientation determinant (Shewchuk's ccwerrboundA is 3.3e-16), with margin.
    private const double OrientationTolerance = 1e-14;

    // A point closer than this (fraction of a cell) to a cell's side goes to the exact locator: the cell it is counted in
    // and the cells its edges were recorded in could differ there by rounding.
    private const double SideTolerance = 1e-6;

    private readonly Polygon _polygon;
    private readonly IPointOnGeometryLocator _exact;
    private readonly Envelope _box;
    private readonly double _cellWidth, _cellHeight;
    private readonly double _cellsPerX, _cellsPerY; // 1 / cell width and height
    private Grid? _grid;

    // Spans: for each row of cells, the first and last cell that is not Outside (first > last: none), 128 bytes that a
    // quadrature's points outside the polygon but in its box mostly stop at, before the row's cells are read.
    private sealed record Grid(byte[] Cells, byte[] Spans, int[] Entries, int[] Lists, double[] Edges, LonLatBox? InnerBox);

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

    /// <summary>
    /// A box (longitude, latitude) inside the polygon: the largest rectangle of whole inside cells, drawn in by a
    /// ten-thousandth of a cell on each side so that every point of it is inside by a margin far above rounding; null if
    /// no cell lies wholly inside.
    /// </summary>
    public LonLatBox? InnerBox => (Volatile.Read(ref _grid) ?? Build()).InnerBox;

    /// <summary>The polygon's bounding box.</summary>
    public LonLatBox Bounds => new(_box.MinX, _box.MaxX, _box.MinY, _box.MaxY);

    public bool Contains(double x, double y)
    {
        if (x < _box.MinX || x > _box.MaxX || y < _box.MinY || y > _box.MaxY)
        {
            return false;
        }

        Grid grid = Volatile.Read(ref _grid) ?? Build();
        double fx = (x - _box.MinX) * _cellsPerX, fy = (y - _box.MinY) * _cellsPerY;
        int i = Math.Min(Cells - 1, (int)fx);
        int j = Math.Min(Cells - 1, (int)fy);
        byte[] spans = grid.Spans;
        if (i < spans[2 * j] || i > spans[(2 * j) + 1])
        {
            return false; // an outside cell beyond the row's first and last cells of the polygon
        }

        byte cell = grid.Cells[(j * Cells) + i];
        if (cell != Edge)
        {
            return cell == Inside;
        }

        fx -= i;
        fy -= j;
        if (fx < SideTolerance || fx > 1 - SideTolerance || fy < SideTolerance || fy > 1 - SideTolerance)
        {
            return ExactlyContains(x, y);
        }

        int entry = grid.Entries[(j * Cells) + i];
        (double rx, double ry) = ReferencePoint(i, j, (entry >> 1) & 7);
        int crossings = 0;
        int[] lists = grid.Lists;
        double[] edges = grid.Edges;
        int offset = entry >> 4, count = lists[offset];
        if (count < 0)
        {
            return ExactlyContains(x, y); // no reference point clear of this cell's edges
        }

        for (int k = offset + 1; k <= offset + count; k++)
        {
            int e = 4 * lists[k];
            double ax = edges[e], ay = edges[e + 1], bx = edges[e + 2], by = edges[e + 3];
            int sr = Orientation(ax, ay, bx, by, rx, ry), sp = Orientation(ax, ay, bx, by, x, y);
            if (sp == 0 || sr == 0)
            {
                return ExactlyContains(x, y);
            }

            if (sr == sp)
            {
                continue; // both ends on one side of the edge's line
            }

            int sa = Orientation(rx, ry, x, y, ax, ay), sb = Orientation(rx, ry, x, y, bx, by);
            if (sa == 0 || sb == 0)
            {
                return ExactlyContains(x, y);
            }

            if (sa != sb)
            {
                crossings++;
            }
        }

        return ((entry & 1) == 1) ^ ((crossings & 1) == 1);
    }

    private bool ExactlyContains(double x, double y) => _exact.Locate(new Coordinate(x, y)) != Location.Exterior;

    /// <summary>
    /// The sign of the turn a → b → c (+1 left, −1 right), or 0 when the determinant is within
    /// <paramref name="tolerance"/> of its terms' size (by default, when rounding could have decided it).
    /// </summary>
    private static int Orientation(double ax, double ay, double bx, double by, double cx, double cy, double tolerance = OrientationTolerance)
    {
        double left = (ax - cx) * (by - cy), right = (ay - cy) * (bx - cx);
        double det = left - right;
        double bound = tolerance * (Math.Abs(left) + Math.Abs(right));
        return det > bound ? 1 : det < -bound ? -1 : 0;
    }

    private (double X, double Y) ReferencePoint(int i, int j, int candidate) =>
        (_box.MinX + ((i + Candidates[candidate].X) * _cellWidth), _box.MinY + ((j + Candidates[candidate].Y) * _cellHeight));

    /// <summary>
    /// The cells (one axis) that [lo, hi] reaches, widened by <see cref="SideTolerance"/> of a cell each way: a point on
    /// an edge that runs along a cell's side is then in an edge cell whichever way rounding places it.
    /// </summary>
    private static (int From, int To) CellSpan(double lo, double hi, double origin, double cell) =>
        (Math.Max(0, (int)Math.Floor(((lo - origin) / cell) - SideTolerance)), Math.Min(Cells - 1, (int)Math.Floor(((hi - origin) / cell) + SideTolerance)));

    private Grid Build()
    {
        // Every edge (of the shell and the holes) as (ax, ay, bx, by), and the cells each passes through, found
        // conservatively: points along the edge at most a quarter cell apart; the edge between two of them lies in
        // their bounding box, so within the cells that box reaches, and all of those are marked.
        List<double> edges = [];
        List<int>?[] touching = new List<int>?[Cells * Cells];
        foreach (LineString ring in new[] { (LineString)_polygon.ExteriorRing }.Concat(_polygon.InteriorRings))
        {
            Coordinate[] c = ring.Coordinates;
            for (int k = 0; k + 1 < c.Length; k++)
            {
                if (c[k].Equals2D(c[k + 1]))
                {
                    continue; // a repeated vertex: nothing to cross
                }

                int edge = edges.Count / 4;
                edges.AddRange([c[k].X, c[k].Y, c[k + 1].X, c[k + 1].Y]);
                double dx = (c[k + 1].X - c[k].X) / _cellWidth, dy = (c[k + 1].Y - c[k].Y) / _cellHeight;
                int steps = Math.Max(1, (int)Math.Ceiling(4 * Math.Max(Math.Abs(dx), Math.Abs(dy))));
                double px = c[k].X, py = c[k].Y;
                for (int s = 1; s <= steps; s++)
                {
                    double t = s / (double)steps;
                    double x = c[k].X + (t * (c[k + 1].X - c[k].X)), y = c[k].Y + (t * (c[k + 1].Y - c[k].Y));
                    (int i0, int i1) = CellSpan(Math.Min(px, x), Math.Max(px, x), _box.MinX, _cellWidth);
                    (int j0, int j1) = CellSpan(Math.Min(py, y), Math.Max(py, y), _box.MinY, _cellHeight);
                    for (int jj = j0; jj <= j1; jj++)
                    {
                        for (int ii = i0; ii <= i1; ii++)
                        {
                            List<int> list = touching[(jj * Cells) + ii] ??= [];
                            if (list.Count == 0 || list[^1] != edge)
                            {
                                list.Add(edge);
                            }
                        }
                    }

                    (px, py) = (x, y);
                }
            }
        }

        byte[] cells = new byte[Cells * Cells];
        int[] entries = new int[Cells * Cells];
        List<int> lists = [];
        for (int j = 0; j < Cells; j++)
        {
            for (int i = 0; i < Cells; i++)
            {
                List<int>? list = touching[(j * Cells) + i];
                if (list is null)
                {
                    continue; // decided below, with its whole region of edge-free cells
                }

                // A reference point clear of every edge line through the cell: the exact locator's answer there is a
                // clean inside or outside (no edge of another cell reaches it), and every query's crossing test with
                // it well conditioned. If none of the candidates is (edges crowding the cell), the cell is left to the
                // exact locator by a reference that never passes.
                int candidate = 0;
                while (candidate < Candidates.Length && !IsClear(i, j, candidate, list, edges))
                {
                    candidate++;
                }

                int offset = lists.Count;
                if (candidate == Candidates.Length)
                {
                    lists.Add(-1);
                    cells[(j * Cells) + i] = Edge;
                    entries[(j * Cells) + i] = offset << 4;
                    continue;
                }

                lists.Add(list.Count);
                lists.AddRange(list);
                (double x0, double y0) = ReferencePoint(i, j, candidate);
                cells[(j * Cells) + i] = Edge;
                entries[(j * Cells) + i] = (offset << 4) | (candidate << 1) | (ExactlyContains(x0, y0) ? 1 : 0);
            }
        }

        // The edge-free cells in regions of side-sharing neighbours: no edge separates two such neighbours (an edge on
        // their shared side would have marked them both), so one exact test decides a whole region.
        bool[] decided = new bool[Cells * Cells];
        Queue<int> region = new();
        for (int start = 0; start < Cells * Cells; start++)
        {
            if (touching[start] is not null || decided[start])
            {
                continue;
            }

            (double cx, double cy) = ReferencePoint(start % Cells, start / Cells, 0);
            byte side = ExactlyContains(cx, cy) ? Inside : Outside;
            decided[start] = true;
            region.Enqueue(start);
            while (region.TryDequeue(out int cell))
            {
                cells[cell] = side;
                int i = cell % Cells, j = cell / Cells;
                foreach (int next in (ReadOnlySpan<int>)[i > 0 ? cell - 1 : -1, i < Cells - 1 ? cell + 1 : -1, j > 0 ? cell - Cells : -1, j < Cells - 1 ? cell + Cells : -1])
                {
                    if (next >= 0 && touching[next] is null && !decided[next])
                    {
                        decided[next] = true;
                        region.Enqueue(next);
                    }
                }
            }
        }

        byte[] spans = new byte[2 * Cells];
        for (int j = 0; j < Cells; j++)
        {
            int first = 0, last = Cells - 1;
            while (first < Cells && cells[(j * Cells) + first] == Outside)
            {
                first++;
            }

            while (last >= 0 && cells[(j * Cells) + last] == Outside)
            {
                last--;
            }

            (spans[2 * j], spans[(2 * j) + 1]) = first <= last ? ((byte)first, (byte)last) : ((byte)Cells, (byte)0);
        }

        Grid grid = new(cells, spans, entries, [.. lists], [.. edges], InnerBoxOf(cells));
        return Interlocked.CompareExchange(ref _grid, grid, null) ?? grid;
    }

    private LonLatBox? InnerBoxOf(byte[] cells)
    {
        // The largest rectangle of inside cells, row by row: the run of inside cells above each column is a histogram,
        // and the largest rectangle under it is found with a stack of rising bars.
        int[] height = new int[Cells];
        (int Area, int I0, int I1, int J0, int J1) best = default;
        Stack<int> rising = new();
        for (int j = 0; j < Cells; j++)
        {
            for (int i = 0; i < Cells; i++)
            {
                height[i] = cells[(j * Cells) + i] == Inside ? height[i] + 1 : 0;
            }

            rising.Clear();
            for (int i = 0; i <= Cells; i++)
            {
                int h = i < Cells ? height[i] : 0;
                while (rising.Count > 0 && height[rising.Peek()] >= h)
                {
                    int top = rising.Pop(), bar = height[top];
                    int left = rising.Count > 0 ? rising.Peek() + 1 : 0;
                    if (bar * (i - left) > best.Area)
                    {
                        best = (bar * (i - left), left, i, j - bar + 1, j + 1);
                    }
                }

                rising.Push(i);
            }
        }

        if (best.Area == 0)
        {
            return null;
        }

        double marginX = 1e-4 * _cellWidth, marginY = 1e-4 * _cellHeight;
        return new LonLatBox(_box.MinX + (best.I0 * _cellWidth) + marginX, _box.MinX + (best.I1 * _cellWidth) - marginX,
            _box.MinY + (best.J0 * _cellHeight) + marginY, _box.MinY + (best.J1 * _cellHeight) - marginY);
    }

    /// <summary>
    /// Whether a candidate reference point lies clear of every edge line through the cell: a thousand times the query's
    /// tolerance, so that the reference's sign is never the one in doubt.
    /// </summary>
    private bool IsClear(int i, int j, int candidate, List<int> list, List<double> edges)
    {
        (double x, double y) = ReferencePoint(i, j, candidate);
        return list.TrueForAll(e => Orientation(edges[4 * e], edges[(4 * e) + 1], edges[(4 * e) + 2], edges[(4 * e) + 3], x, y, 1000 * OrientationTolerance) != 0);
    }
}
