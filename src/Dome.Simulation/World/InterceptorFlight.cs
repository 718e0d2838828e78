using Dome.Defense;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Simulation.World;

/// <summary>How an interceptor's flight ended.</summary>
public enum InterceptorOutcome
{
    /// <summary>Still flying.</summary>
    Flying,

    /// <summary>The fuze fired and the warhead destroyed the rocket.</summary>
    Kill,

    /// <summary>The fuze fired within its range but the rocket survived, or the interceptor passed it out of fuze range.</summary>
    Miss,

    /// <summary>Self-destructed: its target was already destroyed, or it ran out of flight time or speed.</summary>
    SelfDestruct,
}

/// <summary>The record of one interceptor, for events, scoring and the map.</summary>
public sealed record InterceptorRecord
{
    public required int Id { get; init; }

    public required string BatteryId { get; init; }

    public required int TrackId { get; init; }

    public required double LaunchTimeSeconds { get; init; }

    public required double PlannedInterceptSeconds { get; init; }

    public required double PlannedKillProbability { get; init; }

    public InterceptorOutcome Outcome { get; set; } = InterceptorOutcome.Flying;

    public double EndTimeSeconds { get; set; }

    public GeoPoint EndPoint { get; set; }

    /// <summary>The rocket its seeker locked on (0: none; the target was clutter or never acquired).</summary>
    public int SeekerTargetRocketId { get; set; }

    /// <summary>Closest approach to the seeker's target, m (null without a lock).</summary>
    public double? MissDistanceMeters { get; set; }

    /// <summary>Why it self-destructed, when it did.</summary>
    public string? Reason { get; set; }
}

/// <summary>
/// One interceptor in flight in the world: a 3-DOF point mass (thrust along the velocity during the burn, Mach drag in
/// the standard atmosphere, the earth's gravity with Coriolis and centrifugal terms) steered by true proportional
/// navigation a = N·V_c·(Ω × R̂) plus gravity compensation, limited to the airframe's lateral acceleration and lagged by
/// a first-order autopilot. Midcourse it flies on the defense's uplinked track (extrapolated between radar updates) —
/// never on truth; inside its seeker range it locks on the rocket nearest the uplinked position and guides on seeker
/// measurements (angular noise) smoothed by an α–β filter. The proximity fuze fires at the closest approach within fuze
/// range; the warhead kills with the interceptor's lethality function. Mutable; owned by the run loop.
/// </summary>
public sealed class InterceptorFlight
{
    private const double SeekerAlpha = 0.5;
    private const double SeekerBeta = 0.15;
    private static readonly FlightEnvironment Earth = FlightEnvironment.Standard;
    private readonly InterceptorType _type;
    private readonly DeterministicRandom _random;
    private Vector3 _aLateral;
    private TrackUplink _uplink;
    private bool _hasUplink;
    private Vector3 _seekerRel;
    private Vector3 _seekerRelVel;
    private bool _seekerInit;
    private double _seekerNext;
    private double _seekerTime;
    private double _previousRange = double.PositiveInfinity;

    public InterceptorFlight(InterceptorRecord record, InterceptorType type, Vector3 launcher, Vector3 aimPoint, double launchTimeSeconds, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(random);
        Record = record;
        _type = type;
        _random = random;
        TimeSeconds = launchTimeSeconds;
        Position = launcher;
        // Launched towards the PIP, raised by the gravity drop over the planned flight (a ballistic lead).
        double tof = Math.Max(1, record.PlannedInterceptSeconds - launchTimeSeconds);
        Vector3 up = launcher.Normalized();
        Vector3 aim = aimPoint + (up * (0.5 * 9.81 * tof * tof * 0.3));
        Velocity = (aim - launcher).Normalized() * type.RailExitSpeedMetersPerSecond;
    }

    public InterceptorRecord Record { get; }

    public double TimeSeconds { get; private set; }

    public Vector3 Position { get; private set; }

    public Vector3 Velocity { get; private set; }

    public double FlightSeconds => TimeSeconds - Record.LaunchTimeSeconds;

    public bool Done => Record.Outcome != InterceptorOutcome.Flying;

