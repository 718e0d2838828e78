using Dome.Model.Geodesy;

namespace Dome.Defense.Tracking;

/// <summary>
/// The modes of a young track under the interacting multiple model filter: a rocket whose motor may still burn
/// (<see cref="Boost"/>: a wide acceleration noise along the velocity) and one in ballistic flight (<see cref="Ballistic"/>:
/// the motion model's small noise). Each mode keeps its own estimate; the track's state and covariance are their
/// probability-weighted combination. Mutable; owned by one track.
/// </summary>
internal sealed class TrackModes
{
    public const int Boost = 0, Ballistic = 1, Count = 2;

    public TrackModes(double[] state, double[] covariance, double boostProbability)
    {
        States = [[.. state], [.. state]];
        Covariances = [[.. covariance], [.. covariance]];
        Probabilities = [boostProbability, 1 - boostProbability];
    }

    public double[][] States { get; }

    public double[][] Covariances { get; }

    /// <summary>Mode probabilities, summing to 1.</summary>
    public double[] Probabilities { get; }
}

/// <summary>
/// The interacting multiple model filter (Blom and Bar-Shalom 1988) over <see cref="TrackModes"/>: both modes share the
/// ballistic motion model and differ in process noise. A burning motor goes out and does not light again, so the
/// Markov chain only moves boost → ballistic, at a rate of one per expected remaining burn time. Once the boost mode's
/// probability falls below <see cref="TrackerSettings.BoostCollapseProbability"/> the track keeps its ballistic
/// estimate alone and is filtered as one model. Stateless; thread-safe on distinct tracks.
/// </summary>
/// <remarks>
/// One cycle: mixing — c_j = Σ_i π_ij μ_i, μ_i|j = π_ij μ_i / c_j, x0_j = Σ_i μ_i|j x_i,
/// P0_j = Σ_i μ_i|j (P_i + (x_i − x0_j)(x_i − x0_j)ᵀ); mode-matched prediction from (x0_j, P0_j); on a plot, each mode's
/// Kalman update and likelihood Λ_j = N(ν_j; 0, S_j), μ_j ∝ Λ_j c_j; the output x = Σ μ_j x_j,
/// P = Σ μ_j (P_j + (x_j − x)(x_j − x)ᵀ). Bar-Shalom, Li and Kirubarajan, Estimation with Applications to Tracking and
/// Navigation (2001), §11.6.6.
/// </remarks>
internal static class InteractingMultipleModel
{
    private const int N = BallisticMotionModel.Dimension;

    /// <summary>Predicts a track over <paramref name="dt"/> seconds: by both modes while it has them, by the ballistic model alone after.</summary>
    public static void PredictTrack(Track track, double dt, TrackerSettings settings)
    {
        if (track.Modes is { } modes)
        {
            Predict(track, modes, dt, settings);
        }
        else
        {
            BallisticMotionModel.Predict(track.State, track.Covariance, dt, settings.BallisticNoise);
        }
    }

    /// <summary>
    /// Updates a track with a plot: both modes while it has them — and once the boost mode's probability falls below
    /// <see cref="TrackerSettings.BoostCollapseProbability"/>, the track keeps the ballistic mode's own estimate and
    /// drops its modes — or the ballistic filter alone.
    /// </summary>
    public static void UpdateTrack(Track track, PositionMeasurement plot, TrackerSettings settings)
    {
        Vector3 z = plot.Position;
        if (track.Modes is not { } modes)
        {
            KalmanUpdater.Update(track.State, track.Covariance, N, z.X, z.Y, z.Z, plot.Covariance);
            if (plot.RangeRate is double rangeRate)
            {
                KalmanUpdater.UpdateRangeRate(track.State, track.Covariance, N, plot.Antenna, rangeRate, plot.RangeRateVariance, out _);
            }

            DragConstraint.Apply(track.State, track.Covariance);
            return;
        }

        bool explained = BoostPush.Explains(track, plot);
        Update(track, modes, z.X, z.Y, z.Z, plot.Covariance, plot.RangeRate is double rr ? (plot.Antenna, rr, plot.RangeRateVariance) : null);
        double boost = modes.Probabilities[TrackModes.Boost];
        if (explained)
        {
            track.Push.Observe(track, plot);
        }

        if (boost >= 0.5)
        {
            if (double.IsNegativeInfinity(track.FirstBoostingSeconds))
            {
                track.FirstBoostingSeconds = track.TimeSeconds;
                track.FirstBoostingSpeed = track.Velocity.Length;
            }

            track.LastBoostingSeconds = track.TimeSeconds;
            track.LastBoostingSpeed = track.Velocity.Length;
        }
        else if (!track.DragClassified && LongBurn(track, settings))
        {
            // The motor has just gone out after a long burn: both modes take the long-burning class's prior on k.
            track.DragClassified = true;
            foreach (int mode in (ReadOnlySpan<int>)[TrackModes.Boost, TrackModes.Ballistic])
            {
                LongBurnDragClass.ReplacePrior(modes.States[mode], modes.Covariances[mode], settings.DragPrior, settings.DragPriorSigma);
            }

            Output(track, modes);
        }

        if (boost < settings.BoostCollapseProbability)
        {
            modes.States[TrackModes.Ballistic].CopyTo(track.State, 0);
            modes.Covariances[TrackModes.Ballistic].CopyTo(track.Covariance, 0);
            track.Modes = null;
        }
    }

