using Dome.Defense.Alerting;
using Dome.Defense.Prediction;
using Dome.Model.Areas;

namespace Dome.Defense.Tests.Alerting;

/// <summary>
/// A burn envelope planned as one mixture: an area at its deadline is alerted on the hypotheses' probabilities times
/// their mass in it, pooled over the envelope, under the area-mass rule (1.25%) and the residual rule (2%).
/// </summary>
public class EnvelopeMixtureTests
{
    // Three 2 × 2 km areas of 90 s, 10 km apart along the parallel.
    private static readonly AlertAreaMap Map = new([Area(1, 0), Area(2, 10_000), Area(3, 20_000)]);

    private static AlertArea Area(int id, double east) => TestGround.Box(id, east - 1000, east + 1000, -1000, 1000) with { CountdownSeconds = 90 };

    /// <summary>A hypothesis 100 s ahead (its deadline come, with a 1 s margin, at t = 9.5 s) on an area's centre, 100 m sharp: all its mass in the area.</summary>
    private static ImpactForecast Hypothesis(double east, double weight) => new()
    {
        TrackId = 7, TimeSeconds = 0, ImpactPoint = TestGround.Offset(east, 0), ImpactTimeSeconds = 100, ImpactTimeSigmaSeconds = 0,
        EastVariance = 100 * 100, EastNorthCovariance = 0, NorthVariance = 100 * 100,
        IsEnvelope = true, EnvelopeWeight = weight, EnvelopeMarginSeconds = 1, EnvelopeMinCountdownSeconds = 0,
    };

    private static int[] Alerted(double now, params ImpactForecast[] hypotheses) => Alerted(null, now, hypotheses);

    private static int[] Alerted(double? envelopeResidual, double now, params ImpactForecast[] hypotheses) =>
        [.. new AlertPlanner(Map, new AlertPlannerSettings(MinAreaProbability: 0.0125, ResidualProbability: 0.02, EnvelopeResidualProbability: envelopeResidual))
            .Plan(now, hypotheses).Select(a => a.AreaId).Order()];

    [Fact]
    public void AHypothesisInTheTail_AlertsNothingOnItsOwn_ButTwoOfThemOverOneArea_Do()
    {
        // 0.97 on area 1; 0.008 on area 2 (under 1.25%, and the 0.8% held back is under the 2% residual); two of 0.008
        // on area 3 (1.6% together: the pooled mass passes where neither alone would).
        ImpactForecast[] envelope = [Hypothesis(0, 0.97), Hypothesis(10_000, 0.008), Hypothesis(20_000, 0.008), Hypothesis(20_050, 0.008)];
        Assert.Equal([1, 3], Alerted(9.5, envelope));
    }

    [Fact]
    public void NothingBeforeTheDeadline_NorAnAreaTheBurnoutsForecastWouldWarnInTime()
    {
        Assert.Empty(Alerted(8.5, Hypothesis(0, 0.97))); // 100 − 8.5 − 1 = 90.5 s left, over the 90 s countdown
        Assert.Empty(Alerted(9.5, Hypothesis(0, 0.97) with { EnvelopeMinCountdownSeconds = 90 }));
    }

    [Fact]
    public void AYoungEnvelopesRule_HoldsAnAreaUntilItsYouthEnds_ACycleAhead_ThenThePlannersOwnCycleDropsIt()
    {
        // Young until t = 9.8 s, and while young an area must exceed 90.3 s (its deadline at the track's path angle
        // 0.3 s after the youth ends): the 90 s area is held back at 9.5 s when the planner cycles often (0.1 s apart),
        // alerted at 9.5 s when its cycles come 0.5 s apart (the next would be after both the youth and the deadline),
        // and alerted at the next cycle after the youth, 9.9 s, without a new envelope.
        ImpactForecast young = Hypothesis(0, 0.97) with { EnvelopeYoungUntilSeconds = 9.8, EnvelopeYoungMinCountdownSeconds = 90.3 };
        Assert.Equal(90.3, young.EnvelopeMinCountdownAt(9.5));
        Assert.Equal(0, young.EnvelopeMinCountdownAt(9.8));
        Assert.Equal(89.8, young.EnvelopeMinCountdownAt(9.5, 0.5), 12);
        AlertPlanner planner = new(Map, new AlertPlannerSettings(MinAreaProbability: 0.0125, ResidualProbability: 0.02));
        Assert.Empty(planner.Plan(9.4, [young]));
        Assert.Empty(planner.Plan(9.5, [young]));
        Assert.Equal([1], planner.Plan(9.9, [young]).Select(a => a.AreaId));
        AlertPlanner sparse = new(Map, new AlertPlannerSettings(MinAreaProbability: 0.0125, ResidualProbability: 0.02));
        Assert.Empty(sparse.Plan(9.0, [young]));
        Assert.Equal([1], sparse.Plan(9.5, [young]).Select(a => a.AreaId));
    }

    [Fact]
    public void TheResidualRule_BoundsWhatTheWholeEnvelopeHoldsBack()
    {
        // Three areas of 0.9% each: each under the mass rule, 2.7% held back together, over the 2% residual: the most
        // probable (ties by id) are alerted until at most 2% is left — one area.
        ImpactForecast[] envelope = [Hypothesis(0, 0.009), Hypothesis(10_000, 0.009), Hypothesis(20_000, 0.009)];
        Assert.Equal([1], Alerted(9.5, envelope));
    }

