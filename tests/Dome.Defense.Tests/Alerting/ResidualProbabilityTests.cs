using Dome.Defense.Alerting;
using Dome.Defense.Prediction;
using Dome.Model.Areas;

namespace Dome.Defense.Tests.Alerting;

/// <summary>
/// The residual-probability bound on the mass test: of the areas at their deadline that the test held back, the planner
/// alerts the most probable until at most the residual probability of impact is left in the rest. The truths are closed
/// forms of the normal distribution over rectangles, computed here by an erf of our own, not the planner's quadrature.
/// </summary>
public class ResidualProbabilityTests
{
    private const double SigmaEast = 3000, SigmaNorth = 300, StripWidth = 300, StripHalfHeight = 100, MassTest = 0.02;
    private const int Count = 20;

    /// <summary>20 strips 300 m wide (0.1 σ), side by side from 3 km west to 3 km east, 200 m tall.</summary>
    private static readonly AlertAreaMap Strips = new([.. Enumerable.Range(0, Count).Select(i =>
        TestGround.Box(i + 1, West(i + 1), West(i + 1) + StripWidth, -StripHalfHeight, StripHalfHeight))]);

    /// <summary>A forecast 3 km (σ) east–west and 300 m across: each strip holds 0.7–1.0% of it, below a 2% test.</summary>
    private static readonly ImpactForecast Wide = new()
    {
        TrackId = 1, TimeSeconds = 0, ImpactPoint = TestGround.Offset(0, 0), ImpactTimeSeconds = 100, ImpactTimeSigmaSeconds = 1,
        EastVariance = SigmaEast * SigmaEast, EastNorthCovariance = 0, NorthVariance = SigmaNorth * SigmaNorth,
    };

    /// <summary>P(impact in strip i) by the closed form: the product of the east and north normal intervals.</summary>
    private static double StripMass(int id)
    {
        double west = West(id);
        return (Phi((west + StripWidth) / SigmaEast) - Phi(west / SigmaEast)) * (Phi(StripHalfHeight / SigmaNorth) - Phi(-StripHalfHeight / SigmaNorth));
    }

    private static double West(int id) => -3000 + ((id - 1) * StripWidth);

    [Fact]
    public void WithoutTheBound_AWideForecastAlertsNoStrip_AtTheirDeadline()
    {
        Assert.All(Enumerable.Range(1, Count), i => Assert.InRange(StripMass(i), 0.0065, 0.0105));
        AlertPlanner planner = new(Strips, new AlertPlannerSettings(0.95, 0, MinAreaProbability: MassTest));
        Assert.Empty(planner.Plan(70, [Wide])); // 30 s left, countdown 30 s: every strip is at its deadline
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.1)]
    [InlineData(0.15)]
    public void WithTheBound_TheStripsLeftHoldAtMostTheResidual_AndNoMoreAreAlertedThanNeeded(double residual)
    {
        AlertPlanner planner = new(Strips, new AlertPlannerSettings(0.95, 0, MinAreaProbability: MassTest, ResidualProbability: residual));
        HashSet<int> alerted = [.. planner.Plan(70, [Wide]).Select(a => a.AreaId)];
        Assert.NotEmpty(alerted);

        // Against the closed form: what is left holds about the residual — not more, and not less by more than a strip.
        double left = Enumerable.Range(1, Count).Where(i => !alerted.Contains(i)).Sum(StripMass);
        const double quadrature = 0.015; // the planner's 1,024-point integral against the closed form, summed over the strips left
        Assert.InRange(left, residual - 0.0105 - quadrature, residual + quadrature);

        // The greedy rule by the planner's own integral: the alerted strips are the most probable, and what is left holds at
        // most the residual, while the least probable strip alerted would have tipped it over.
        Dome.Defense.Engagement.ThreatEvaluator evaluator = new(Strips);
        Dome.Defense.Engagement.ThreatEvaluator.Frame frame = Dome.Defense.Engagement.ThreatEvaluator.FrameOf(Wide);
        Dictionary<int, double> mass = Enumerable.Range(1, Count).ToDictionary(i => i, i => evaluator.AreaProbability(frame, Strips.Areas.Single(a => a.Id == i)));
        double leftByPlanner = mass.Where(kv => !alerted.Contains(kv.Key)).Sum(kv => kv.Value);
        Assert.True(leftByPlanner <= residual + 1e-12, $"left {leftByPlanner}");
        Assert.True(leftByPlanner + alerted.Min(i => mass[i]) > residual, $"left {leftByPlanner}, least alerted {alerted.Min(i => mass[i])}");
        Assert.True(alerted.Min(i => mass[i]) >= mass.Where(kv => !alerted.Contains(kv.Key)).Select(kv => kv.Value).DefaultIfEmpty(0).Max());

        // Alerts are not repeated: a second cycle with the same forecast adds nothing.
        Assert.Empty(planner.Plan(71, [Wide]));
    }

    [Fact]
    public void ABoundAboveAllTheMassHeldBack_ChangesNothing()
    {
        double total = Enumerable.Range(1, Count).Sum(StripMass);
        Assert.InRange(total, 0.17, 0.18); // (Φ(1) − Φ(−1))·(2Φ(1/3) − 1)
        Assert.Empty(new AlertPlanner(Strips, new AlertPlannerSettings(0.95, 0, MinAreaProbability: MassTest, ResidualProbability: 0.2)).Plan(70, [Wide]));
        // A burn envelope's own residual is for envelopes (EnvelopeMixtureTests): it leaves a forecast to this one.
        Assert.Empty(new AlertPlanner(Strips, new AlertPlannerSettings(0.95, 0, MinAreaProbability: MassTest, ResidualProbability: 0.2, EnvelopeResidualProbability: 0.001)).Plan(70, [Wide]));
    }

    [Fact]
    public void ASharpForecast_LeavesItsNeighbourHeldBack_UnlessTheBoundIsBelowItsSliver()
    {
        // As in the mass rule's test: area 2 holds ≈ 0.003 of a forecast sitting in area 1.
        AlertAreaMap map = new([TestGround.Box(1, -2000, 2000, -2000, 2000), TestGround.Box(2, 2600, 3600, -500, 500)]);
        ImpactForecast sharp = Wide with { EastVariance = 1100 * 1100, NorthVariance = 1100 * 1100 };
        Assert.Equal([1], new AlertPlanner(map, new AlertPlannerSettings(0.95, 0, MinAreaProbability: 0.01, ResidualProbability: 0.01)).Plan(70, [sharp]).Select(a => a.AreaId));
        Assert.Equal([1, 2], new AlertPlanner(map, new AlertPlannerSettings(0.95, 0, MinAreaProbability: 0.01, ResidualProbability: 0.001)).Plan(70, [sharp]).Select(a => a.AreaId).Order());
    }

    /// <summary>The standard normal CDF by Abramowitz and Stegun 7.1.26 (|error| &lt; 1.5e-7).</summary>
    private static double Phi(double z)
    {
        double x = Math.Abs(z) / Math.Sqrt(2), t = 1 / (1 + (0.3275911 * x));
        double poly = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        double erf = 1 - (poly * Math.Exp(-x * x));
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
