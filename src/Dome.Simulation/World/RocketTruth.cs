using Dome.Model.Areas;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Simulation.World;

/// <summary>Where a round would come down if nothing intercepted it.</summary>
public enum ImpactClass
{
    /// <summary>Inside an alert area's polygon: a threat.</summary>
    Threat,

    /// <summary>Outside every alert area, in Israel or at sea: deliberately left alone.</summary>
    OpenGround,

    /// <summary>Inside the launching territory: the round fell short.</summary>
    Short,
}

/// <summary>
/// The truth of one round: how it was launched (with its drawn dispersion), how it flew, and where it would land.
/// Known only to the world and the scorer; the defense never sees it. Immutable.
/// </summary>
public sealed record RocketTruth
{
    public required int Id { get; init; }

    public required int SalvoIndex { get; init; }

    public required RocketType Type { get; init; }

    /// <summary>Launch time, seconds since the scenario start.</summary>
    public required double LaunchTimeSeconds { get; init; }

    public required GeoPoint LaunchPoint { get; init; }

    /// <summary>The point the crew aimed at (before the round's own dispersion).</summary>
    public required GeoPoint AimPoint { get; init; }

    public required double ElevationDegrees { get; init; }

    public required double AzimuthDegrees { get; init; }

    public required double ThrustFactor { get; init; }

    public required double DragFactor { get; init; }

    /// <summary>The share of its burn the motor delivered: 1, or 0.15–0.6 after a motor failure.</summary>
    public double MotorBurnFraction { get; init; } = 1.0;

    public required Trajectory Trajectory { get; init; }

    public required ImpactClass Class { get; init; }

    /// <summary>The alert area of the truth impact point, for a threat.</summary>
    public AlertArea? Area { get; init; }

    public GeoPoint ImpactPoint => Trajectory.ImpactPoint;

    public double ImpactTimeSeconds => LaunchTimeSeconds + Trajectory.FlightTimeSeconds;

    public double FlightTimeSeconds => Trajectory.FlightTimeSeconds;

    /// <summary>DESIGN.md: an alert can precede the impact by the countdown only if the flight lasts countdown + 3 s.</summary>
    public bool Achievable => Area is not null && FlightTimeSeconds >= Area.CountdownSeconds + 3.0;
}
