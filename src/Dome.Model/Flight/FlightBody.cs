namespace Dome.Model.Flight;

/// <summary>
/// What one round is, as the equations of motion see it: mass over time, thrust, and drag. Built from a catalog type
/// and the round's drawn variation, or (for a predictor) from a ballistic coefficient alone. Immutable.
/// </summary>
public sealed record FlightBody
{
    public required double LaunchMassKilograms { get; init; }

    public required double MassFlowKilogramsPerSecond { get; init; }

    public required double BurnTimeSeconds { get; init; }

    public required double ThrustNewtons { get; init; }

    public required double ReferenceAreaSquareMeters { get; init; }

    public required DragCurve Drag { get; init; }

    /// <summary>Multiplier of the drag curve (calibration × per-round variation).</summary>
    public required double DragScale { get; init; }

    /// <summary>The nominal round of a type, or a round with its thrust and drag multiplied by the given factors.</summary>
    public static FlightBody FromType(RocketType type, double thrustFactor = 1.0, double dragFactor = 1.0)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!(thrustFactor > 0) || !(dragFactor > 0) || !double.IsFinite(thrustFactor) || !double.IsFinite(dragFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(thrustFactor), "Thrust and drag factors must be positive and finite.");
        }

        return new FlightBody
        {
            LaunchMassKilograms = type.LaunchMassKilograms,
            MassFlowKilogramsPerSecond = type.BurnTimeSeconds > 0 ? type.PropellantMassKilograms / type.BurnTimeSeconds : 0,
            BurnTimeSeconds = type.BurnTimeSeconds,
            ThrustNewtons = type.ThrustNewtons * thrustFactor,
            ReferenceAreaSquareMeters = type.ReferenceAreaSquareMeters,
            Drag = type.Drag,
            DragScale = type.DragScale * dragFactor,
        };
    }

    /// <summary>Mass at time t after launch, kg.</summary>
    public double MassAt(double tSeconds) =>
        LaunchMassKilograms - (MassFlowKilogramsPerSecond * Math.Clamp(tSeconds, 0, BurnTimeSeconds));

    /// <summary>Ballistic coefficient after burnout at a Mach number, m/(Cd·A) in kg/m².</summary>
    public double BallisticCoefficient(double mach) =>
        MassAt(BurnTimeSeconds) / (Drag.At(mach) * DragScale * ReferenceAreaSquareMeters);
}
