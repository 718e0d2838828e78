using Dome.Defense.Tracking;
using Dome.Model.Geodesy;

namespace Dome.Defense.Engagement;

/// <summary>
/// A track's predicted path: its mean state flown forward through the track's own motion model (RK4, curved earth, drag
/// with the estimated k) and sampled every <see cref="StepSeconds"/> until it reaches the ground. Between samples the
/// position is the cubic Hermite interpolant of the sampled positions and velocities. Immutable.
/// </summary>
public sealed class TargetPath
{
    /// <summary>Sample step, s.</summary>
    public const double StepSeconds = 2.0;

    /// <summary>Longest path predicted, s.</summary>
    public const double HorizonSeconds = 240;

    private readonly Vector3[] _r;
    private readonly Vector3[] _v;
    private readonly double[] _height;

    private TargetPath(int trackId, double t0, Vector3[] r, Vector3[] v, double[] height)
    {
        TrackId = trackId;
        StartSeconds = t0;
        _r = r;
        _v = v;
        _height = height;
    }

    public int TrackId { get; }

    /// <summary>Time of the first sample (the track's state time), s.</summary>
    public double StartSeconds { get; }

    /// <summary>Samples (the last at or just below the ground).</summary>
    public int Count => _r.Length;

    /// <summary>Time of the last sample, s.</summary>
    public double EndSeconds => TimeAt(Count - 1);

    public double TimeAt(int i) => StartSeconds + (i * StepSeconds);

    public Vector3 PositionAt(int i) => _r[i];

    public Vector3 VelocityAt(int i) => _v[i];

    /// <summary>Height of sample i above the ellipsoid, m.</summary>
    public double HeightAt(int i) => _height[i];

    /// <summary>The position at any time within the path (Hermite between samples), ECEF m.</summary>
    public Vector3 Position(double tSeconds)
    {
        double x = Math.Clamp((tSeconds - StartSeconds) / StepSeconds, 0, Count - 1);
        int i = Math.Min((int)x, Count - 2);
        if (i < 0)
        {
            return _r[0];
        }

        double s = x - i, h = StepSeconds;
        double s2 = s * s, s3 = s2 * s;
        return (_r[i] * ((2 * s3) - (3 * s2) + 1)) + (_v[i] * (h * (s3 - (2 * s2) + s)))
            + (_r[i + 1] * ((-2 * s3) + (3 * s2))) + (_v[i + 1] * (h * (s3 - s2)));
    }

    /// <summary>The velocity at any time within the path (linear between samples), ECEF m/s.</summary>
    public Vector3 Velocity(double tSeconds)
    {
        double x = Math.Clamp((tSeconds - StartSeconds) / StepSeconds, 0, Count - 1);
        int i = Math.Min((int)x, Count - 2);
        if (i < 0)
        {
            return _v[0];
        }

        double s = x - i;
        return (_v[i] * (1 - s)) + (_v[i + 1] * s);
    }

    /// <summary>Predicts a track's path from its current state, until it descends below <paramref name="floorMeters"/>.</summary>
    public static TargetPath Predict(Track track, double floorMeters = 0)
    {
        ArgumentNullException.ThrowIfNull(track);
        return Predict(track.Id, track.TimeSeconds, track.State, floorMeters);
    }

    /// <summary>Predicts the path of a state x = [r, v, k] at a time, until it descends below <paramref name="floorMeters"/>.</summary>
    public static TargetPath Predict(int trackId, double t0Seconds, ReadOnlySpan<double> state, double floorMeters = 0)
    {
        Span<double> x = stackalloc double[BallisticMotionModel.Dimension];
        state[..BallisticMotionModel.Dimension].CopyTo(x);
        List<Vector3> r = [new(x[0], x[1], x[2])];
        List<Vector3> v = [new(x[3], x[4], x[5])];
        List<double> height = [BallisticMotionModel.Height(r[0])];
        int steps = (int)(HorizonSeconds / StepSeconds);
        for (int i = 0; i < steps && height[^1] > 0 && !(height[^1] < floorMeters && height.Count > 1 && height[^1] < height[^2]); i++)
        {
            BallisticMotionModel.Rk4(x, StepSeconds);
            Vector3 ri = new(x[0], x[1], x[2]);
            r.Add(ri);
            v.Add(new Vector3(x[3], x[4], x[5]));
            height.Add(BallisticMotionModel.Height(ri));
        }

        return new TargetPath(trackId, t0Seconds, [.. r], [.. v], [.. height]);
    }
}
