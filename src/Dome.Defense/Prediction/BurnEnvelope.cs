using Dome.Defense.Tracking;
using Dome.Model.Areas;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Defense.Prediction;

/// <summary>
/// Where a rocket whose motor still burns may come down: the impact points of every burnout the catalog allows it. The
/// predictor flies a state ballistically, and while the motor burns that state lands tens of km short (a Fajr-5 burns
/// 4.5 s); the defense core waits for the burnout to forecast (<see cref="DefenseCore.HoldWhileBurning"/>). But an area
/// whose time to shelter is nearly the whole flight (a Fajr-5 of 93 s at Tel Aviv's 90 s) has its deadline before the
/// burnout, and must be alerted on what is known then: the track's position and direction, and the catalog.
/// <para>For every type of the catalog the track may still be (<see cref="MayBe"/>: its motor can still burn, the
/// track's measured push is not below it) and whose burnout speed the track has not already passed, the envelope takes
/// the type's burnout speeds at the track's flight-path angle, from a round of the least thrust and most drag its dispersion allows (−3σ) to one of the most
/// thrust and least drag (+3σ), flown with the catalog's own flight model (<see cref="BurnoutSpeeds"/>). Each burnout
/// speed V in that range, in steps of <see cref="SpeedStepMetersPerSecond"/>, is one hypothesis: the track's state
/// accelerated along its velocity at the type's mean thrust acceleration until it reaches V (drag and gravity acting),
/// then flown ballistically to the ground with the type's drag, also with the velocity turned up and down by the path
/// angle's error (<see cref="AngleSigmas"/>). A type the track is already faster than contributes the state as it is
/// (the motor may go out now).</para>
/// <para>Each hypothesis is one forecast (<see cref="ImpactForecast.IsEnvelope"/>): its impact point and time, a ground
/// covariance whose cross-track part is that of the track's own forecast, grown with range (the direction's error), and
/// whose along-track part spans the step to the neighbouring hypotheses; the impact time varies along the track as
/// between neighbours; and its probability (<see cref="ImpactForecast.EnvelopeWeight"/>), its bin of burnout speeds
/// under a normal spread whose 3σ are the bounds. An area comes to its deadline under a hypothesis at that hypothesis'
/// time (with <see cref="MarginSeconds"/>), and only if the burnout's own forecast would come too late for the area
/// (<see cref="ImpactForecast.EnvelopeMinCountdownSeconds"/>); the planner then weighs the whole envelope as one mixture
/// (<see cref="Alerting.AlertPlanner.Plan"/>). Only long motors get an envelope (<see cref="MayApply"/>). Stateless;
/// thread-safe.</para>
/// </summary>
public static class BurnEnvelope
{
    /// <summary>Step between the burnout speeds of the hypotheses, m/s (about 1–2 km between their impact points).</summary>
    public const double SpeedStepMetersPerSecond = 15.0;

    /// <summary>
    /// From a burnout to the track's first forecast, s: the burn evidence's <see cref="Track.BurnEvidenceSeconds"/>, the
    /// boost mode's fall under the hold and the next plot (0.3–0.7 s after the Fajr-5s' burnout in gaza-2021), rounded up.
    /// </summary>
    public const double ForecastLatencySeconds = 1.0;

    /// <summary>
    /// The margin the planner keeps on a hypothesis, s: its own cycle and the hypothesis' time error, not the full
    /// latency margin of a forecast (the hypotheses are many, and a margin of 5 s would alert for all of them at once).
    /// </summary>
    public const double MarginSeconds = 1.0;

    /// <summary>Integration step of the remaining burn, s.</summary>
    private const double BurnStepSeconds = 0.1;

    /// <summary>
    /// Standard deviations of the path angle each hypothesis is also flown at, up and down: near 45° the range hardly
    /// changes with the angle but the flight time does (T·cot γ, about 2 s a degree for a Fajr-5's two minutes), and the
    /// hypothesis keeps the earliest time. Without it a tracked Fajr-5 was alerted 0.3 s late (seed 3 of the test); with
    /// 0.5, 1, 1.5 and 2 none of 60 (one 0.01 s, a plot's timing), and one seeded gaza-2021 run's unneeded area alerts a
    /// rocket went 1.42 (0) → 1.93 (1) → 2.80 (2) (measured once with a throwaway switch, each hypothesis planned alone).
    /// </summary>
    private const double AngleSigmas = 1.0;

