using Dome.Model.Geodesy;
using NetTopologySuite;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index;
using NetTopologySuite.Index.Strtree;

namespace Dome.Model.Areas;

/// <summary>
/// The alert-area map with a bulk-loaded STR-tree over the area polygons. Answers the two questions the rest of Dome
/// asks: which area contains a ground point (or none: open ground), and which areas a region (a polygon or a
/// confidence ellipse) touches. Immutable after construction; queries are thread-safe.
/// </summary>
public sealed class AlertAreaMap
{
    private readonly STRtree<Indexed> _index;
    private readonly Dictionary<int, AlertArea> _byId;
    private readonly Dictionary<string, AlertArea> _byHebrewName;
    private readonly Dictionary<int, Indexed> _indexedById = [];
    private readonly CountdownRaster _countdowns;

    internal static GeometryFactory Factory { get; } = NtsGeometryServices.Instance.CreateGeometryFactory(4326);

    private static readonly Lazy<AlertAreaMap> DefaultMap = new(() => AlertAreaLoader.LoadDirectory(DefaultDirectory));

    public AlertAreaMap(IEnumerable<AlertArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        Areas = [.. areas];
        AreasWithoutPolygon = [.. Areas.Where(a => a.Polygon is null)];
        _byId = Areas.ToDictionary(a => a.Id);
        _byHebrewName = [];
        foreach (AlertArea area in Areas)
        {
            _byHebrewName.TryAdd(area.NameHebrew, area);
            foreach (string alias in area.AlternateHebrewNames)
            {
                _byHebrewName.TryAdd(alias, area);
            }
        }

        _index = new STRtree<Indexed>();
        foreach (AlertArea area in Areas)
        {
            if (area.Polygon is { } polygon)
            {
                Indexed indexed = new(area, polygon);
                _index.Insert(polygon.EnvelopeInternal, indexed);
                _indexedById[area.Id] = indexed;
            }
        }

        _index.Build();
        _countdowns = new CountdownRaster(_indexedById.Values.Select(i => (i.Box, i.Area.CountdownSeconds))); // ids are unique (_byId): every item of the tree
        Zones = [.. Areas.Select(a => a.ZoneEnglish).Where(z => z.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        TotalAreaSquareKilometers = Areas.Sum(a => a.AreaSquareKilometers);
    }

    /// <summary>The folder the default map is read from: <c>data/alert-areas</c> beside the program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "data", "alert-areas");

    /// <summary>The map from <see cref="DefaultDirectory"/>, loaded once.</summary>
    /// <exception cref="AlertAreaDataException">The data files are missing or corrupted.</exception>
    public static AlertAreaMap Default => DefaultMap.Value;

    public IReadOnlyList<AlertArea> Areas { get; }

    /// <summary>Areas published without a polygon: they can never be located or intersected.</summary>
    public IReadOnlyList<AlertArea> AreasWithoutPolygon { get; }

    /// <summary>The regional zones (English names), sorted.</summary>
    public IReadOnlyList<string> Zones { get; }

    public double TotalAreaSquareKilometers { get; }

    public AlertArea? FindById(int id) => _byId.GetValueOrDefault(id);

    public AlertArea? FindByHebrewName(string name) => _byHebrewName.GetValueOrDefault(name);

    /// <summary>Finds an area by id, Hebrew name or English name (case-insensitive), or null.</summary>
    public AlertArea? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int id))
        {
            return FindById(id);
        }

