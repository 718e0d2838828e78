using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Defense.Engagement;

/// <summary>
/// One battery's plan against one track: the launch window and the predicted intercept point (PIP) for an order given
/// at <see cref="LaunchTimeSeconds"/>, with the planner's kill-probability estimate. Immutable.
/// </summary>
public sealed class InterceptPlan
{
    private readonly double[] _launch; // order time for an intercept at each feasible sample, ascending sample order
    private readonly double[] _intercept;

    internal InterceptPlan(string batteryId, int trackId, double launchTime, double interceptTime, Vector3 interceptPoint, double interceptHeight,
        double flyout, double speed, double killProbability, double[] launch, double[] intercept)
    {
        BatteryId = batteryId;
        TrackId = trackId;
        LaunchTimeSeconds = launchTime;
        InterceptTimeSeconds = interceptTime;
        InterceptPoint = interceptPoint;
        InterceptHeightMeters = interceptHeight;
        FlyoutSeconds = flyout;
        InterceptorSpeedMetersPerSecond = speed;
        KillProbability = killProbability;
        _launch = launch;
        _intercept = intercept;
    }

    public string BatteryId { get; }

    public int TrackId { get; }

    /// <summary>When the launch order is given (the earliest the window allows, never before the planning time), s.</summary>
    public double LaunchTimeSeconds { get; }

    /// <summary>Predicted intercept time for an order at <see cref="LaunchTimeSeconds"/>, s.</summary>
    public double InterceptTimeSeconds { get; }

    /// <summary>The predicted intercept point, ECEF m.</summary>
    public Vector3 InterceptPoint { get; }

    public double InterceptHeightMeters { get; }

    /// <summary>Interceptor time of flight to the PIP, s.</summary>
    public double FlyoutSeconds { get; }

    /// <summary>Interceptor speed at the PIP, m/s.</summary>
    public double InterceptorSpeedMetersPerSecond { get; }

    /// <summary>The planner's estimate of one interceptor's kill probability from the geometry.</summary>
    public double KillProbability { get; }

    /// <summary>The earliest order time whose intercept lies within the envelope, s.</summary>
    public double EarliestLaunchSeconds => _launch.Min();

    /// <summary>The latest order time whose intercept still lies within the envelope, s.</summary>
    public double LatestLaunchSeconds => _launch.Max();

    /// <summary>The latest order time whose intercept comes no later than <paramref name="interceptDeadline"/>, or null.</summary>
    public double? LatestLaunchInterceptingBy(double interceptDeadline)
    {
        double? best = null;
        for (int i = 0; i < _launch.Length; i++)
        {
            if (_intercept[i] <= interceptDeadline && (best is null || _launch[i] > best))
            {
                best = _launch[i];
            }
        }

        return best;
    }

    /// <summary>
    /// The intercept time for an order at <paramref name="launchSeconds"/> (interpolated between path samples), or null if
    /// no intercept within the envelope follows such an order.
    /// </summary>
    public double? InterceptTimeFor(double launchSeconds)
    {
        for (int i = 0; i < _launch.Length; i++)
        {
            if (_launch[i] >= launchSeconds)
            {
                if (i == 0 || _intercept[i] - _intercept[i - 1] > TargetPath.StepSeconds * 1.5)
                {
                    return _intercept[i];
                }

                double f = (launchSeconds - _launch[i - 1]) / (_launch[i] - _launch[i - 1]);
                return _intercept[i - 1] + (f * (_intercept[i] - _intercept[i - 1]));
            }
        }

        return null;
    }
}

/// <summary>
/// Intercept planning for one battery: for each sample of a target's predicted path, the flyout table gives the
/// interceptor's time of flight from the launcher, hence the order time L(t) = t − flyout(P(t)) − launch delay that
/// meets the target there. The samples within the envelope (height between the minimum and maximum intercept altitude,
/// reachable above the useful speed) form the launch window; the PIP for an order now is the root of L(t) = now,
/// by linear interpolation between samples (the time-to-go fixed point). Stateless apart from its tables; thread-safe.
/// </summary>
public sealed class InterceptPlanner
{
    /// <summary>The planner's ceiling on one shot's kill probability (a perfect head-on geometry at full speed).</summary>
    public const double MaxKillProbability = 0.85;

    private readonly Vector3 _site;
    private readonly Vector3 _up;

    public InterceptPlanner(BatterySite battery, InterceptorType interceptor)
        : this(battery, InterceptorFlyout.For(interceptor ?? throw new ArgumentNullException(nameof(interceptor)), battery?.Position.HeightMeters ?? 0))
    {
    }

