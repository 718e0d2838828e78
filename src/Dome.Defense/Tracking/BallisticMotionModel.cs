using Dome.Defense.Numerics;
using Dome.Defense.Prediction;
using Dome.Model.Atmosphere;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tracking;

/// <summary>
/// The motion model of a coasting rocket as the defense assumes it: state x = [r (ECEF, m), v (ECEF, m/s), k], where
/// k = Cd₀·A/m (m²/kg) is the drag parameter the filter estimates; J2 gravity with Coriolis and centrifugal terms; drag
/// −½ρ|v|v·k·Cd(M)/Cd₀ in the standard atmosphere with the generic fin-stabilised curve; no wind (the defense does not
/// know it). Thrust is not modelled: the boost mode of the tracker's IMM covers it with a wide noise along the velocity.
/// Stateless; thread-safe.
/// </summary>
public static class BallisticMotionModel
{
    /// <summary>State dimension.</summary>
    public const int Dimension = 7;

    /// <summary>Index of the drag parameter k in the state.</summary>
    public const int DragIndex = 6;

    private static readonly FlightEnvironment Earth = FlightEnvironment.Standard;
    private static readonly double ReferenceCd = DragCurve.FinStabilizedRocket.At(0);

    /// <summary>The acceleration of the model at a state, m/s² (still air: the defense does not know the wind).</summary>
    public static Vector3 Acceleration(Vector3 r, Vector3 v, double k)
    {
        Vector3 a = Earth.EarthAcceleration(r, v);
        double height = Earth.Height(r);
        if (height > 120_000 || k <= 0)
        {
            return a;
        }

        (double density, double soundSpeed) = StandardAtmosphere.Fast(Math.Max(height, -1000));
        double speed = v.Length;
        double cdRatio = DragCurve.FinStabilizedRocket.At(speed / soundSpeed) / ReferenceCd;
        return a - (v * (0.5 * density * speed * k * cdRatio));
    }

    /// <summary>
    /// Correlation time of the drag error an unknown wind makes, s: the white-noise density that stands for an
    /// acceleration error a is a²·τ. Chosen with the consistency Monte Carlo (`dome bench prediction`).
    /// </summary>
    public const double WindErrorCorrelationSeconds = 5.0;

    /// <summary>The magnitude of the model's drag deceleration at a state in still air, m/s².</summary>
    public static double DragAcceleration(Vector3 r, Vector3 v, double k)
    {
        double height = Earth.Height(r);
        if (height > 120_000 || k <= 0)
        {
            return 0;
        }

        (double density, double soundSpeed) = StandardAtmosphere.Fast(Math.Max(height, -1000));
        double speed = v.Length;
        return 0.5 * density * speed * speed * k * DragCurve.FinStabilizedRocket.At(speed / soundSpeed) / ReferenceCd;
    }

    /// <summary>Height of a position above the ellipsoid (the model's ground), m.</summary>
    public static double Height(Vector3 r) => Earth.Height(r);

    /// <summary>
    /// Advances the mean by RK4 in sub-steps of at most <paramref name="maxStep"/> seconds and the covariance by
    /// F P Fᵀ + Q in steps of at most <paramref name="maxCovarianceStep"/>, over <paramref name="dt"/> seconds.
    /// F = I + A h + A²h²/2 with A the model's Jacobian at the start of the covariance step (ample while ‖A h‖ ≪ 1:
    /// drag and gravity-gradient rates are below 0.05 s⁻¹); Q is white acceleration noise and a random walk of k, as
    /// <paramref name="noise"/> says.
    /// </summary>
    public static void Predict(Span<double> x, Span<double> p, double dt, ProcessNoise noise, double maxStep = 1.0, double maxCovarianceStep = 1.0) =>
        Predict(x, p, dt, noise, maxStep, maxCovarianceStep, null, default);

