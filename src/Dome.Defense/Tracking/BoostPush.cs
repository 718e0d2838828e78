using Dome.Model.Geodesy;

namespace Dome.Defense.Tracking;

/// <summary>
/// How hard a burning track's motor pushes it, from the range rates of pulse-Doppler radars: a radar's two plots of the
/// track Δt apart give the acceleration along its line of sight l̂, a·l̂ = (ṙ₂ − ṙ₁)/Δt − (|v|² − ṙ²)/ρ (the second
/// term is what the line of sight's turning adds, <see cref="InteractingMultipleModel.InitialBoostProbability"/>), and
/// the acceleration of a rocket is its gain of speed along its velocity û, A = dV/dt, plus the part of gravity across
/// the velocity: A = (a·l̂ − g⊥·l̂)/(û·l̂). With range rates of σ 0.5–1 m/s half a second apart, one sample is good to
/// a few m/s² where the radar looks along the flight (|û·l̂| ≥ <see cref="MinAlignment"/>), while the filter's own speed
/// (its boost mode a random walk of the velocity) is good to only 50–130 m/s over the first second and makes a gain of
/// speed meaningless there (measured: 5% of a seeded gaza-2021 run's Grad-ERs "gained" under −1,300 m/s² over the
/// part of their burn a track saw).
/// <para>What the samples decide is which short motors of the catalog a burning track cannot be
/// (<see cref="Prediction.BurnEnvelope.MayApply"/>): a Grad or a Grad-ER gains speed at 330 m/s² and more all through
/// its burn, a Fajr-5 at 190–290 m/s² over its first three seconds. The decision reads the samples of the last
/// <see cref="WindowSeconds"/> and the one just before the latest (<see cref="Recent"/>), each as its 3σ interval, and
/// asks for two intervals that do not overlap: a motor that goes out during one (a failure, or a short motor's burnout)
/// reads between its push and a coast's there, but then the interval before shows its full push, or the one after a
/// coast. Older samples are forgotten: a track's first, of a velocity a plot or two old, can be many times further off
/// than the rest. Mutable, one per track; not thread-safe (the tracker's).</para>
/// </summary>
internal sealed class BoostPush
{
    /// <summary>Least |û·l̂| of a sample: a radar looking across the flight sees little of the push in its range rate.</summary>
    public const double MinAlignment = 0.5;

    /// <summary>Longest time between a radar's two plots of a sample, s (two revisits of the slowest warning radar).</summary>
    public const double MaxIntervalSeconds = 1.1;

    /// <summary>Shortest time between them, s: below it the range rates' noise swamps their change.</summary>
    public const double MinIntervalSeconds = 0.2;

    /// <summary>How far a look's range rate may lie from the track's own, in σ of their difference, to be taken.</summary>
    public const double ConsistencySigmas = 4.0;

    /// <summary>The span of <see cref="Recent"/>, s: a warning radar's revisit and a little (two intervals of one radar).</summary>
    public const double WindowSeconds = 0.6;

    /// <summary>Samples kept for <see cref="Recent"/> (a handful of radars over the window).</summary>
    private const int Kept = 16;

    /// <summary>A radar's latest look at the track: its time, range rate, and the terms of r̈ the push is not.</summary>
    private readonly record struct Look(string Radar, double Time, double RangeRate, double Turning, double Across, double Alignment, double TurningVariance);

    private readonly List<Look> _last = [];

    private readonly Queue<(double Start, double End, double Low, double High)> _samples = new();

    /// <summary>Samples taken.</summary>
    public int Samples { get; private set; }

    /// <summary>
    /// A lower bound on the speed, m/s: the greatest |ṙ| − 3σ_ṙ of the looks (a radar's range rate is the velocity's part
    /// along its line of sight, never more than the speed; 0.5–1 m/s against the filter's 50 m/s on the speed itself).
    /// </summary>
    public double LeastSpeed { get; private set; }

