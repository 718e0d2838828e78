using Dome.Defense.Engagement;
using Dome.Defense.Prediction;
using Dome.Model.Areas;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Engagement;

public class ThreatEvaluatorTests
{
    /// <summary>A map of one 20 km × 20 km square centred on (Lat0, Lon0), its sides along the meridian and the parallel.</summary>
    private static readonly AlertAreaMap Square = new([TestGround.Box(1, -10_000, 10_000, -10_000, 10_000)]);

    private static GeoPoint Offset(double east, double north) => TestGround.Offset(east, north);

    private static ImpactForecast At(GeoPoint p, double ee, double en, double nn) => new()
    {
        TrackId = 1, TimeSeconds = 0, ImpactPoint = p, ImpactTimeSeconds = 60, ImpactTimeSigmaSeconds = 1,
        EastVariance = ee, EastNorthCovariance = en, NorthVariance = nn,
    };

    [Theory]
    [InlineData(0, 0, 1.0)]            // deep inside: 20 σ from every side
    [InlineData(-10_000, 0, 0.5)]      // on the west side: half the mass, any covariance (a half-plane through the mean)
    [InlineData(-10_000, -10_000, 0.25)] // on the south-west corner: a quadrant
    [InlineData(-20_000, 0, 0.0)]      // 20 σ outside
    public void Square_GivesTheClosedFormMass(double east, double north, double expected)
    {
        ThreatEvaluator evaluator = new(Square);
        Assert.Equal(expected, evaluator.Evaluate(At(Offset(east, north), 500 * 500, 0, 500 * 500)).ProtectedProbability, 2);
    }

    [Fact]
    public void HalfPlane_HoldsHalfTheMass_ForACorrelatedEllipse() =>
        Assert.Equal(0.5, new ThreatEvaluator(Square).Evaluate(At(Offset(-10_000, 0), 400 * 400, 0.6 * 400 * 900, 900 * 900)).ProtectedProbability, 2);

    [Fact]
    public void RealMap_AgreesWithAnIndependentMonteCarlo()
    {
        // A 1.5 km × 0.8 km forecast over Sderot's edge: many areas and open ground between them.
        AlertAreaMap map = AlertAreaMap.Default;
        ImpactForecast forecast = At(new GeoPoint(31.525, 34.585), 1500 * 1500, 0.3 * 1500 * 800, 800 * 800);
        ThreatAssessment quasi = new ThreatEvaluator(map).Evaluate(forecast);

        // Plain Monte Carlo through the geodesic direct problem (Vincenty), not the evaluator's flat offsets.
        Random random = new(12345);
        int n = 40_000, inside = 0;
        double l11 = 1500, l21 = 0.3 * 800, l22 = Math.Sqrt((800 * 800) - (l21 * l21));
        for (int k = 0; k < n; k++)
        {
            double z1 = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            double z2 = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            double east = l11 * z1, north = (l21 * z1) + (l22 * z2);
            GeoPoint p = Geodesic.Direct(forecast.ImpactPoint, Math.Atan2(east, north) * 180 / Math.PI, Math.Sqrt((east * east) + (north * north)));
            if (map.Locate(p) is not null)
            {
                inside++;
            }
        }

        double mc = (double)inside / n, sigma = Math.Sqrt(mc * (1 - mc) / n);
        Assert.InRange(quasi.ProtectedProbability, mc - (4 * sigma) - 0.01, mc + (4 * sigma) + 0.01);
        Assert.InRange(quasi.ProtectedProbability, 0.05, 0.95); // the case is a mixed one, not a trivial 0 or 1
        Assert.Equal(quasi.ProtectedProbability, quasi.Areas.Sum(a => a.Probability), 2);
    }

    [Fact]
    public void Values_WeightTheExpectation()
    {
        ThreatEvaluator weighted = new(Square, value: _ => 7.5);
        ThreatAssessment t = weighted.Evaluate(At(Offset(-10_000, 0), 500 * 500, 0, 500 * 500));
        Assert.Equal(7.5 * t.ProtectedProbability, t.ExpectedValue, 9);
    }

    [Fact]
    public void AreaProbability_AgreesWithTheFullEvaluation()
    {
        AlertAreaMap map = AlertAreaMap.Default;
        ImpactForecast forecast = At(new GeoPoint(31.525, 34.585), 1500 * 1500, 0.3 * 1500 * 800, 800 * 800);
        ThreatEvaluator evaluator = new(map);
        ThreatEvaluator.Frame frame = ThreatEvaluator.FrameOf(forecast);
        ThreatAssessment full = evaluator.Evaluate(forecast);
        Assert.NotEmpty(full.Areas);
        foreach ((int id, double probability) in full.Areas)
        {
            Assert.Equal(probability, evaluator.AreaProbability(frame, map.FindById(id)!), 3);
        }
    }

