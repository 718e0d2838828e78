using Dome.Defense.Numerics;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tracking;

/// <summary>
/// Starts tentative tracks from pairs of plots: a plot that no track claimed waits for a partner; a later plot no
/// farther than the fastest target could have flown (plus three sigmas of both measurements) makes a pair, and the pair
/// a track whose velocity is their difference quotient. Plots closer in time than the minimum interval are taken for
/// the same detection (two radars, one moment). A plot waits for a partner no more than
/// <see cref="TrackerSettings.PlotWaitRevisits"/> of its radar's revisits (<see cref="TrackerSettings.TentativePlotLifetimeSeconds"/>
/// at most). Not thread-safe.
/// </summary>
internal sealed class TwoPointInitiator(TrackerSettings settings, Func<string, double> revisitOf)
{
    private readonly List<PositionMeasurement> _waiting = [];
    private readonly SpatialGrid _grid = new(5000);
    private readonly List<int> _nearby = [];

    public int WaitingPlots => _waiting.Count;

    /// <summary>Pairs the unclaimed plots of one scan with the waiting ones; returns the states of new tracks.</summary>
    public List<(double[] State, double[] Covariance, double InitiatedAt, PositionMeasurement First, PositionMeasurement Second)> Initiate(
        IReadOnlyList<PositionMeasurement> unclaimed, double now)
    {
        _waiting.RemoveAll(w => now - w.TimeSeconds > WaitSeconds(w));
        _grid.Clear();
        for (int i = 0; i < _waiting.Count; i++)
        {
            _grid.Add(i, _waiting[i].Position);
        }

        bool[] used = new bool[_waiting.Count];
        List<(double[], double[], double, PositionMeasurement, PositionMeasurement)> created = [];
        List<PositionMeasurement> newWaiting = [];
        foreach (PositionMeasurement m in unclaimed)
        {
            int best = -1;
            double bestDistance = double.MaxValue;
            bool sameDetection = false;
            _nearby.Clear();
            _grid.Query(m.Position, settings.MaxSpeedMetersPerSecond * settings.TentativePlotLifetimeSeconds, _nearby);
            foreach (int i in _nearby)
            {
                PositionMeasurement w = _waiting[i];
                double dt = m.TimeSeconds - w.TimeSeconds;
                double distance = (m.Position - w.Position).Length;
                double slack = 3 * (Math.Sqrt(Trace(w.Covariance)) + Math.Sqrt(Trace(m.Covariance)));
                if (dt < settings.MinInitiationIntervalSeconds)
                {
                    sameDetection |= distance <= slack + (settings.MaxSpeedMetersPerSecond * Math.Max(dt, 0));
                    continue;
                }

                if (!used[i] && distance <= (settings.MaxSpeedMetersPerSecond * dt) + slack && distance < bestDistance && RangeRatesAgree(w, m))
                {
                    best = i;
                    bestDistance = distance;
                }
            }

            if (best >= 0)
            {
                used[best] = true;
                (double[] x, double[] p) = TwoPointStateWithRangeRate(_waiting[best], m);
                created.Add((x, p, _waiting[best].TimeSeconds, _waiting[best], m));
            }
            else if (!sameDetection)
            {
                newWaiting.Add(m);
            }
        }

        for (int i = _waiting.Count - 1; i >= 0; i--)
        {
            if (used[i])
            {
                _waiting.RemoveAt(i);
            }
        }

        _waiting.AddRange(newWaiting);
        return created;
    }

    /// <summary>
    /// State and covariance from two position measurements: r = z₂, v = (z₂ − z₁)/Δt, with P_rr = R₂,
    /// P_rv = R₂/Δt, P_vv = (R₁ + R₂)/Δt² plus the velocity change a burning motor could add over half the interval;
    /// then, from a pulse-Doppler radar, the second plot's range rate as an update (the state is at its time).
    /// </summary>
    private (double[] State, double[] Covariance) TwoPointStateWithRangeRate(PositionMeasurement first, PositionMeasurement second)
    {
        (double[] x, double[] p) = TwoPointState(first, second);
        if (second.RangeRate is double rangeRate)
        {
            KalmanUpdater.UpdateRangeRate(x, p, BallisticMotionModel.Dimension, second.Antenna, rangeRate, second.RangeRateVariance, out _);
        }

        return (x, p);
    }

    private (double[] State, double[] Covariance) TwoPointState(PositionMeasurement first, PositionMeasurement second)
    {
        const int n = BallisticMotionModel.Dimension;
        double dt = second.TimeSeconds - first.TimeSeconds;
        Vector3 v = (second.Position - first.Position) / dt;
        double[] x = [second.Position.X, second.Position.Y, second.Position.Z, v.X, v.Y, v.Z, settings.DragPrior];
        double[] p = new double[n * n];
        double boostVelocity = Math.Sqrt(settings.BoostAccelerationNoise) * dt / 2;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double r1 = first.Covariance[(i * 3) + j], r2 = second.Covariance[(i * 3) + j];
                p[(i * n) + j] = r2;
                p[(i * n) + j + 3] = r2 / dt;
                p[((i + 3) * n) + j] = r2 / dt;
                p[((i + 3) * n) + j + 3] = ((r1 + r2) / (dt * dt)) + (i == j ? boostVelocity * boostVelocity : 0);
            }
        }

        p[(n * n) - 1] = settings.DragPriorSigma * settings.DragPriorSigma;
        return (x, p);
    }

    /// <summary>
    /// Whether each pulse-Doppler plot of a pair has a range rate the pair's velocity explains
    /// (<see cref="TrackerSettings.InitiationRangeRateSigmas"/>); a pair of position-only plots always does.
    /// </summary>
    internal bool RangeRatesAgree(PositionMeasurement first, PositionMeasurement second)
    {
        double gate = settings.InitiationRangeRateSigmas;
        if (gate <= 0 || (first.RangeRate is null && second.RangeRate is null))
        {
            return true;
        }

        double dt = second.TimeSeconds - first.TimeSeconds;
        Vector3 v = (second.Position - first.Position) / dt;
        double boost = settings.BoostAccelerationNoise * dt * dt / 4;
        return Agrees(first) && Agrees(second);

        bool Agrees(PositionMeasurement plot)
        {
            if (plot.RangeRate is not double rangeRate)
            {
                return true;
            }

            Vector3 l = plot.Position - plot.Antenna;
            double range = l.Length;
            if (!(range > 0))
            {
                return true;
            }

            l /= range;
            double positions = SmallMatrix.QuadraticForm3(l.X, l.Y, l.Z, first.Covariance) + SmallMatrix.QuadraticForm3(l.X, l.Y, l.Z, second.Covariance);
            double variance = (positions / (dt * dt)) + boost + plot.RangeRateVariance;
            double residual = Vector3.Dot(l, v) - rangeRate;
            return residual * residual <= gate * gate * variance;
        }
    }

    /// <summary>
    /// How long a plot waits for a partner, s: <see cref="TrackerSettings.TentativePlotLifetimeSeconds"/>, and no more
    /// than <see cref="TrackerSettings.PlotWaitRevisits"/> of its radar's revisits.
    /// </summary>
    private double WaitSeconds(PositionMeasurement plot) =>
        settings.PlotWaitRevisits > 0
            ? Math.Min(settings.TentativePlotLifetimeSeconds, settings.PlotWaitRevisits * revisitOf(plot.Plot.RadarId))
            : settings.TentativePlotLifetimeSeconds;

    private static double Trace(double[] c) => c[0] + c[4] + c[8];
}