    /// <summary>
    /// The samples whose intervals end within <see cref="WindowSeconds"/> of the latest, or no sooner than the latest
    /// begins (the sample next to it, when a missed plot made the latest span two revisits): whether two of them do not
    /// overlap in time, and the lowest lower and the highest upper end of their 3σ intervals of dV/dt, m/s² (false, +∞,
    /// −∞ without samples).
    /// </summary>
    public (bool Successive, double Low, double High) Recent()
    {
        (double latest, double latestSampleStart) = (double.NegativeInfinity, double.NegativeInfinity);
        foreach ((double start, double end, _, _) in _samples)
        {
            if (end > latest)
            {
                (latest, latestSampleStart) = (end, start);
            }
        }

        // The window, and the sample just before the latest: a radar that missed a plot gives a sample of two revisits,
        // ending a second after the one before it, which is still the interval next to it.
        double from = Math.Min(latest - WindowSeconds, latestSampleStart);
        double earliestEnd = double.PositiveInfinity, latestStart = double.NegativeInfinity, low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach ((double start, double end, double lo, double hi) in _samples)
        {
            if (end >= from - 1e-9)
            {
                (earliestEnd, latestStart) = (Math.Min(earliestEnd, end), Math.Max(latestStart, start));
                (low, high) = (Math.Min(low, lo), Math.Max(high, hi));
            }
        }

        return (latestStart >= earliestEnd - 1e-6, low, high);
    }

    /// <summary>
    /// Whether the motor is out: the latest sample, over an interval that ends no sooner than <paramref name="since"/>,
    /// shows the speed falling at 3σ (its interval of dV/dt wholly below 0). A working motor of the catalog gains speed
    /// at 169 m/s² and more (<see cref="Prediction.BurnEnvelope.LeastGain"/>); a coasting rocket on its way up loses it to
    /// drag and gravity (the samples of a seeded gaza-2021 run's traces in the half second after burnout: a Grad-ER at
    /// 1,100 m/s −49 to −108 m/s², a Qassam at 450 m/s −10 to −36). A sample over the burnout reads between the
    /// two, below 0 only once most of its interval is coast. The boost mode's evidence is slower: its probability swings
    /// at plots a few hundredths of a second apart (<see cref="Track.BurnEvidenceSeconds"/>), and after a short motor's
    /// burnout it keeps the motor burning up to a quarter of a second past the plot that shows it out.
    /// </summary>
    public bool Slowing(double since)
    {
        (double latest, double high) = (double.NegativeInfinity, double.PositiveInfinity);
        foreach ((_, double end, _, double hi) in _samples)
        {
            if (end >= latest)
            {
                (latest, high) = (end, hi);
            }
        }

        return latest >= since - 1e-9 && high < 0;
    }

    /// <summary>
    /// Whether a plot's range rate is one the track's predicted velocity explains, before the plot updates it: within
    /// <see cref="ConsistencySigmas"/> of v̂·l̂, in σ of σ_ṙ² + l̂ᵀP_vv l̂. A clutter plot's (±1,500 m/s) or another rocket's
    /// is not this rocket's: one would make it faster than any short motor, or push at 1,800 m/s². After the update the
    /// question is moot: the range rate, far sharper than the boost mode's velocity, has moved the track onto it.
    /// </summary>
    public static bool Explains(Track track, PositionMeasurement plot)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(plot);
        if (plot.RangeRate is not double rangeRate)
        {
            return false;
        }

        Vector3 d = plot.Position - plot.Antenna;
        double range = d.Length;
        if (!(range > 1))
        {
            return false;
        }

