using Dome.Defense.Numerics;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tracking;

/// <summary>Where a track stands in its life.</summary>
public enum TrackStatus
{
    /// <summary>Initiated from two plots; not yet confirmed.</summary>
    Tentative,

    /// <summary>Confirmed (M of N updates): forecasts are made for it.</summary>
    Confirmed,

    /// <summary>Deleted: no longer updated.</summary>
    Deleted,
}

/// <summary>
/// One track: the filter's state x = [r, v, k] (ECEF m, m/s, m²/kg) and its 7×7 covariance at <see cref="TimeSeconds"/>,
/// with its bookkeeping. Mutable; owned by one <see cref="Tracker"/>.
/// </summary>
public sealed class Track
{
    internal Track(int id, double timeSeconds, double[] state, double[] covariance, double initiatedAtSeconds)
    {
        Id = id;
        TimeSeconds = timeSeconds;
        State = state;
        Covariance = covariance;
        InitiatedAtSeconds = initiatedAtSeconds;
        LastUpdateSeconds = timeSeconds;
    }

    /// <summary>
    /// A confirmed track from a recorded estimate (replays, benchmarks, tests): state x = [r, v, k] and its 7×7 covariance
    /// (row-major) at a time.
    /// </summary>
    public static Track FromEstimate(int id, double timeSeconds, double[] state, double[] covariance)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(covariance);
        ArgumentOutOfRangeException.ThrowIfNotEqual(state.Length, BallisticMotionModel.Dimension, nameof(state));
        ArgumentOutOfRangeException.ThrowIfNotEqual(covariance.Length, BallisticMotionModel.Dimension * BallisticMotionModel.Dimension, nameof(covariance));
        return new Track(id, timeSeconds, [.. state], [.. covariance], timeSeconds) { Status = TrackStatus.Confirmed, ConfirmedAtSeconds = timeSeconds };
    }

    public int Id { get; }

    public TrackStatus Status { get; internal set; } = TrackStatus.Tentative;

    /// <summary>Time of <see cref="State"/>, s.</summary>
    public double TimeSeconds { get; internal set; }

    public double[] State { get; }

    public double[] Covariance { get; }

    /// <summary>Time of the first plot of the track, s.</summary>
    public double InitiatedAtSeconds { get; }

    /// <summary>The first and the last time the boost mode was the likelier of the two, s (−∞ if never).</summary>
    internal double FirstBoostingSeconds { get; set; } = double.NegativeInfinity;

    internal double LastBoostingSeconds { get; set; } = double.NegativeInfinity;

    /// <summary>The track's speed the first and the last time the boost mode was the likelier, m/s.</summary>
    internal double FirstBoostingSpeed { get; set; }

    internal double LastBoostingSpeed { get; set; }

    /// <summary>The motor's push measured from range rates while the track may still burn (its modes; <see cref="BoostPush"/>).</summary>
    internal BoostPush Push => _push ??= new();

    private BoostPush? _push;

    /// <summary>Whether the track has taken a drag class's prior (<see cref="LongBurnDragClass"/>).</summary>
    internal bool DragClassified { get; set; }

    public double? ConfirmedAtSeconds { get; internal set; }

    public double LastUpdateSeconds { get; internal set; }

    /// <summary>The latest measurement that updated the track (the second of its initiating pair at first).</summary>
    internal PositionMeasurement? LastMeasurement { get; set; }

    /// <summary>Plots that updated the track (the two that initiated it included).</summary>
    public int Hits { get; internal set; } = 2;

    /// <summary>Scans that saw the track's predicted position but gave it no plot, since its last hit.</summary>
    public int ConsecutiveMisses { get; internal set; }

    public Vector3 Position => new(State[0], State[1], State[2]);

    public Vector3 Velocity => new(State[3], State[4], State[5]);

    /// <summary>
    /// The normalised estimation error squared of the position–velocity estimate against a true state: eᵀ P⁻¹ e over its
    /// six dimensions (χ²₆ if the estimate is honest); NaN when that block of P is not positive definite.
    /// </summary>
    public double NormalisedErrorSquared(Vector3 position, Vector3 velocity)
    {
        Span<double> truth = [position.X, position.Y, position.Z, velocity.X, velocity.Y, velocity.Z];
        Span<double> scratch = stackalloc double[StateDistanceScratch];
        return StateDistanceSquared(State, Covariance, truth, default, scratch, out double d2) ? d2 : double.NaN;
    }

    /// <summary>Numbers of scratch <see cref="StateDistanceSquared"/> needs.</summary>
    internal const int StateDistanceScratch = (6 * 6) + 6 + (6 * 6) + 6;

    /// <summary>
    /// (x₁ − x₂)ᵀ (P₁ + P₂)⁻¹ (x₁ − x₂) over position and velocity (the first six elements of 7-element states, the
    /// 6×6 blocks of 7×7 covariances): how far apart two estimates of a state are for their uncertainty; an empty
    /// <paramref name="p2"/> for a state known exactly. False when the sum is not positive definite.
    /// </summary>
    internal static bool StateDistanceSquared(ReadOnlySpan<double> x1, ReadOnlySpan<double> p1, ReadOnlySpan<double> x2, ReadOnlySpan<double> p2, Span<double> scratch, out double distanceSquared)
    {
        const int n = BallisticMotionModel.Dimension, k = 6;
        Span<double> sum = scratch[..(k * k)];
        Span<double> difference = scratch.Slice(k * k, k);
        for (int r = 0; r < k; r++)
        {
            difference[r] = x1[r] - x2[r];
            for (int c = 0; c < k; c++)
            {
                sum[(r * k) + c] = p1[(r * n) + c] + (p2.IsEmpty ? 0 : p2[(r * n) + c]);
            }
        }

        return SmallMatrix.InverseQuadraticForm(sum, difference, k, scratch[((k * k) + k)..], out distanceSquared);
    }

    /// <summary>The variance of the velocity estimate along a vector, uᵀ P_vv u ((m/s)² for a unit vector).</summary>
    internal double VelocityVariance(Vector3 u)
    {
        const int n = BallisticMotionModel.Dimension;
        ReadOnlySpan<double> e = [u.X, u.Y, u.Z];
        double sum = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                sum += e[i] * e[j] * Covariance[((3 + i) * n) + 3 + j];
            }
        }

        return sum;
    }

    /// <summary>The estimated drag parameter k = Cd₀·A/m, m²/kg.</summary>
    public double DragParameter => State[BallisticMotionModel.DragIndex];

    /// <summary>The interacting multiple model's modes while the motor may still burn; null once the track is ballistic.</summary>
    internal TrackModes? Modes { get; set; }

    /// <summary>
    /// Whether the motor evidently still burns: the boost mode was the likelier of the two at a plot of the track's last
    /// <see cref="BurnEvidenceSeconds"/>, on evidence (a new track's modes start from the prior unless a pulse-Doppler
    /// radar's range rates weighed them), and the motor is not evidently out (<see cref="MotorOut"/>).
    /// </summary>
    public bool MotorBurning => Modes is not null && LastBoostingSeconds >= LastUpdateSeconds - BurnEvidenceSeconds - 1e-9 && !MotorOut;

    /// <summary>
    /// Whether the motor is evidently out: a radar's range rates have shown the speed falling since the boost mode was last
    /// the likelier (<see cref="BoostPush.Slowing"/>). It ends <see cref="MotorBurning"/>'s quarter second: gaza-2021's
    /// Grad-ER and Qassam whose deadlines came 3.0 s after launch had their boost mode at 0.08–0.09, under the defense
    /// core's hold, at a plot that showed the speed falling, but a plot 0.04–0.16 s before had the mode the likelier, and
    /// their forecasts waited for plots 0.04 and 0.16 s past their deadlines. It does not end the hold on the
    /// mode's probability (<see cref="DefenseCore.HoldBoostProbability"/>): a forecast made while the mode still holds
    /// 0.1–0.9 carries its wide velocity (in a throwaway variant of the test's rounds, 1σ ellipses of 35 km² at the
    /// median, against 3 km² at the mode's release), and sderot-barrage's unneeded area alerts rose 14% (README, "The
    /// push ends the burn").
    /// </summary>
    internal bool MotorOut => Modes is not null && (_push?.Slowing(LastBoostingSeconds) ?? false);

    /// <summary>
    /// How long a plot on which the boost mode was the likelier keeps the motor burning, s. Radars that see one rocket
    /// bring their plots a few hundredths of a second apart; a plot so soon after another carries almost no evidence of
    /// the acceleration, yet its likelihood favours the tighter ballistic mode, and the mode probabilities swing across
    /// one half: a Fajr-5 that five radars saw from its first second fell below one half at 3 of its 22 plots while it
    /// burned, and each let a forecast some 55 km short through. Shorter than any radar's revisit (0.5 s at the least in
    /// the built-in scenarios), so a radar's next look still ends the burn.
    /// </summary>
    public const double BurnEvidenceSeconds = 0.25;

    /// <summary>Probability that the motor still burns (the boost mode's), 0 once the track is ballistic.</summary>
    public double BoostProbability => Modes?.Probabilities[TrackModes.Boost] ?? 0;

    /// <summary>Standard deviation of the position estimate along its worst axis (√trace of P_rr), m.</summary>
    public double PositionSigmaMeters => Math.Sqrt(Covariance[0] + Covariance[8] + Covariance[16]);
}
