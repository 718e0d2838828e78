using Dome.Model.Geodesy;

namespace Dome.Model.Flight;

/// <summary>The computed figures of a catalog type at its maximum range.</summary>
public sealed record RocketPerformance(RocketType Type, MaximumRange MaximumRange)
{
    public double RangeErrorFraction => (MaximumRange.RangeMeters - Type.PublishedMaxRangeMeters) / Type.PublishedMaxRangeMeters;
}

/// <summary>
/// Computes each type's performance from a reference launch, and calibrates the drag scale that makes the computed
/// maximum range equal the published one. The reference is a launch from 31.50°N 34.50°E (the theatre) towards
/// azimuth 45°, in the standard atmosphere without wind, over the rotating WGS84 earth.
/// </summary>
public static class CatalogCalibration
{
    public static GeoPoint ReferenceLaunchPoint { get; } = new(31.50, 34.50);

    public const double ReferenceAzimuthDegrees = 45.0;

    public static RocketPerformance Evaluate(RocketType type) =>
        new(type, FireControl.FindMaximumRange(type, ReferenceLaunchPoint, ReferenceAzimuthDegrees));

    /// <summary>The drag scale at which the maximum range equals the published figure (to 0.05%), by secant on its logarithm.</summary>
    public static double CalibrateDragScale(RocketType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        double target = type.PublishedMaxRangeMeters;
        double Error(double logScale) =>
            Math.Log(FireControl.FindMaximumRange(type with { DragScale = Math.Exp(logScale) }, ReferenceLaunchPoint, ReferenceAzimuthDegrees).RangeMeters / target);

        double x0 = Math.Log(type.DragScale), x1 = x0 + 0.2;
        double f0 = Error(x0), f1 = Error(x1);
        for (int i = 0; i < 30 && Math.Abs(f1) > 5e-4; i++)
        {
            double x2 = x1 - (f1 * (x1 - x0) / (f1 - f0));
            x2 = Math.Clamp(x2, x1 - 1.5, x1 + 1.5);
            x0 = x1;
            f0 = f1;
            x1 = x2;
            f1 = Error(x1);
        }

        return Math.Exp(x1);
    }
}
