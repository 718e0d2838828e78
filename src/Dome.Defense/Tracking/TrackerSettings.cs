namespace Dome.Defense.Tracking;

/// <summary>The tracker's knobs, each with its unit. Immutable; the defaults are the ones the tests and benchmarks use.</summary>
public sealed record TrackerSettings
{
    /// <summary>Gate: squared Mahalanobis distance (χ² with 3 degrees of freedom; 16.27 holds 99.9% of true plots).</summary>
    public double GateChiSquared { get; init; } = 16.27;

    /// <summary>Fastest target the initiator pairs plots for, m/s.</summary>
    public double MaxSpeedMetersPerSecond { get; init; } = 2500;

    /// <summary>Shortest time between the two plots that initiate a track, s (closer plots are the same detection).</summary>
    public double MinInitiationIntervalSeconds { get; init; } = 0.4;

    /// <summary>How long an unpaired plot waits for a partner, s.</summary>
    public double TentativePlotLifetimeSeconds { get; init; } = 3.0;

    /// <summary>Hits that confirm a track (M of the first N scans that saw it).</summary>
    public int ConfirmationHits { get; init; } = 4;

    /// <summary>The N of M-of-N: a tentative track that misses this many scans before confirmation is deleted.</summary>
    public int TentativeMaxMisses { get; init; } = 2;

    /// <summary>A confirmed track with no plot for this long is deleted, s.</summary>
    public double CoastSeconds { get; init; } = 6.0;

    /// <summary>White acceleration noise while a rocket may still burn (the track is younger than <see cref="BoostSeconds"/>), (m/s²)²·s.</summary>
    public double BoostAccelerationNoise { get; init; } = 120.0 * 120.0;

    /// <summary>White acceleration noise in ballistic flight (unmodelled drag-curve and wind effects), (m/s²)²·s.</summary>
    public double BallisticAccelerationNoise { get; init; } = 2.0 * 2.0;

    /// <summary>Age after initiation past which the motor is assumed burnt out, s.</summary>
    public double BoostSeconds { get; init; } = 8.0;

    /// <summary>Random-walk density of the drag parameter, (m²/kg)²/s.</summary>
    public double DragNoise { get; init; } = 1e-11;

    /// <summary>Prior on the drag parameter k = Cd₀·A/m (m²/kg) and its standard deviation.</summary>
    public double DragPrior { get; init; } = 1.0e-4;

    public double DragPriorSigma { get; init; } = 6e-5;

    /// <summary>Plots are held this long so that late ones can be put back in time order, s.</summary>
    public double LateWindowSeconds { get; init; }

    public static TrackerSettings Default { get; } = new();
}