    [Fact]
    public void TheEnvelopesOwnResidual_AlertsEveryAreaHoldingMoreThanIt_AndLeavesPlainForecastsToTheGeneralOne()
    {
        // 0.9%, 0.6% and 0.3% in three areas, each under the mass rule, 1.8% together: under the 2% residual none is
        // alerted; under an envelope residual of 0.5% the two holding more than it (0.9 + 0.6 alerted, 0.3% left); of 0.2%
        // all three (what is left must be at most 0.2%).
        ImpactForecast[] envelope = [Hypothesis(0, 0.009), Hypothesis(10_000, 0.006), Hypothesis(20_000, 0.003)];
        Assert.Empty(Alerted(9.5, envelope));
        Assert.Equal([1, 2], Alerted(0.005, 9.5, envelope));
        Assert.Equal([1, 2, 3], Alerted(0.002, 9.5, envelope));
    }

    [Fact]
    public void WithTheEnvelopesCoreRule_ASmallAreaInAHypothesisCore_IsAlerted_ThoughItHoldsAFractionOfAPercent()
    {
        // Two 200 × 200 m areas of 90 s under hypotheses 3 km wide (σ): on a centre an area holds its surface times the
        // peak density, 0.04 km² / (2π · 9 km²) = 0.07%; 5 km off (1.67σ) a quarter of that. Both under the 1.25% mass
        // rule, 0.09% together under the 2% residual: the mass alerts neither. The 10% core reaches 0.459σ = 1.4 km from
        // a centre: with the core rule an area on a hypothesis' centre is alerted, whatever the hypothesis' weight, and
        // one that no core reaches is left to the mass.
        AlertAreaMap small = new([TestGround.Box(1, -100, 100, -100, 100) with { CountdownSeconds = 90 }, TestGround.Box(2, 4900, 5100, -100, 100) with { CountdownSeconds = 90 }]);
        ImpactForecast wide = Hypothesis(0, 0.98) with { EastVariance = 3000 * 3000, NorthVariance = 3000 * 3000 };
        ImpactForecast light = wide with { ImpactPoint = TestGround.Offset(5000, 0), EnvelopeWeight = 0.02 };
        int[] AlertedBy(bool envelopeCore, double core, params ImpactForecast[] hypotheses) =>
            [.. new AlertPlanner(small, new AlertPlannerSettings(MinAreaProbability: 0.0125, ResidualProbability: 0.02, CoreContainment: core, EnvelopeCore: envelopeCore))
                .Plan(9.5, hypotheses).Select(a => a.AreaId).Order()];
        Assert.Empty(AlertedBy(false, 0.1, wide));
        Assert.Empty(AlertedBy(false, 0.1, wide, light));
        Assert.Equal([1], AlertedBy(true, 0.1, wide));
        Assert.Equal([1, 2], AlertedBy(true, 0.1, wide, light));
        Assert.Empty(AlertedBy(true, 0, wide, light)); // no core containment, no core rule
        Assert.Empty(AlertedBy(true, 0.1, wide with { ImpactPoint = TestGround.Offset(2500, 0) })); // 0.83σ from each: outside the core
    }

    [Fact]
    public void TheEnvelopesCoreRule_OnlyAdds_TheResidualStillCountsTheAreasItAlerted()
    {
        // Area 1 holds 0.2 × Φ(−2) = 0.455% of a sharp hypothesis 1.2 km east of its centre (its core, 46 m across,
        // outside the area); area 2 holds 0.2% on a hypothesis' centre (in its core); area 3 the rest. Under an envelope
        // residual of 0.5% the mass test holds back 0.655%, so the most probable, area 1, is alerted. The core rule adds
        // area 2 and leaves that decision as it was (were area 2 no longer counted, the 0.455% left would be under the
        // residual and area 1 would go unwarned).
        ImpactForecast[] envelope = [Hypothesis(1200, 0.2), Hypothesis(10_000, 0.002), Hypothesis(20_000, 0.798)];
        int[] AlertedBy(bool envelopeCore) =>
            [.. new AlertPlanner(Map, new AlertPlannerSettings(MinAreaProbability: 0.0125, ResidualProbability: 0.02, CoreContainment: 0.1, EnvelopeResidualProbability: 0.005, EnvelopeCore: envelopeCore))
                .Plan(9.5, envelope).Select(a => a.AreaId).Order()];
        Assert.Equal([1, 3], AlertedBy(false));
        Assert.Equal([1, 2, 3], AlertedBy(true));
    }

    [Fact]
    public void AnAreaTheCoreRuleAlerted_IsStillCountedByTheResidualRule_AtTheEnvelopesNextCycles()
    {
        // At 9.5 s area 2 holds 0.4% on a hypothesis' centre (its core) and area 3 the rest: under a residual of 0.8% the
        // mass alerts area 3 alone, the core rule area 2 too. At 9.6 s the envelope has moved: area 1 holds 0.2 × Φ(−2) =
        // 0.455% (no core reaches it) beside area 2's 0.4%, 0.855% held back together, over the residual: area 1 is
        // alerted — with the core rule as without it (were area 2 no longer counted, 0.455% would be under the residual),
        // and area 2 is not alerted twice.
        ImpactForecast[] first = [Hypothesis(10_000, 0.004), Hypothesis(20_000, 0.996)];
        ImpactForecast[] next = [Hypothesis(1200, 0.2), Hypothesis(10_000, 0.004), Hypothesis(20_000, 0.796)];
        foreach (bool envelopeCore in new[] { false, true })
        {
            AlertPlanner planner = new(Map, new AlertPlannerSettings(MinAreaProbability: 0.0125, ResidualProbability: 0.02, CoreContainment: 0.1, EnvelopeResidualProbability: 0.008, EnvelopeCore: envelopeCore));
            Assert.Equal(envelopeCore ? [2, 3] : [3], planner.Plan(9.5, first).Select(a => a.AreaId).Order());
            Assert.Equal([1], planner.Plan(9.6, next).Select(a => a.AreaId).Order());
        }
    }
}
