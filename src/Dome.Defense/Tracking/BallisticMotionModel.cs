using Dome.Defense.Numerics;
using Dome.Model.Atmosphere;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tracking;

/// <summary>
/// The motion model of a coasting rocket as the defense assumes it: state x = [r (ECEF, m), v (ECEF, m/s), k], where
/// k = Cd₀·A/m (m²/kg) is the drag parameter the filter estimates; J2 gravity with Coriolis and centrifugal terms; drag
/// −½ρ|v|v·k·Cd(M)/Cd₀ in the standard atmosphere with the generic fin-stabilised curve; no wind (the defense does not
/// know it). Thrust is not modelled: the process noise covers it while a track is young. Stateless; thread-safe.
/// </summary>
public static class BallisticMotionModel
{
    /// <summary>State dimension.</summary>
    public const int Dimension = 7;

    /// <summary>Index of the drag parameter k in the state.</summary>
    public const int DragIndex = 6;

    private static readonly FlightEnvironment Earth = FlightEnvironment.Standard;
    private static readonly double ReferenceCd = DragCurve.FinStabilizedRocket.At(0);

    /// <summary>The acceleration of the model at a state, m/s².</summary>
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

    /// <summary>Height of a position above the ellipsoid (the model's ground), m.</summary>
    public static double Height(Vector3 r) => Earth.Height(r);

    /// <summary>
    /// Advances the mean by RK4 in sub-steps of at most <paramref name="maxStep"/> seconds and the covariance by
    /// F P Fᵀ + Q in steps of at most <paramref name="maxCovarianceStep"/>, over <paramref name="dt"/> seconds.
    /// F = I + A h + A²h²/2 with A the model's Jacobian at the start of the covariance step (ample while ‖A h‖ ≪ 1:
    /// drag and gravity-gradient rates are below 0.05 s⁻¹); Q is white acceleration noise of spectral density
    /// <paramref name="accelerationNoise"/> (m²/s³) and a random walk of k of density <paramref name="dragNoise"/>
    /// ((m²/kg)²/s).
    /// </summary>
    public static void Predict(Span<double> x, Span<double> p, double dt, double accelerationNoise, double dragNoise, double maxStep = 1.0, double maxCovarianceStep = 1.0)
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
        for (int s = 0; s < covarianceSteps; s++)
        {
            Jacobian(x, a);
            TransitionFromJacobian(a, hc, f);
            SmallMatrix.Multiply(f, p, tmp, Dimension);
            SmallMatrix.MultiplyTransposed(tmp, f, p, Dimension);
            AddProcessNoise(p, hc, accelerationNoise, dragNoise);
            SmallMatrix.Symmetrize(p, Dimension);
            for (int m = 0; m < meanSteps; m++)
            {
                Rk4(x, h);
            }
        }
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
        x[0] = rNew.X;
        x[1] = rNew.Y;
        x[2] = rNew.Z;
        x[3] = vNew.X;
        x[4] = vNew.Y;
        x[5] = vNew.Z;
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

    private static void AddProcessNoise(Span<double> p, double h, double q, double qk)
    {
        double pp = q * h * h * h / 3, pv = q * h * h / 2, vv = q * h;
        for (int i = 0; i < 3; i++)
        {
            p[(i * Dimension) + i] += pp;
            p[(i * Dimension) + i + 3] += pv;
            p[((i + 3) * Dimension) + i] += pv;
            p[((i + 3) * Dimension) + i + 3] += vv;
        }

        p[(DragIndex * Dimension) + DragIndex] += qk * h;
    }

    private static Vector3 Unit(int axis, double length) => axis switch
    {
        0 => new Vector3(length, 0, 0),
        1 => new Vector3(0, length, 0),
        _ => new Vector3(0, 0, length),
    };
}
