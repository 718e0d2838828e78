using Dome.Model.Atmosphere;
using Dome.Model.Geodesy;
using Dome.Model.Numerics;

namespace Dome.Model.Flight;

/// <summary>Accuracy settings of the flight integrator.</summary>
/// <param name="PositionToleranceMeters">Local error allowed per step in position, m.</param>
/// <param name="VelocityToleranceMetersPerSecond">Local error allowed per step in velocity, m/s.</param>
/// <param name="MaxStepSeconds">Longest step, s.</param>
public sealed record IntegratorOptions(double PositionToleranceMeters = 1e-3, double VelocityToleranceMetersPerSecond = 1e-4, double MaxStepSeconds = 2.0)
{
    public static IntegratorOptions Default { get; } = new();

    /// <summary>The same settings with every step bound halved (tolerances ÷ 32, the fifth power of two, and max step ÷ 2).</summary>
    public IntegratorOptions Halved() => new(PositionToleranceMeters / 32, VelocityToleranceMetersPerSecond / 32, MaxStepSeconds / 2);
}

/// <summary>How a round leaves the launcher: the launch point and the direction of the rail or tube.</summary>
/// <param name="LaunchPoint">Launcher position (height above the ellipsoid).</param>
/// <param name="AzimuthDegrees">Direction of fire, clockwise from true north.</param>
/// <param name="ElevationDegrees">Rail or tube elevation above the local horizontal.</param>
/// <param name="LaunchSpeedMetersPerSecond">Muzzle velocity of the charge fired (gun-launched rounds); null: the type's nominal launch speed.</param>
public readonly record struct LaunchConditions(GeoPoint LaunchPoint, double AzimuthDegrees, double ElevationDegrees, double? LaunchSpeedMetersPerSecond = null);

/// <summary>Raised when a flight cannot be computed (a round that never comes down, or a non-finite state).</summary>
public sealed class FlightException(string message) : Exception(message);

/// <summary>
/// Three-degree-of-freedom point-mass flight over the earth, in the ECEF frame: thrust along the air-relative velocity
/// during the burn, with linear mass flow; Mach-dependent drag in the ISA 1976 atmosphere with wind; J2 gravity with
/// Coriolis and centrifugal terms (or, for tests, a non-rotating sphere). Integrated by the adaptive Dormand–Prince
/// 5(4) pair; the burnout is a step boundary; the ground impact is located on the Hermite interpolant of the step that
/// crosses the surface. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Dormand, J. R.; Prince, P. J. (1980), "A family of embedded Runge-Kutta formulae", J. Comp. Appl. Math. 6(1): 19–26.
/// </remarks>
public static class FlightModel
{
    private const double MaxFlightSeconds = 1200.0;

    /// <summary>Flies a round of a type from a launch, with the given per-round factors, to ground impact.</summary>
    public static Trajectory Fly(RocketType type, LaunchConditions launch, FlightEnvironment? environment = null,
        double thrustFactor = 1.0, double dragFactor = 1.0, IntegratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        // A gun-launched round has no motor: its impulse variation is a muzzle-velocity variation.
        double nominalSpeed = launch.LaunchSpeedMetersPerSecond ?? type.LaunchSpeedMetersPerSecond;
        double launchSpeed = type.IsGunLaunched ? nominalSpeed * thrustFactor : nominalSpeed;
        return Fly(FlightBody.FromType(type, type.IsGunLaunched ? 1.0 : thrustFactor, dragFactor), launchSpeed, launch, environment, options);
    }

