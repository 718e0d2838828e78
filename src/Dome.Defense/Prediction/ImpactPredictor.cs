using Dome.Defense.Numerics;
using Dome.Defense.Tracking;
using Dome.Model.Geodesy;

namespace Dome.Defense.Prediction;

/// <summary>
/// Forecasts a track's ground impact: the mean state is flown to the ground through the same physics as the track's
/// motion model (curved earth, J2 gravity, atmosphere, drag with the estimated k), and the covariance is carried along
/// by the linearised transition; at the surface the position covariance is projected onto the ground along the
/// velocity. An unknown-wind and drag-curve error term grows with the time to go. Stateless; thread-safe.
/// </summary>
public static class ImpactPredictor
{
    /// <summary>Step of the forecast's covariance (and of the ground search), s.</summary>
    public const double StepSeconds = 10.0;

    /// <summary>RK4 sub-step of the forecast's mean, s (the tests bound its error against the exact flight model).</summary>
    public const double MeanStepSeconds = 5.0;

    /// <summary>
    /// Unmodelled lateral drift per second of time-to-go squared (m/s²), one sigma: wind the defense does not know,
    /// and the difference between the generic drag curve and the rocket's own. Chosen by the consistency Monte Carlo.
    /// </summary>
    public const double ModelDriftMetersPerSecondSquared = 0.05;

    /// <summary>The forecast of a track at its current time, or null if it does not come down within 20 minutes.</summary>
    public static ImpactForecast? Forecast(Track track)
    {
        ArgumentNullException.ThrowIfNull(track);
        const int n = BallisticMotionModel.Dimension;
        Span<double> x = stackalloc double[n];
        Span<double> p = stackalloc double[n * n];
        Span<double> x0 = stackalloc double[n];
        Span<double> p0 = stackalloc double[n * n];
        track.State.CopyTo(x);
        track.Covariance.CopyTo(p);
        double t = 0;
        double height = BallisticMotionModel.Height(new Vector3(x[0], x[1], x[2]));
        if (height <= 0)
        {
            return null;
        }

        while (t < 1200)
        {
            x.CopyTo(x0);
            p.CopyTo(p0);
            double h0 = height;
            BallisticMotionModel.Predict(x, p, StepSeconds, 0, 0, MeanStepSeconds, StepSeconds);
            height = BallisticMotionModel.Height(new Vector3(x[0], x[1], x[2]));
            if (height <= 0)
            {
                // Refine the crossing: restart the step from its beginning for the fraction linear in height, twice.
                double fraction = h0 / (h0 - height);
                for (int iteration = 0; iteration < 3; iteration++)
                {
                    x0.CopyTo(x);
                    p0.CopyTo(p);
                    BallisticMotionModel.Predict(x, p, fraction * StepSeconds, 0, 0, MeanStepSeconds, StepSeconds);
                    double hf = BallisticMotionModel.Height(new Vector3(x[0], x[1], x[2]));
                    double vUp = VerticalSpeed(x);
                    if (Math.Abs(hf) < 0.01 || vUp >= 0)
                    {
                        break;
                    }

                    fraction -= hf / (vUp * StepSeconds);
                }

                t += fraction * StepSeconds;
                return Project(track, x, p, t);
            }

            t += StepSeconds;
        }

        return null;
    }

    private static double VerticalSpeed(ReadOnlySpan<double> x)
    {
        Vector3 r = new(x[0], x[1], x[2]), v = new(x[3], x[4], x[5]);
        return Vector3.Dot(v, r / r.Length);
    }

    private static ImpactForecast Project(Track track, ReadOnlySpan<double> x, ReadOnlySpan<double> p, double timeToGo)
    {
        const int n = BallisticMotionModel.Dimension;
        GeoPoint impact = EcefPosition.FromVector(new Vector3(x[0], x[1], x[2])).ToGeodetic().WithHeight(0);
        LocalFrame frame = new(impact);
        EnuVector v = frame.ToEnuVector(new Vector3(x[3], x[4], x[5]));
        Vector3 e = frame.East, nn = frame.North, u = frame.Up;
        // Position covariance in ENU: Mᵀ P_rr M.
        double[] m = [e.X, nn.X, u.X, e.Y, nn.Y, u.Y, e.Z, nn.Z, u.Z];
        Span<double> prr = stackalloc double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                prr[(i * 3) + j] = p[(i * n) + j];
            }
        }

        Span<double> tmp = stackalloc double[9];
        Span<double> enu = stackalloc double[9];
        Span<double> mt = stackalloc double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                mt[(i * 3) + j] = m[(j * 3) + i];
            }
        }

        SmallMatrix.Multiply(mt, prr, tmp, 3);
        SmallMatrix.Multiply(tmp, m, enu, 3);

        // Ground offset of a position error δ along the velocity: δ_h − v_h δ_u / v_u.
        double ge = -v.East / v.Up, gn = -v.North / v.Up;
        double ee = enu[0] + (2 * ge * enu[2]) + (ge * ge * enu[8]);
        double en = enu[1] + (ge * enu[5]) + (gn * enu[2]) + (ge * gn * enu[8]);
        double nv = enu[4] + (2 * gn * enu[5]) + (gn * gn * enu[8]);
        double drift = ModelDriftMetersPerSecondSquared * timeToGo * timeToGo;
        ee += drift * drift;
        nv += drift * drift;
        return new ImpactForecast
        {
            TrackId = track.Id,
            TimeSeconds = track.TimeSeconds,
            ImpactPoint = impact,
            ImpactTimeSeconds = track.TimeSeconds + timeToGo,
            ImpactTimeSigmaSeconds = Math.Sqrt(Math.Max(enu[8], 0)) / Math.Abs(v.Up),
            EastVariance = ee,
            EastNorthCovariance = en,
            NorthVariance = nv,
        };
    }
}
