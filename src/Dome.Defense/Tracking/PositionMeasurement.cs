using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tracking;

/// <summary>
/// A radar plot converted to an ECEF position with its 3×3 covariance: the spherical noise (range, azimuth,
/// elevation) mapped through the Jacobian of the spherical-to-ENU conversion and rotated into ECEF; from a pulse-Doppler
/// radar, also the range rate with its variance and the antenna it is measured from. Immutable.
/// </summary>
public sealed class PositionMeasurement
{
    private PositionMeasurement(RadarPlot plot, Vector3 position, double[] covariance)
    {
        Plot = plot;
        Position = position;
        Covariance = covariance;
    }

    public RadarPlot Plot { get; }

    public double TimeSeconds => Plot.TimeSeconds;

    /// <summary>ECEF position, m.</summary>
    public Vector3 Position { get; }

    /// <summary>Row-major 3×3 covariance in ECEF, m².</summary>
    public double[] Covariance { get; }

    /// <summary>The range rate a pulse-Doppler radar measured, m/s; null without one.</summary>
    public double? RangeRate { get; private init; }

    /// <summary>Variance of <see cref="RangeRate"/>, (m/s)².</summary>
    public double RangeRateVariance { get; private init; }

    /// <summary>The antenna's ECEF position, m (the origin of the range rate).</summary>
    public Vector3 Antenna { get; private init; }

    /// <summary>A measurement given directly as an ECEF position and covariance (tests of the parts that take positions).</summary>
    internal static PositionMeasurement Synthetic(Vector3 position, double[] covariance, double timeSeconds = 0) =>
        new(new RadarPlot(timeSeconds, "synthetic", 0, 0, 0), position, covariance);

    /// <summary>Converts a plot measured by a radar whose frame is <paramref name="frame"/>.</summary>
    public static PositionMeasurement From(RadarPlot plot, RadarSite site, LocalFrame frame)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(frame);
        double r = plot.RangeMeters;
        double az = plot.AzimuthDegrees * Math.PI / 180, el = plot.ElevationDegrees * Math.PI / 180;
        double ce = Math.Cos(el), se = Math.Sin(el), ca = Math.Cos(az), sa = Math.Sin(az);
        EnuVector enu = new(r * ce * sa, r * ce * ca, r * se);

        // J = ∂(e, n, u)/∂(r, az, el).
        Span<double> j = [ce * sa, r * ce * ca, -r * se * sa, ce * ca, -r * ce * sa, -r * se * ca, se, 0, r * ce];
        double sr = site.RangeSigmaMeters, saz = site.AzimuthSigmaMilliradians * 1e-3, sel = site.ElevationSigmaMilliradians * 1e-3;
        Span<double> d = [Math.Max(sr * sr, 1e-2), Math.Max(saz * saz, 1e-12), Math.Max(sel * sel, 1e-12)];
        Span<double> enuCov = stackalloc double[9];
        for (int a = 0; a < 3; a++)
        {
            for (int b = 0; b < 3; b++)
            {
                enuCov[(a * 3) + b] = (j[a * 3] * d[0] * j[b * 3]) + (j[(a * 3) + 1] * d[1] * j[(b * 3) + 1]) + (j[(a * 3) + 2] * d[2] * j[(b * 3) + 2]);
            }
        }

        // Rotate: C_ecef = M C_enu Mᵀ, with the columns of M the frame's east, north and up axes in ECEF.
        Vector3 e = frame.East, n = frame.North, u = frame.Up;
        double[] m = [e.X, n.X, u.X, e.Y, n.Y, u.Y, e.Z, n.Z, u.Z];
        double[] covariance = new double[9];
        Span<double> tmp = stackalloc double[9];
        Numerics.SmallMatrix.Multiply(m, enuCov, tmp, 3);
        Numerics.SmallMatrix.MultiplyTransposed(tmp, m, covariance, 3);
        Numerics.SmallMatrix.Symmetrize(covariance, 3);
        return new PositionMeasurement(plot, frame.ToEcef(enu).Vector, covariance)
        {
            RangeRate = site.RangeRateSigmaMetersPerSecond is double sigma ? plot.RangeRateMetersPerSecond : null,
            RangeRateVariance = site.RangeRateSigmaMetersPerSecond is double s ? Math.Max(s * s, 1e-4) : 0,
            Antenna = frame.OriginEcef.Vector,
        };
    }
}