    /// <summary>Flies a body from a launch with a given rail-exit (or muzzle) speed, to ground impact.</summary>
    public static Trajectory Fly(FlightBody body, double launchSpeedMetersPerSecond, LaunchConditions launch,
        FlightEnvironment? environment = null, IntegratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        environment ??= FlightEnvironment.Standard;
        if (!double.IsFinite(launch.AzimuthDegrees) || !double.IsFinite(launch.ElevationDegrees) || launch.ElevationDegrees <= 0 || launch.ElevationDegrees >= 90)
        {
            throw new ArgumentOutOfRangeException(nameof(launch), "Elevation must lie strictly between 0 and 90 degrees.");
        }

        LocalFrame frame = new(launch.LaunchPoint);
        EnuVector direction = EnuVector.FromAzimuthElevation(launch.AzimuthDegrees * Math.PI / 180, launch.ElevationDegrees * Math.PI / 180);
        Vector3 r0 = frame.OriginEcef.Vector;
        if (environment.Earth == EarthModel.SphericalNonRotating)
        {
            // On the sphere, latitude and longitude are spherical coordinates: the frame's "up" is then the radial direction.
            double lat = launch.LaunchPoint.LatitudeRadians, lon = launch.LaunchPoint.LongitudeRadians;
            r0 = new Vector3(Math.Cos(lat) * Math.Cos(lon), Math.Cos(lat) * Math.Sin(lon), Math.Sin(lat)) * (Wgs84.MeanRadiusMeters + launch.LaunchPoint.HeightMeters);
        }

        Vector3 v0 = frame.ToEcefVector(direction) * launchSpeedMetersPerSecond;
        return Propagate(body, 0.0, r0, v0, launch.LaunchPoint, environment, options ?? IntegratorOptions.Default);
    }

    /// <summary>
    /// Propagates an ECEF state (position m, velocity m/s) at a time since launch to ground impact.
    /// The body's motor burns while <paramref name="t0Seconds"/> is below its burn time.
    /// </summary>
    public static Trajectory Propagate(FlightBody body, double t0Seconds, Vector3 position, Vector3 velocity,
        GeoPoint launchPoint, FlightEnvironment environment, IntegratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        Dynamics dynamics = new(body, environment);
        List<TrajectoryNode> nodes = new(64);
        double t = t0Seconds;
        Vector3 r = position;
        Vector3 v = velocity;
        Vector3 a = dynamics.Acceleration(t, r, v);
        nodes.Add(new TrajectoryNode(t, r, v, a));
        double h = Math.Min(0.05, options.MaxStepSeconds);
        double height = environment.Height(r);
        double apogeeHeight = height;
        double apogeeTime = t;
        double burnoutSpeed = body.BurnTimeSeconds <= t ? v.Length : double.NaN;

        while (true)
        {
            if (t - t0Seconds > MaxFlightSeconds || !r.IsFinite || !v.IsFinite)
            {
                throw new FlightException("The round did not come down within 1200 s of flight.");
            }

            double stepLimit = options.MaxStepSeconds;
            bool crossesBurnout = t < body.BurnTimeSeconds;
            if (crossesBurnout)
            {
                stepLimit = Math.Min(stepLimit, body.BurnTimeSeconds - t);
            }

            h = Math.Min(h, stepLimit);
            (Vector3 r1, Vector3 v1, Vector3 a1, double error) = dynamics.Step(t, r, v, a, h, options);
            if (error > 1.0)
            {
                h *= Math.Max(0.2, 0.9 * Math.Pow(error, -0.2));
                if (h < 1e-9)
                {
                    throw new FlightException("The integrator step collapsed below 1 ns.");
                }

                continue;
            }

            double t1 = t + h;
            if (crossesBurnout && Math.Abs(t1 - body.BurnTimeSeconds) < 1e-12)
            {
                t1 = body.BurnTimeSeconds;
                // The thrust ends here: restart the stage from the same state with the coasting acceleration.
                a1 = dynamics.Acceleration(t1 + 1e-12, r1, v1);
                burnoutSpeed = v1.Length;
            }

            double height1 = environment.Height(r1);
            double step = t1 - t;
            if (height1 > apogeeHeight)
            {
                apogeeHeight = height1;
                apogeeTime = t1;
            }

            if (Vector3.Dot(v, r) > 0 && Vector3.Dot(v1, r1) <= 0)
            {
                // The climb ends within this step: refine the apogee on the interpolant.
                (double sApogee, double hApogee) = MaximiseHeight(environment, r, v, r1, v1, step);
                if (hApogee > apogeeHeight)
                {
                    apogeeHeight = hApogee;
                    apogeeTime = t + (sApogee * step);
                }
            }

            if (height1 <= 0 && height > 0)
            {
                double s = LocateGround(environment, r, v, r1, v1, step);
                double tImpact = t + (s * step);
                Vector3 rImpact = Hermite.Position(r, v, r1, v1, step, s);
                Vector3 vImpact = Hermite.Position(v, a, v1, a1, step, s);
                Vector3 aImpact = dynamics.Acceleration(tImpact, rImpact, vImpact);
                nodes.Add(new TrajectoryNode(tImpact, rImpact, vImpact, aImpact));
                GeoPoint impact = ImpactPoint(environment, rImpact);
                if (double.IsNaN(burnoutSpeed))
                {
                    burnoutSpeed = vImpact.Length;
                }

                return new Trajectory([.. nodes], launchPoint, impact, tImpact, vImpact, apogeeHeight, apogeeTime, burnoutSpeed);
            }

            t = t1;
            r = r1;
            v = v1;
            a = a1;
            height = height1;
            nodes.Add(new TrajectoryNode(t, r, v, a));
            double grow = error > 0 ? 0.9 * Math.Pow(error, -0.2) : 5.0;
            h = step * Math.Clamp(grow, 0.2, 5.0);
        }
    }

