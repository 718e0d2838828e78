using Dome.Model.Atmosphere;

namespace Dome.Model.Flight;

/// <summary>
/// An interceptor missile: the airframe and motor (for its flight in the world and for the defense's flyout table), its
/// guidance (proportional navigation, seeker, autopilot), its fuze and warhead, and the engagement envelope the battery
/// respects. Public-order figures where they exist, documented assumptions elsewhere (<see cref="Source"/>). Immutable.
/// </summary>
public sealed record InterceptorType
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required double LengthMeters { get; init; }

    public required double DiameterMeters { get; init; }

    public required double LaunchMassKilograms { get; init; }

    public required double PropellantMassKilograms { get; init; }

    public required double BurnTimeSeconds { get; init; }

    /// <summary>Vacuum-independent motor thrust (constant during the burn), N.</summary>
    public required double ThrustNewtons { get; init; }

    /// <summary>Zero-lift drag coefficient against Mach, on the body's cross-section.</summary>
    public required DragCurve Drag { get; init; }

    /// <summary>Largest lateral acceleration the airframe can pull, m/s².</summary>
    public required double MaxLateralAccelerationMetersPerSecondSquared { get; init; }

    /// <summary>Time constant of the autopilot's first-order response to an acceleration command, s.</summary>
    public required double AutopilotTimeConstantSeconds { get; init; }

    /// <summary>Effective navigation constant of proportional navigation (dimensionless, 3–5 in practice).</summary>
    public required double NavigationConstant { get; init; }

    /// <summary>Range at which the terminal seeker acquires its target, m.</summary>
    public required double SeekerRangeMeters { get; init; }

    /// <summary>One-sigma angular noise of a seeker line-of-sight measurement, mrad.</summary>
    public required double SeekerNoiseMilliradians { get; init; }

    /// <summary>One-sigma glint: the wander of the echo's apparent centre over the target's body, per axis across the line of sight, m.</summary>
    public required double GlintMeters { get; init; }

    /// <summary>Inside this range the seeker gives no new measurement (the end game flies on the last estimate), m.</summary>
    public required double SeekerBlindRangeMeters { get; init; }

    /// <summary>Seeker measurement rate, Hz.</summary>
    public required double SeekerRateHertz { get; init; }

    /// <summary>The proximity fuze fires at closest approach if the miss distance is at most this, m.</summary>
    public required double FuzeRangeMeters { get; init; }

    /// <summary>
    /// Warhead lethality: the kill probability at miss distance d is exp(−d²/(2 R²)) with R this radius, m (a Gaussian,
    /// Carleton-type damage function: the usual smooth form of a fragmentation warhead's lethality).
    /// </summary>
    public required double LethalRadiusMeters { get; init; }

    /// <summary>Longest powered-and-coasting flight before self-destruction, s.</summary>
    public required double MaxFlightTimeSeconds { get; init; }

    /// <summary>Below this speed the interceptor can no longer out-turn a rocket; intercepts must be planned above it, m/s.</summary>
    public required double MinUsefulSpeedMetersPerSecond { get; init; }

    /// <summary>Intercepts are planned no lower than this, so the debris falls short of the defended area, m.</summary>
    public required double MinInterceptAltitudeMeters { get; init; }

    public required double MaxInterceptAltitudeMeters { get; init; }

    /// <summary>Time from the launch order to leaving the rail, s.</summary>
    public required double LaunchDelaySeconds { get; init; }

    /// <summary>Speed on leaving the rail, m/s.</summary>
    public required double RailExitSpeedMetersPerSecond { get; init; }

    public required string Source { get; init; }

    /// <summary>Cross-section, m².</summary>
    public double ReferenceAreaSquareMeters => Math.PI * DiameterMeters * DiameterMeters / 4;

    /// <summary>Mass at a time since launch, kg.</summary>
    public double MassAt(double tSeconds) =>
        LaunchMassKilograms - (PropellantMassKilograms * Math.Clamp(tSeconds / BurnTimeSeconds, 0, 1));

    /// <summary>Thrust at a time since launch, N.</summary>
    public double ThrustAt(double tSeconds) => tSeconds >= 0 && tSeconds < BurnTimeSeconds ? ThrustNewtons : 0;

    /// <summary>Drag deceleration magnitude at a speed, height and time since launch, m/s².</summary>
    public double DragDeceleration(double speedMetersPerSecond, double heightMeters, double tSeconds)
    {
        (double density, double soundSpeed) = StandardAtmosphere.Fast(Math.Max(heightMeters, -1000));
        double q = 0.5 * density * speedMetersPerSecond * speedMetersPerSecond;
        return q * Drag.At(speedMetersPerSecond / soundSpeed) * ReferenceAreaSquareMeters / MassAt(tSeconds);
    }

    /// <summary>The warhead's kill probability at a miss distance (m); zero beyond the fuze range.</summary>
    public double KillProbability(double missMeters)
    {
        if (!(missMeters >= 0) || missMeters > FuzeRangeMeters)
        {
            return 0;
        }

        double x = missMeters / LethalRadiusMeters;
        return Math.Exp(-0.5 * x * x);
    }
}

