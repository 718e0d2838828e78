using Dome.Model.Atmosphere;

namespace Dome.Model.Flight;

/// <summary>
/// An interceptor's flyout table: time of flight and speed against slant distance and elevation angle from the launcher,
/// for a straight-line flight (what proportional navigation flies on a collision course). Built once by integrating the
/// along-path equation dv/dt = T/m − drag/m − g·sin γ with the interceptor's own motor and drag in the standard
/// atmosphere; the battle manager plans intercepts with it. Immutable; thread-safe.
/// </summary>
public sealed class InterceptorFlyout
{
    /// <summary>Grid step in distance, m.</summary>
    public const double DistanceStepMeters = 50;

    /// <summary>Grid step in elevation, degrees (0–90).</summary>
    public const double ElevationStepDegrees = 5;

    private const double IntegrationStepSeconds = 0.005;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(InterceptorType, int), InterceptorFlyout> Cache = new();
    private readonly double[][] _time; // [elevation row][distance index]
    private readonly double[][] _speed;

    public InterceptorFlyout(InterceptorType interceptor, double launcherHeightMeters = 0)
    {
        ArgumentNullException.ThrowIfNull(interceptor);
        Interceptor = interceptor;
        int rows = (int)(90 / ElevationStepDegrees) + 1;
        _time = new double[rows][];
        _speed = new double[rows][];
        for (int row = 0; row < rows; row++)
        {
            (_time[row], _speed[row]) = Integrate(interceptor, row * ElevationStepDegrees * Math.PI / 180, launcherHeightMeters);
        }
    }

    public InterceptorType Interceptor { get; }

    /// <summary>
    /// The shared table of an interceptor for launchers at about a height (rounded to 100 m: the air density differs by
    /// 1% per 100 m, well inside the table's accuracy). Built once per process; thread-safe.
    /// </summary>
    public static InterceptorFlyout For(InterceptorType interceptor, double launcherHeightMeters = 0)
    {
        ArgumentNullException.ThrowIfNull(interceptor);
        int key = (int)Math.Round(launcherHeightMeters / 100);
        return Cache.GetOrAdd((interceptor, key), k => new InterceptorFlyout(k.Item1, k.Item2 * 100.0));
    }

    /// <summary>The farthest distance reachable at an elevation while above the useful speed and within the flight time, m.</summary>
    public double MaxDistanceMeters(double elevationRadians)
    {
        (int row, double w) = Row(elevationRadians);
        int next = Math.Min(row + 1, _time.Length - 1);
        return Math.Min(_time[row].Length, _time[next].Length) * DistanceStepMeters - DistanceStepMeters;
    }

    /// <summary>
    /// Time of flight (s) and speed (m/s) to a point at a slant distance (m) and elevation (rad) from the launcher, or
    /// false if the interceptor cannot get there above its useful speed within its flight time.
    /// </summary>
    public bool TryFlyout(double distanceMeters, double elevationRadians, out double timeSeconds, out double speedMetersPerSecond)
    {
        timeSeconds = speedMetersPerSecond = double.NaN;
        if (!(distanceMeters >= 0))
        {
            return false;
        }

        (int row, double w) = Row(elevationRadians);
        int next = Math.Min(row + 1, _time.Length - 1);
        double index = distanceMeters / DistanceStepMeters;
        int i = (int)index;
        if (i + 1 >= _time[row].Length || i + 1 >= _time[next].Length)
        {
            return false;
        }

        double f = index - i;
        double t0 = _time[row][i] + (f * (_time[row][i + 1] - _time[row][i]));
        double t1 = _time[next][i] + (f * (_time[next][i + 1] - _time[next][i]));
        double s0 = _speed[row][i] + (f * (_speed[row][i + 1] - _speed[row][i]));
        double s1 = _speed[next][i] + (f * (_speed[next][i + 1] - _speed[next][i]));
        timeSeconds = t0 + (w * (t1 - t0));
        speedMetersPerSecond = s0 + (w * (s1 - s0));
        return true;
    }

    private static (int Row, double Weight) Row(double elevationRadians)
    {
        double degrees = Math.Clamp(elevationRadians * 180 / Math.PI, 0, 90);
        double r = degrees / ElevationStepDegrees;
        int row = Math.Min((int)r, (int)(90 / ElevationStepDegrees));
        return (row, r - row);
    }

    private static (double[] Time, double[] Speed) Integrate(InterceptorType m, double gamma, double h0)
    {
        List<double> times = [0];
        List<double> speeds = [m.RailExitSpeedMetersPerSecond];
        double sinG = Math.Sin(gamma);
        double t = 0, s = 0, v = m.RailExitSpeedMetersPerSecond;
        const double g = StandardAtmosphere.StandardGravity;
        double Accel(double tt, double ss, double vv) =>
            (m.ThrustAt(tt) / m.MassAt(tt)) - m.DragDeceleration(vv, h0 + (ss * sinG), tt) - (g * sinG);

        while (t < m.MaxFlightTimeSeconds)
        {
            // Midpoint (RK2) step; a 5 ms step is far below the motor's and drag's time scales.
            double h = IntegrationStepSeconds;
            double a1 = Accel(t, s, v);
            double vm = v + (a1 * h / 2), sm = s + (v * h / 2);
            double a2 = Accel(t + (h / 2), sm, vm);
            double sNew = s + (vm * h), vNew = v + (a2 * h);
            double tNew = t + h;
            if (t > m.BurnTimeSeconds && vNew < m.MinUsefulSpeedMetersPerSecond)
            {
                break;
            }

            // Record every grid distance crossed in this step (linear within the step).
            while (times.Count * DistanceStepMeters <= sNew)
            {
                double target = times.Count * DistanceStepMeters;
                double f = (target - s) / (sNew - s);
                times.Add(t + (f * h));
                speeds.Add(v + (f * (vNew - v)));
            }

            (t, s, v) = (tNew, sNew, vNew);
        }

        return ([.. times], [.. speeds]);
    }
}