    private static GeoPoint ImpactPoint(FlightEnvironment environment, Vector3 r)
    {
        if (environment.Earth == EarthModel.SphericalNonRotating)
        {
            double lat = Math.Asin(r.Z / r.Length);
            return GeoPoint.FromRadians(lat, Math.Atan2(r.Y, r.X), 0);
        }

        GeoPoint p = EcefPosition.FromVector(r).ToGeodetic();
        return p.WithHeight(0);
    }

    /// <summary>Finds s in [0, 1] where the interpolated height crosses zero.</summary>
    private static double LocateGround(FlightEnvironment environment, Vector3 r0, Vector3 v0, Vector3 r1, Vector3 v1, double h) =>
        ScalarSolvers.FalsePosition(s => environment.Height(Hermite.Position(r0, v0, r1, v1, h, s)), 0, 1,
            environment.Height(r0), environment.Height(r1), 1e-6, 1e-14);

    /// <summary>The highest point of the step's interpolant (the ends included).</summary>
    private static (double S, double Height) MaximiseHeight(FlightEnvironment environment, Vector3 r0, Vector3 v0, Vector3 r1, Vector3 v1, double h)
    {
        (double s, double best) = ScalarSolvers.GoldenSectionMaximum(x => environment.Height(Hermite.Position(r0, v0, r1, v1, h, x)), 0, 1, 1e-9);
        double end0 = environment.Height(r0);
        double end1 = environment.Height(r1);
        if (end0 >= best && end0 >= end1)
        {
            return (0, end0);
        }

        return end1 >= best ? (1, end1) : (s, best);
    }

