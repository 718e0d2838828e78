using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dome.Defense.Numerics;

/// <summary>
/// Dense row-major operations on small square matrices held in flat arrays (the tracker's 7×7 covariances and 3×3
/// innovations), written to allocate nothing in the hot path. Not thread-safe on shared buffers.
/// </summary>
internal static class SmallMatrix
{
    /// <summary>C = A·B (n×n).</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        if (n == 7 && a.Length >= 49 && b.Length >= 49 && c.Length >= 49)
        {
            Multiply7(a, b, c, transposeB: false);
            return;
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    sum += a[(i * n) + k] * b[(k * n) + j];
                }

                c[(i * n) + j] = sum;
            }
        }
    }

    /// <summary>C = A·Bᵀ (n×n).</summary>
    public static void MultiplyTransposed(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        if (n == 7 && a.Length >= 49 && b.Length >= 49 && c.Length >= 49)
        {
            Multiply7(a, b, c, transposeB: true);
            return;
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    sum += a[(i * n) + k] * b[(j * n) + k];
                }

                c[(i * n) + j] = sum;
            }
        }
    }

    /// <summary>
    /// The tracker's 7×7 products (its covariance's F P Fᵀ, every track every scan): the same sums as the general loops,
    /// term by term in the same order from 0 (so the same bits), with the row of A in registers, the inner loop unrolled
    /// and no bounds checks (the callers' lengths are checked above). C must not overlap A or B.
    /// </summary>
    private static void Multiply7(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, bool transposeB)
    {
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        ref double rc = ref MemoryMarshal.GetReference(c);

        // B's element k of column j: b[k·7 + j], or of row j when transposed: b[j·7 + k].
        int stride = transposeB ? 1 : 7, next = transposeB ? 7 : 1;
        for (int i = 0; i < 7; i++)
        {
            ref double ai = ref Unsafe.Add(ref ra, i * 7);
            double a0 = ai, a1 = Unsafe.Add(ref ai, 1), a2 = Unsafe.Add(ref ai, 2), a3 = Unsafe.Add(ref ai, 3);
            double a4 = Unsafe.Add(ref ai, 4), a5 = Unsafe.Add(ref ai, 5), a6 = Unsafe.Add(ref ai, 6);
            ref double ci = ref Unsafe.Add(ref rc, i * 7);
            for (int j = 0; j < 7; j++)
            {
                ref double bj = ref Unsafe.Add(ref rb, j * next);
                double sum = 0;
                sum += a0 * bj;
                sum += a1 * Unsafe.Add(ref bj, stride);
                sum += a2 * Unsafe.Add(ref bj, 2 * stride);
                sum += a3 * Unsafe.Add(ref bj, 3 * stride);
                sum += a4 * Unsafe.Add(ref bj, 4 * stride);
                sum += a5 * Unsafe.Add(ref bj, 5 * stride);
                sum += a6 * Unsafe.Add(ref bj, 6 * stride);
                Unsafe.Add(ref ci, j) = sum;
            }
        }
    }

    /// <summary>Makes a matrix exactly symmetric: (A + Aᵀ)/2.</summary>
    public static void Symmetrize(Span<double> a, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double m = 0.5 * (a[(i * n) + j] + a[(j * n) + i]);
                a[(i * n) + j] = m;
                a[(j * n) + i] = m;
            }
        }
    }

    /// <summary>Inverse of a symmetric 3×3 matrix by cofactors; false if it is singular.</summary>
    public static bool Invert3(ReadOnlySpan<double> m, Span<double> inverse) => Invert3(m, inverse, out _);

    /// <summary>Inverse of a symmetric 3×3 matrix by cofactors, and its determinant; false if it is singular.</summary>
    public static bool Invert3(ReadOnlySpan<double> m, Span<double> inverse, out double determinant)
    {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double c00 = (e * i) - (f * h), c01 = -((d * i) - (f * g)), c02 = (d * h) - (e * g);
        double det = (a * c00) + (b * c01) + (c * c02);
        determinant = det;
        if (!(Math.Abs(det) > 1e-300) || !double.IsFinite(det))
        {
            return false;
        }

        double inv = 1 / det;
        inverse[0] = c00 * inv;
        inverse[1] = -((b * i) - (c * h)) * inv;
        inverse[2] = ((b * f) - (c * e)) * inv;
        inverse[3] = c01 * inv;
        inverse[4] = ((a * i) - (c * g)) * inv;
        inverse[5] = -((a * f) - (c * d)) * inv;
        inverse[6] = c02 * inv;
        inverse[7] = -((a * h) - (b * g)) * inv;
        inverse[8] = ((a * e) - (b * d)) * inv;
        return true;
    }

    /// <summary>
    /// xᵀ·A⁻¹·x for a symmetric positive-definite n×n matrix A (row-major), by its Cholesky factor A = L·Lᵀ: with L·y = x,
    /// the form is yᵀ·y. False when A is not positive definite. <paramref name="scratch"/> holds n² + n numbers.
    /// </summary>
    public static bool InverseQuadraticForm(ReadOnlySpan<double> a, ReadOnlySpan<double> x, int n, Span<double> scratch, out double form)
    {
        form = double.NaN;
        Span<double> l = scratch[..(n * n)];
        Span<double> y = scratch.Slice(n * n, n);
        if (!Cholesky(a, l, n))
        {
            return false;
        }

        form = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = x[i];
            for (int k = 0; k < i; k++)
            {
                sum -= l[(i * n) + k] * y[k];
            }

            y[i] = sum / l[(i * n) + i];
            form += y[i] * y[i];
        }

        return true;
    }

    /// <summary>
    /// The lower Cholesky factor L of a symmetric positive-definite n×n matrix A = L·Lᵀ (row-major, the upper triangle of
    /// <paramref name="l"/> left as it was); false when A is not positive definite.
    /// </summary>
    public static bool Cholesky(ReadOnlySpan<double> a, Span<double> l, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[(i * n) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return false;
                    }

                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }

        return true;
    }

    /// <summary>xᵀ·M·x for a 3-vector and a 3×3 matrix.</summary>
    public static double QuadraticForm3(double x, double y, double z, ReadOnlySpan<double> m) =>
        (x * ((m[0] * x) + (m[1] * y) + (m[2] * z))) + (y * ((m[3] * x) + (m[4] * y) + (m[5] * z))) + (z * ((m[6] * x) + (m[7] * y) + (m[8] * z)));
}