    /// <summary>Step of <see cref="TypeEnvelope.LeastGain"/>'s differences, s.</summary>
    private const double GainStepSeconds = 0.05;

    /// <summary>Dispersion multiple of the burnout speeds' bounds.</summary>
    private const double Sigmas = 3.0;

    private static readonly Lazy<TypeEnvelope[]> Types = new(() => [.. RocketCatalog.All.Where(t => !t.IsGunLaunched).Select(TypeEnvelope.Of)]);

    /// <summary>
    /// The envelope's forecasts for a track whose motor may still burn, those whose impact time is at most
    /// <paramref name="horizonSeconds"/> (absolute; later hypotheses are not at any area's deadline yet); empty when the
    /// envelope does not apply (<see cref="MayApply"/>), no type of the catalog can still be burning, or the track's own
    /// forecast fails. With <paramref name="burnFromSpeed"/> false, a young envelope's clock reads only the boost seen,
    /// not the track's speed (<see cref="DefenseCore.EnvelopeBurnFromSpeed"/>). A young envelope's deadlines are read at
    /// the track's path angle less <paramref name="youngAngleSigmas"/> of its error (0–1; <see cref="DefenseCore.EnvelopeYoungAngleSigmas"/>).
    /// </summary>
    public static IReadOnlyList<ImpactForecast> Forecasts(Track track, double horizonSeconds, WindUncertainty? wind = null, double sigmaPointTimeRatio = ImpactPredictor.SigmaPointTimeRatio, bool burnFromSpeed = false, double youngAngleSigmas = 1)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentOutOfRangeException.ThrowIfNegative(youngAngleSigmas);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(youngAngleSigmas, AngleSigmas);
        if (!MayApply(track) || ImpactPredictor.Forecast(track, wind, sigmaPointTimeRatio) is not { } own)
        {
            return [];
        }

        Vector3 r = track.Position, v = track.Velocity;
        double speed = v.Length;
        if (!(speed > 1))
        {
            return [];
        }

        double up = Vector3.Dot(v, r / r.Length) / speed;
        double pathAngle = Math.Asin(Math.Clamp(up, -1, 1)) * 180 / Math.PI;
        double speedSigma = Math.Sqrt(Math.Max(SpeedVariance(track), 0));
        Evidence evidence = Evidence.Of(track);
        // An envelope the push opened before the burn was known to have lasted longer than every short motor's is young:
        // its path angle is known to a few degrees (the boost mode's noise across the velocity), and a hypothesis flown a
        // degree low comes down ~2 s sooner. It alerts only the areas whose deadline (at the track's path angle) comes
        // before the envelope could have opened on the burn's length alone; the rest wait for the older envelope. The
        // burn began no later than the boost was first seen; with burnFromSpeed, nor than the track's speed allows
        // (LeastBurnSoFar: a boost first seen late, 1.5 s after launch in gaza-2021, keeps the envelope young past a
        // deadline), and the planner then drops the young rule at its own cycle when the time comes, not at the track's
        // next envelope (an earlier end would otherwise hold back areas whose deadline falls before that envelope).
        // The young rule reads a hypothesis' deadline at the track's path angle, or, with youngAngleSigmas, at that angle
        // lowered by so many of its σ (between the level flight and the earliest of its tilts, AngleSigmas down): a path
        // angle read a degree or two steep puts the landing seconds late, and an area's deadline after the youth when it
        // truly comes before it (README, "A path angle read steep").
        double youngTilt = youngAngleSigmas / AngleSigmas;
        double burnBegan = burnFromSpeed ? Math.Min(track.FirstBoostingSeconds, track.TimeSeconds - LeastBurnSoFar(evidence)) : track.FirstBoostingSeconds;
        double seenLongEnough = track.TimeSeconds < burnBegan + LongestShortBurn.Value - 1e-9
            ? burnBegan + LongestShortBurn.Value : double.PositiveInfinity;

