namespace Dome.Simulation.Reporting;

/// <summary>RFC 4180 fields: a field with a comma, a quote or a line break is quoted, its quotes doubled.</summary>
public static class Csv
{
    public static string Field(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
