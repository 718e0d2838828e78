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

    private static double[,] Mul(double[,] a, double[,] b) => Matrix.Multiply(a, b);

    private static double[,] T(double[,] a) => Matrix.Transpose(a);

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

    private static double[,] Inverse(double[,] a) => Matrix.Inverse(a);

    private static double[] Flatten(double[,] a) => [.. a.Cast<double>()];
}
