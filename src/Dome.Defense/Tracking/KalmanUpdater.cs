using Dome.Defense.Numerics;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tracking;

/// <summary>
/// The Kalman update for a direct position measurement z = H x + w, H = [I₃ 0] (the first three state components), of
/// any state dimension n ≥ 3. Also gives the innovation's squared Mahalanobis distance for gating. Stateless.
/// </summary>
public static class KalmanUpdater
{
    /// <summary>
    /// The squared Mahalanobis distance of a measurement from the predicted position: νᵀ S⁻¹ ν with S = P_rr + R;
    /// +∞ if S is singular.
    /// </summary>
    public static double MahalanobisSquared(ReadOnlySpan<double> x, ReadOnlySpan<double> p, int n, double zx, double zy, double zz, ReadOnlySpan<double> r)
    {
        Span<double> s = stackalloc double[9];
        Span<double> sInv = stackalloc double[9];
        Innovation(p, n, r, s);
        return SmallMatrix.Invert3(s, sInv) ? SmallMatrix.QuadraticForm3(zx - x[0], zy - x[1], zz - x[2], sInv) : double.PositiveInfinity;
    }

    /// <summary>Updates x and P in place; returns the squared Mahalanobis distance of the innovation.</summary>
    public static double Update(Span<double> x, Span<double> p, int n, double zx, double zy, double zz, ReadOnlySpan<double> r) =>
        Update(x, p, n, zx, zy, zz, r, out _);

    /// <summary>
    /// Updates x and P in place; returns the squared Mahalanobis distance νᵀ S⁻¹ ν of the innovation and gives ln det S
    /// (S = P_rr + R in m²): together, −2 ln of the measurement's Gaussian likelihood up to a constant. On a singular
    /// or non-positive S nothing changes and both are +∞.
    /// </summary>
    public static double Update(Span<double> x, Span<double> p, int n, double zx, double zy, double zz, ReadOnlySpan<double> r, out double logDeterminant)
    {
        Span<double> s = stackalloc double[9];
        Span<double> sInv = stackalloc double[9];
        Innovation(p, n, r, s);
        if (!SmallMatrix.Invert3(s, sInv, out double determinant) || !(determinant > 0))
        {
            logDeterminant = double.PositiveInfinity;
            return double.PositiveInfinity;
        }

        logDeterminant = Math.Log(determinant);

        double nu0 = zx - x[0], nu1 = zy - x[1], nu2 = zz - x[2];
        double d2 = SmallMatrix.QuadraticForm3(nu0, nu1, nu2, sInv);

        // K = P Hᵀ S⁻¹ (n×3): P Hᵀ is the first three columns of P.
        Span<double> k = stackalloc double[n * 3];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                k[(i * 3) + j] = (p[(i * n) + 0] * sInv[j]) + (p[(i * n) + 1] * sInv[3 + j]) + (p[(i * n) + 2] * sInv[6 + j]);
            }
        }

        for (int i = 0; i < n; i++)
        {
            x[i] += (k[i * 3] * nu0) + (k[(i * 3) + 1] * nu1) + (k[(i * 3) + 2] * nu2);
        }

        // Joseph-free form P⁺ = P − K H P, then symmetrised: H P is the first three rows of P.
        Span<double> hp = stackalloc double[3 * n];
        p[..(3 * n)].CopyTo(hp);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                p[(i * n) + j] -= (k[i * 3] * hp[j]) + (k[(i * 3) + 1] * hp[n + j]) + (k[(i * 3) + 2] * hp[(2 * n) + j]);
            }
        }

        SmallMatrix.Symmetrize(p, n);
        return d2;
    }

    /// <summary>
    /// The extended Kalman update for a range rate measured from an antenna at <paramref name="antenna"/> (ECEF m):
    /// h(x) = u·v with u = (r − a)/|r − a|, linearised at x: ∂h/∂r = (v − h u)/|r − a|, ∂h/∂v = u, nothing on the
    /// other components. Updates x and P in place; returns ν²/S and gives ln S ((m/s)²); on a non-positive S nothing
    /// changes and both are +∞.
    /// </summary>
    public static double UpdateRangeRate(Span<double> x, Span<double> p, int n, Vector3 antenna, double rangeRate, double variance, out double logVariance)
    {
        Vector3 d = new Vector3(x[0], x[1], x[2]) - antenna, v = new(x[3], x[4], x[5]);
        double range = d.Length;
        if (!(range > 0))
        {
            logVariance = double.PositiveInfinity;
            return double.PositiveInfinity;
        }

        Vector3 u = d / range;
        double predicted = Vector3.Dot(u, v);
        Vector3 hr = (v - (predicted * u)) / range;
        Span<double> h = stackalloc double[n];
        h.Clear();
        BallisticMotionModel.SetPositionVelocity(h, hr, u);

        // P Hᵀ, then S = H P Hᵀ + R.
        Span<double> ph = stackalloc double[n];
        double s = variance;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < 6; j++)
            {
                sum += p[(i * n) + j] * h[j];
            }

            ph[i] = sum;
        }

        for (int j = 0; j < 6; j++)
        {
            s += h[j] * ph[j];
        }

        if (!(s > 0))
        {
            logVariance = double.PositiveInfinity;
            return double.PositiveInfinity;
        }

        double nu = rangeRate - predicted;
        for (int i = 0; i < n; i++)
        {
            x[i] += ph[i] / s * nu;
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                p[(i * n) + j] -= ph[i] * ph[j] / s;
            }
        }

        SmallMatrix.Symmetrize(p, n);
        logVariance = Math.Log(s);
        return nu * nu / s;
    }

    private static void Innovation(ReadOnlySpan<double> p, int n, ReadOnlySpan<double> r, Span<double> s)
    {
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                s[(i * 3) + j] = p[(i * n) + j] + r[(i * 3) + j];
            }
        }
    }
}