    /// <summary>
    /// Whether the boost just ended was a long-burning motor's (<see cref="LongBurnDragClass"/>): the boost mode the
    /// likelier for <see cref="TrackerSettings.LongBurnSeconds"/> and more, a gain of speed no faster than
    /// <see cref="TrackerSettings.LongBurnMaxAcceleration"/>, and the rocket faster than <see cref="TrackerSettings.LongBurnMinSpeed"/>.
    /// </summary>
    private static bool LongBurn(Track track, TrackerSettings settings)
    {
        double burning = track.LastBoostingSeconds - track.FirstBoostingSeconds;
        return settings.LongBurnSeconds > 0 && burning >= settings.LongBurnSeconds && track.Velocity.Length >= settings.LongBurnMinSpeed
            && (track.LastBoostingSpeed - track.FirstBoostingSpeed) / burning <= settings.LongBurnMaxAcceleration;
    }

    /// <summary>
    /// The boost probability a new track starts with. From one pulse-Doppler radar's two plots the change of range rate
    /// gives the acceleration along the line of sight, a = (ṙ₂ − ṙ₁)/Δt − (|v|² − ṙ₂²)/ρ (the second term is what the
    /// line of sight's turning adds; v the pair's velocity, ρ the range): a coasting rocket's is near zero
    /// (N(0, <see cref="TrackerSettings.CoastRadialAccelerationSigma"/>²)), a burning motor's is what the boost mode's
    /// white acceleration allows over Δt (N(0, q/Δt + that²)); the prior weighted by the two likelihoods. Null when the
    /// pair holds no such evidence (plots of two radars, or no range rates): the prior
    /// <see cref="TrackerSettings.InitialBoostProbability"/> stands.
    /// </summary>
    public static double? InitialBoostProbability(PositionMeasurement first, PositionMeasurement second, ReadOnlySpan<double> state, TrackerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(settings);
        double prior = settings.InitialBoostProbability;
        double dt = second.TimeSeconds - first.TimeSeconds;
        if (first.RangeRate is not double r1 || second.RangeRate is not double r2 || !(dt > 0)
            || !string.Equals(first.Plot.RadarId, second.Plot.RadarId, StringComparison.Ordinal) || prior <= 0 || prior >= 1)
        {
            return null;
        }

        Vector3 d = second.Position - second.Antenna, v = new(state[3], state[4], state[5]);
        double range = d.Length;
        double radial = ((r2 - r1) / dt) - ((v.LengthSquared - (r2 * r2)) / range);
        double coast = settings.CoastRadialAccelerationSigma * settings.CoastRadialAccelerationSigma;
        double boost = (settings.BoostAccelerationNoise / dt) + coast;
        double logRatio = (-0.5 * radial * radial / boost) - (0.5 * Math.Log(boost)) + (0.5 * radial * radial / coast) + (0.5 * Math.Log(coast));
        double odds = prior / (1 - prior) * Math.Exp(Math.Clamp(logRatio, -700, 700));
        return odds / (1 + odds);
    }

