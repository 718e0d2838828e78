using Dome.Model.Atmosphere;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Model.Tests.Flight;

public class FlightModelTests
{
    private static readonly GeoPoint Gaza = new(31.53, 34.49);

    private static readonly FlightBody Shell = new()
    {
        LaunchMassKilograms = 10,
        MassFlowKilogramsPerSecond = 0,
        BurnTimeSeconds = 0,
        ThrustNewtons = 0,
        ReferenceAreaSquareMeters = 0.01,
        Drag = DragCurve.MortarBomb,
        DragScale = 1,
    };

    private static readonly FlightEnvironment VacuumSphere = new() { Earth = EarthModel.SphericalNonRotating, Vacuum = true };

    [Theory]
    [InlineData(300, 45)]
    [InlineData(300, 20)]
    [InlineData(800, 60)]
    [InlineData(1500, 40)]
    public void Fly_InVacuumOverANonRotatingSphere_MatchesTheKeplerSolution(double speed, double gammaDegrees)
    {
        Trajectory t = FlightModel.Fly(Shell, speed, new LaunchConditions(Gaza, 30, gammaDegrees), VacuumSphere);
        (double rangeMeters, double flightSeconds) = KeplerBallisticFlight(speed, gammaDegrees * Math.PI / 180);

        double groundRange = Wgs84.MeanRadiusMeters * Angle(t.Nodes[0].Position, t.Nodes[^1].Position);
        Assert.Equal(rangeMeters, groundRange, 0.05);
        Assert.Equal(flightSeconds, t.FlightTimeSeconds, 1e-3);
    }

    [Fact]
    public void Fly_ShortVacuumShot_AgreesWithTheFlatEarthParabolaWithinHalfAPercent()
    {
        // v² sin 2γ / g on a flat earth with g at the surface: the sphere's curvature and falling g change it by < 0.5%
        // for a 9 km shot.
        Trajectory t = FlightModel.Fly(Shell, 300, new LaunchConditions(Gaza, 30, 45), VacuumSphere);
        double g = Wgs84.GravitationalParameter / (Wgs84.MeanRadiusMeters * Wgs84.MeanRadiusMeters);
        double flat = 300.0 * 300.0 / g;
        double range = Wgs84.MeanRadiusMeters * Angle(t.Nodes[0].Position, t.Nodes[^1].Position);
        Assert.Equal(1, range / flat, 0.005);
        Assert.Equal(1, t.FlightTimeSeconds / (2 * 300 * Math.Sin(Math.PI / 4) / g), 0.005);
    }

    [Theory]
    [InlineData("grad", 45)]
    [InlineData("qassam", 40)]
    [InlineData("fajr5", 50)]
    [InlineData("r160", 55)]
    [InlineData("mortar-120mm", 60)]
    public void Fly_HalvingTheStep_MovesTheImpactLessThanOneMetre(string id, double elevation)
    {
        RocketType type = RocketCatalog.Get(id);
        FlightEnvironment windy = new() { Wind = new WindProfile([new WindLevel(0, 8, 250), new WindLevel(10_000, 30, 270)]) };
        LaunchConditions launch = new(Gaza, 40, elevation);
        Trajectory normal = FlightModel.Fly(type, launch, windy);
        Trajectory fine = FlightModel.Fly(type, launch, windy, options: IntegratorOptions.Default.Halved());
        Assert.True(Geodesic.Inverse(normal.ImpactPoint, fine.ImpactPoint).DistanceMeters < 1.0);
        Assert.Equal(fine.FlightTimeSeconds, normal.FlightTimeSeconds, 0.01);
    }

    [Fact]
    public void Fly_InVacuumOverTheRotatingEllipsoid_ConservesTheJacobiIntegralAfterBurnout()
    {
        // In the rotating frame ½v² + U(r) − ½ω²(x² + y²) is conserved (the Coriolis force does no work); U is the J2
        // potential −μ/r + μ J2 a² (3 sin²φ − 1)/(2 r³).
        FlightEnvironment vacuum = new() { Vacuum = true };
        Trajectory t = FlightModel.Fly(RocketCatalog.Fajr5, new LaunchConditions(Gaza, 10, 50), vacuum);
        double[] jacobi = [.. t.Nodes.Where(n => n.TimeSeconds > RocketCatalog.Fajr5.BurnTimeSeconds + 1e-9).Select(n => Jacobi(n.Position, n.Velocity))];
        Assert.True(jacobi.Length > 10);
        Assert.True(jacobi.Max() - jacobi.Min() < 0.01, $"Jacobi integral varied by {jacobi.Max() - jacobi.Min()} J/kg");
    }

