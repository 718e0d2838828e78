namespace Dome.Model.Flight;

/// <summary>
/// The rocket and mortar types Dome knows, with public figures (caliber, mass, published maximum range) and calibrated
/// unknowns. Motor figures (propellant, burn time, thrust) are public-order estimates; <see cref="RocketType.DragScale"/>
/// was then calibrated by <c>dome rockets --calibrate</c> so that the computed maximum range over the launcher's
/// elevation limits matches the published figure (the tests hold it within 3%).
/// </summary>
public static class RocketCatalog
{
    public static RocketType Qassam { get; } = new()
    {
        Id = "qassam",
        Name = "Qassam (short)",
        CaliberMillimeters = 115,
        LaunchMassKilograms = 32,
        PropellantMassKilograms = 10,
        BurnTimeSeconds = 1.8,
        ThrustNewtons = 6700,
        LaunchSpeedMetersPerSecond = 20,
        Drag = DragCurve.FinStabilizedRocket,
        DragScale = 0.8867,
        PublishedMaxRangeMeters = 10_000,
        Dispersion = new Dispersion(0.05, 0.06, 15, 15),
        Source = "Improvised; ~115 mm, ~32 kg, ~10 km (DESIGN.md); KNO3/sugar motor with a specific impulse near 120 s.",
    };

    public static RocketType Rocket107 { get; } = new()
    {
        Id = "rocket-107mm",
        Name = "107 mm rocket (Type 63)",
        CaliberMillimeters = 107,
        LaunchMassKilograms = 18.8,
        PropellantMassKilograms = 3.6,
        BurnTimeSeconds = 0.9,
        ThrustNewtons = 7840,
        LaunchSpeedMetersPerSecond = 25,
        Drag = DragCurve.FinStabilizedRocket,
        DragScale = 0.8718,
        PublishedMaxRangeMeters = 8_500,
        Dispersion = new Dispersion(0.02, 0.03, 5, 5),
        Source = "Type 63: 107 mm, 18.8 kg, ~8.5 km, maximum speed ~385 m/s (public data sheets).",
    };

    public static RocketType Grad { get; } = new()
    {
        Id = "grad",
        Name = "122 mm Grad (9M22U)",
        CaliberMillimeters = 122,
        LaunchMassKilograms = 66.6,
        PropellantMassKilograms = 20.45,
        BurnTimeSeconds = 1.8,
        ThrustNewtons = 23400,
        LaunchSpeedMetersPerSecond = 40,
        Drag = DragCurve.FinStabilizedRocket,
        DragScale = 1.2641,
        PublishedMaxRangeMeters = 20_400,
        Dispersion = new Dispersion(0.015, 0.02, 3, 3),
        Source = "9M22U: 122 mm, 66.6 kg, 20.45 kg of propellant, 20.4 km, maximum speed ~690 m/s.",
    };

    public static RocketType GradExtended { get; } = new()
    {
        Id = "grad-er",
        Name = "122 mm extended range",
        CaliberMillimeters = 122,
        LaunchMassKilograms = 68,
        PropellantMassKilograms = 28,
        BurnTimeSeconds = 2.2,
        ThrustNewtons = 28640,
        LaunchSpeedMetersPerSecond = 40,
        Drag = DragCurve.FinStabilizedRocket,
        DragScale = 1.1936,
        PublishedMaxRangeMeters = 40_000,
        Dispersion = new Dispersion(0.02, 0.025, 4, 4),
        Source = "122 mm extended-range rockets: ~40 km (DESIGN.md); longer motor, lighter warhead than the 9M22U.",
    };

    public static RocketType Fajr5 { get; } = new()
    {
        Id = "fajr5",
        Name = "Fajr-5 / M-75 (333 mm)",
        CaliberMillimeters = 333,
        LaunchMassKilograms = 915,
        PropellantMassKilograms = 380,
        BurnTimeSeconds = 4.5,
        ThrustNewtons = 190_000,
        LaunchSpeedMetersPerSecond = 35,
        Drag = DragCurve.FinStabilizedRocket,
        DragScale = 1.1985,
        PublishedMaxRangeMeters = 75_000,
        Dispersion = new Dispersion(0.015, 0.02, 3, 3),
        Source = "Fajr-5: 333 mm, 915 kg, 75 km (public data sheets); the M-75 is its local copy.",
    };

    public static RocketType R160 { get; } = new()
    {
        Id = "r160",
        Name = "R-160 (claimed 160 km)",
        CaliberMillimeters = 302,
        LaunchMassKilograms = 524,
        PropellantMassKilograms = 280,
        BurnTimeSeconds = 6.0,
        ThrustNewtons = 105_000,
        LaunchSpeedMetersPerSecond = 35,
        Drag = DragCurve.FinStabilizedRocket,
        DragScale = 0.7684,
        PublishedMaxRangeMeters = 160_000,
        Dispersion = new Dispersion(0.02, 0.03, 4, 4),
        Source = "Claimed 160 km; modelled on the 302 mm M-302 (~524 kg).",
    };

    public static RocketType Mortar120 { get; } = new()
    {
        Id = "mortar-120mm",
        Name = "120 mm mortar",
        CaliberMillimeters = 120,
        LaunchMassKilograms = 16,
        PropellantMassKilograms = 0,
        BurnTimeSeconds = 0,
        ThrustNewtons = 0,
        LaunchSpeedMetersPerSecond = 325,
        ChargeSpeedsMetersPerSecond = [110, 160, 210, 265, 325],
        Drag = DragCurve.MortarBomb,
        DragScale = 1.0451,
        PublishedMaxRangeMeters = 7_000,
        MinElevationDegrees = 40,
        MaxElevationDegrees = 85,
        Dispersion = new Dispersion(0.01, 0.02, 2, 2),
        Source = "120 mm mortar bomb: ~16 kg, ~7 km, muzzle velocity ~325 m/s at full charge; five charges of public-order muzzle velocities.",
    };

    /// <summary>Every type, in the order of DESIGN.md.</summary>
    public static IReadOnlyList<RocketType> All { get; } = [Qassam, Rocket107, Grad, GradExtended, Fajr5, R160, Mortar120];

    /// <summary>The type with an id (case-insensitive), or null.</summary>
    public static RocketType? Find(string id) =>
        All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The type with an id.</summary>
    /// <exception cref="KeyNotFoundException">No such id; the message lists the known ids.</exception>
    public static RocketType Get(string id) =>
        Find(id) ?? throw new KeyNotFoundException($"unknown rocket type '{id}'; known types: {string.Join(", ", All.Select(t => t.Id))}");
}