    /// <summary>Mixes the modes, predicts each over <paramref name="dt"/> seconds and writes the combined estimate into the track.</summary>
    public static void Predict(Track track, TrackModes modes, double dt, TrackerSettings settings)
    {
        if (dt <= 0)
        {
            return;
        }

        double burnout = 1 - Math.Exp(-dt / settings.MeanRemainingBurnSeconds);
        // π: row = from, column = to.
        Span<double> pi = [1 - burnout, burnout, 0, 1];
        Span<double> c = stackalloc double[TrackModes.Count];
        for (int j = 0; j < TrackModes.Count; j++)
        {
            c[j] = 0;
            for (int i = 0; i < TrackModes.Count; i++)
            {
                c[j] += pi[(i * TrackModes.Count) + j] * modes.Probabilities[i];
            }
        }

        // Mixed initial conditions of both modes first (each from both old estimates), then written back.
        Span<double> mixedStates = stackalloc double[TrackModes.Count * N];
        Span<double> mixedCovariances = stackalloc double[TrackModes.Count * N * N];
        Span<double> weights = stackalloc double[TrackModes.Count];
        for (int j = 0; j < TrackModes.Count; j++)
        {
            for (int i = 0; i < TrackModes.Count; i++)
            {
                weights[i] = c[j] > 0 ? pi[(i * TrackModes.Count) + j] * modes.Probabilities[i] / c[j] : (i == j ? 1 : 0);
            }

            Combine(modes.States, modes.Covariances, weights, mixedStates.Slice(j * N, N), mixedCovariances.Slice(j * N * N, N * N));
        }

        for (int j = 0; j < TrackModes.Count; j++)
        {
            mixedStates.Slice(j * N, N).CopyTo(modes.States[j]);
            mixedCovariances.Slice(j * N * N, N * N).CopyTo(modes.Covariances[j]);
            ProcessNoise noise = j == TrackModes.Boost
                ? new ProcessNoise(settings.BoostAccelerationNoise, settings.BoostCrossAccelerationNoise, settings.DragNoise)
                : settings.BallisticNoise;
            BallisticMotionModel.Predict(modes.States[j], modes.Covariances[j], dt, noise);
            modes.Probabilities[j] = c[j];
        }

        Output(track, modes);
    }

    /// <summary>
    /// Updates each mode with a position measurement (and a range rate, when the radar measured one: antenna ECEF m,
    /// m/s, (m/s)²), re-weights the modes by their likelihoods and writes the combined estimate. The range rate is a
    /// second, sequential update, so a mode's likelihood is the position's times the range rate's given the position.
    /// </summary>
    public static void Update(Track track, TrackModes modes, double zx, double zy, double zz, ReadOnlySpan<double> r,
        (Vector3 Antenna, double RangeRate, double Variance)? doppler = null)
    {
        Span<double> logLikelihood = stackalloc double[TrackModes.Count];
        double best = double.NegativeInfinity;
        for (int j = 0; j < TrackModes.Count; j++)
        {
            // The likelihood is of the predicted innovation, which the update computes before it changes the mode.
            double d2 = KalmanUpdater.Update(modes.States[j], modes.Covariances[j], N, zx, zy, zz, r, out double logDet);
            if (doppler is { } dop && double.IsFinite(d2))
            {
                d2 += KalmanUpdater.UpdateRangeRate(modes.States[j], modes.Covariances[j], N, dop.Antenna, dop.RangeRate, dop.Variance, out double logVariance);
                logDet += logVariance;
            }

            // The bound after the likelihood: the likelihood is the plot's, the projection only the physics' k ≥ 0.
            DragConstraint.Apply(modes.States[j], modes.Covariances[j]);
            logLikelihood[j] = double.IsFinite(d2) ? -0.5 * (d2 + logDet) : double.NegativeInfinity;
            best = Math.Max(best, logLikelihood[j] + Math.Log(Math.Max(modes.Probabilities[j], 1e-300)));
        }

        if (double.IsFinite(best))
        {
            double total = 0;
            for (int j = 0; j < TrackModes.Count; j++)
            {
                modes.Probabilities[j] = modes.Probabilities[j] > 0 ? Math.Exp(logLikelihood[j] + Math.Log(modes.Probabilities[j]) - best) : 0;
                total += modes.Probabilities[j];
            }

            for (int j = 0; j < TrackModes.Count; j++)
            {
                modes.Probabilities[j] /= total;
            }
        }

        Output(track, modes);
    }

    /// <summary>The combined estimate into the track's state and covariance.</summary>
    public static void Output(Track track, TrackModes modes) =>
        Combine(modes.States, modes.Covariances, modes.Probabilities, track.State, track.Covariance);

    /// <summary>x = Σ wᵢ xᵢ and P = Σ wᵢ (Pᵢ + (xᵢ − x)(xᵢ − x)ᵀ).</summary>
    private static void Combine(double[][] states, double[][] covariances, ReadOnlySpan<double> w, Span<double> x, Span<double> p)
    {
        x.Clear();
        p.Clear();
        for (int i = 0; i < states.Length; i++)
        {
            for (int a = 0; a < N; a++)
            {
                x[a] += w[i] * states[i][a];
            }
        }

        Span<double> d = stackalloc double[N];
        for (int i = 0; i < states.Length; i++)
        {
            if (w[i] == 0)
            {
                continue;
            }

            for (int a = 0; a < N; a++)
            {
                d[a] = states[i][a] - x[a];
            }

            for (int a = 0; a < N; a++)
            {
                for (int b = 0; b < N; b++)
                {
                    p[(a * N) + b] += w[i] * (covariances[i][(a * N) + b] + (d[a] * d[b]));
                }
            }
        }
    }
}