        GeoPoint here = EcefPosition.FromVector(r).ToGeodetic();
        LocalProjection plane = new(here.LatitudeDegrees, here.LongitudeDegrees);
        (double ownEast, double ownNorth) = plane.ToMeters(own.ImpactPoint.LongitudeDegrees, own.ImpactPoint.LatitudeDegrees);
        double ownRange = Math.Max(Math.Sqrt((ownEast * ownEast) + (ownNorth * ownNorth)), 1.0);
        LocalFrame enuHere = new(here);
        EnuVector vh = enuHere.ToEnuVector(v);
        double horizontal = Math.Sqrt((vh.East * vh.East) + (vh.North * vh.North));
        (double ae, double an) = horizontal > 1e-6 ? (vh.East / horizontal, vh.North / horizontal) : (ownEast / ownRange, ownNorth / ownRange);
        // The own forecast's spread across the track (its direction's error, the position's, the wind's), grown with
        // range: the hypotheses' width when their middle cannot be forecast.
        double ownCross = (an * an * own.EastVariance) - (2 * an * ae * own.EastNorthCovariance) + (ae * ae * own.NorthVariance);

        List<(double Range, GeoPoint Point, double Time, double Burnout, double AngleSpread, double Speed, double LevelTime)> points = [];
        List<ImpactForecast> forecasts = [];
        const int n = BallisticMotionModel.Dimension;
        Span<double> x = stackalloc double[3 * n];
        // The path angle's error: the velocity's spread across it in the vertical plane, in radians, AngleSigmas of it.
        Vector3 upHere = r / r.Length;
        Vector3 pitchUp = upHere - (v / speed * Vector3.Dot(upHere, v / speed));
        pitchUp /= Math.Max(pitchUp.Length, 1e-9);
        double turn = AngleSigmas * Math.Sqrt(Math.Max(track.VelocityVariance(pitchUp), 0)) / speed;
        ReadOnlySpan<double> turns = [0, turn, -turn];
        Span<double> fly = stackalloc double[n];
        Span<bool> flown = stackalloc bool[3];
        Span<double> lastTimeToGo = stackalloc double[3];
        GeoPoint[] lastLanding = new GeoPoint[3];
        foreach (TypeEnvelope type in Types.Value)
        {
            if (!MayBe(type, evidence) || !type.SpeedsAt(pathAngle, out double low, out double nominal, out double high) || speed - (3 * speedSigma) > high)
            {
                continue;
            }

            points.Clear();
            (double[] State, double Time, double Range)? middle = null;
            for (int k = 0; k < 3; k++)
            {
                // The track's state, and the same with its velocity turned up and down by the path angle's error.
                Span<double> xk = x.Slice(k * n, n);
                track.State.CopyTo(xk);
                xk[BallisticMotionModel.DragIndex] = type.DragParameter;
                Vector3 turned = (v * Math.Cos(turns[k])) + (pitchUp * (speed * Math.Sin(turns[k])));
                (xk[3], xk[4], xk[5]) = (turned.X, turned.Y, turned.Z);
            }

            double burned = 0, target = Math.Max(low, speed);
            flown.Clear();
            while (target <= high + 1e-9 && burned < type.BurnSeconds)
            {
                // Burn on to the target speed, then fly the burnout states to the ground: the hypothesis lands where the
                // track's direction takes it, as early as the path angle's error allows.
                double earliest = double.PositiveInfinity, nearest = double.PositiveInfinity, farthest = double.NegativeInfinity, level = double.NaN;
                double range = 0;
                GeoPoint ground = default;
                bool down = true;
                for (int k = 0; k < 3 && down; k++)
                {
                    Span<double> xk = x.Slice(k * n, n);
                    double burnedK = burned;
                    bool stepped = false;
                    while (Speed(xk) < target && burnedK < type.BurnSeconds)
                    {
                        BallisticMotionModel.Rk4(xk, BurnStepSeconds);
                        Vector3 velocity = new(xk[3], xk[4], xk[5]);
                        velocity += velocity / velocity.Length * (type.ThrustAcceleration * BurnStepSeconds);
                        (xk[3], xk[4], xk[5]) = (velocity.X, velocity.Y, velocity.Z);
                        burnedK += BurnStepSeconds;
                        stepped = true;
                    }

                    // A burn step gains more than the speed step (28 m/s at a Fajr-5's thrust): a state the step did not
                    // move lands where it landed before, and is not flown again.
                    if (stepped || !flown[k])
                    {
                        xk.CopyTo(fly);
                        if (!ImpactPredictor.GroundCrossing(fly, out lastTimeToGo[k]))
                        {
                            down = false;
                            break;
                        }

                        lastLanding[k] = EcefPosition.FromVector(new Vector3(fly[0], fly[1], fly[2])).ToGeodetic().WithHeight(0);
                        flown[k] = true;
                    }

                    double timeToGo = lastTimeToGo[k];
                    GeoPoint landing = lastLanding[k];
                    (double e, double nn) = plane.ToMeters(landing.LongitudeDegrees, landing.LatitudeDegrees);
                    double along = (e * ae) + (nn * an);
                    earliest = Math.Min(earliest, track.TimeSeconds + burnedK + timeToGo);
                    nearest = Math.Min(nearest, along);
                    farthest = Math.Max(farthest, along);
                    if (k == 0)
                    {
                        (ground, range, burned, level) = (landing, along, burnedK, track.TimeSeconds + burnedK + timeToGo);
                    }
                }

                if (!down)
                {
                    break;
                }

                if (middle is null && target >= (low + high) / 2)
                {
                    middle = (x[..n].ToArray(), track.TimeSeconds + burned, range);
                }

                points.Add((range, ground, earliest, track.TimeSeconds + burned, (farthest - nearest) / 2, target, level));
                if (earliest > horizonSeconds)
                {
                    break; // the farther hypotheses land later still, their deadlines not yet come
                }

                target += SpeedStepMetersPerSecond;
            }

            // Across the track, the forecast of the type's middle burnout (or the nearest to it the track allows), its
            // state's covariance the track's: the direction's error and the unknown wind over the hypotheses' flight,
            // growing with their range.
            double crossVariance = ownCross, crossRange = ownRange;
            if (points.Count > 0)
            {
                middle ??= (x[..n].ToArray(), track.TimeSeconds + burned, points[^1].Range);
                if (ImpactPredictor.Forecast(Track.FromEstimate(track.Id, middle.Value.Time, middle.Value.State, track.Covariance), wind, double.PositiveInfinity) is { } mid)
                {
                    crossVariance = (an * an * mid.EastVariance) - (2 * an * ae * mid.EastNorthCovariance) + (ae * ae * mid.NorthVariance);
                    crossRange = Math.Max(middle.Value.Range, 1.0);
                }
            }

            for (int i = 0; i < points.Count; i++)
            {
                (double range, GeoPoint point, double time, double burnout, double angleSpread, _, double levelTime) = points[i];
                if (time > horizonSeconds)
                {
                    continue;
                }

                // Along the track: half the way to the farther neighbour as a standard deviation, the path angle's
                // spread, and the cross-track width's floor; the time's slope between the neighbours.
                double before = i > 0 ? range - points[i - 1].Range : 0, after = i + 1 < points.Count ? points[i + 1].Range - range : 0;
                double halfStep = Math.Max(Math.Max(Math.Abs(before), Math.Abs(after)) / 2, 1.0);
                int a = Math.Max(i - 1, 0), b = Math.Min(i + 1, points.Count - 1);
                double slope = b > a && Math.Abs(points[b].Range - points[a].Range) > 1 ? (points[b].Time - points[a].Time) / (points[b].Range - points[a].Range) : 0;
                double grow = Math.Max(range, 1000) / crossRange;
                double cross = crossVariance * grow * grow;
                double along = (halfStep * halfStep) + (angleSpread * angleSpread) + cross;
                // The hypothesis' probability: its bin of burnout speeds (half a step either side; the first bin, when the
                // track is already past the type's slowest burnout, from the track's speed down) under the type's normal
                // spread, 3σ each side as the bounds (the type taken as known: each candidate type's weights sum to 1).
                double speedBin = points[i].Speed;
                double lowerEdge = i == 0 && speedBin > low + 1e-9 ? double.NegativeInfinity : speedBin - (SpeedStepMetersPerSecond / 2);
                double upperEdge = i + 1 < points.Count || speedBin + (SpeedStepMetersPerSecond / 2) < high ? speedBin + (SpeedStepMetersPerSecond / 2) : double.PositiveInfinity;
                double weight = Probability(upperEdge, nominal, low, high) - Probability(lowerEdge, nominal, low, high);
                double older = time - burnout - ForecastLatencySeconds - MarginSeconds, young = levelTime - (youngTilt * (levelTime - time)) - seenLongEnough - MarginSeconds;
                forecasts.Add(new ImpactForecast
                {
                    TrackId = track.Id,
                    TimeSeconds = track.TimeSeconds,
                    ImpactPoint = point,
                    ImpactTimeSeconds = time,
                    ImpactTimeSigmaSeconds = Math.Abs(slope) * Math.Sqrt(along),
                    EastVariance = (along * ae * ae) + (cross * an * an),
                    EastNorthCovariance = (along - cross) * ae * an,
                    NorthVariance = (along * an * an) + (cross * ae * ae),
                    ImpactTimeEastCovariance = slope * along * ae,
                    ImpactTimeNorthCovariance = slope * along * an,
                    IsEnvelope = true,
                    EnvelopeWeight = Math.Clamp(weight, 0, 1),
                    EnvelopeMarginSeconds = MarginSeconds,
                    // Under this hypothesis the track is forecast about a latency after its burnout: an area is alerted on
                    // the hypothesis only if that forecast would miss its deadline. Before the burn is known to have lasted
                    // longer than every short motor's, only if its deadline at the track's own path angle comes before that
                    // too (see above): to the envelope's end, or with burnFromSpeed to the planner's cycle at that time.
                    EnvelopeMinCountdownSeconds = burnFromSpeed ? older : Math.Max(older, young),
                    EnvelopeYoungUntilSeconds = burnFromSpeed && !double.IsPositiveInfinity(seenLongEnough) ? seenLongEnough : double.NegativeInfinity,
                    EnvelopeYoungMinCountdownSeconds = young,
                });
            }
        }

