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
}
