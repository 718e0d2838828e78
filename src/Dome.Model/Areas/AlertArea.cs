using Dome.Model.Geodesy;
using NetTopologySuite.Geometries;

namespace Dome.Model.Areas;

/// <summary>
/// One Home Front Command alert area: names, regional zone, time to shelter and built-up-area polygon.
/// The polygon's coordinates are X = longitude, Y = latitude, in degrees (WGS84). Immutable.
/// </summary>
public sealed record AlertArea
{
    public required int Id { get; init; }

    /// <summary>Hebrew name, exactly as the Home Front Command's feeds spell it.</summary>
    public required string NameHebrew { get; init; }

    /// <summary>Other Hebrew spellings published under the same id (the feeds may use any of them).</summary>
    public IReadOnlyList<string> AlternateHebrewNames { get; init; } = [];

    public required string NameEnglish { get; init; }

    public required string ZoneHebrew { get; init; }

    public required string ZoneEnglish { get; init; }

    /// <summary>Time to reach shelter, seconds (0 = "immediate", 15, 30, 45, 60 or 90).</summary>
    public required int CountdownSeconds { get; init; }

    /// <summary>The centre published with the area.</summary>
    public required GeoPoint Center { get; init; }

    /// <summary>The built-up-area polygon, or null for an area published without one.</summary>
    public Polygon? Polygon { get; init; }

    /// <summary>Area of the polygon on the ground, km² (0 without a polygon).</summary>
    public double AreaSquareKilometers { get; init; }
}
