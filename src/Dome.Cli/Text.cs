using System.Globalization;

namespace Dome.Cli;

/// <summary>Invariant-culture number formatting for the human-readable tables.</summary>
internal static class Text
{
    /// <summary>Fixed-point with <paramref name="decimals"/> decimals.</summary>
    public static string F(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A whole number with thousands separators.</summary>
    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