    [Fact]
    public void AreaProbabilityAtLeast_GivesTheSameAnswerAsTheFullCount()
    {
        // Every area near several forecasts of different sizes and tilts, at thresholds around the alerting rule's.
        AlertAreaMap map = AlertAreaMap.Default;
        ThreatEvaluator evaluator = new(map);
        int passes = 0, fails = 0;
        foreach ((double sE, double sN, double rho) in new[] { (300.0, 300.0, 0.0), (1500.0, 800.0, 0.3), (4000.0, 1200.0, -0.6) })
        {
            ImpactForecast forecast = At(new GeoPoint(31.525, 34.585), sE * sE, rho * sE * sN, sN * sN);
            ThreatEvaluator.Frame frame = ThreatEvaluator.FrameOf(forecast);
            foreach (AlertArea area in map.Areas.Where(a => Math.Abs(a.Center.LatitudeDegrees - 31.525) < 0.15 && Math.Abs(a.Center.LongitudeDegrees - 34.585) < 0.15))
            {
                double p = evaluator.AreaProbability(frame, area);
                foreach (double threshold in new[] { 0.0005, 0.002, 0.01, 0.1 })
                {
                    bool expected = p >= threshold - 1e-12;
                    Assert.Equal(expected, evaluator.AreaProbabilityAtLeast(frame, area, threshold));
                    // What the count found: the full count where it says no, a lower bound of it where it says yes.
                    Assert.Equal(expected, evaluator.AreaProbabilityAtLeast(frame, area, threshold, out double counted));
                    if (expected)
                    {
                        Assert.InRange(counted, threshold - 1e-12, p);
                    }
                    else
                    {
                        Assert.Equal(p, counted);
                    }

                    (expected ? ref passes : ref fails)++;
                }
            }
        }

        Assert.True(passes > 20 && fails > 20, $"a mixed case: {passes} pass, {fails} fail");
    }

    [Fact]
    public void AreaProbability_CountsExactlyTheRulesPointsInThePolygon()
    {
        // The rule rebuilt here from its definition (Halton bases 2 and 3 from index 1, Box–Muller, the Cholesky factor,
        // metres per degree on WGS84) and every point located by NetTopologySuite's own locator: the evaluator's count,
        // with its inner boxes counted by binary search and its cell grid, must be the same number, point for point.
        AlertAreaMap map = AlertAreaMap.Default;
        ThreatEvaluator evaluator = new(map);
        int compared = 0, nonZero = 0;
        foreach ((double lat, double lon, double sE, double sN, double rho) in new[]
        {
            (31.525, 34.585, 300.0, 300.0, 0.0), (31.525, 34.585, 1500.0, 800.0, 0.3), (31.52, 34.60, 4000.0, 1200.0, -0.6),
            (32.08, 34.78, 2500.0, 2500.0, 0.9), (32.08, 34.78, 150.0, 600.0, -0.2), (31.67, 34.57, 6000.0, 900.0, 0.5),
        })
        {
            ImpactForecast forecast = At(new GeoPoint(lat, lon), sE * sE, rho * sE * sN, sN * sN);
            ThreatEvaluator.Frame frame = ThreatEvaluator.FrameOf(forecast);
            List<NetTopologySuite.Geometries.Coordinate> points = RulePoints(forecast, 1024);
            foreach (AlertArea area in map.Areas.Where(a => a.Polygon is not null
                && Math.Abs(a.Center.LatitudeDegrees - lat) < 0.12 && Math.Abs(a.Center.LongitudeDegrees - lon) < 0.12))
            {
                NetTopologySuite.Algorithm.Locate.SimplePointInAreaLocator exact = new(area.Polygon!);
                int expected = points.Count(p => exact.Locate(p) != NetTopologySuite.Geometries.Location.Exterior);
                Assert.True(expected == (int)Math.Round(evaluator.AreaProbability(frame, area) * 1024),
                    $"area {area.Id} ({area.NameEnglish}) under ({lat}, {lon}, {sE}, {sN}, {rho}): {expected} points by the locator, {evaluator.AreaProbability(frame, area) * 1024} by the evaluator");
                compared++;
                nonZero += expected > 0 ? 1 : 0;
            }
        }

        Assert.True(compared > 300 && nonZero > 25, $"{compared} areas compared, {nonZero} with mass");
    }

    /// <summary>The quadrature's ground points, rebuilt from the rule's definition (not from the evaluator).</summary>
    private static List<NetTopologySuite.Geometries.Coordinate> RulePoints(ImpactForecast f, int n)
    {
        static double Radical(int i, int b)
        {
            double r = 0, scale = 1.0 / b;
            for (; i > 0; i /= b, scale /= b)
            {
                r += scale * (i % b);
            }

            return r;
        }

        const double a = 6378137.0, e2 = 6.69437999014e-3;
        double phi = f.ImpactPoint.LatitudeDegrees * Math.PI / 180, w = Math.Sqrt(1 - (e2 * Math.Sin(phi) * Math.Sin(phi)));
        double perNorth = a * (1 - e2) / (w * w * w) * Math.PI / 180, perEast = a / w * Math.Cos(phi) * Math.PI / 180;
        double l11 = Math.Sqrt(f.EastVariance), l21 = f.EastNorthCovariance / l11, l22 = Math.Sqrt(f.NorthVariance - (l21 * l21));
        List<NetTopologySuite.Geometries.Coordinate> points = [];
        for (int k = 1; k <= n; k++)
        {
            double r = Math.Sqrt(-2 * Math.Log(Radical(k, 2))), t = 2 * Math.PI * Radical(k, 3);
            double z1 = r * Math.Cos(t), z2 = r * Math.Sin(t);
            points.Add(new NetTopologySuite.Geometries.Coordinate(
                f.ImpactPoint.LongitudeDegrees + (l11 * z1 / perEast), f.ImpactPoint.LatitudeDegrees + (((l21 * z1) + (l22 * z2)) / perNorth)));
        }

        return points;
    }
}