    public InterceptPlanner(BatterySite battery, InterceptorFlyout flyout)
    {
        ArgumentNullException.ThrowIfNull(battery);
        ArgumentNullException.ThrowIfNull(flyout);
        Battery = battery;
        Flyout = flyout;
        _site = EcefPosition.FromGeodetic(battery.Position).Vector;
        _up = new LocalFrame(battery.Position).Up;
    }

    public BatterySite Battery { get; }

    public InterceptorFlyout Flyout { get; }

    public InterceptorType Interceptor => Flyout.Interceptor;

    /// <summary>The launcher position, ECEF m.</summary>
    public Vector3 Site => _site;

    /// <summary>
    /// The plan against a path for an order at or after <paramref name="nowSeconds"/>, or null if no intercept within
    /// the envelope can follow an order at or after now.
    /// </summary>
    public InterceptPlan? Plan(TargetPath path, double nowSeconds)
    {
        ArgumentNullException.ThrowIfNull(path);
        InterceptorType m = Interceptor;
        double reach = Flyout.MaxDistanceMeters(0) + 1000;
        List<double> launch = [];
        List<double> intercept = [];
        List<int> samples = [];
        List<(double Flyout, double Speed)> flights = [];
        for (int i = 0; i < path.Count; i++)
        {
            double t = path.TimeAt(i);
            double h = path.HeightAt(i);
            if (t < nowSeconds + m.LaunchDelaySeconds || h < m.MinInterceptAltitudeMeters || h > m.MaxInterceptAltitudeMeters)
            {
                continue;
            }

            Vector3 d = path.PositionAt(i) - _site;
            double distance = d.Length;
            if (distance > reach)
            {
                continue;
            }

            double elevation = Math.Asin(Math.Clamp(Vector3.Dot(d, _up) / distance, -1, 1));
            if (!Flyout.TryFlyout(distance, elevation, out double tof, out double speed))
            {
                continue;
            }

            double order = t - tof - m.LaunchDelaySeconds;
            if (order < nowSeconds - (TargetPath.StepSeconds * 4))
            {
                continue;
            }

            launch.Add(order);
            intercept.Add(t);
            samples.Add(i);
            flights.Add((tof, speed));
        }

        if (launch.Count == 0 || launch.Max() < nowSeconds)
        {
            return null;
        }

        // The first sample whose order time is not yet past: interpolate L(t) = now on the step before it when the
        // samples are consecutive; otherwise the window opens later and the order waits for it.
        int k = launch.FindIndex(l => l >= nowSeconds);
        double launchTime, interceptTime;
        Vector3 point;
        double tofAt, speedAt;
        if (k > 0 && samples[k] == samples[k - 1] + 1 && launch[k] > launch[k - 1])
        {
            double f = (nowSeconds - launch[k - 1]) / (launch[k] - launch[k - 1]);
            launchTime = nowSeconds;
            interceptTime = intercept[k - 1] + (f * (intercept[k] - intercept[k - 1]));
            point = path.Position(interceptTime);
            tofAt = flights[k - 1].Flyout + (f * (flights[k].Flyout - flights[k - 1].Flyout));
            speedAt = flights[k - 1].Speed + (f * (flights[k].Speed - flights[k - 1].Speed));
        }
        else
        {
            launchTime = launch[k];
            interceptTime = intercept[k];
            point = path.PositionAt(samples[k]);
            (tofAt, speedAt) = flights[k];
        }

        double pk = KillProbabilityEstimate(point, path.Velocity(interceptTime), speedAt);
        return new InterceptPlan(Battery.Id, path.TrackId, launchTime, interceptTime, point, BallisticMotionHeight(point), tofAt, speedAt, pk,
            [.. launch], [.. intercept]);
    }

    /// <summary>
    /// The planner's a-priori single-shot kill probability: <see cref="MaxKillProbability"/> scaled down for a slow
    /// interceptor (less margin to correct the last errors: ×0.7 at the useful-speed floor, ×1 from 300 m/s above it) and
    /// for a crossing or tail-chase geometry (×0.8 at 90°, ×1 head-on). The outcome in the world comes from miss distances;
    /// reports compare the two.
    /// </summary>
    public double KillProbabilityEstimate(Vector3 interceptPoint, Vector3 targetVelocity, double interceptorSpeed)
    {
        Vector3 u = (interceptPoint - _site).Normalized();
        double speed = targetVelocity.Length;
        double headOn = speed > 0 ? Math.Max(0, -Vector3.Dot(u, targetVelocity) / speed) : 1;
        double speedFactor = 0.7 + (0.3 * Math.Clamp((interceptorSpeed - Interceptor.MinUsefulSpeedMetersPerSecond) / 300, 0, 1));
        return MaxKillProbability * speedFactor * (0.8 + (0.2 * headOn));
    }

    private static double BallisticMotionHeight(Vector3 r) => Tracking.BallisticMotionModel.Height(r);
}
