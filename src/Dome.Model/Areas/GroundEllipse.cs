using Dome.Model.Geodesy;

namespace Dome.Model.Areas;

/// <summary>
/// An ellipse on the ground: centre, semi-axes in metres and the azimuth of the major axis (degrees clockwise from north).
/// The confidence region of an impact forecast. Validated at construction.
/// </summary>
public readonly record struct GroundEllipse
{
    public GroundEllipse(GeoPoint center, double semiMajorMeters, double semiMinorMeters, double majorAxisAzimuthDegrees)
    {
        if (!(semiMajorMeters > 0) || !double.IsFinite(semiMajorMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(semiMajorMeters), semiMajorMeters, "Semi-axes must be positive and finite.");
        }

        if (!(semiMinorMeters > 0) || !double.IsFinite(semiMinorMeters) || semiMinorMeters > semiMajorMeters)
        {
            throw new ArgumentOutOfRangeException(nameof(semiMinorMeters), semiMinorMeters, "The semi-minor axis must be positive and no longer than the semi-major.");
        }

        if (!double.IsFinite(majorAxisAzimuthDegrees))
        {
            throw new ArgumentOutOfRangeException(nameof(majorAxisAzimuthDegrees), majorAxisAzimuthDegrees, "Azimuth must be finite.");
        }

        Center = center;
        SemiMajorMeters = semiMajorMeters;
        SemiMinorMeters = semiMinorMeters;
        MajorAxisAzimuthDegrees = majorAxisAzimuthDegrees;
    }

    public GeoPoint Center { get; }

    public double SemiMajorMeters { get; }

    public double SemiMinorMeters { get; }

    public double MajorAxisAzimuthDegrees { get; }

    public double AreaSquareMeters => Math.PI * SemiMajorMeters * SemiMinorMeters;

    /// <summary>A circle of a radius in metres.</summary>
    public static GroundEllipse Circle(GeoPoint center, double radiusMeters) => new(center, radiusMeters, radiusMeters, 0);
}
