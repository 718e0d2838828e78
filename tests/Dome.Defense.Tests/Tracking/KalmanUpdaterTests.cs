using Dome.Defense.Tracking;

namespace Dome.Defense.Tests.Tracking;

public class KalmanUpdaterTests
{
    [Fact]
    public void Update_MatchesTheTextbookKalmanEquations()
    {
        // x⁺ = x + K(z − Hx), P⁺ = (I − KH)P, K = PHᵀ(HPHᵀ + R)⁻¹, computed here with generic matrices.
        Random random = new(8);
        for (int trial = 0; trial < 50; trial++)
        {
            const int n = 7;
            double[,] p = RandomSpd(random, n, 100);
            double[,] r = RandomSpd(random, 3, 10);
            double[] x = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 1000)];
            double[] z = [.. x.Take(3).Select(v => v + (random.NextDouble() * 50) - 25)];
            double[,] h = new double[3, n];
            for (int i = 0; i < 3; i++)
            {
                h[i, i] = 1;
            }

            double[,] s = Add(Mul(Mul(h, p), T(h)), r);
            double[,] k = Mul(Mul(p, T(h)), Inverse(s));
            double[] nu = [z[0] - x[0], z[1] - x[1], z[2] - x[2]];
            double[] expectedX = [.. Enumerable.Range(0, n).Select(i => x[i] + Enumerable.Range(0, 3).Sum(j => k[i, j] * nu[j]))];
            double[,] expectedP = Sub(p, Mul(Mul(k, h), p));
            double expectedD2 = Enumerable.Range(0, 3).Sum(i => Enumerable.Range(0, 3).Sum(j => nu[i] * Inverse(s)[i, j] * nu[j]));

            double[] xs = [.. x];
            double[] ps = Flatten(p);
            double d2 = KalmanUpdater.Update(xs, ps, n, z[0], z[1], z[2], Flatten(r));
            Assert.Equal(expectedD2, d2, 1e-9);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(expectedX[i], xs[i], 1e-6);
                for (int j = 0; j < n; j++)
                {
                    Assert.Equal(expectedP[i, j], ps[(i * n) + j], 1e-6);
                }
            }
        }
    }

    private static double[,] RandomSpd(Random random, int n, double scale)
    {
        double[,] a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = (random.NextDouble() - 0.5) * scale;
            }
        }

        double[,] spd = Mul(a, T(a));
        for (int i = 0; i < n; i++)
        {
            spd[i, i] += scale;
        }

        return spd;
    }

    private static double[,] Mul(double[,] a, double[,] b)
    {
        double[,] c = new double[a.GetLength(0), b.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < b.GetLength(1); j++)
            {
                for (int k = 0; k < a.GetLength(1); k++)
                {
                    c[i, j] += a[i, k] * b[k, j];
                }
            }
        }

        return c;
    }

    private static double[,] T(double[,] a)
    {
        double[,] t = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                t[j, i] = a[i, j];
            }
        }

        return t;
    }

    private static double[,] Add(double[,] a, double[,] b) => Combine(a, b, 1);

    private static double[,] Sub(double[,] a, double[,] b) => Combine(a, b, -1);

    private static double[,] Combine(double[,] a, double[,] b, double sign)
    {
        double[,] c = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                c[i, j] = a[i, j] + (sign * b[i, j]);
            }
        }

        return c;
    }

    /// <summary>Gauss–Jordan inverse with partial pivoting.</summary>
    private static double[,] Inverse(double[,] a)
    {
        int n = a.GetLength(0);
        double[,] m = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i, j] = a[i, j];
            }

            m[i, n + i] = 1;
        }

        for (int c = 0; c < n; c++)
        {
            int pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            for (int j = 0; j < 2 * n; j++)
            {
                (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            }

            double d = m[c, c];
            for (int j = 0; j < 2 * n; j++)
            {
                m[c, j] /= d;
            }

            for (int r = 0; r < n; r++)
            {
                if (r != c)
                {
                    double f = m[r, c];
                    for (int j = 0; j < 2 * n; j++)
                    {
                        m[r, j] -= f * m[c, j];
                    }
                }
            }
        }

        double[,] inverse = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                inverse[i, j] = m[i, n + j];
            }
        }

        return inverse;
    }

    private static double[] Flatten(double[,] a) => [.. a.Cast<double>()];
}
