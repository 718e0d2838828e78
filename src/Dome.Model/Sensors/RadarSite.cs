using Dome.Model.Geodesy;

namespace Dome.Model.Sensors;

/// <summary>
/// A radar as the defense knows it: where it stands and how it measures. Published at the head of every plot stream,
/// so a recorded stream is self-describing. Immutable.
/// </summary>
public sealed record RadarSite
{
    public required string Id { get; init; }

    /// <summary>Antenna position (height above the ellipsoid, metres).</summary>
    public required GeoPoint Position { get; init; }

    /// <summary>Time between two looks at the same direction, s.</summary>
    public required double RevisitSeconds { get; init; }

    /// <summary>Range measurement noise, one sigma, m.</summary>
    public required double RangeSigmaMeters { get; init; }

    /// <summary>Azimuth measurement noise, one sigma, mrad.</summary>
    public required double AzimuthSigmaMilliradians { get; init; }

    /// <summary>Elevation measurement noise, one sigma, mrad.</summary>
    public required double ElevationSigmaMilliradians { get; init; }

    /// <summary>Probability of detecting a target inside coverage on one look.</summary>
    public required double DetectionProbability { get; init; }

    /// <summary>Lowest elevation the radar sees above its local horizontal (terrain mask), degrees.</summary>
    public required double MinElevationDegrees { get; init; }

    public required double MaxRangeMeters { get; init; }

    /// <summary>Mean number of false plots per scan over the whole coverage (Poisson).</summary>
    public required double ClutterPerScan { get; init; }

    /// <summary>
    /// An electronically steered radar's track beams: a target its search has detected is looked at again this often,
    /// s, between searches, until it leaves coverage or its beams miss it three times running. Null: the radar only
    /// searches (track while scan). Divides <see cref="RevisitSeconds"/> a whole number of times.
    /// </summary>
    public double? TrackRevisitSeconds { get; init; }

    /// <summary>
    /// A pulse-Doppler radar's radial-velocity (range-rate) noise, one sigma, m/s: every plot then carries the target's
    /// range rate as well as its position. Null: the radar measures position only.
    /// </summary>
    public double? RangeRateSigmaMetersPerSecond { get; init; }

    /// <summary>How many targets the radar holds in track beams at once; a target detected when all are taken gets none.</summary>
    public int TrackCapacity { get; init; } = int.MaxValue;

    /// <summary>Radar frames per search: 1 without track beams; the other frames carry track beams only.</summary>
    public int FramesPerSearch => TrackRevisitSeconds is { } t ? Math.Max(1, (int)Math.Round(RevisitSeconds / t)) : 1;

    /// <summary>Time between two radar frames (a search, or a frame of track beams), s.</summary>
    public double FrameSeconds => RevisitSeconds / FramesPerSearch;
}

/// <summary>
/// One radar measurement as the defense receives it: time, radar, and spherical coordinates in the radar's local ENU
/// frame. A plot does not say whether it came from a rocket or from clutter: that is for the tracker to find out.
/// </summary>
/// <param name="TimeSeconds">Measurement time, seconds since the scenario start.</param>
/// <param name="RadarId">The radar that made it.</param>
/// <param name="RangeMeters">Slant range from the antenna, m.</param>
/// <param name="AzimuthDegrees">Azimuth clockwise from true north, [0, 360).</param>
/// <param name="ElevationDegrees">Elevation above the radar's local horizontal.</param>
public readonly record struct RadarPlot(double TimeSeconds, string RadarId, double RangeMeters, double AzimuthDegrees, double ElevationDegrees)
{
    /// <summary>
    /// The target's range rate (radial velocity, positive receding), m/s, from a pulse-Doppler radar
    /// (<see cref="RadarSite.RangeRateSigmaMetersPerSecond"/>); null from a radar that measures position only.
    /// </summary>
    public double? RangeRateMetersPerSecond { get; init; }
}
