using Dome.Defense.Tracking;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Tracking;

/// <summary>
/// The shared suite every track filter passes (the single ballistic model, and the IMM with both modes set alike):
/// against the closed-form Kalman results of the linear measurement model, and against the textbook predict-update
/// built here from an independent numerical linearisation of the flow.
/// </summary>
public abstract class TrackFilterContract
{
    private const int N = BallisticMotionModel.Dimension;

    /// <summary>Settings under which the filter's models have no process noise (so the closed forms hold exactly).</summary>
    internal static TrackerSettings Quiet { get; } = TrackerSettings.Default with
    {
        BallisticAccelerationNoise = 0,
        BoostAccelerationNoise = 0,
        BoostCrossAccelerationNoise = 0,
        DragNoise = 0,
        UnknownWind = Dome.Defense.Prediction.WindUncertainty.None,
        BoostCollapseProbability = 0,
    };

    /// <summary>A track of this filter on (x, P).</summary>
    protected abstract Track Create(double[] x, double[] p);

    [Fact]
    public void RepeatedUpdates_WithoutMotion_GiveTheInformationFormPosterior()
    {
        // P_n⁻¹ = P₀⁻¹ + n Hᵀ R⁻¹ H and x_n = P_n (P₀⁻¹ x₀ + Hᵀ R⁻¹ Σ zᵢ) for H = [I₃ 0]: the static linear case.
        (double[] x0, double[] p0) = Prior();
        Track track = Create([.. x0], [.. p0]);
        double[,] r = { { 900, 200, 0 }, { 200, 1600, -300 }, { 0, -300, 2500 } };
        double[,] rInverse = Matrix.Inverse(r);
        Random random = new(3);
        double[] sum = new double[3];
        const int n = 12;
        for (int i = 0; i < n; i++)
        {
            double[] z = [x0[0] + (random.NextDouble() * 200) - 100, x0[1] + (random.NextDouble() * 200) - 100, x0[2] + (random.NextDouble() * 200) - 100];
            for (int k = 0; k < 3; k++)
            {
                sum[k] += z[k];
            }

            InteractingMultipleModel.UpdateTrack(track, PositionMeasurement.Synthetic(new Vector3(z[0], z[1], z[2]), Matrix.Flatten(r)), Quiet);
        }

        double[,] information = Matrix.Inverse(Matrix.Square(p0, N));
        double[] vector = Matrix.Multiply(information, x0);
        for (int a = 0; a < 3; a++)
        {
            for (int b = 0; b < 3; b++)
            {
                information[a, b] += n * rInverse[a, b];
                vector[a] += rInverse[a, b] * sum[b];
            }
        }

        double[,] expectedP = Matrix.Inverse(information);
        double[] expectedX = Matrix.Multiply(expectedP, vector);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(expectedX[i], track.State[i], 1e-6 * (1 + Math.Abs(expectedX[i])));
            for (int j = 0; j < N; j++)
            {
                Assert.Equal(expectedP[i, j], track.Covariance[(i * N) + j], 1e-6 * (1 + Math.Abs(expectedP[i, j])));
            }
        }
    }

    [Fact]
    public void PredictThenUpdate_IsTheTextbookExtendedKalmanStep()
    {
        // x⁻ = f(x), P⁻ = F P Fᵀ with F the flow's Jacobian by central differences of the mean alone (an independent
        // linearisation of the same physics); then the Kalman update with H = [I₃ 0].
        (double[] x0, double[] p0) = Prior();
        Track track = Create([.. x0], [.. p0]);
        const double dt = 0.5;
        InteractingMultipleModel.PredictTrack(track, dt, Quiet);

        double[] mean = [.. x0];
        BallisticMotionModel.Rk4(mean, dt);
        double[,] f = new double[N, N];
        double[] steps = [1, 1, 1, 0.01, 0.01, 0.01, 1e-7];
        for (int j = 0; j < N; j++)
        {
            double[] plus = [.. x0], minus = [.. x0];
            plus[j] += steps[j];
            minus[j] -= steps[j];
            BallisticMotionModel.Rk4(plus, dt);
            BallisticMotionModel.Rk4(minus, dt);
            for (int i = 0; i < N; i++)
            {
                f[i, j] = (plus[i] - minus[i]) / (2 * steps[j]);
            }
        }

        double[,] predicted = Matrix.Multiply(Matrix.Multiply(f, Matrix.Square(p0, N)), Matrix.Transpose(f));
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(mean[i], track.State[i], 1e-6 * (1 + Math.Abs(mean[i])));
            for (int j = 0; j < N; j++)
            {
                Assert.Equal(predicted[i, j], track.Covariance[(i * N) + j], 2e-3 * Math.Sqrt(Math.Abs(predicted[i, i] * predicted[j, j])) + 1e-12);
            }
        }

        double[] z = [mean[0] + 40, mean[1] - 25, mean[2] + 10];
        double[,] r = { { 400, 0, 0 }, { 0, 900, 0 }, { 0, 0, 625 } };
        double[,] s = new double[3, 3];
        for (int a = 0; a < 3; a++)
        {
            for (int b = 0; b < 3; b++)
            {
                s[a, b] = track.Covariance[(a * N) + b] + r[a, b];
            }
        }

        double[,] prior = Matrix.Square(track.Covariance, N);
        double[,] gain = new double[N, 3];
        double[,] sInverse = Matrix.Inverse(s);
        for (int i = 0; i < N; i++)
        {
            for (int b = 0; b < 3; b++)
            {
                for (int a = 0; a < 3; a++)
                {
                    gain[i, b] += prior[i, a] * sInverse[a, b];
                }
            }
        }

        double[] expected = [.. track.State];
        double[] nu = [z[0] - expected[0], z[1] - expected[1], z[2] - expected[2]];
        for (int i = 0; i < N; i++)
        {
            expected[i] += (gain[i, 0] * nu[0]) + (gain[i, 1] * nu[1]) + (gain[i, 2] * nu[2]);
        }

        InteractingMultipleModel.UpdateTrack(track, PositionMeasurement.Synthetic(new Vector3(z[0], z[1], z[2]), Matrix.Flatten(r)), Quiet);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(expected[i], track.State[i], 1e-6 * (1 + Math.Abs(expected[i])));
        }
    }

    private static (double[] X, double[] P) Prior()
    {
        (double[] x, double[] p) = TestStates.Grad(15, [120 * 120, 90 * 90, 150 * 150, 30 * 30, 25 * 25, 40 * 40, 4e-10]);
        p[1] = p[N] = 0.3 * 120 * 90;
        p[3] = p[3 * N] = 0.5 * 120 * 30;
        return (x, p);
    }
}