    /// <summary>The rocket the seeker locked on (0: none yet).</summary>
    public int LockedRocket => Record.SeekerTargetRocketId;

    /// <summary>A fresh track estimate from the defense.</summary>
    public void Uplink(TrackUplink uplink)
    {
        _uplink = uplink;
        _hasUplink = true;
    }

    /// <summary>Where the uplinked estimate puts the target at a time (ballistic extrapolation), or null without uplink.</summary>
    public Vector3? UplinkedTargetAt(double tSeconds)
    {
        if (!_hasUplink)
        {
            return null;
        }

        double dt = tSeconds - _uplink.TimeSeconds;
        Vector3 g = Earth.EarthAcceleration(_uplink.Position, _uplink.Velocity);
        return _uplink.Position + (_uplink.Velocity * dt) + (g * (0.5 * dt * dt));
    }

    /// <summary>Locks the seeker on a rocket.</summary>
    public void Lock(int rocketId) => Record.SeekerTargetRocketId = rocketId;

    /// <summary>
    /// Advances the flight by <paramref name="dt"/> seconds against the locked rocket's true state at the start and end of
    /// the step (null: no lock, or it is gone). When the interceptor passes its target within the step, the fuze decides
    /// (kill or miss) at the closest approach and the flight ends.
    /// </summary>
    public void Step(double dt, (Vector3 R, Vector3 V)? targetNow, (Vector3 R, Vector3 V)? targetNext)
    {
        double t = TimeSeconds;
        Vector3 r = Position, v = Velocity;
        double speed = v.Length;
        Vector3 along = speed > 0 ? v / speed : r.Normalized();

        // Guidance: relative position and velocity from the seeker when locked, else from the uplink.
        Vector3? rel = null, relVel = null;
        if (targetNow is { } tn)
        {
            if (t >= _seekerNext && (!_seekerInit || (tn.R - r).Length > _type.SeekerBlindRangeMeters))
            {
                Measure(tn.R - r, tn.V - v, t);
            }

            // Between measurements (and inside the blind range) the filter's relative state is extrapolated.
            rel = _seekerRel + (_seekerRelVel * (t - _seekerTime));
            relVel = _seekerRelVel;
        }
        else if (UplinkedTargetAt(t) is { } est)
        {
            double dtu = t - _uplink.TimeSeconds;
            Vector3 g = Earth.EarthAcceleration(_uplink.Position, _uplink.Velocity);
            rel = est - r;
            relVel = _uplink.Velocity + (g * dtu) - v;
        }

        Vector3 command = Vector3.Zero;
        Vector3 gravity = Earth.EarthAcceleration(r, v);
        if (rel is { } R && relVel is { } V && FlightSeconds > 0.3)
        {
            double range2 = R.LengthSquared;
            double range = Math.Sqrt(range2);
            Vector3 omega = Vector3.Cross(R, V) / range2;
            double closing = -Vector3.Dot(R, V) / range;
            command = Vector3.Cross(omega, R / range) * (_type.NavigationConstant * Math.Max(closing, 0));
            // Gravity compensation: cancel the part of gravity across the flight path.
            command -= gravity - (along * Vector3.Dot(gravity, along));
        }

        // Lateral only, limited, lagged by the autopilot.
        command -= along * Vector3.Dot(command, along);
        double magnitude = command.Length;
        double limit = _type.MaxLateralAccelerationMetersPerSecondSquared;
        if (magnitude > limit)
        {
            command *= limit / magnitude;
        }

        _aLateral += (command - _aLateral) * Math.Min(1, dt / _type.AutopilotTimeConstantSeconds);
        _aLateral -= along * Vector3.Dot(_aLateral, along);
        double height = Earth.Height(r);
        double axial = (_type.ThrustAt(FlightSeconds) / _type.MassAt(FlightSeconds)) - _type.DragDeceleration(speed, height, FlightSeconds);
        Vector3 a = gravity + (along * axial) + _aLateral;
        Vector3 vNew = v + (a * dt);
        Vector3 rNew = r + ((v + vNew) * (dt / 2));
        TimeSeconds = t + dt;
        Position = rNew;
        Velocity = vNew;

        if (targetNow is { } a0 && targetNext is { } a1)
        {
            Fuze(r, rNew, a0.R, a1.R, t, dt);
        }

        if (!Done && FlightSeconds > 2 && (FlightSeconds > _type.MaxFlightTimeSeconds || Earth.Height(rNew) < 0
            || (FlightSeconds > _type.BurnTimeSeconds && vNew.Length < _type.MinUsefulSpeedMetersPerSecond * 0.7)))
        {
            End(InterceptorOutcome.SelfDestruct, TimeSeconds, rNew, Earth.Height(rNew) < 0 ? "hit the ground" : "out of energy");
        }
    }