        return FindByHebrewName(key) ?? Areas.FirstOrDefault(a => string.Equals(a.NameEnglish, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The area whose polygon contains the point (interior or boundary), or null for open ground.</summary>
    public AlertArea? Locate(GeoPoint point) => Locate(point.LatitudeDegrees, point.LongitudeDegrees);

    /// <summary>The area whose polygon contains (lat, lon) in degrees, or null for open ground.</summary>
    public AlertArea? Locate(double latitudeDegrees, double longitudeDegrees)
    {
        PointVisitor visitor = new(longitudeDegrees, latitudeDegrees);
        Walk(longitudeDegrees, longitudeDegrees, latitudeDegrees, latitudeDegrees, ref visitor);
        return visitor.Found;
    }

    /// <summary>
    /// Whether one area's polygon contains (lat, lon) in degrees (interior or boundary, as <see cref="Locate(double, double)"/>
    /// decides): O(1) for points in grid cells no edge enters, the indexed locator (O(log n) in the vertices) for the rest.
    /// </summary>
    public bool Contains(AlertArea area, double latitudeDegrees, double longitudeDegrees) => ContainmentOf(area).Contains(latitudeDegrees, longitudeDegrees);

    /// <summary>One area's point-in-polygon test, looked up once for many points (an area not in this map contains none).</summary>
    public AreaContainment ContainmentOf(AlertArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return new AreaContainment(_indexedById.TryGetValue(area.Id, out Indexed? indexed) ? indexed.Cells : null);
    }

    /// <summary>Every area whose polygon intersects the given lon/lat polygon.</summary>
    public IReadOnlyList<AlertArea> Intersecting(Geometry region)
    {
        ArgumentNullException.ThrowIfNull(region);
        IPreparedGeometry prepared = PreparedGeometryFactory.Prepare(region);
        List<AlertArea> result = [];
        foreach (Indexed candidate in _index.Query(region.EnvelopeInternal))
        {
            if (prepared.Intersects(candidate.Polygon))
            {
                result.Add(candidate.Area);
            }
        }

        return result;
    }

    /// <summary>Every area whose polygon intersects the ground ellipse (exactly, not by a polygonal approximation).</summary>
    public IReadOnlyList<AlertArea> Intersecting(GroundEllipse ellipse)
    {
        List<AlertArea> result = [];
        VisitIntersecting(ellipse, result.Add);
        return result;
    }

    /// <summary>
    /// The exact test of <see cref="VisitIntersecting"/> for one ellipse, prepared once and asked of single areas
    /// (<see cref="EllipseQuery.Meets"/>).
    /// </summary>
    public EllipseQuery Query(GroundEllipse ellipse) => new(this, ellipse);

    /// <summary>One ellipse's exact intersection test, prepared; asked area by area. A default value meets nothing.</summary>
    public readonly struct EllipseQuery
    {
        private readonly AlertAreaMap? _map;
        private readonly EllipseTest _test;

        internal EllipseQuery(AlertAreaMap map, GroundEllipse ellipse)
        {
            _map = map;
            _test = new EllipseTest(ellipse);
        }

        /// <summary>Whether the area's polygon meets the ellipse (an area not in the map meets none).</summary>
        public bool Meets(AlertArea area)
        {
            ArgumentNullException.ThrowIfNull(area);
            return _map is not null && _map._indexedById.TryGetValue(area.Id, out Indexed? indexed) && _test.Intersects(indexed);
        }
    }

    /// <summary>Calls <paramref name="action"/> for every area that intersects the ellipse, without allocating a result list.</summary>
    public void VisitIntersecting(GroundEllipse ellipse, Action<AlertArea> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        EllipseVisitor visitor = new(new EllipseTest(ellipse), action);
        Envelope box = visitor.Test.Envelope;
        Walk(box.MinX, box.MaxX, box.MinY, box.MaxY, ref visitor);
    }

    /// <summary>
    /// Hands the areas whose polygon's envelope meets the box to <paramref name="visitor"/>, in the order of the tree's own
    /// query, until it asks to stop. NetTopologySuite's query allocates an enumerator for every node it visits (its node
    /// lists are walked through their interface); this walks the same tree by index and allocates nothing. A box with a
    /// NaN side meets nothing.
    /// </summary>
    private void Walk<TVisitor>(double minX, double maxX, double minY, double maxY, ref TVisitor visitor)
        where TVisitor : struct, IAreaVisitor
    {
        if (_indexedById.Count > 0)
        {
            Walk(_index.Root, minX, maxX, minY, maxY, ref visitor);
        }
    }

    private static bool Walk<TVisitor>(AbstractNode<Envelope, Indexed> node, double minX, double maxX, double minY, double maxY, ref TVisitor visitor)
        where TVisitor : struct, IAreaVisitor
    {
        Envelope bounds = node.Bounds;
        if (!(bounds.MinX <= maxX && bounds.MaxX >= minX && bounds.MinY <= maxY && bounds.MaxY >= minY))
        {
            return false;
        }

        IList<IBoundable<Envelope, Indexed>> children = node.ChildBoundables;
        for (int k = 0; k < children.Count; k++)
        {
            switch (children[k])
            {
                case AbstractNode<Envelope, Indexed> inner when Walk(inner, minX, maxX, minY, maxY, ref visitor):
                    return true;
                case ItemBoundable<Envelope, Indexed> leaf:
                    Envelope box = leaf.Bounds;
                    if (box.MinX <= maxX && box.MaxX >= minX && box.MinY <= maxY && box.MaxY >= minY && visitor.Visit(leaf.Item))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// At least the largest countdown (s) of the areas <see cref="VisitIntersecting"/> reports for the ellipse, or −1 when
    /// it can report none: the largest over the cells of a coarse raster (1/50°) that the ellipse's bounding box meets, each cell
    /// holding the largest countdown of the areas whose bounding box meets it. O(cells), no tree walk and no polygon: a planner
    /// can tell that none of a forecast's areas has come to its deadline before it asks which they are.
    /// </summary>
    public int MaxCountdownNear(GroundEllipse ellipse) => _countdowns.MaxOver(EllipseTest.BoxOf(ellipse));

    /// <summary>A lon/lat polygon approximating the ellipse by <paramref name="vertices"/> points, for drawing and export.</summary>
    public static Polygon ToPolygon(GroundEllipse ellipse, int vertices = 48)
    {
        LocalProjection projection = new(ellipse.Center.LatitudeDegrees, ellipse.Center.LongitudeDegrees);
        double theta = ellipse.MajorAxisAzimuthDegrees * Math.PI / 180;
        Coordinate[] ring = new Coordinate[vertices + 1];
        for (int i = 0; i < vertices; i++)
        {
            double t = 2 * Math.PI * i / vertices;
            double along = ellipse.SemiMajorMeters * Math.Cos(t);
            double across = ellipse.SemiMinorMeters * Math.Sin(t);
            // The major axis points along azimuth θ: east = sin θ, north = cos θ; the minor axis is 90° clockwise.
            double east = (along * Math.Sin(theta)) + (across * Math.Cos(theta));
            double north = (along * Math.Cos(theta)) - (across * Math.Sin(theta));
            (double lon, double lat) = projection.ToDegrees(east, north);
            ring[i] = new Coordinate(lon, lat);
        }

        ring[vertices] = ring[0].Copy();
        return Factory.CreatePolygon(ring);
    }

    private sealed class Indexed(AlertArea area, Polygon polygon)
    {
        public AlertArea Area { get; } = area;

        public Polygon Polygon { get; } = polygon;

        /// <summary>The polygon's envelope, read once (NetTopologySuite copies it on every read of <c>EnvelopeInternal</c>).</summary>
        public Envelope Box { get; } = polygon.EnvelopeInternal;

        /// <summary>The shell and the holes as flat (lon, lat, lon, lat, …) arrays, closed: read without virtual calls.</summary>
        public double[][] Rings { get; } = [.. new[] { polygon.Shell }.Concat(polygon.Holes).Select(Flatten)];

        private static double[] Flatten(LinearRing ring)
        {
            CoordinateSequence sequence = ring.CoordinateSequence;
            double[] flat = new double[2 * sequence.Count];
            for (int i = 0; i < sequence.Count; i++)
            {
                flat[2 * i] = sequence.GetX(i);
                flat[(2 * i) + 1] = sequence.GetY(i);
            }

            return flat;
        }

        public IndexedPointInAreaLocator Locator { get; } = new(polygon);

        public CellClassifier Cells => _cells ??= new CellClassifier(Polygon, Locator);

        private CellClassifier? _cells;
    }

    /// <summary>Visits an area of the tree's walk; true stops the walk.</summary>
    private interface IAreaVisitor
    {
        bool Visit(Indexed item);
    }

    /// <summary>The first area (in the tree's order) whose polygon holds the point.</summary>
    private struct PointVisitor(double x, double y) : IAreaVisitor
    {
        public AlertArea? Found { get; private set; }

        public bool Visit(Indexed item)
        {
            if (item.Cells.Contains(x, y))
            {
                Found = item.Area;
                return true;
            }

            return false;
        }
    }

    private readonly struct EllipseVisitor(EllipseTest test, Action<AlertArea> action) : IAreaVisitor
    {
        public EllipseTest Test { get; } = test;

        public bool Visit(Indexed item)
        {
            if (Test.Intersects(item))
            {
                action(item.Area);
            }

            return false;
        }
    }

    /// <summary>
    /// Exact polygon–ellipse intersection. The affine map that sends the ellipse to the unit disc preserves
    /// intersection, so a polygon meets the ellipse iff its image meets the disc: iff the ellipse's centre lies in the
    /// polygon, or some edge of the image passes within distance 1 of the origin.
    /// </summary>
    private readonly struct EllipseTest
    {
        private readonly double _xLon, _xLat, _yLon, _yLat;
        private readonly Coordinate _center;

        public EllipseTest(GroundEllipse ellipse)
        {
            LocalProjection projection = new(ellipse.Center.LatitudeDegrees, ellipse.Center.LongitudeDegrees);
            double theta = ellipse.MajorAxisAzimuthDegrees * Math.PI / 180;
            double sin = Math.Sin(theta), cos = Math.Cos(theta);
            double a = ellipse.SemiMajorMeters, b = ellipse.SemiMinorMeters;
            _center = new Coordinate(ellipse.Center.LongitudeDegrees, ellipse.Center.LatitudeDegrees);

            // east = ΔLon·mE, north = ΔLat·mN; along = east·sin θ + north·cos θ, across = east·cos θ − north·sin θ; X = along/a, Y = across/b.
            double mE = projection.MetersPerDegreeEast, mN = projection.MetersPerDegreeNorth;
            _xLon = mE * sin / a;
            _xLat = mN * cos / a;
            _yLon = mE * cos / b;
            _yLat = -mN * sin / b;

            LonLatBox box = BoxOf(ellipse, projection, sin, cos);
            Envelope = new Envelope(box.MinLon, box.MaxLon, box.MinLat, box.MaxLat);
        }

        public Envelope Envelope { get; }

        /// <summary>The ellipse's bounding box in longitude and latitude (the one its query walks the tree with).</summary>
        public static LonLatBox BoxOf(GroundEllipse ellipse)
        {
            double theta = ellipse.MajorAxisAzimuthDegrees * Math.PI / 180;
            return BoxOf(ellipse, new LocalProjection(ellipse.Center.LatitudeDegrees, ellipse.Center.LongitudeDegrees), Math.Sin(theta), Math.Cos(theta));
        }

        private static LonLatBox BoxOf(GroundEllipse ellipse, LocalProjection projection, double sin, double cos)
        {
            // The bounding box of a rotated ellipse: half-widths √(a² sin²θ + b² cos²θ) east, √(a² cos²θ + b² sin²θ) north.
            double a = ellipse.SemiMajorMeters, b = ellipse.SemiMinorMeters;
            double halfEast = Math.Sqrt((a * a * sin * sin) + (b * b * cos * cos));
            double halfNorth = Math.Sqrt((a * a * cos * cos) + (b * b * sin * sin));
            double dLon = halfEast / projection.MetersPerDegreeEast;
            double dLat = halfNorth / projection.MetersPerDegreeNorth;
            double lon = ellipse.Center.LongitudeDegrees, lat = ellipse.Center.LatitudeDegrees;
            return new LonLatBox(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
        }

        public bool Intersects(Indexed item)
        {
            Envelope box = item.Box;
            if (!Envelope.Intersects(box))
            {
                return false;
            }

            // The polygon's box in the unit-disc frame is a parallelogram (the local projection is linear): wholly in the
            // disc, the polygon is inside the ellipse; wholly outside it (centre not in the box, every side farther than
            // 1), the polygon misses the ellipse. Either way its vertices need not be visited.
            (double x0, double y0) = ToUnitDisc(box.MinX, box.MinY);
            (double x1, double y1) = ToUnitDisc(box.MaxX, box.MinY);
            (double x2, double y2) = ToUnitDisc(box.MaxX, box.MaxY);
            (double x3, double y3) = ToUnitDisc(box.MinX, box.MaxY);
            if ((x0 * x0) + (y0 * y0) <= 1 && (x1 * x1) + (y1 * y1) <= 1 && (x2 * x2) + (y2 * y2) <= 1 && (x3 * x3) + (y3 * y3) <= 1)
            {
                return true;
            }

            if (!box.Contains(_center)
                && SegmentDistanceSquaredToOrigin(x0, y0, x1, y1) > 1 && SegmentDistanceSquaredToOrigin(x1, y1, x2, y2) > 1
                && SegmentDistanceSquaredToOrigin(x2, y2, x3, y3) > 1 && SegmentDistanceSquaredToOrigin(x3, y3, x0, y0) > 1)
            {
                return false;
            }

            if (box.Contains(_center) && item.Cells.Contains(_center.X, _center.Y))
            {
                return true;
            }

            foreach (double[] ring in item.Rings)
            {
                if (RingNearOrigin(ring))
                {
                    return true;
                }
            }

            return false;
        }

        private bool RingNearOrigin(double[] ring)
        {
            (double px, double py) = ToUnitDisc(ring[0], ring[1]);
            for (int i = 2; i < ring.Length; i += 2)
            {
                (double qx, double qy) = ToUnitDisc(ring[i], ring[i + 1]);

                // Both ends beyond one side of the square circumscribing the unit disc: the segment cannot reach the disc.
                bool beyond = (px > 1 && qx > 1) || (px < -1 && qx < -1) || (py > 1 && qy > 1) || (py < -1 && qy < -1);
                if (!beyond && SegmentDistanceSquaredToOrigin(px, py, qx, qy) <= 1.0)
                {
                    return true;
                }

                px = qx;
                py = qy;
            }

            return false;
        }

        /// <summary>
        /// The affine map of (lon, lat) degrees to the frame where the ellipse is the unit disc: the local projection to
        /// metres, the rotation onto the ellipse's axes and the division by its semi-axes, folded into four coefficients.
        /// </summary>
        private (double X, double Y) ToUnitDisc(double lon, double lat)
        {
            double dLon = lon - _center.X, dLat = lat - _center.Y;
            return ((_xLon * dLon) + (_xLat * dLat), (_yLon * dLon) + (_yLat * dLat));
        }

        private static double SegmentDistanceSquaredToOrigin(double px, double py, double qx, double qy)
        {
            double dx = qx - px, dy = qy - py;
            double len2 = (dx * dx) + (dy * dy);
            double t = len2 > 0 ? Math.Clamp(-((px * dx) + (py * dy)) / len2, 0, 1) : 0;
            double x = px + (t * dx), y = py + (t * dy);
            return (x * x) + (y * y);
        }
    }
}

/// <summary>
/// A box in longitude and latitude, degrees: a value, so that reading it allocates nothing (NetTopologySuite hands out
/// a copy of a geometry's envelope on every read).
/// </summary>
public readonly record struct LonLatBox(double MinLon, double MaxLon, double MinLat, double MaxLat);

/// <summary>
/// One area's point-in-polygon test (interior and boundary inside, holes outside), from <see cref="AlertAreaMap.ContainmentOf"/>:
/// the map's lookup of the area done once, for the many points of a quadrature.
/// </summary>
public readonly struct AreaContainment
{
    private readonly CellClassifier? _cells;

    internal AreaContainment(CellClassifier? cells) => _cells = cells;

    /// <summary>Whether the point (degrees) lies in the area.</summary>
    public bool Contains(double latitudeDegrees, double longitudeDegrees) => _cells is not null && _cells.Contains(longitudeDegrees, latitudeDegrees);

    /// <summary>The area polygon's bounding box (degrees; none for an area not in the map).</summary>
    public LonLatBox? Bounds => _cells?.Bounds;

    /// <summary>
    /// A box every point of which <see cref="Contains"/> holds, with a margin far above rounding: a quadrature may count
    /// the points in it without testing them. Null if the area has none.
    /// </summary>
    public LonLatBox? InnerBox => _cells?.InnerBox;
}
