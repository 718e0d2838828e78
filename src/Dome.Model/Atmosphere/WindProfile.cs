using Dome.Model.Geodesy;

namespace Dome.Model.Atmosphere;

/// <summary>One level of a wind profile: geometric altitude (m), speed (m/s) and the meteorological direction the wind blows FROM (degrees clockwise from north).</summary>
public readonly record struct WindLevel(double AltitudeMeters, double SpeedMetersPerSecond, double FromDirectionDegrees);

/// <summary>
/// A horizontal wind that varies with altitude: the east and north components are interpolated linearly between levels
/// and held constant above the highest and below the lowest. Immutable and thread-safe. <see cref="Calm"/> is no wind.
/// </summary>
public sealed class WindProfile
{
    private readonly double[] _altitudes;
    private readonly double[] _east;
    private readonly double[] _north;

    public WindProfile(IEnumerable<WindLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        WindLevel[] sorted = [.. levels.OrderBy(l => l.AltitudeMeters)];
        foreach (WindLevel level in sorted)
        {
            if (!double.IsFinite(level.AltitudeMeters) || !double.IsFinite(level.SpeedMetersPerSecond) || !double.IsFinite(level.FromDirectionDegrees))
            {
                throw new ArgumentException("Wind levels must be finite numbers.", nameof(levels));
            }

            if (level.SpeedMetersPerSecond < 0 || level.SpeedMetersPerSecond > 150)
            {
                throw new ArgumentOutOfRangeException(nameof(levels), level.SpeedMetersPerSecond, "Wind speed must be in [0, 150] m/s.");
            }
        }

        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].AltitudeMeters == sorted[i - 1].AltitudeMeters)
            {
                throw new ArgumentException($"Two wind levels at the same altitude {sorted[i].AltitudeMeters} m.", nameof(levels));
            }
        }

        Levels = sorted;
        _altitudes = [.. sorted.Select(l => l.AltitudeMeters)];
        // Wind from direction d blows towards d + 180°: its velocity points along −(sin d, cos d).
        _east = [.. sorted.Select(l => -l.SpeedMetersPerSecond * Math.Sin(l.FromDirectionDegrees * Math.PI / 180))];
        _north = [.. sorted.Select(l => -l.SpeedMetersPerSecond * Math.Cos(l.FromDirectionDegrees * Math.PI / 180))];
    }

    public static WindProfile Calm { get; } = new([]);

    public IReadOnlyList<WindLevel> Levels { get; }

    public bool IsCalm => _altitudes.Length == 0 || Levels.All(l => l.SpeedMetersPerSecond == 0);

    /// <summary>The velocity of the air at a geometric altitude, in the local ENU frame, m/s (Up is always 0).</summary>
    public EnuVector At(double altitudeMeters)
    {
        int n = _altitudes.Length;
        if (n == 0)
        {
            return default;
        }

        if (altitudeMeters <= _altitudes[0])
        {
            return new EnuVector(_east[0], _north[0], 0);
        }

        if (altitudeMeters >= _altitudes[n - 1])
        {
            return new EnuVector(_east[n - 1], _north[n - 1], 0);
        }

        int i = Array.BinarySearch(_altitudes, altitudeMeters);
        if (i >= 0)
        {
            return new EnuVector(_east[i], _north[i], 0);
        }

        int hi = ~i;
        int lo = hi - 1;
        double w = (altitudeMeters - _altitudes[lo]) / (_altitudes[hi] - _altitudes[lo]);
        return new EnuVector(_east[lo] + (w * (_east[hi] - _east[lo])), _north[lo] + (w * (_north[hi] - _north[lo])), 0);
    }
}
