using Dome.Defense.Numerics;
using Dome.Defense.Tracking;
using Dome.Model.Areas;
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
    /// unless another is given). A forecast whose impact time is more uncertain than <paramref name="sigmaPointTimeRatio"/>
    /// of its time to go holds its sigma points' spread too (<see cref="SigmaPointTimeRatio"/>; infinity: never).
    /// </summary>
    public static ImpactForecast? Forecast(Track track, WindUncertainty? wind = null, double sigmaPointTimeRatio = SigmaPointTimeRatio)
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
                // Refine the crossing on the mean alone, then carry the covariance and the wind sensitivity once over
                // the fraction found.
                double fraction = CrossingFraction(x0, h0, height, step, meanStep);
                x0.CopyTo(x);
                p0.CopyTo(p);
                s0.CopyTo(sensitivity);
                BallisticMotionModel.Predict(x, p, fraction * step, ProcessNoise.None, meanStep, step, carried, sensitivity);
                t += fraction * step;
                ImpactForecast linear = Project(track, x, p, t, sensitivity);
                if (linear.ImpactTimeSigmaSeconds <= sigmaPointTimeRatio * t)
                {
                    return linear;
                }

                sensitivity.Clear();
                return SigmaPoints(track, linear, carried is null ? linear : Project(track, x, p, t, sensitivity)) is { } spread
                    ? Covering(spread, linear)
                    : linear;
            }

            t += step;
        }

        return null;
    }

    /// <summary>
    /// A forecast whose impact time is this uncertain against its time to go (σ_t / t_go) widens its region to hold its
    /// sigma points' too (<see cref="Covering"/>):
    /// the ground crossing of a low, shallow track is far from linear in its vertical speed (a climb keeps it up for
    /// seconds, a dive brings it down at once), and the linearised region is then much too narrow — a north-haifa Grad
    /// fired flat, seen for half a second 120 m up, was forecast 1.85 km short with a 0.5 km sigma and alerted nowhere.
    /// Ordinary tracks, whose impact time is known to a fraction of the time to go, keep the linearised forecast. At 0.3
    /// the sigma points also widened calibrated young forecasts (200 runs: 7–23% more unneeded alerts in four scenarios,
    /// on time the same); at 0.9, 1–9% (README, "The operational core"). The default; a scenario sets its own
    /// (<c>policy.tracking.sigma_point_time_ratio</c>).
    /// </summary>
    public const double SigmaPointTimeRatio = 0.9;

    /// <summary>
    /// The sigma-point covariance of a track's forecast (κ = 0: the 2n points x ± √n·Lⱼ of the Cholesky factor, equal
    /// weights 1/2n): each point flown to the ground by the mean's dynamics; the ground point's and the impact time's
    /// second moments from the points about the linearised forecast's point and time, which stay the forecast's, plus the
    /// unknown wind's terms of the linearised forecast (<paramref name="linear"/> less <paramref name="windless"/>). Null
    /// when the covariance has no Cholesky factor or a point never comes down.
    /// </summary>
    private static ImpactForecast? SigmaPoints(Track track, ImpactForecast linear, ImpactForecast windless)
    {
        const int n = BallisticMotionModel.Dimension;
        Span<double> l = stackalloc double[n * n];
        l.Clear();
        if (!SmallMatrix.Cholesky(track.Covariance, l, n))
        {
            return null;
        }

        LocalProjection frame = new(linear.ImpactPoint.LatitudeDegrees, linear.ImpactPoint.LongitudeDegrees);
        Span<double> x = stackalloc double[n];
        Span<double> east = stackalloc double[2 * n];
        Span<double> north = stackalloc double[2 * n];
        Span<double> time = stackalloc double[2 * n];
        double spread = Math.Sqrt(n);
        for (int k = 0; k < 2 * n; k++)
        {
            int column = k % n;
            double sign = k < n ? spread : -spread;
            for (int i = 0; i < n; i++)
            {
                x[i] = track.State[i] + (sign * l[(i * n) + column]);
            }

            if (!GroundCrossing(x, out time[k]))
            {
                return null;
            }

            GeoPoint ground = EcefPosition.FromVector(new Vector3(x[0], x[1], x[2])).ToGeodetic();
            (east[k], north[k]) = frame.ToMeters(ground.LongitudeDegrees, ground.LatitudeDegrees);
        }

        // Second moments about the linearised forecast's point and time (the frame's origin, and the mean flown to the
        // ground), not about the points' own mean: the mean state's flight is the better point estimate (the points'
        // mean lies where a skewed spread pulls it), and the region, so centred, takes that skew in as width.
        double mt = linear.ImpactTimeSeconds - track.TimeSeconds;
        double ee = 0, en = 0, nv = 0, tt = 0, te = 0, tn = 0;
        for (int k = 0; k < 2 * n; k++)
        {
            double de = east[k], dn = north[k], dt = time[k] - mt;
            ee += de * de;
            en += de * dn;
            nv += dn * dn;
            tt += dt * dt;
            te += dt * de;
            tn += dt * dn;
        }

        double w = 1.0 / (2 * n);
        return linear with
        {
            ImpactTimeSigmaSeconds = Math.Sqrt(w * tt),
            EastVariance = (w * ee) + (linear.EastVariance - windless.EastVariance),
            EastNorthCovariance = (w * en) + (linear.EastNorthCovariance - windless.EastNorthCovariance),
            NorthVariance = (w * nv) + (linear.NorthVariance - windless.NorthVariance),
            ImpactTimeEastCovariance = (w * te) + (linear.ImpactTimeEastCovariance - windless.ImpactTimeEastCovariance),
            ImpactTimeNorthCovariance = (w * tn) + (linear.ImpactTimeNorthCovariance - windless.ImpactTimeNorthCovariance),
        };
    }

    /// <summary>
    /// The sigma points' forecast with a ground covariance whose region holds the linearised one's too: Σ = Σ_σ + (Σ_lin −
    /// Σ_σ)₊, the difference's positive part by its eigenvectors (so Σ ≥ both in the Loewner order). The sigma points only
    /// widen a region the linearisation made too narrow; along a direction where theirs is the narrower (a young track's
    /// forecast, which errs by a burn or by noise the points do not see), the linearised width stays, as `dome bench
    /// prediction` measured it the better calibrated there.
    /// </summary>
    internal static ImpactForecast Covering(ImpactForecast spread, ImpactForecast linear)
    {
        double a = linear.EastVariance - spread.EastVariance, b = linear.EastNorthCovariance - spread.EastNorthCovariance, c = linear.NorthVariance - spread.NorthVariance;
        double mid = (a + c) / 2, radius = Math.Sqrt((((a - c) / 2) * ((a - c) / 2)) + (b * b));
        double ee = spread.EastVariance, en = spread.EastNorthCovariance, nn = spread.NorthVariance;
        if (Math.Abs(b) <= 1e-12 * (Math.Abs(a) + Math.Abs(c)))
        {
            // Diagonal: the axes are the eigenvectors.
            ee += Math.Max(a, 0);
            nn += Math.Max(c, 0);
        }
        else
        {
            foreach (double lambda in (ReadOnlySpan<double>)[mid + radius, mid - radius])
            {
                if (lambda > 0)
                {
                    // The eigenvector of [[a, b], [b, c]] for λ: (b, λ − a), never zero while b is not.
                    double vx = b, vy = lambda - a, norm = (vx * vx) + (vy * vy);
                    ee += lambda * vx * vx / norm;
                    en += lambda * vx * vy / norm;
                    nn += lambda * vy * vy / norm;
                }
            }
        }

        return spread with { EastVariance = ee, EastNorthCovariance = en, NorthVariance = nn };
    }

    /// <summary>
    /// Flies a state (the mean's dynamics alone) to the ground: <paramref name="x"/> becomes the state at the crossing and
    /// <paramref name="timeToGo"/> the time it took (0 for a state already at or under the ground). False if it does not
    /// come down within 20 minutes.
    /// </summary>
    internal static bool GroundCrossing(Span<double> x, out double timeToGo)
    {
        const int n = BallisticMotionModel.Dimension;
        Span<double> x0 = stackalloc double[n];
        timeToGo = 0;
        double height = BallisticMotionModel.Height(new Vector3(x[0], x[1], x[2]));
        while (height > 0 && timeToGo < 1200)
        {
            x.CopyTo(x0);
            double h0 = height, step = StepFor(x), meanStep = MeanStepSeconds * step / StepSeconds;
            FlyMean(x, step, meanStep);
            height = BallisticMotionModel.Height(new Vector3(x[0], x[1], x[2]));
            if (height <= 0)
            {
                double fraction = CrossingFraction(x0, h0, height, step, meanStep);
                x0.CopyTo(x);
                FlyMean(x, fraction * step, meanStep);
                timeToGo += fraction * step;
                return true;
            }

            timeToGo += step;
        }

        return height <= 0;
    }

    /// <summary>
    /// The fraction of a step at which the mean, <paramref name="h0"/> above the ground at the step's start (state
    /// <paramref name="x0"/>) and <paramref name="h1"/> at its end, crosses the ground: Newton on the height from the
    /// secant's guess, kept inside the step (a Newton step where the descent is slow — a grazing or climbing state —
    /// must not fly the mean beyond it).
    /// </summary>
    private static double CrossingFraction(ReadOnlySpan<double> x0, double h0, double h1, double step, double meanStep)
    {
        Span<double> xm = stackalloc double[BallisticMotionModel.Dimension];
        double fraction = h0 / (h0 - h1);
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

            fraction = Math.Clamp(fraction - (hf / (vUp * step)), 0, 1);
        }

        return fraction;
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
