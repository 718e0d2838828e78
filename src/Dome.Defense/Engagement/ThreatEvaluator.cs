using Dome.Defense.Prediction;
using Dome.Model.Areas;

namespace Dome.Defense.Engagement;

/// <summary>What a threat's forecast puts at stake: the probability it lands in a protected area, and the value expected there.</summary>
/// <param name="TrackId">The track the forecast is of.</param>
/// <param name="ProtectedProbability">P(impact inside some alert area's polygon).</param>
/// <param name="ExpectedValue">Σ over areas of P(impact in the area) × the area's value.</param>
/// <param name="Areas">The areas with their probability, most likely first (those above 0.1%).</param>
public sealed record ThreatAssessment(int TrackId, double ProtectedProbability, double ExpectedValue, IReadOnlyList<(int AreaId, double Probability)> Areas);

/// <summary>
/// Threat evaluation (the first step of engagement): the integral of a forecast's bivariate normal ground distribution
/// over the alert areas' polygons — not "is the centre inside" — by a fixed quasi-Monte Carlo rule: Halton points in the
/// unit square mapped to the standard normal plane (Box–Muller, exact), through the forecast's Cholesky factor to ground
/// offsets, and located in the area map's spatial index. Deterministic; error of order (log N)²/N. Rockets headed for
/// open ground score near zero and are left alone, as Iron Dome leaves them. Thread-safe.
/// </summary>
public sealed class ThreatEvaluator
{
    private readonly AlertAreaMap _areas;
    private readonly (double Z1, double Z2)[] _points; // sorted by Z1
    private readonly Func<AlertArea, double> _value;

    /// <param name="areas">The protected areas.</param>
    /// <param name="points">Quadrature points (1,024 by default: 0.3–0.5 ms per forecast).</param>
    /// <param name="value">Value of an area (default 1 for every populated area; a scenario may weight critical sites).</param>
    public ThreatEvaluator(AlertAreaMap areas, int points = 1024, Func<AlertArea, double>? value = null)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 16);
        _areas = areas;
        _value = value ?? (_ => 1.0);
        _points = new (double, double)[points];
        for (int k = 0; k < points; k++)
        {
            // Halton (2, 3), shifted off zero; Box–Muller maps a uniform pair to two independent standard normals.
            double u1 = Halton(k + 1, 2), u2 = Halton(k + 1, 3);
            double r = Math.Sqrt(-2 * Math.Log(u1));
            _points[k] = (r * Math.Cos(2 * Math.PI * u2), r * Math.Sin(2 * Math.PI * u2));
        }

        Array.Sort(_points, (x, y) => x.Z1.CompareTo(y.Z1));
    }

    public ThreatAssessment Evaluate(ImpactForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);

        Frame frame = FrameOf(forecast);
        Dictionary<int, int> hits = [];
        int inside = 0;
        double value = 0;
        foreach ((double z1, double z2) in _points)
        {
            (double lat, double lon) = frame.Point(z1, z2);
            AlertArea? area = _areas.Locate(lat, lon);
            if (area is null)
            {
                continue;
            }

            inside++;
            value += _value(area);
            hits[area.Id] = hits.GetValueOrDefault(area.Id) + 1;
        }

        double n = _points.Length;
        return new ThreatAssessment(forecast.TrackId, inside / n, value / n,
            [.. hits.Select(h => (h.Key, h.Value / n)).Where(h => h.Item2 >= 0.001).OrderByDescending(h => h.Item2).ThenBy(h => h.Key)]);
    }

    /// <summary>A forecast's frame: its mean, Cholesky factor and metres per degree, from which any quadrature point follows.</summary>
    public readonly record struct Frame(double Lat0, double Lon0, double L11, double L21, double L22, double PerNorth, double PerEast)
    {
        /// <summary>The ground point (latitude, longitude; degrees) of the standard normal point (z1, z2).</summary>
        public (double Lat, double Lon) Point(double z1, double z2) =>
            (Lat0 + (((L21 * z1) + (L22 * z2)) / PerNorth), Lon0 + (L11 * z1 / PerEast));
    }

    /// <summary>The frame of a forecast (computed once per forecast, reused for every area asked about).</summary>
    public static Frame FrameOf(ImpactForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        double l11 = Math.Sqrt(Math.Max(forecast.EastVariance, 1e-9));
        double l21 = forecast.EastNorthCovariance / l11;
        double l22 = Math.Sqrt(Math.Max(forecast.NorthVariance - (l21 * l21), 1e-9));
        (double perNorth, double perEast) = MetresPerDegree(forecast.ImpactPoint.LatitudeDegrees);
        return new Frame(forecast.ImpactPoint.LatitudeDegrees, forecast.ImpactPoint.LongitudeDegrees, l11, l21, l22, perNorth, perEast);
    }

    /// <summary>
    /// P(impact inside one area's polygon). A point's longitude grows with its first normal coordinate alone, and the
    /// points are kept sorted by it, so the points in the polygon's longitude band are found by binary search and only
    /// those are placed and tested against the polygon (holes included): asking about a few areas costs far less than
    /// <see cref="Evaluate"/>.
    /// </summary>
    public double AreaProbability(Frame frame, AlertArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        if (area.Polygon is null)
        {
            return 0;
        }

        NetTopologySuite.Geometries.Envelope box = area.Polygon.EnvelopeInternal;
        double zMin = (box.MinX - frame.Lon0) * frame.PerEast / frame.L11, zMax = (box.MaxX - frame.Lon0) * frame.PerEast / frame.L11;
        int inside = 0;
        for (int k = LowerBound(_points, zMin); k < _points.Length && _points[k].Z1 <= zMax; k++)
        {
            (double lat, double lon) = frame.Point(_points[k].Z1, _points[k].Z2);
            if (lat >= box.MinY && lat <= box.MaxY
                && NetTopologySuite.Algorithm.Locate.SimplePointInAreaLocator.ContainsPointInPolygon(new NetTopologySuite.Geometries.Coordinate(lon, lat), area.Polygon))
            {
                inside++;
            }
        }

        return inside / (double)_points.Length;
    }

    /// <summary>The first index whose first coordinate is at least <paramref name="z"/> (points sorted by it).</summary>
    private static int LowerBound((double Z1, double Z2)[] sorted, double z)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].Z1 < z)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Metres per degree (WGS84 meridional and prime-vertical radii): exact enough over a forecast's few kilometres.</summary>
    private static (double North, double East) MetresPerDegree(double latitudeDegrees)
    {
        const double a = 6378137.0, e2 = 6.69437999014e-3;
        double lat = latitudeDegrees * Math.PI / 180;
        double w = Math.Sqrt(1 - (e2 * Math.Sin(lat) * Math.Sin(lat)));
        return (a * (1 - e2) / (w * w * w) * Math.PI / 180, a / w * Math.Cos(lat) * Math.PI / 180);
    }

    private static double Halton(int index, int radix)
    {
        double result = 0, f = 1.0 / radix;
        for (int i = index; i > 0; i /= radix)
        {
            result += f * (i % radix);
            f /= radix;
        }

        return result;
    }
}
