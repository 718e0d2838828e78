namespace Dome.Model.Flight;

/// <summary>
/// Per-round variation that the world draws: one standard deviation of each effect. The defense knows none of the
/// drawn values, only the nominal type.
/// </summary>
/// <param name="ThrustSigmaFraction">Total-impulse variation (motor temperature, propellant lot), fraction of nominal.</param>
/// <param name="DragSigmaFraction">Drag coefficient variation (fins, finish, fuze shape), fraction of nominal.</param>
/// <param name="ElevationSigmaMilliradians">Launch elevation error (launcher laying, tip-off), mrad.</param>
/// <param name="AzimuthSigmaMilliradians">Launch azimuth error (laying, thrust misalignment), mrad.</param>
public sealed record Dispersion(double ThrustSigmaFraction, double DragSigmaFraction, double ElevationSigmaMilliradians, double AzimuthSigmaMilliradians);

/// <summary>
/// One rocket or mortar type of the catalog: public figures where known (caliber, launch mass, published maximum range)
/// and calibrated unknowns (propellant mass, burn time, thrust, drag-curve scale). Immutable.
/// </summary>
public sealed record RocketType
{
    /// <summary>Stable identifier used in scenario files and on the command line (e.g. <c>grad</c>).</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required double CaliberMillimeters { get; init; }

    /// <summary>Mass at launch, kg.</summary>
    public required double LaunchMassKilograms { get; init; }

    /// <summary>Propellant burnt by the motor, kg (0 for a gun-launched mortar bomb).</summary>
    public required double PropellantMassKilograms { get; init; }

    /// <summary>Motor burn time, s (0 for a mortar bomb).</summary>
    public required double BurnTimeSeconds { get; init; }

    /// <summary>Average vacuum thrust during the burn, N.</summary>
    public required double ThrustNewtons { get; init; }

    /// <summary>Speed along the rail at rail exit (rockets) or muzzle velocity (mortars), m/s.</summary>
    public required double LaunchSpeedMetersPerSecond { get; init; }

    /// <summary>
    /// For a gun-launched round, the muzzle velocities of its propellant charges, ascending (m/s); the fire solution
    /// takes the lowest charge that reaches, as a fire-direction centre does. Empty for rockets.
    /// </summary>
    public IReadOnlyList<double> ChargeSpeedsMetersPerSecond { get; init; } = [];

    public required DragCurve Drag { get; init; }

    /// <summary>Calibrated multiplier of <see cref="Drag"/>, chosen so that the computed maximum range matches the published one.</summary>
    public required double DragScale { get; init; }

    /// <summary>The published maximum range, metres.</summary>
    public required double PublishedMaxRangeMeters { get; init; }

    /// <summary>Elevation limits of the launcher or tube, degrees.</summary>
    public double MinElevationDegrees { get; init; } = 5.0;

    public double MaxElevationDegrees { get; init; } = 80.0;

    public required Dispersion Dispersion { get; init; }

    /// <summary>Where the public figures come from, in a sentence.</summary>
    public required string Source { get; init; }

    /// <summary>Reference (cross-section) area from the caliber, m².</summary>
    public double ReferenceAreaSquareMeters => Math.PI * 0.25 * CaliberMillimeters * CaliberMillimeters * 1e-6;

    public double BurnoutMassKilograms => LaunchMassKilograms - PropellantMassKilograms;

    /// <summary>Effective exhaust velocity implied by thrust, burn time and propellant, m/s.</summary>
    public double ExhaustVelocityMetersPerSecond => PropellantMassKilograms > 0 ? ThrustNewtons * BurnTimeSeconds / PropellantMassKilograms : 0;

    /// <summary>Ideal velocity gain of the motor (Tsiolkovsky), m/s.</summary>
    public double IdealDeltaVMetersPerSecond => PropellantMassKilograms > 0 ? ExhaustVelocityMetersPerSecond * Math.Log(LaunchMassKilograms / BurnoutMassKilograms) : 0;

    public bool IsGunLaunched => BurnTimeSeconds <= 0;
}
