using System.Globalization;

namespace Dome.Model.Flight;

/// <summary>
/// A zero-lift drag coefficient as a function of Mach number, tabulated and interpolated linearly (constant beyond the
/// ends). Immutable and thread-safe.
/// </summary>
public sealed class DragCurve
{
    private readonly double[] _mach;
    private readonly double[] _cd;

    public DragCurve(string name, IReadOnlyList<(double Mach, double Cd)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            throw new ArgumentException("A drag curve needs at least two points.", nameof(points));
        }

        for (int i = 0; i < points.Count; i++)
        {
            if (!(points[i].Cd > 0) || !double.IsFinite(points[i].Cd) || !(points[i].Mach >= 0) || (i > 0 && points[i].Mach <= points[i - 1].Mach))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Drag curve point {i} is invalid: Mach must increase and Cd be positive."), nameof(points));
            }
        }

        Name = name;
        _mach = [.. points.Select(p => p.Mach)];
        _cd = [.. points.Select(p => p.Cd)];
    }

    public string Name { get; }

    /// <summary>
    /// A fin-stabilised unguided rocket after burnout (shape of published curves for 122 mm-class rockets: a subsonic
    /// plateau near 0.3, the transonic rise to ~0.55 just above Mach 1, and a slow supersonic decline).
    /// </summary>
    public static DragCurve FinStabilizedRocket { get; } = new("fin-stabilised rocket",
    [
        (0.0, 0.30), (0.6, 0.30), (0.8, 0.32), (0.9, 0.36), (0.95, 0.42), (1.0, 0.50), (1.05, 0.55), (1.2, 0.53),
        (1.5, 0.47), (2.0, 0.40), (2.5, 0.35), (3.0, 0.31), (4.0, 0.27), (6.0, 0.24),
    ]);

    /// <summary>A fin-stabilised mortar bomb: streamlined, subsonic coefficient near 0.16 (published 81–120 mm bomb data lie at 0.12–0.2).</summary>
    public static DragCurve MortarBomb { get; } = new("mortar bomb",
    [
        (0.0, 0.16), (0.6, 0.16), (0.8, 0.17), (0.9, 0.20), (0.95, 0.25), (1.0, 0.32), (1.1, 0.36), (1.3, 0.34),
        (1.6, 0.30), (2.0, 0.27), (3.0, 0.23),
    ]);

    /// <summary>The drag coefficient at a Mach number (≥ 0).</summary>
    public double At(double mach)
    {
        double[] m = _mach;
        if (mach <= m[0])
        {
            return _cd[0];
        }

        int n = m.Length;
        if (mach >= m[n - 1])
        {
            return _cd[n - 1];
        }

        int hi = 1;
        while (m[hi] < mach)
        {
            hi++;
        }

        int lo = hi - 1;
        return _cd[lo] + ((_cd[hi] - _cd[lo]) * (mach - m[lo]) / (m[hi] - m[lo]));
    }
}
