using BenchmarkDotNet.Attributes;
using Dome.Model.Areas;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Benchmarks;

/// <summary>The foundation's hot paths: one Grad trajectory, one point-in-area lookup, one 5 km ellipse query.</summary>
[MemoryDiagnoser]
public class ModelBenchmarks
{
    private static readonly GeoPoint Launch = new(31.53, 34.49);
    private AlertAreaMap _map = null!;
    private GroundEllipse _ellipse;
    private int _hits;

    [GlobalSetup]
    public void Setup()
    {
        _map = AlertAreaMap.Default;
        _ellipse = new GroundEllipse(new GeoPoint(31.6688, 34.5743), 5000, 2500, 35);
    }

    [Benchmark(Description = "Grad trajectory, launch to exact impact")]
    public double GradTrajectory() =>
        FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(Launch, 30, 45)).FlightTimeSeconds;

    [Benchmark(Description = "Point-in-area lookup (Ashkelon - North)")]
    public AlertArea? LocateInArea() => _map.Locate(31.6885, 34.5900);

    [Benchmark(Description = "Point-in-area lookup (open ground)")]
    public AlertArea? LocateOpenGround() => _map.Locate(31.40, 34.90);

    [Benchmark(Description = "Ellipse 5 km x 2.5 km vs areas, Ashkelon")]
    public int EllipseQuery()
    {
        _hits = 0;
        _map.VisitIntersecting(_ellipse, _ => _hits++);
        return _hits;
    }
}