/// <summary>The ballistic filter alone (a track without modes).</summary>
public sealed class BallisticFilterContractTests : TrackFilterContract
{
    protected override Track Create(double[] x, double[] p) => Track.FromEstimate(1, 0, x, p);
}

/// <summary>The IMM, its two modes given the same (noise-free) model: it must behave as the one filter.</summary>
public sealed class ImmFilterContractTests : TrackFilterContract
{
    protected override Track Create(double[] x, double[] p)
    {
        Track track = Track.FromEstimate(1, 0, x, p);
        track.Modes = new TrackModes(x, p, 0.5);
        return track;
    }
}

/// <summary>Dense matrix helpers for the contract's closed forms, written independently of the filters' own.</summary>
internal static class Matrix
{
    public static double[,] Square(double[] flat, int n)
    {
        double[,] m = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i, j] = flat[(i * n) + j];
            }
        }

        return m;
    }

    public static double[] Flatten(double[,] m) => [.. m.Cast<double>()];

    public static double[,] Transpose(double[,] a)
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

    public static double[,] Multiply(double[,] a, double[,] b)
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

    public static double[] Multiply(double[,] a, double[] v) =>
        [.. Enumerable.Range(0, a.GetLength(0)).Select(i => Enumerable.Range(0, v.Length).Sum(k => a[i, k] * v[k]))];

    /// <summary>Gauss–Jordan inverse with partial pivoting.</summary>
    public static double[,] Inverse(double[,] a)
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
                    double factor = m[r, c];
                    for (int j = 0; j < 2 * n; j++)
                    {
                        m[r, j] -= factor * m[c, j];
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
}