    /// <summary>
    /// As <see cref="Predict(Span{double}, Span{double}, double, ProcessNoise, double, double)"/>, and carries along the
    /// state's sensitivity to an unknown wind (7×2, row-major: ∂x/∂ξ for the wind σ_w(h)·(ξ_east, ξ_north)):
    /// S ← F S + Γ B̄ with Γ = I h + A h²/2 and B̄ the mean of B = ∂ẋ/∂ξ at the step's two ends.
    /// </summary>
    public static void Predict(Span<double> x, Span<double> p, double dt, ProcessNoise noise, double maxStep, double maxCovarianceStep, WindUncertainty? wind, Span<double> sensitivity)
    {
        if (dt <= 0)
        {
            return;
        }

        int covarianceSteps = Math.Max(1, (int)Math.Ceiling(dt / maxCovarianceStep));
        double hc = dt / covarianceSteps;
        int meanSteps = Math.Max(1, (int)Math.Ceiling(hc / maxStep));
        double h = hc / meanSteps;
        Span<double> a = stackalloc double[49];
        Span<double> f = stackalloc double[49];
        Span<double> tmp = stackalloc double[49];
        Span<double> b0 = stackalloc double[Dimension * 2];
        Span<double> b1 = stackalloc double[Dimension * 2];
        Span<double> fs = stackalloc double[Dimension * 2];
        bool carry = wind is not null && sensitivity.Length == Dimension * 2;
        for (int s = 0; s < covarianceSteps; s++)
        {
            Jacobian(x, a);
            TransitionFromJacobian(a, hc, f);
            SmallMatrix.Multiply(f, p, tmp, Dimension);
            SmallMatrix.MultiplyTransposed(tmp, f, p, Dimension);
            AddProcessNoise(p, hc, noise, x);
            SmallMatrix.Symmetrize(p, Dimension);
            if (carry)
            {
                WindInput(x, wind!, b0);
            }

            for (int m = 0; m < meanSteps; m++)
            {
                Rk4(x, h);
            }

            if (carry)
            {
                WindInput(x, wind!, b1);
                // S ← F S + (I h + A h²/2) (B₀ + B₁)/2; B has rows only for the velocity (3–5).
                for (int i = 0; i < Dimension; i++)
                {
                    for (int c = 0; c < 2; c++)
                    {
                        double sum = 0;
                        for (int k = 0; k < Dimension; k++)
                        {
                            sum += f[(i * Dimension) + k] * sensitivity[(k * 2) + c];
                        }

                        double input = 0;
                        for (int k = 3; k < 6; k++)
                        {
                            double gamma = ((i == k ? hc : 0) + (a[(i * Dimension) + k] * hc * hc / 2));
                            input += gamma * 0.5 * (b0[(k * 2) + c] + b1[(k * 2) + c]);
                        }

                        fs[(i * 2) + c] = sum + input;
                    }
                }

                fs.CopyTo(sensitivity);
            }
        }
    }

    /// <summary>B = ∂ẋ/∂ξ at a state (7×2): the change of the acceleration in the winds σ_w(h)·east and σ_w(h)·north.</summary>
    /// <remarks>
    /// The drag −c(M) |v_a| v_a on the air-relative velocity v_a = v − w (c = ½ρ k Cd(M)/Cd₀, M = |v_a|/a) has
    /// ∂a/∂w = c |v| I + (c + |v| c′(M)/a) v vᵀ/|v| at w = 0; the columns are that matrix times σ_w(h) times east and north.
    /// </remarks>
    private static void WindInput(ReadOnlySpan<double> x, WindUncertainty wind, Span<double> b)
    {
        b.Clear();
        Vector3 r = new(x[0], x[1], x[2]), v = new(x[3], x[4], x[5]);
        double height = Earth.Height(r), speed = v.Length;
        double sigma = wind.SigmaAt(height);
        if (sigma <= 0 || speed <= 0 || height > 120_000 || x[DragIndex] <= 0)
        {
            return;
        }

        (double density, double soundSpeed) = StandardAtmosphere.Fast(Math.Max(height, -1000));
        double mach = speed / soundSpeed;
        double cd = DragCurve.FinStabilizedRocket.At(mach);
        double c = 0.5 * density * x[DragIndex] * cd / ReferenceCd;
        // Along the velocity the drag also moves with the Mach number: (c + |v| c′(M)/a) with c′ = c·Cd′(M)/Cd(M).
        const double dm = 0.01;
        double slope = (DragCurve.FinStabilizedRocket.At(mach + dm) - DragCurve.FinStabilizedRocket.At(Math.Max(mach - dm, 0))) / (mach + dm - Math.Max(mach - dm, 0));
        double along = c + (speed * c * slope / cd / soundSpeed);
        // The local east and north from the geocentric direction: within 0.2° of the geodetic ones, ample for a wind.
        double horizontal = Math.Sqrt((r.X * r.X) + (r.Y * r.Y));
        Vector3 east = new(-r.Y / horizontal, r.X / horizontal, 0);
        Vector3 north = Vector3.Cross(r / r.Length, east);
        Vector3 de = ((east * (c * speed)) + (v * (along * Vector3.Dot(v, east) / speed))) * sigma;
        Vector3 dn = ((north * (c * speed)) + (v * (along * Vector3.Dot(v, north) / speed))) * sigma;
        b[(3 * 2) + 0] = de.X;
        b[(4 * 2) + 0] = de.Y;
        b[(5 * 2) + 0] = de.Z;
        b[(3 * 2) + 1] = dn.X;
        b[(4 * 2) + 1] = dn.Y;
        b[(5 * 2) + 1] = dn.Z;
    }