        Vector3 l = d / range;
        double spread = Math.Sqrt(plot.RangeRateVariance + Math.Max(track.VelocityVariance(l), 0));
        return Math.Abs(rangeRate - Vector3.Dot(track.Velocity, l)) <= ConsistencySigmas * spread;
    }

    /// <summary>
    /// Takes a plot that has just updated <paramref name="track"/> (a track that may still be burning, whatever its boost
    /// mode's probability at this plot: the mode is slow to follow the push, the range rates are not): with the same
    /// radar's previous look at the track a sample of dV/dt; the look is kept for the radar's next. Only plots the track
    /// explained before their update (<see cref="Explains"/>).
    /// </summary>
    public void Observe(Track track, PositionMeasurement plot)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(plot);
        if (plot.RangeRate is not double rangeRate)
        {
            return;
        }

        Vector3 v = track.Velocity, d = plot.Position - plot.Antenna;
        double speed = v.Length, range = d.Length;
        if (!(speed > 1) || !(range > 1))
        {
            return;
        }

        // r̈ = a·l̂ + (|v|² − ṙ²)/ρ and a·l̂ = (dV/dt)(û·l̂) + g⊥·l̂, with g⊥ gravity (and the frame's rotation) across the
        // velocity: the turning term, g⊥·l̂ and û·l̂ at this look; the turning term's variance through the speed's error
        // (∂/∂|v| = 2|v|/ρ).
        Vector3 u = v / speed, l = d / range;
        Vector3 g = BallisticMotionModel.Acceleration(track.Position, v, 0);
        double turningSigma = 2 * speed * Math.Sqrt(Math.Max(track.VelocityVariance(u), 0)) / range;
        Look look = new(plot.Plot.RadarId, plot.TimeSeconds, rangeRate, Math.Max((speed * speed) - (rangeRate * rangeRate), 0) / range,
            Vector3.Dot(g - (u * Vector3.Dot(g, u)), l), Vector3.Dot(u, l), turningSigma * turningSigma);
        LeastSpeed = Math.Max(LeastSpeed, Math.Abs(rangeRate) - (3 * Math.Sqrt(plot.RangeRateVariance)));
        int index = _last.FindIndex(k => string.Equals(k.Radar, look.Radar, StringComparison.Ordinal));
        if (index >= 0)
        {
            Sample(_last[index], look, plot.RangeRateVariance);
            _last[index] = look;
        }
        else
        {
            _last.Add(look);
        }
    }

    /// <summary>
    /// One sample from a radar's two looks: Δṙ/Δt is r̈'s mean over the interval, and the other terms' means are taken by
    /// the trapezoid rule, so dV/dt = (Δṙ/Δt − mean turning − mean g⊥·l̂)/mean û·l̂.
    /// </summary>
    private void Sample(Look before, Look now, double rangeRateVariance)
    {
        double dt = now.Time - before.Time;
        double alignment = (before.Alignment + now.Alignment) / 2;
        if (dt < MinIntervalSeconds || dt > MaxIntervalSeconds || Math.Abs(alignment) < MinAlignment)
        {
            return;
        }

        double gain = (((now.RangeRate - before.RangeRate) / dt) - ((before.Turning + now.Turning) / 2) - ((before.Across + now.Across) / 2)) / alignment;
        // The range rates' noise over Δt (both looks' measurements, of the radar's σ), and the turning terms' (the speed's
        // errors at the two looks taken as one: they are the same estimate's, a fraction of a second apart). Not û·l̂'s:
        // the boost mode's covariance puts the velocity's direction at 5–10° (its wide noise across the velocity), which
        // would widen every sample past use, while its error once the track has settled is a fraction of that (the
        // samples of tracked Fajr-5s read 240–300 m/s², their truth 230–290); the window forgets the first samples, of a
        // velocity a plot or two old and far off in direction (one read 333 m/s² of a Fajr-5 pushing 213).
        double turningSigma = (Math.Sqrt(before.TurningVariance) + Math.Sqrt(now.TurningVariance)) / 2;
        double sigma = Math.Sqrt((2 * rangeRateVariance / (dt * dt)) + (turningSigma * turningSigma)) / Math.Abs(alignment);
        Samples++;
        if (_samples.Count == Kept)
        {
            _samples.Dequeue();
        }

        _samples.Enqueue((before.Time, now.Time, gain - (3 * sigma), gain + (3 * sigma)));
    }
}
