namespace Dome.Defense.Prediction;

/// <summary>
/// The wind the defense does not know, one sigma per horizontal axis as a function of height: <see cref="SurfaceSigma"/>
/// at the ground, growing linearly to <see cref="AloftSigma"/> at <see cref="AloftHeightMeters"/> and constant above
/// (m/s). The forecast flies its mean in still air and widens its ground covariance by this wind's effect on the impact.
/// Immutable.
/// </summary>
public sealed record WindUncertainty
{
    public WindUncertainty(double surfaceSigma, double aloftSigma, double aloftHeightMeters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(surfaceSigma);
        ArgumentOutOfRangeException.ThrowIfNegative(aloftSigma);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(aloftHeightMeters);
        if (!double.IsFinite(surfaceSigma) || !double.IsFinite(aloftSigma) || !double.IsFinite(aloftHeightMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(surfaceSigma), "Wind sigmas and height must be finite.");
        }

        SurfaceSigma = surfaceSigma;
        AloftSigma = aloftSigma;
        AloftHeightMeters = aloftHeightMeters;
    }

    /// <summary>One sigma at the ground, m/s.</summary>
    public double SurfaceSigma { get; }

    /// <summary>One sigma at and above <see cref="AloftHeightMeters"/>, m/s.</summary>
    public double AloftSigma { get; }

    public double AloftHeightMeters { get; }

    /// <summary>No unknown wind (the forecast's own covariance only).</summary>
    public static WindUncertainty None { get; } = new(0, 0, 1);

    /// <summary>
    /// 8 m/s at the ground, 25 m/s from 10 km up. An assumption, not a measurement: the size of the eastern
    /// Mediterranean's winds when no meteorological message is at hand (light surface winds, the subtropical jet stream
    /// near 10–12 km); a core fed met data would shrink it.
    /// </summary>
    public static WindUncertainty Default { get; } = new(8, 25, 10_000);

    /// <summary>Whether this is no wind at all.</summary>
    public bool IsNone => SurfaceSigma == 0 && AloftSigma == 0;

    /// <summary>One sigma at a height above the ellipsoid, m/s.</summary>
    public double SigmaAt(double heightMeters) =>
        heightMeters <= 0 ? SurfaceSigma
        : heightMeters >= AloftHeightMeters ? AloftSigma
        : SurfaceSigma + ((AloftSigma - SurfaceSigma) * heightMeters / AloftHeightMeters);
}