    /// <summary>Advances the mean only, by RK4.</summary>
    public static void Rk4(Span<double> x, double h)
    {
        Vector3 r = new(x[0], x[1], x[2]), v = new(x[3], x[4], x[5]);
        double k = x[DragIndex];
        Vector3 a1 = Acceleration(r, v, k);
        Vector3 r2 = r + (v * (h / 2)), v2 = v + (a1 * (h / 2));
        Vector3 a2 = Acceleration(r2, v2, k);
        Vector3 r3 = r + (v2 * (h / 2)), v3 = v + (a2 * (h / 2));
        Vector3 a3 = Acceleration(r3, v3, k);
        Vector3 r4 = r + (v3 * h), v4 = v + (a3 * h);
        Vector3 a4 = Acceleration(r4, v4, k);
        Vector3 rNew = r + ((v + (2 * v2) + (2 * v3) + v4) * (h / 6));
        Vector3 vNew = v + ((a1 + (2 * a2) + (2 * a3) + a4) * (h / 6));
        SetPositionVelocity(x, rNew, vNew);
    }

    /// <summary>Writes a position and a velocity into the first six components of a state-shaped vector.</summary>
    internal static void SetPositionVelocity(Span<double> x, Vector3 position, Vector3 velocity)
    {
        x[0] = position.X;
        x[1] = position.Y;
        x[2] = position.Z;
        x[3] = velocity.X;
        x[4] = velocity.Y;
        x[5] = velocity.Z;
    }

    /// <summary>The Jacobian A = ∂ẋ/∂x at x (7×7, row-major), by forward differences of the acceleration.</summary>
    public static void Jacobian(ReadOnlySpan<double> x, Span<double> a)
    {
        a.Clear();
        Vector3 r = new(x[0], x[1], x[2]), v = new(x[3], x[4], x[5]);
        double k = x[DragIndex];
        for (int i = 0; i < 3; i++)
        {
            a[(i * Dimension) + 3 + i] = 1; // ∂ṙ/∂v = I
        }

        Vector3 a0 = Acceleration(r, v, k);
        for (int j = 0; j < Dimension; j++)
        {
            double eps = j < 3 ? 1.0 : j < 6 ? 0.01 : Math.Max(1e-9, Math.Abs(k) * 1e-4);
            Vector3 plus = j < 3 ? Acceleration(r + Unit(j, eps), v, k)
                : j < 6 ? Acceleration(r, v + Unit(j - 3, eps), k)
                : Acceleration(r, v, k + eps);
            Vector3 d = (plus - a0) / eps;
            a[(3 * Dimension) + j] = d.X;
            a[(4 * Dimension) + j] = d.Y;
            a[(5 * Dimension) + j] = d.Z;
        }
    }

    /// <summary>F = I + A h + A² h²/2.</summary>
    /// <remarks>
    /// A has the block form [[0, I, 0], [G, D, c], [0, 0, 0]] (rows and columns r, v, k), so
    /// A² = [[G, D, c], [D G, G + D², D c], [0, 0, 0]]: computed from the blocks, not as a dense product.
    /// </remarks>
    public static void TransitionFromJacobian(ReadOnlySpan<double> a, double h, Span<double> f)
    {
        Span<double> a2 = stackalloc double[49];
        a2.Clear();
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < Dimension; j++)
            {
                a2[(i * Dimension) + j] = a[((i + 3) * Dimension) + j]; // r rows: [G, D, c]
            }