/// <summary>The interceptors Dome knows.</summary>
public static class InterceptorCatalog
{
    /// <summary>
    /// A short-range air-defense drag curve for a slender finned missile: subsonic ~0.35, transonic peak ~0.6, supersonic
    /// decline (the shape of published curves for 150–170 mm surface-to-air missiles).
    /// </summary>
    public static DragCurve SlenderMissile { get; } = new("slender missile",
    [
        (0.0, 0.35), (0.8, 0.36), (0.95, 0.45), (1.05, 0.60), (1.2, 0.58), (1.5, 0.52), (2.0, 0.45), (2.5, 0.40),
        (3.0, 0.36), (4.0, 0.32),
    ]);

    /// <summary>Tamir-class: ~3 m, 160 mm, ~90 kg, high supersonic.</summary>
    public static InterceptorType Tamir { get; } = new()
    {
        Id = "tamir",
        Name = "Tamir-class interceptor",
        LengthMeters = 3.0,
        DiameterMeters = 0.16,
        LaunchMassKilograms = 90,
        PropellantMassKilograms = 32,
        BurnTimeSeconds = 3.5,
        // Isp ≈ 240 s: 32 kg × 2,354 m/s / 3.5 s; Δv in vacuum ≈ 2,354 × ln(90/58) ≈ 1,030 m/s, so ~Mach 2.5 at burnout.
        ThrustNewtons = 32 * 2354.0 / 3.5,
        Drag = SlenderMissile,
        MaxLateralAccelerationMetersPerSecondSquared = 30 * StandardAtmosphere.StandardGravity,
        AutopilotTimeConstantSeconds = 0.15,
        NavigationConstant = 4,
        SeekerRangeMeters = 4000,
        SeekerNoiseMilliradians = 1.0,
        SeekerRateHertz = 100,
        GlintMeters = 2.5,
        SeekerBlindRangeMeters = 150,
        FuzeRangeMeters = 20,
        LethalRadiusMeters = 4,
        MaxFlightTimeSeconds = 30,
        MinUsefulSpeedMetersPerSecond = 350,
        MinInterceptAltitudeMeters = 300,
        MaxInterceptAltitudeMeters = 10_000,
        LaunchDelaySeconds = 1.0,
        RailExitSpeedMetersPerSecond = 30,
        Source = "Public order: ~3 m, 160 mm, ~90 kg, high supersonic, intercepts up to ~10 km altitude at up to ~15 km "
            + "range. Assumed: motor (Isp 240 s, 3.5 s burn), drag curve, 30 g airframe, seeker (4 km, 1 mrad), fuze "
            + "(20 m) and warhead lethal radius (6 m), chosen so that a battery defends ~10 × 10 km and two "
            + "interceptors kill ~90% of engaged rockets.",
    };

    public static IReadOnlyList<InterceptorType> All { get; } = [Tamir];

    public static InterceptorType? Find(string id) => All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));
}