    [Fact]
    public void Fly_WithDrag_LosesMechanicalEnergyAfterBurnout_AndGainsItDuringTheBurn()
    {
        Trajectory t = FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(Gaza, 10, 45));
        List<TrajectoryNode> coast = [.. t.Nodes.Where(n => n.TimeSeconds >= RocketCatalog.Grad.BurnTimeSeconds)];
        for (int i = 1; i < coast.Count; i++)
        {
            Assert.True(Jacobi(coast[i].Position, coast[i].Velocity) < Jacobi(coast[i - 1].Position, coast[i - 1].Velocity));
        }

        Assert.True(Jacobi(coast[0].Position, coast[0].Velocity) > Jacobi(t.Nodes[0].Position, t.Nodes[0].Velocity));
    }

    [Fact]
    public void Fly_BurnoutSpeed_NeverExceedsTheRocketEquation()
    {
        foreach (RocketType type in RocketCatalog.All.Where(t => !t.IsGunLaunched))
        {
            Trajectory t = FlightModel.Fly(type, new LaunchConditions(Gaza, 10, 45));
            Assert.True(t.BurnoutSpeedMetersPerSecond < type.LaunchSpeedMetersPerSecond + type.IdealDeltaVMetersPerSecond, type.Id);
            Assert.True(t.BurnoutSpeedMetersPerSecond > 0.7 * type.IdealDeltaVMetersPerSecond, type.Id);
        }
    }

    [Fact]
    public void Fly_ImpactIsOnTheGround_AndStateAtRecoversTheNodes()
    {
        Trajectory t = FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(Gaza, 10, 45));
        Assert.Equal(0, EcefPosition.FromVector(t.Nodes[^1].Position).HeightMeters, 1e-3);
        Assert.Equal(0, t.ImpactPoint.HeightMeters);
        TrajectoryNode middle = t.Nodes[t.Nodes.Count / 2];
        (Vector3 r, Vector3 v) = t.StateAt(middle.TimeSeconds);
        Assert.True((r - middle.Position).Length < 1e-6);
        Assert.True((v - middle.Velocity).Length < 1e-6);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.StateAt(t.FlightTimeSeconds + 1));
    }

    [Fact]
    public void Fly_ApogeeMatchesTheHighestInterpolatedPoint()
    {
        Trajectory t = FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(Gaza, 10, 50));
        double best = 0;
        for (double time = 0; time <= t.FlightTimeSeconds; time += 0.01)
        {
            best = Math.Max(best, EcefPosition.FromVector(t.StateAt(time).Position).HeightMeters);
        }

        Assert.Equal(best, t.ApogeeHeightMeters, 1.0);
    }

    [Fact]
    public void Fly_VerticalOrNonFiniteElevation_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(Gaza, 0, 90)));
        Assert.Throws<ArgumentOutOfRangeException>(() => FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(Gaza, double.NaN, 45)));
    }

    /// <summary>Range and flight time of a ballistic Kepler arc from the surface of a sphere back to it.</summary>
    private static (double Range, double Time) KeplerBallisticFlight(double v, double gamma)
    {
        double mu = Wgs84.GravitationalParameter, r = Wgs84.MeanRadiusMeters;
        double nu = v * v * r / mu;
        double psi = 2 * Math.Atan(nu * Math.Sin(gamma) * Math.Cos(gamma) / (1 - (nu * Math.Cos(gamma) * Math.Cos(gamma))));
        double h = r * v * Math.Cos(gamma);
        double energy = (v * v / 2) - (mu / r);
        double a = -mu / (2 * energy);
        double p = h * h / mu;
        double e = Math.Sqrt(1 - (p / a));
        double theta = Math.Acos(((p / r) - 1) / e); // ascending: 0 < θ < π
        double eccentricAnomaly = 2 * Math.Atan(Math.Sqrt((1 - e) / (1 + e)) * Math.Tan(theta / 2));
        double meanAnomaly = eccentricAnomaly - (e * Math.Sin(eccentricAnomaly));
        double n = Math.Sqrt(mu / (a * a * a));
        return (r * psi, 2 * (Math.PI - meanAnomaly) / n);
    }

    private static double Angle(Vector3 a, Vector3 b) => Math.Atan2(Vector3.Cross(a, b).Length, Vector3.Dot(a, b));

    private static double Jacobi(Vector3 r, Vector3 v)
    {
        double mu = Wgs84.GravitationalParameter, a = Wgs84.SemiMajorAxisMeters, w = Wgs84.AngularVelocityRadiansPerSecond;
        double rn = r.Length;
        double sin2 = r.Z * r.Z / (rn * rn);
        double potential = (-mu / rn) + (mu * Wgs84.J2 * a * a * ((3 * sin2) - 1) / (2 * rn * rn * rn));
        return (0.5 * v.LengthSquared) + potential - (0.5 * w * w * ((r.X * r.X) + (r.Y * r.Y)));
    }
}