            for (int j = 0; j < 3; j++)
            {
                double dg = 0, dd = 0;
                for (int m = 0; m < 3; m++)
                {
                    double dim = a[((i + 3) * Dimension) + 3 + m];
                    dg += dim * a[((m + 3) * Dimension) + j];
                    dd += dim * a[((m + 3) * Dimension) + 3 + j];
                }

                a2[((i + 3) * Dimension) + j] = dg;
                a2[((i + 3) * Dimension) + 3 + j] = a[((i + 3) * Dimension) + j] + dd;
            }

            double dc = 0;
            for (int m = 0; m < 3; m++)
            {
                dc += a[((i + 3) * Dimension) + 3 + m] * a[((m + 3) * Dimension) + DragIndex];
            }

            a2[((i + 3) * Dimension) + DragIndex] = dc;
        }

        for (int i = 0; i < 49; i++)
        {
            f[i] = (a[i] * h) + (a2[i] * h * h / 2);
        }

        for (int i = 0; i < Dimension; i++)
        {
            f[(i * Dimension) + i] += 1;
        }
    }

    /// <summary>
    /// Q of white acceleration noise with density matrix Q_c = q_cross I + (q_along − q_cross) u uᵀ (u the unit velocity)
    /// over h seconds: Q_rr = Q_c h³/3, Q_rv = Q_c h²/2, Q_vv = Q_c h; and the drag parameter's random walk q_k h.
    /// </summary>
    private static void AddProcessNoise(Span<double> p, double h, ProcessNoise noise, ReadOnlySpan<double> x)
    {
        Vector3 velocity = new(x[3], x[4], x[5]);
        double qAlong = noise.AlongVelocity, qCross = noise.AcrossVelocity;
        if (noise.UnknownWind is { } wind && velocity.Length > 1)
        {
            // Drag acts on the air-relative velocity: a wind error δw moves the drag by about (|a_drag|/|v|)·δw across the
            // velocity and twice that along it (the square law doubles the sensitivity). The wind is a bias, not white
            // noise: its density is that acceleration squared times a correlation time.
            Vector3 r = new(x[0], x[1], x[2]);
            double perWind = DragAcceleration(r, velocity, x[DragIndex]) / velocity.Length * wind.SigmaAt(Earth.Height(r));
            qCross += perWind * perWind * WindErrorCorrelationSeconds;
            qAlong += 4 * perWind * perWind * WindErrorCorrelationSeconds;
        }

        double speed = velocity.Length;
        Vector3 u = speed > 0 ? velocity / speed : default;
        Span<double> uu = [u.X, u.Y, u.Z];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double qc = ((i == j ? qCross : 0) + ((qAlong - qCross) * uu[i] * uu[j]));
                p[(i * Dimension) + j] += qc * h * h * h / 3;
                p[(i * Dimension) + j + 3] += qc * h * h / 2;
                p[((i + 3) * Dimension) + j] += qc * h * h / 2;
                p[((i + 3) * Dimension) + j + 3] += qc * h;
            }
        }

        p[(DragIndex * Dimension) + DragIndex] += noise.Drag * h;
    }

    private static Vector3 Unit(int axis, double length) => axis switch
    {
        0 => new Vector3(length, 0, 0),
        1 => new Vector3(0, length, 0),
        _ => new Vector3(0, 0, length),
    };
}

/// <summary>
/// The process noise of <see cref="BallisticMotionModel"/>: white acceleration noise of spectral density
/// <paramref name="AlongVelocity"/> along the velocity and <paramref name="AcrossVelocity"/> across it ((m/s²)²·s), and
/// a random walk of the drag parameter of density <paramref name="Drag"/> ((m²/kg)²/s). A motor pushes along the
/// rocket's axis, which a fin-stabilised rocket keeps near its velocity: a burning motor needs a wide noise along the
/// velocity only.
/// </summary>
public readonly record struct ProcessNoise(double AlongVelocity, double AcrossVelocity, double Drag)
{
    /// <summary>
    /// The wind the defense does not know; null: none. Its effect on the drag is added as noise that follows the drag:
    /// negligible high up, largest in the dense air of the descent.
    /// </summary>
    public WindUncertainty? UnknownWind { get; init; }

    /// <summary>No process noise: the mean and covariance of the model alone (forecasts).</summary>
    public static ProcessNoise None => default;

    /// <summary>The same acceleration noise density in every direction.</summary>
    public static ProcessNoise Isotropic(double acceleration, double drag) => new(acceleration, acceleration, drag);
}
