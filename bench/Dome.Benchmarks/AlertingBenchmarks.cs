using BenchmarkDotNet.Attributes;
using Dome.Defense.Alerting;
using Dome.Defense.Engagement;
using Dome.Defense.Prediction;
using Dome.Model.Areas;
using Dome.Model.Geodesy;

namespace Dome.Benchmarks;

/// <summary>
/// The alert planner's area mass test (the quadrature of a forecast's ground distribution over one area's polygon), one
/// call each, for a 1.5 km × 0.8 km forecast over Sderot: the area it centres on (the test passes at its 13th point
/// inside), a neighbour holding less than the rule's 1.25% (every point in its box counted), and the full count of the
/// central area; the exact ellipse-against-areas query the planner makes first for every forecast; and the planner's
/// whole cycle over the 1,000 forecasts of <c>dome bench alerting</c> (a fresh planner each cycle, the scenario's default
/// alerting policy, and the region rule alone).
/// </summary>
[MemoryDiagnoser]
public class AlertingBenchmarks
{
    private ThreatEvaluator _evaluator = null!;
    private ThreatEvaluator.Frame _frame;
    private ImpactForecast _forecast = null!;
    private AlertAreaMap _map = null!;
    private AlertArea _central = null!;
    private AlertArea _thin = null!;
    private readonly List<AlertArea> _touched = [];
    private IReadOnlyList<ImpactForecast> _thousand = [];
    private AlertPlannerSettings _defaultPolicy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _map = AlertAreaMap.Default;
        _evaluator = new ThreatEvaluator(_map);
        _forecast = new ImpactForecast
        {
            TrackId = 1, TimeSeconds = 0, ImpactPoint = new GeoPoint(31.525, 34.595), ImpactTimeSeconds = 30, ImpactTimeSigmaSeconds = 1,
            EastVariance = 1500 * 1500, EastNorthCovariance = 0.3 * 1500 * 800, NorthVariance = 800 * 800,
        };
        _frame = ThreatEvaluator.FrameOf(_forecast);
        _central = _map.Locate(_forecast.ImpactPoint) ?? throw new InvalidOperationException("no area under the forecast");
        List<AlertArea> near = [.. _map.Intersecting(_forecast.Region(0.95))];
        _thin = near.Where(a => a.Id != _central.Id).Select(a => (Area: a, P: _evaluator.AreaProbability(_frame, a)))
            .Where(a => a.P is > 0 and < 0.0125).OrderByDescending(a => a.P).First().Area;

        // The forecasts and the default policy of `dome bench alerting`.
        _thousand = Dome.Simulation.World.SyntheticForecasts.OverSouthAndCentre();
        _defaultPolicy = new Dome.Simulation.Scenarios.AlertPolicy().ToPlannerSettings();
    }

    [Benchmark(Description = "Area mass test, the forecast's own area (passes)")]
    public bool MassTestPasses() => _evaluator.AreaProbabilityAtLeast(_frame, _central, 0.0125);

    [Benchmark(Description = "Area mass test, a neighbour under 1.25% (counts all)")]
    public bool MassTestFails() => _evaluator.AreaProbabilityAtLeast(_frame, _thin, 0.0125);

    [Benchmark(Description = "Area mass, full count of the forecast's own area")]
    public double FullCount() => _evaluator.AreaProbability(_frame, _central);

    [Benchmark(Description = "Areas the 95% region touches (exact ellipse test)")]
    public int RegionQuery()
    {
        _touched.Clear();
        _map.VisitIntersecting(_forecast.Region(0.95), _touched.Add);
        return _touched.Count;
    }

    [Benchmark(Description = "Planner cycle, 1,000 forecasts, default policy")]
    public int PlanCycle() => new AlertPlanner(_map, _defaultPolicy).Plan(0, _thousand).Count;

    [Benchmark(Description = "Planner cycle, 1,000 forecasts, region rule alone")]
    public int PlanCycleRegionRule() => new AlertPlanner(_map, _defaultPolicy with { MinAreaProbability = 0 }).Plan(0, _thousand).Count;
}