    /// <summary>Ends the flight (a kill, a miss, or self-destruction).</summary>
    public void End(InterceptorOutcome outcome, double tSeconds, Vector3 where, string? reason = null)
    {
        Record.Outcome = outcome;
        Record.EndTimeSeconds = tSeconds;
        Record.EndPoint = EcefPosition.FromVector(where).ToGeodetic();
        Record.Reason = reason;
    }

    private void Measure(Vector3 trueRel, Vector3 trueRelVel, double t)
    {
        // Angular noise across the line of sight, σ·R per axis; range is precise enough not to matter.
        double range = trueRel.Length;
        Vector3 u = trueRel / range;
        Vector3 p1 = Vector3.Cross(u, Math.Abs(u.Z) < 0.9 ? new Vector3(0, 0, 1) : new Vector3(1, 0, 0)).Normalized();
        Vector3 p2 = Vector3.Cross(u, p1);
        // Angular noise plus glint (the wander of the echo's apparent centre over the body), across the line of sight.
        double angular = _type.SeekerNoiseMilliradians * 1e-3 * range;
        double sigma = Math.Sqrt((angular * angular) + (_type.GlintMeters * _type.GlintMeters));
        Vector3 measured = trueRel + (p1 * (sigma * Normal())) + (p2 * (sigma * Normal()));
        double h = 1 / _type.SeekerRateHertz;
        if (!_seekerInit)
        {
            _seekerTime = t;
            _seekerRel = measured;
            _seekerRelVel = trueRelVel; // handed over from the uplink's closing velocity at lock-on
            _seekerInit = true;
        }
        else
        {
            double elapsed = Math.Max(t - _seekerTime, 1e-4);
            Vector3 predicted = _seekerRel + (_seekerRelVel * elapsed);
            Vector3 residual = measured - predicted;
            _seekerRel = predicted + (residual * SeekerAlpha);
            _seekerRelVel += residual * (SeekerBeta / elapsed);
            _seekerTime = t;
        }

        _seekerNext = t + h;
    }

    private void Fuze(Vector3 r0, Vector3 r1, Vector3 target0, Vector3 target1, double t, double dt)
    {
        // Relative motion is linear within a step of a few milliseconds: closest approach of d(s) = d0 + s(d1 − d0).
        Vector3 d0 = target0 - r0, d1 = target1 - r1;
        Vector3 dd = d1 - d0;
        double s = dd.LengthSquared > 0 ? Math.Clamp(-Vector3.Dot(d0, dd) / dd.LengthSquared, 0, 1) : 0;
        double miss = (d0 + (dd * s)).Length;
        double range1 = d1.Length;
        bool passed = s < 1 || range1 > _previousRange;
        _previousRange = range1;
        if (!passed || d0.Length > 2000)
        {
            return;
        }

        Record.MissDistanceMeters = Math.Min(Record.MissDistanceMeters ?? double.PositiveInfinity, miss);
        Vector3 where = r0 + ((r1 - r0) * s);
        if (miss <= _type.FuzeRangeMeters && _random.NextDouble() < _type.KillProbability(miss))
        {
            End(InterceptorOutcome.Kill, t + (s * dt), where);
        }
        else
        {
            End(InterceptorOutcome.Miss, t + (s * dt), where, miss <= _type.FuzeRangeMeters ? "warhead did not kill" : "passed out of fuze range");
        }
    }

    private double Normal() => _random.NextGaussian();
}