    /// <summary>The equations of motion of one body in one environment.</summary>
    private readonly struct Dynamics(FlightBody body, FlightEnvironment environment)
    {
        private readonly FlightBody _body = body;
        private readonly FlightEnvironment _environment = environment;

        public Vector3 Acceleration(double t, Vector3 r, Vector3 v)
        {
            Vector3 acceleration = _environment.EarthAcceleration(r, v);
            bool burning = t < _body.BurnTimeSeconds;
            if (_environment.Vacuum && !burning)
            {
                return acceleration;
            }

            double mass = _body.MassAt(t);
            double height = _environment.Height(r);
            Vector3 vAir = v - _environment.WindEcef(r, height);
            double speed = vAir.Length;
            if (speed < 1e-9)
            {
                return acceleration;
            }

            Vector3 along = vAir / speed;
            double force = burning ? _body.ThrustNewtons : 0.0;
            if (!_environment.Vacuum)
            {
                (double density, double soundSpeed) = StandardAtmosphere.Fast(Math.Max(height, -4999));
                double mach = speed / soundSpeed;
                double cd = _body.Drag.At(mach) * _body.DragScale;
                force -= 0.5 * density * speed * speed * cd * _body.ReferenceAreaSquareMeters;
            }

            return acceleration + (along * (force / mass));
        }

        /// <summary>One Dormand–Prince 5(4) step with FSAL; returns the 5th-order state and the scaled error norm.</summary>
        public (Vector3 R, Vector3 V, Vector3 A, double Error) Step(double t, Vector3 r, Vector3 v, Vector3 a1, double h, IntegratorOptions options)
        {
            Vector3 kr1 = v, kv1 = a1;

            Vector3 r2 = r + (h * (1.0 / 5 * kr1));
            Vector3 v2 = v + (h * (1.0 / 5 * kv1));
            Vector3 kr2 = v2, kv2 = Acceleration(t + (h / 5), r2, v2);

            Vector3 r3 = r + (h * ((3.0 / 40 * kr1) + (9.0 / 40 * kr2)));
            Vector3 v3 = v + (h * ((3.0 / 40 * kv1) + (9.0 / 40 * kv2)));
            Vector3 kr3 = v3, kv3 = Acceleration(t + (0.3 * h), r3, v3);

            Vector3 r4 = r + (h * ((44.0 / 45 * kr1) - (56.0 / 15 * kr2) + (32.0 / 9 * kr3)));
            Vector3 v4 = v + (h * ((44.0 / 45 * kv1) - (56.0 / 15 * kv2) + (32.0 / 9 * kv3)));
            Vector3 kr4 = v4, kv4 = Acceleration(t + (0.8 * h), r4, v4);

            Vector3 r5 = r + (h * ((19372.0 / 6561 * kr1) - (25360.0 / 2187 * kr2) + (64448.0 / 6561 * kr3) - (212.0 / 729 * kr4)));
            Vector3 v5 = v + (h * ((19372.0 / 6561 * kv1) - (25360.0 / 2187 * kv2) + (64448.0 / 6561 * kv3) - (212.0 / 729 * kv4)));
            Vector3 kr5 = v5, kv5 = Acceleration(t + (8.0 / 9 * h), r5, v5);

            Vector3 r6 = r + (h * ((9017.0 / 3168 * kr1) - (355.0 / 33 * kr2) + (46732.0 / 5247 * kr3) + (49.0 / 176 * kr4) - (5103.0 / 18656 * kr5)));
            Vector3 v6 = v + (h * ((9017.0 / 3168 * kv1) - (355.0 / 33 * kv2) + (46732.0 / 5247 * kv3) + (49.0 / 176 * kv4) - (5103.0 / 18656 * kv5)));
            Vector3 kr6 = v6, kv6 = Acceleration(t + h, r6, v6);

            Vector3 rNew = r + (h * ((35.0 / 384 * kr1) + (500.0 / 1113 * kr3) + (125.0 / 192 * kr4) - (2187.0 / 6784 * kr5) + (11.0 / 84 * kr6)));
            Vector3 vNew = v + (h * ((35.0 / 384 * kv1) + (500.0 / 1113 * kv3) + (125.0 / 192 * kv4) - (2187.0 / 6784 * kv5) + (11.0 / 84 * kv6)));
            Vector3 kr7 = vNew;
            // At the burnout boundary the end-point derivative belongs to the burning stage (the step ends exactly there).
            Vector3 kv7 = Acceleration(t + h - 1e-12, rNew, vNew);

            Vector3 er = h * ((71.0 / 57600 * kr1) - (71.0 / 16695 * kr3) + (71.0 / 1920 * kr4) - (17253.0 / 339200 * kr5) + (22.0 / 525 * kr6) - (1.0 / 40 * kr7));
            Vector3 ev = h * ((71.0 / 57600 * kv1) - (71.0 / 16695 * kv3) + (71.0 / 1920 * kv4) - (17253.0 / 339200 * kv5) + (22.0 / 525 * kv6) - (1.0 / 40 * kv7));
            double error = Math.Max(er.Length / options.PositionToleranceMeters, ev.Length / options.VelocityToleranceMetersPerSecond);
            return (rNew, vNew, kv7, error);
        }
    }
}