        return forecasts;
    }

    /// <summary>
    /// How long the track's motor has been seen to burn, s (the boost mode the likelier from this plot to that): a lower
    /// bound on the burn so far. Not from the track's first plot: a track started on clutter, or on a rocket of the same
    /// launcher fired before, is older than its burn (Grads 2 s after launch on tracks 4 s old, gaza-2021).
    /// </summary>
    private static double SeenBurning(Track track) => track.LastBoostingSeconds - track.FirstBoostingSeconds;

    /// <summary>
    /// Whether the envelope applies to a track now (cheap; <see cref="Forecasts"/> is empty otherwise): the motor evidently
    /// burns, and it cannot be any short motor of the catalog (those under <see cref="LongBurnDragClass.MinBurnSeconds"/>,
    /// <see cref="MayBe"/>). A short motor's burnout comes within about 2 s of launch, soon enough for its forecast to warn
    /// every achievable threat, and its hypotheses would alert for every long motor it might be: in gaza-2021, envelopes
    /// for every burning track took the unneeded area alerts from 1.3 to 8 a rocket.
    /// </summary>
    public static bool MayApply(Track track)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (!track.MotorBurning || !(SeenBurning(track) >= 0))
        {
            return false;
        }

        Evidence evidence = Evidence.Of(track);
        return !Types.Value.Any(type => type.BurnSeconds < LongBurnDragClass.MinBurnSeconds && MayBe(type, evidence));
    }

    /// <summary>
    /// Whether a burning track may still be a round of the type: not if it has burned longer than the type's motor does
    /// (<see cref="SeenBurning"/>); nor, once the range rates have measured a long motor's push (<see cref="BoostPush.Recent"/>:
    /// over two intervals that do not overlap; every sample at 3σ a burning motor's, above <see cref="PushFloor"/>; one at
    /// least reaching the least a long motor gives), if that push is below the least
    /// the type's motor gives (<see cref="TypeEnvelope.LeastGain"/>) or the track is already faster than any burnout of the
    /// type (its speed less 3σ, or a range rate's magnitude less 3σ: <see cref="BoostPush.LeastSpeed"/>). The push tells
    /// a Fajr-5 (190–290 m/s² over its first three seconds) from the Grad and the Grad-ER (330 m/s² and more) a second or
    /// more before their burns could have ended; a Qassam pushes as a Fajr-5 does, and is told apart by its burn's length
    /// or its speed (no Qassam passes ~460 m/s).
    /// </summary>
    private static bool MayBe(TypeEnvelope type, Evidence evidence) =>
        type.BurnSeconds > evidence.Seen
        && !(evidence.LongPush && (evidence.PushHigh < type.LeastGain || evidence.LeastSpeed > type.HighestBurnoutSpeed));

    /// <summary>
    /// The least time a motor the track may still be (<see cref="MayBe"/>) has burned to reach the track's least speed
    /// (<see cref="Evidence.LeastSpeed"/>), s: the soonest any of those types gets there from its rail exit
    /// (<see cref="TypeEnvelope.TimeToReach"/>); 0 when none may be.
    /// </summary>
    private static double LeastBurnSoFar(Evidence evidence)
    {
        double least = double.PositiveInfinity;
        foreach (TypeEnvelope type in Types.Value)
        {
            if (MayBe(type, evidence))
            {
                least = Math.Min(least, type.TimeToReach(evidence.LeastSpeed));
            }
        }

        return double.IsPositiveInfinity(least) ? 0 : least;
    }

    /// <summary>
    /// The least time a round of the type burns to reach a speed from its rail exit, s (<see cref="TypeEnvelope.TimeToReach"/>).
    /// </summary>
    public static double TimeToReach(RocketType type, double speedMetersPerSecond) => TypeEnvelope.Of(type).TimeToReach(speedMetersPerSecond);

    /// <summary>
    /// What a track shows of its motor, read once for every type <see cref="MayBe"/> weighs: the boost seen, whether the
    /// range rates measured a long motor's push and its highest 3σ end, and the least the track's speed can be (its
    /// speed less 3σ, or a range rate's magnitude less 3σ). Before its burn could have ended, a type is excluded only on
    /// a long motor's measured push: a track whose speed alone is past every short motor's is more often a track started
    /// on two plots of different rockets (2,000–3,000 m/s) than a rocket.
    /// </summary>
    private readonly record struct Evidence(double Seen, bool LongPush, double PushHigh, double LeastSpeed)
    {
        public static Evidence Of(Track track)
        {
            (bool successive, double low, double high) = track.Push.Recent();
            double speed = track.Velocity.Length;
            double speedSigma = speed > 1 ? Math.Sqrt(Math.Max(SpeedVariance(track), 0)) : double.PositiveInfinity;
            return new Evidence(SeenBurning(track), successive && low >= PushFloor && high >= LongMotorLeastGain.Value, high,
                Math.Max(speed - (Sigmas * speedSigma), track.Push.LeastSpeed));
        }
    }

    /// <summary>
    /// Least push of every sample that excludes a type by it, m/s²: a burning motor's (the catalog's long motors gain
    /// 170 m/s² and more), not a coasting rocket's (a short motor seen past its burnout, still under the burn evidence,
    /// slows by drag and gravity), half the least long motor's gain.
    /// </summary>
    public static double PushFloor => LongMotorLeastGain.Value / 2;

    /// <summary>The longest burn of the catalog's short motors, s (the Grad-ER's 2.2 s).</summary>
    private static readonly Lazy<double> LongestShortBurn = new(() => Types.Value.Where(t => t.BurnSeconds < LongBurnDragClass.MinBurnSeconds).Max(t => t.BurnSeconds));

    private static readonly Lazy<double> LongMotorLeastGain = new(() => Types.Value.Where(t => t.BurnSeconds >= LongBurnDragClass.MinBurnSeconds).Min(t => t.LeastGain));

    /// <summary>The least gain of speed of the type's burning rounds, m/s² (<see cref="TypeEnvelope.LeastGain"/>).</summary>
    public static double LeastGain(RocketType type) => TypeEnvelope.Of(type).LeastGain;

    /// <summary>P(V ≤ <paramref name="speed"/>) for a burnout speed normal about <paramref name="nominal"/>, σ a third of the way to each bound.</summary>
    private static double Probability(double speed, double nominal, double low, double high)
    {
        if (double.IsNegativeInfinity(speed))
        {
            return 0;
        }

        if (double.IsPositiveInfinity(speed))
        {
            return 1;
        }

        double sigma = Math.Max((speed < nominal ? nominal - low : high - nominal) / Sigmas, 1e-6);
        return MathNet.Numerics.Distributions.Normal.CDF(0, 1, (speed - nominal) / sigma);
    }

    private static double Speed(ReadOnlySpan<double> x) => Math.Sqrt((x[3] * x[3]) + (x[4] * x[4]) + (x[5] * x[5]));

    /// <summary>The variance of the track's speed: v̂ᵀ P_vv v̂.</summary>
    private static double SpeedVariance(Track track) => track.VelocityVariance(track.Velocity / track.Velocity.Length);

    /// <summary>
    /// The burnout speeds of a type, m/s, at its launch elevations (5° apart over the type's range of elevations), with
    /// the flight-path angle at burnout: the least from a round of −3σ thrust and +3σ drag, the most from +3σ thrust and
    /// −3σ drag, each flown by the catalog's flight model in the standard atmosphere.
    /// </summary>
    public static IReadOnlyList<(double ElevationDegrees, double PathAngleDegrees, double LowSpeed, double NominalSpeed, double HighSpeed)> BurnoutSpeeds(RocketType type) =>
        TypeEnvelope.Of(type).Table;

    private sealed record TypeEnvelope(double BurnSeconds, double ThrustAcceleration, double DragParameter, (double ElevationDegrees, double PathAngleDegrees, double LowSpeed, double NominalSpeed, double HighSpeed)[] Table, double LeastGain)
    {
        /// <summary>The fastest burnout of the type at any elevation, m/s.</summary>
        public double HighestBurnoutSpeed { get; } = Table.Length > 0 ? Table.Max(row => row.HighSpeed) : double.PositiveInfinity;

        /// <summary>Speed at rail exit, m/s.</summary>
        private double RailSpeed { get; init; }

        /// <summary>The effective exhaust velocity of the round of the most thrust (+3σ), m/s.</summary>
        private double FastestExhaust { get; init; }

        /// <summary>The time the motor would take to burn the whole launch mass, s (m₀ T_b / m_p).</summary>
        private double WholeMassSeconds { get; init; }

        /// <summary>
        /// The least time a round of the type burns to reach a speed from its rail exit, s: the round of the most thrust
        /// (+3σ) with neither drag nor gravity (both only slow a climbing round), Tsiolkovsky's V − V₀ = c ln(m₀/m(t)) with
        /// m(t) = m₀ − ṁt solved for t, t = (m₀/ṁ)(1 − e^(−(V−V₀)/c)); 0 below the rail speed, +∞ past the ideal gain.
        /// </summary>
        public double TimeToReach(double speed)
        {
            if (!(speed > RailSpeed) || !(FastestExhaust > 0))
            {
                return 0;
            }

            double t = WholeMassSeconds * (1 - Math.Exp(-(speed - RailSpeed) / FastestExhaust));
            return t <= BurnSeconds + 1e-9 ? Math.Min(t, BurnSeconds) : double.PositiveInfinity;
        }

        public static TypeEnvelope Of(RocketType type)
        {
            Dispersion d = type.Dispersion;
            List<(double, double, double, double, double)> table = [];
            GeoPoint site = new(31.5, 34.5, 0);
            for (double elevation = Math.Ceiling(type.MinElevationDegrees / 5) * 5; elevation <= type.MaxElevationDegrees + 1e-9; elevation += 5)
            {
                LaunchConditions launch = new(site, 0, elevation);
                // The thrust's and the drag's dispersions are independent: the bounds are 3σ of their sum, each
                // one's 3σ effect flown alone (a corner of both at 3σ would be a 4.2σ round).
                Trajectory nominal = FlightModel.Fly(type, launch);
                if (nominal.FlightTimeSeconds <= type.BurnTimeSeconds * 1.5)
                {
                    continue; // so flat a round comes down burning, or just after: no burnout to forecast from
                }

                double v0 = nominal.BurnoutSpeedMetersPerSecond;
                double Burnout(double thrust, double drag) => FlightModel.Fly(type, launch, thrustFactor: thrust, dragFactor: drag).BurnoutSpeedMetersPerSecond - v0;
                double t = Sigmas * d.ThrustSigmaFraction, c = Sigmas * d.DragSigmaFraction;
                double up = Math.Sqrt(Math.Pow(Burnout(1 + t, 1), 2) + Math.Pow(Burnout(1, 1 - c), 2));
                double down = Math.Sqrt(Math.Pow(Burnout(1 - t, 1), 2) + Math.Pow(Burnout(1, 1 + c), 2));
                (Vector3 r, Vector3 v) = nominal.StateAt(type.BurnTimeSeconds);
                double angle = Math.Asin(Vector3.Dot(v, r / r.Length) / v.Length) * 180 / Math.PI;
                table.Add((elevation, angle, v0 - down, v0, v0 + up));
            }

            FlightBody body = FlightBody.FromType(type);
            double meanMass = (type.LaunchMassKilograms + type.BurnoutMassKilograms) / 2;
            return new TypeEnvelope(type.BurnTimeSeconds, type.ThrustNewtons * (1 + (Sigmas * d.ThrustSigmaFraction)) / meanMass, 1 / body.BallisticCoefficient(0), [.. table], LeastGainOf(type))
            {
                RailSpeed = type.LaunchSpeedMetersPerSecond,
                FastestExhaust = type.ExhaustVelocityMetersPerSecond * (1 + (Sigmas * d.ThrustSigmaFraction)),
                WholeMassSeconds = type.PropellantMassKilograms > 0 ? type.LaunchMassKilograms * type.BurnTimeSeconds / type.PropellantMassKilograms : 0,
            };
        }

        /// <summary>
        /// The least gain of speed dV/dt of the type's burning rounds, m/s²: a round of the least thrust and the most drag
        /// its dispersion allows (−3σ, +3σ) at every 5° of its elevations, flown by the catalog's flight model, over
        /// its burn in steps of <see cref="GainStepSeconds"/> (the gain between two steps, so a range rate's mean over
        /// its Δt is bounded by it); +∞ for a type without a motor.
        /// </summary>
        private static double LeastGainOf(RocketType type)
        {
            if (type.BurnTimeSeconds <= 0 || type.ThrustNewtons <= 0)
            {
                return double.PositiveInfinity;
            }

            Dispersion d = type.Dispersion;
            GeoPoint site = new(31.5, 34.5, 0);
            double least = double.PositiveInfinity;
            for (double elevation = Math.Ceiling(type.MinElevationDegrees / 5) * 5; elevation <= type.MaxElevationDegrees + 1e-9; elevation += 5)
            {
                Trajectory weak = FlightModel.Fly(type, new LaunchConditions(site, 0, elevation), thrustFactor: 1 - (Sigmas * d.ThrustSigmaFraction), dragFactor: 1 + (Sigmas * d.DragSigmaFraction));
                for (double t = 0; t + GainStepSeconds <= Math.Min(type.BurnTimeSeconds, weak.FlightTimeSeconds) + 1e-9; t += GainStepSeconds)
                {
                    least = Math.Min(least, (weak.StateAt(t + GainStepSeconds).Velocity.Length - weak.StateAt(t).Velocity.Length) / GainStepSeconds);
                }
            }

            return least;
        }

        /// <summary>
        /// The burnout speeds of a round now at a flight-path angle: the least and most over the rows whose flight passes
        /// through that angle while the motor burns (between the launch elevation and the angle at burnout), 5° either side,
        /// and the mean of their nominal rounds' (the centre of <see cref="Probability"/>).
        /// </summary>
        public bool SpeedsAt(double pathAngleDegrees, out double low, out double nominal, out double high)
        {
            low = double.PositiveInfinity;
            high = double.NegativeInfinity;
            double sum = 0;
            int rows = 0;
            foreach ((double elevation, double angle, double lo, double mid, double hi) in Table)
            {
                if (pathAngleDegrees >= Math.Min(angle, elevation) - 5 - 1e-9 && pathAngleDegrees <= Math.Max(angle, elevation) + 5 + 1e-9)
                {
                    low = Math.Min(low, lo);
                    high = Math.Max(high, hi);
                    sum += mid;
                    rows++;
                }
            }

            nominal = rows > 0 ? sum / rows : double.NaN;
            return high >= low;
        }
    }
}
