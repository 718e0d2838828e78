using Dome.Defense.Numerics;
using Dome.Defense.Tracking;
using Dome.Model.Geodesy;

namespace Dome.Defense.Prediction;

/// <summary>
/// Forecasts a track's ground impact: the mean state is flown to the ground through the same physics as the track's
/// motion model (curved earth, J2 gravity, atmosphere, drag with the estimated k), and the covariance is carried along
/// by the linearised transition; at the surface the position covariance is projected onto the ground along the
/// velocity. The wind the defense does not know adds its own term (<see cref="WindUncertainty"/>). Stateless; thread-safe.
/// </summary>
public static class ImpactPredictor
{
    /// <summary>Step of the forecast's covariance (and of the ground search) where the air is dense, s.</summary>
    public const double StepSeconds = 10.0;

    /// <summary>Longest step of the covariance, where the air is thin (the drag rate small), s.</summary>
    public const double MaxStepSeconds = 30.0;

    /// <summary>RK4 sub-step of the forecast's mean in dense air, s (the tests bound its error against the exact flight model).</summary>
    public const double MeanStepSeconds = 5.0;

    /// <summary>
    /// The step for a state: the transition F = I + Ah + A²h²/2 stays accurate while the drag rate ‖∂a/∂v‖ ≈ ρ|v|k·Cd/Cd₀
    /// times h stays near 0.3 or below; gravity's gradient (~1e-5 s⁻²) never limits it. 10 s in the dense air of the
    /// descent, up to 30 s high up, where a long-range round spends most of its flight.
    /// </summary>
    private static double StepFor(ReadOnlySpan<double> x)
    {
        Vector3 r = new(x[0], x[1], x[2]), v = new(x[3], x[4], x[5]);
        double rate = 2 * BallisticMotionModel.DragAcceleration(r, v, x[BallisticMotionModel.DragIndex]) / Math.Max(v.Length, 1);
        return Math.Clamp(0.3 / Math.Max(rate, 1e-9), StepSeconds, MaxStepSeconds);
    }

    /// <summary>
    /// The forecast of a track at its current time, or null if it does not come down within 20 minutes; the ground
    /// covariance includes the effect of the wind the defense does not know (<see cref="WindUncertainty.Default"/>
    /// unless another is given).
    /// </summary>
    public static ImpactForecast? Forecast(Track track, WindUncertainty? wind = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        wind ??= WindUncertainty.Default;
        const int n = BallisticMotionModel.Dimension;
        Span<double> x = stackalloc double[n];
        Span<double> p = stackalloc double[n * n];
        Span<double> x0 = stackalloc double[n];
        Span<double> p0 = stackalloc double[n * n];
        Span<double> sensitivity = stackalloc double[n * 2];
        Span<double> s0 = stackalloc double[n * 2];
        WindUncertainty? carried = wind.IsNone ? null : wind;
        sensitivity.Clear();
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
            sensitivity.CopyTo(s0);
            double h0 = height;
            double step = StepFor(x);
            double meanStep = MeanStepSeconds * step / StepSeconds;
            BallisticMotionModel.Predict(x, p, step, ProcessNoise.None, meanStep, step, carried, sensitivity);
            height = BallisticMotionModel.Height(new Vector3(x[0], x[1], x[2]));
            if (height <= 0)
            {
                // Refine the crossing on the mean alone (Newton on the height, from the step's start), then carry the
                // covariance and the wind sensitivity once over the fraction found.
                double fraction = h0 / (h0 - height);
                Span<double> xm = stackalloc double[n];
                for (int iteration = 0; iteration < 3; iteration++)
                {
                    x0.CopyTo(xm);
                    FlyMean(xm, fraction * step, meanStep);
                    double hf = BallisticMotionModel.Height(new Vector3(xm[0], xm[1], xm[2]));
                    double vUp = VerticalSpeed(xm);
                    if (Math.Abs(hf) < 0.01 || vUp >= 0)
                    {
                        break;
                    }

                    // The crossing lies inside the step (above the ground at its start, under it at its end): a Newton
                    // step where the descent is slow (a grazing or climbing state) must not fly the mean beyond it.
                    fraction = Math.Clamp(fraction - (hf / (vUp * step)), 0, 1);
                }

                x0.CopyTo(x);
                p0.CopyTo(p);
                s0.CopyTo(sensitivity);
                BallisticMotionModel.Predict(x, p, fraction * step, ProcessNoise.None, meanStep, step, carried, sensitivity);
                t += fraction * step;
                return Project(track, x, p, t, sensitivity);
            }

            t += step;
        }

        return null;
    }

    /// <summary>The mean over dt seconds with the RK4 sub-steps <see cref="BallisticMotionModel.Predict(Span{double}, Span{double}, double, ProcessNoise, double, double)"/> takes.</summary>
    private static void FlyMean(Span<double> x, double dt, double meanStep)
    {
        int steps = Math.Max(1, (int)Math.Ceiling(dt / meanStep));
        for (int i = 0; i < steps; i++)
        {
            BallisticMotionModel.Rk4(x, dt / steps);
        }
    }

    private static double VerticalSpeed(ReadOnlySpan<double> x)
    {
        Vector3 r = new(x[0], x[1], x[2]), v = new(x[3], x[4], x[5]);
        return Vector3.Dot(v, r / r.Length);
    }

    private static ImpactForecast Project(Track track, ReadOnlySpan<double> x, ReadOnlySpan<double> p, double timeToGo, ReadOnlySpan<double> windSensitivity)
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

        // The impact time moves by δt = −δ_u / v_u (the height error fallen at the descent rate), together with the
        // ground point: cov(δt, ground east) = −(P_eu + ge P_uu) / v_u, and north alike. A young track whose speed is
        // overestimated lands both farther and later; this is how the planner learns when an area short of the forecast
        // point would be hit.
        double te = -(enu[2] + (ge * enu[8])) / v.Up, tn = -(enu[5] + (gn * enu[8])) / v.Up;

        // The unknown wind: each column of the position sensitivity, into ENU and onto the ground along the velocity;
        // the ground covariance gains J Jᵀ, and the time–ground covariance the products with its time offset.
        for (int c = 0; c < 2; c++)
        {
            Vector3 d = new(windSensitivity[c], windSensitivity[2 + c], windSensitivity[4 + c]);
            double de = Vector3.Dot(d, e), dn = Vector3.Dot(d, nn), du = Vector3.Dot(d, u);
            double je = de + (ge * du), jn = dn + (gn * du), jt = -du / v.Up;
            ee += je * je;
            en += je * jn;
            nv += jn * jn;
            te += jt * je;
            tn += jt * jn;
        }
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
            ImpactTimeEastCovariance = te,
            ImpactTimeNorthCovariance = tn,
        };
    }
}
