using Dome.Model.Geodesy;

namespace Dome.Model.Flight;

/// <summary>One accepted integration step's end point: time since launch (s), ECEF position (m), velocity (m/s) and acceleration (m/s²).</summary>
public readonly record struct TrajectoryNode(double TimeSeconds, Vector3 Position, Vector3 Velocity, Vector3 Acceleration);

/// <summary>
/// A flown trajectory from launch to ground impact. The recorded nodes carry position, velocity and acceleration, so the
/// state between them is recovered by cubic Hermite interpolation to the integrator's accuracy. Immutable.
/// </summary>
public sealed class Trajectory
{
    private readonly TrajectoryNode[] _nodes;

    internal Trajectory(TrajectoryNode[] nodes, GeoPoint launchPoint, GeoPoint impactPoint, double impactTimeSeconds,
        Vector3 impactVelocityEcef, double apogeeHeightMeters, double apogeeTimeSeconds, double burnoutSpeedMetersPerSecond)
    {
        _nodes = nodes;
        LaunchPoint = launchPoint;
        ImpactPoint = impactPoint;
        FlightTimeSeconds = impactTimeSeconds;
        ImpactVelocityEcef = impactVelocityEcef;
        ApogeeHeightMeters = apogeeHeightMeters;
        ApogeeTimeSeconds = apogeeTimeSeconds;
        BurnoutSpeedMetersPerSecond = burnoutSpeedMetersPerSecond;
    }

    public GeoPoint LaunchPoint { get; }

    /// <summary>Where the round reaches the ground (height 0 on the ellipsoid).</summary>
    public GeoPoint ImpactPoint { get; }

    /// <summary>Time from launch to impact, s.</summary>
    public double FlightTimeSeconds { get; }

    public Vector3 ImpactVelocityEcef { get; }

    public double ImpactSpeedMetersPerSecond => ImpactVelocityEcef.Length;

    /// <summary>Angle of the impact velocity below the local horizontal, degrees.</summary>
    public double ImpactAngleDegrees
    {
        get
        {
            EnuVector v = new LocalFrame(ImpactPoint).ToEnuVector(ImpactVelocityEcef);
            return Math.Atan2(-v.Up, v.HorizontalLength) * 180 / Math.PI;
        }
    }

    /// <summary>Highest point above the ellipsoid, metres.</summary>
    public double ApogeeHeightMeters { get; }

    public double ApogeeTimeSeconds { get; }

    /// <summary>Speed at the end of the motor burn (the launch speed for a gun-launched round), m/s.</summary>
    public double BurnoutSpeedMetersPerSecond { get; }

    /// <summary>Geodesic distance from the launch point to the impact point, metres.</summary>
    public double GroundRangeMeters => Geodesic.Inverse(LaunchPoint, ImpactPoint).DistanceMeters;

    public IReadOnlyList<TrajectoryNode> Nodes => _nodes;

    /// <summary>The ECEF position and velocity at a time since launch, interpolated between integration nodes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time lies outside [0, flight time].</exception>
    public (Vector3 Position, Vector3 Velocity) StateAt(double tSeconds)
    {
        if (!(tSeconds >= 0) || tSeconds > FlightTimeSeconds + 1e-9)
        {
            throw new ArgumentOutOfRangeException(nameof(tSeconds), tSeconds, "Time must lie within the flight.");
        }

        int hi = 1;
        int lo = 0;
        int right = _nodes.Length - 1;
        // Binary search for the node interval that holds t.
        while (right - lo > 1)
        {
            int mid = (lo + right) / 2;
            if (_nodes[mid].TimeSeconds <= tSeconds)
            {
                lo = mid;
            }
            else
            {
                right = mid;
            }
        }

        hi = right;
        TrajectoryNode a = _nodes[lo];
        TrajectoryNode b = _nodes[hi];
        double h = b.TimeSeconds - a.TimeSeconds;
        if (h <= 0)
        {
            return (a.Position, a.Velocity);
        }

        double s = (tSeconds - a.TimeSeconds) / h;
        return (Hermite.Position(a.Position, a.Velocity, b.Position, b.Velocity, h, s),
                Hermite.Position(a.Velocity, a.Acceleration, b.Velocity, b.Acceleration, h, s));
    }
}

/// <summary>Cubic Hermite interpolation on one step, from values and derivatives at both ends.</summary>
internal static class Hermite
{
    public static Vector3 Position(Vector3 p0, Vector3 d0, Vector3 p1, Vector3 d1, double h, double s)
    {
        double s2 = s * s;
        double s3 = s2 * s;
        double h00 = (2 * s3) - (3 * s2) + 1;
        double h10 = s3 - (2 * s2) + s;
        double h01 = (-2 * s3) + (3 * s2);
        double h11 = s3 - s2;
        return new Vector3(
            (h00 * p0.X) + (h10 * h * d0.X) + (h01 * p1.X) + (h11 * h * d1.X),
            (h00 * p0.Y) + (h10 * h * d0.Y) + (h01 * p1.Y) + (h11 * h * d1.Y),
            (h00 * p0.Z) + (h10 * h * d0.Z) + (h01 * p1.Z) + (h11 * h * d1.Z));
    }
}
