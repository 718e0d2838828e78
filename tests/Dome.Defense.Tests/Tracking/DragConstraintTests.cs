using Dome.Defense.Tracking;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Tracking;

public class DragConstraintTests
{
    private const int N = BallisticMotionModel.Dimension;
    private const int K = BallisticMotionModel.DragIndex;

    /// <summary>The contract suite's settings without process noise: the update alone moves the state.</summary>
    private static TrackerSettings Quiet => TrackFilterContract.Quiet;

    [Fact]
    public void Apply_IsTheGaussianMeanGivenNoDrag()
    {
        // The mean of N(x, P) given k = 0, in information form (Λ = P⁻¹): x_f − Λ_ff⁻¹ Λ_fk (0 − x_k). An independent
        // route to the same point: the projection works in covariance form, this one inverts P and then a 6 × 6 block.
        Random random = new(11);
        double[,] a = new double[N, N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                a[i, j] = (random.NextDouble() * 2) - 1;
            }
        }

        double[,] p = Matrix.Multiply(a, Matrix.Transpose(a));
        double[] scale = [300, 200, 250, 20, 30, 25, 1e-4];
        for (int i = 0; i < N; i++)
        {
            p[i, i] += 0.5;
        }

        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                p[i, j] *= scale[i] * scale[j];
            }
        }

        double[] x = [4_400_000, 3_000_000, 3_300_000, 400, -250, 300, -3e-5];
        double[] projected = [.. x];
        Assert.True(DragConstraint.Apply(projected, Matrix.Flatten(p)));

        double[,] information = Matrix.Inverse(p);
        double[,] free = new double[N - 1, N - 1];
        double[] coupling = new double[N - 1];
        for (int i = 0; i < N - 1; i++)
        {
            coupling[i] = information[i, K];
            for (int j = 0; j < N - 1; j++)
            {
                free[i, j] = information[i, j];
            }
        }

        double[] shift = Matrix.Multiply(Matrix.Inverse(free), coupling);
        for (int i = 0; i < N - 1; i++)
        {
            double expected = x[i] + (shift[i] * x[K]);
            Assert.Equal(expected, projected[i], 1e-7 * (Math.Abs(x[i] - expected) + scale[i]));
        }

        Assert.Equal(0, projected[K]);
    }

    [Theory]
    [InlineData(1.2e-4)]
    [InlineData(0.0)]
    public void Apply_LeavesAStateWithoutNegativeDragAsItIs(double k)
    {
        (double[] x, double[] p) = TestStates.Grad(12, [50 * 50, 70 * 70, 60 * 60, 20 * 20, 25 * 25, 15 * 15, 4e-10]);
        p[K] = p[K * N] = 0.5 * 50 * 2e-5;
        x[K] = k;
        double[] before = [.. x];
        Assert.False(DragConstraint.Apply(x, p));
        Assert.Equal(before, x);
    }

    [Fact]
    public void Update_OfARocketFasterThanItsDragAllows_EndsAtNoDrag_InTheBallisticFilter()
    {
        (Track track, double[] plot) = FasterThanDragAllows(withModes: false);
        (double[] free, double[] freeCovariance) = (track.State.ToArray(), track.Covariance.ToArray());
        double[] r = [5 * 5, 0, 0, 0, 5 * 5, 0, 0, 0, 5 * 5];
        KalmanUpdater.Update(free, freeCovariance, N, plot[0], plot[1], plot[2], r);
        Assert.True(free[K] < 0, $"the unconstrained update should read negative drag, k = {free[K]}");

        InteractingMultipleModel.UpdateTrack(track, PositionMeasurement.Synthetic(new Vector3(plot[0], plot[1], plot[2]), r), Quiet);

        AssertProjected(free, freeCovariance, track.State.ToArray());
        Assert.Equal(freeCovariance, track.Covariance.ToArray());
    }

    [Fact]
    public void Update_OfARocketFasterThanItsDragAllows_ProjectsEachModeThatReadsNegativeDrag_InTheImm()
    {
        (Track track, double[] plot) = FasterThanDragAllows(withModes: true);
        double[] r = [5 * 5, 0, 0, 0, 5 * 5, 0, 0, 0, 5 * 5];
        TrackModes modes = track.Modes!;
        double[][] free = [.. modes.States.Select(x => x.ToArray())], freeCovariances = [.. modes.Covariances.Select(c => c.ToArray())];
        for (int j = 0; j < TrackModes.Count; j++)
        {
            KalmanUpdater.Update(free[j], freeCovariances[j], N, plot[0], plot[1], plot[2], r);
        }

        Assert.True(free[TrackModes.Ballistic][K] < 0, $"the unconstrained update should read negative drag, k = {free[TrackModes.Ballistic][K]}");

        InteractingMultipleModel.UpdateTrack(track, PositionMeasurement.Synthetic(new Vector3(plot[0], plot[1], plot[2]), r), Quiet);

        // Each mode is its own unconstrained update, projected where its k fell below zero and untouched where not.
        for (int j = 0; j < TrackModes.Count; j++)
        {
            if (free[j][K] < 0)
            {
                AssertProjected(free[j], freeCovariances[j], modes.States[j]);
            }
            else
            {
                Assert.Equal(free[j], modes.States[j], (a, b) => Math.Abs(a - b) <= 1e-9 * (1 + Math.Abs(a)));
            }
        }

        Assert.True(track.State[K] >= 0);
    }

    /// <summary>
    /// k at zero, and the other components moved with k along their correlation — the filter's own covariance, not a
    /// guess: x_i − P_ik / P_kk · k of the unconstrained update.
    /// </summary>
    private static void AssertProjected(double[] free, double[] freeCovariance, double[] actual)
    {
        Assert.Equal(0, actual[K]);
        for (int i = 0; i < K; i++)
        {
            double expected = free[i] - (freeCovariance[(i * N) + K] / freeCovariance[(K * N) + K] * free[K]);
            Assert.Equal(expected, actual[i], 1e-6 * (1 + Math.Abs(expected)));
        }
    }

    /// <summary>
    /// A Grad track with k uncertain (σ 10⁻⁴ m²/kg on 1.2 × 10⁻⁴) and its velocity well known, predicted 1 s, and a plot
    /// 40 m ahead of the prediction along the velocity: drag of 20 m/s² makes 10 m a second, so only a k below zero
    /// explains the plot.
    /// </summary>
    private static (Track Track, double[] Plot) FasterThanDragAllows(bool withModes)
    {
        (double[] x, double[] p) = TestStates.Grad(8, [5 * 5, 5 * 5, 5 * 5, 1, 1, 1, 1e-8]);
        Track track = Track.FromEstimate(1, 0, x, p);
        if (withModes)
        {
            track.Modes = new TrackModes(x, p, 0.2);
        }

        InteractingMultipleModel.PredictTrack(track, 1.0, Quiet);
        Vector3 v = new(track.State[3], track.State[4], track.State[5]);
        Vector3 ahead = new Vector3(track.State[0], track.State[1], track.State[2]) + (v * (40 / v.Length));
        return (track, [ahead.X, ahead.Y, ahead.Z]);
    }
}
