using Dome.Model.Areas;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Simulation.Scenarios;
using NetTopologySuite.Geometries;

namespace Dome.Simulation.World;

/// <summary>
/// Turns a scenario's salvos into rounds with their truth: launch points, aim points, the crew's laying, each round's
/// drawn dispersion, and the flown trajectory to the truth impact point.
/// </summary>
/// <remarks>
/// Each salvo is laid once, exactly, by <see cref="FireControl"/> from its launch centre at its aim centre. A round from
/// another point of the launch region or at another aim point is laid from that solution by first-order corrections:
/// the bearing difference is added to the azimuth, and the range difference divided by ∂range/∂elevation (measured on
/// the salvo's solution) is added to the elevation. The laying error this leaves (tens of metres over km offsets) is
/// small beside the aim spread, and the truth impact is always the flown one.
/// </remarks>
public static class LaunchPlanner
{
    public static IReadOnlyList<RocketTruth> Plan(Scenario scenario, ulong seed, AlertAreaMap areas)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(areas);
        DeterministicRandom random = DeterministicRandom.Derive(seed, "launches");
        FlightEnvironment environment = new() { Wind = scenario.Wind };
        List<RocketTruth> rockets = new(scenario.RocketCount);
        for (int s = 0; s < scenario.Threats.Count; s++)
        {
            Salvo salvo = scenario.Threats[s];
            Laying laying = Lay(scenario, salvo, environment);
            for (int i = 0; i < salvo.Count; i++)
            {
                GeoPoint launch = salvo.LaunchRegion is { } region
                    ? Geodesic.Direct(region.Center, random.Uniform(0, 360), region.RadiusMeters * Math.Sqrt(random.NextDouble()))
                    : salvo.Launch!.Value;
                GeoPoint aim = salvo.AimArea is { } area ? RandomPointIn(area, random) : salvo.Aim!.Value;
                if (salvo.AimSpreadMeters > 0)
                {
                    double east = random.Gaussian(0, salvo.AimSpreadMeters), north = random.Gaussian(0, salvo.AimSpreadMeters);
                    aim = Geodesic.Direct(aim, Math.Atan2(east, north) * 180 / Math.PI, Math.Sqrt((east * east) + (north * north)));
                }

                GeodesicLine line = Geodesic.Inverse(launch, aim);
                double azimuth = laying.Solution.AzimuthDegrees + Math.IEEERemainder(line.InitialAzimuthDegrees - laying.CenterLine.InitialAzimuthDegrees, 360);
                double elevation = laying.Solution.ElevationDegrees + ((line.DistanceMeters - laying.CenterLine.DistanceMeters) / laying.RangePerDegree);
                elevation = Math.Clamp(elevation, salvo.Rocket.MinElevationDegrees, salvo.Rocket.MaxElevationDegrees);

                Dispersion d = salvo.Rocket.Dispersion;
                double thrust = Math.Max(0.5, random.Gaussian(1, d.ThrustSigmaFraction));
                double drag = Math.Max(0.5, random.Gaussian(1, d.DragSigmaFraction));
                double flownElevation = Math.Clamp(elevation + (random.Gaussian(0, d.ElevationSigmaMilliradians) * 0.18 / Math.PI), 1, 89);
                double flownAzimuth = azimuth + (random.Gaussian(0, d.AzimuthSigmaMilliradians) * 0.18 / Math.PI);
                LaunchConditions conditions = new(launch, (flownAzimuth + 360) % 360, flownElevation, laying.Solution.LaunchSpeedMetersPerSecond);
                // Drawn only when the salvo has a failure rate, so that scenarios without one keep their random stream.
                double burnFraction = salvo.MotorFailureProbability > 0 && !salvo.Rocket.IsGunLaunched && random.NextDouble() < salvo.MotorFailureProbability
                    ? random.Uniform(0.15, 0.6) : 1.0;
                FlightBody failed = FlightBody.FromType(salvo.Rocket, thrust, drag);
                Trajectory trajectory = burnFraction < 1
                    ? FlightModel.Fly(failed with { BurnTimeSeconds = failed.BurnTimeSeconds * burnFraction },
                        conditions.LaunchSpeedMetersPerSecond ?? salvo.Rocket.LaunchSpeedMetersPerSecond, conditions, environment)
                    : FlightModel.Fly(salvo.Rocket, conditions, environment, thrust, drag);
                (ImpactClass cls, AlertArea? hit) = Classify(trajectory.ImpactPoint, areas);
                rockets.Add(new RocketTruth
                {
                    Id = rockets.Count + 1,
                    SalvoIndex = s,
                    Type = salvo.Rocket,
                    LaunchTimeSeconds = salvo.TimeSeconds + (i * salvo.IntervalSeconds),
                    LaunchPoint = launch,
                    AimPoint = aim,
                    ElevationDegrees = flownElevation,
                    AzimuthDegrees = (flownAzimuth + 360) % 360,
                    ThrustFactor = thrust,
                    DragFactor = drag,
                    MotorBurnFraction = burnFraction,
                    Trajectory = trajectory,
                    Class = cls,
                    Area = hit,
                });
            }
        }

        return rockets;
    }

    /// <summary>The class and area of a ground point.</summary>
    public static (ImpactClass Class, AlertArea? Area) Classify(GeoPoint impact, AlertAreaMap areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        AlertArea? area = areas.Locate(impact);
        if (area is not null)
        {
            return (ImpactClass.Threat, area);
        }

        return (Territory.LaunchTerritoryAt(impact) is null ? ImpactClass.OpenGround : ImpactClass.Short, null);
    }

    private sealed record Laying(FireSolution Solution, GeodesicLine CenterLine, double RangePerDegree);

    private static Laying Lay(Scenario scenario, Salvo salvo, FlightEnvironment environment)
    {
        FireSolution solution;
        try
        {
            solution = FireControl.Solve(salvo.Rocket, salvo.LaunchCenter, salvo.AimCenter, salvo.Arc, environment);
        }
        catch (OutOfRangeException ex)
        {
            throw new ScenarioException(scenario.SourcePath ?? scenario.Name, salvo.Line, 1, $"salvo cannot be laid: {ex.Message}");
        }

        double step = solution.Arc == TrajectoryArc.Low ? -0.05 : 0.05;
        Trajectory nudged = FlightModel.Fly(salvo.Rocket,
            new LaunchConditions(salvo.LaunchCenter, solution.AzimuthDegrees, solution.ElevationDegrees + step, solution.LaunchSpeedMetersPerSecond), environment);
        double rangePerDegree = (Geodesic.Inverse(salvo.LaunchCenter, nudged.ImpactPoint).DistanceMeters
            - Geodesic.Inverse(salvo.LaunchCenter, solution.Trajectory.ImpactPoint).DistanceMeters) / step;
        if (Math.Abs(rangePerDegree) < 1)
        {
            rangePerDegree = Math.CopySign(1, rangePerDegree);
        }

        return new Laying(solution, Geodesic.Inverse(salvo.LaunchCenter, salvo.AimCenter), rangePerDegree);
    }

    private static GeoPoint RandomPointIn(AlertArea area, DeterministicRandom random)
    {
        Polygon polygon = area.Polygon!;
        Envelope e = polygon.EnvelopeInternal;
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            double lon = random.Uniform(e.MinX, e.MaxX), lat = random.Uniform(e.MinY, e.MaxY);
            if (polygon.Covers(new Point(lon, lat)))
            {
                return new GeoPoint(lat, lon);
            }
        }

        Point c = polygon.InteriorPoint;
        return new GeoPoint(c.Y, c.X);
    }
}
