namespace Dome.Model.Geodesy;

/// <summary>
/// A local East-North-Up tangent frame at a geodetic origin. Converts positions and vectors between ECEF and ENU exactly
/// (a rotation and a translation; no flat-earth approximation: the curvature shows up as a negative Up far away).
/// Immutable and thread-safe.
/// </summary>
public sealed class LocalFrame
{
    private readonly double _sinLat;
    private readonly double _cosLat;
    private readonly double _sinLon;
    private readonly double _cosLon;

    public LocalFrame(GeoPoint origin)
    {
        Origin = origin;
        OriginEcef = EcefPosition.FromGeodetic(origin);
        _sinLat = Math.Sin(origin.LatitudeRadians);
        _cosLat = Math.Cos(origin.LatitudeRadians);
        _sinLon = Math.Sin(origin.LongitudeRadians);
        _cosLon = Math.Cos(origin.LongitudeRadians);
    }

    public GeoPoint Origin { get; }

    public EcefPosition OriginEcef { get; }

    /// <summary>Unit vector of local east, in ECEF.</summary>
    public Vector3 East => new(-_sinLon, _cosLon, 0.0);

    /// <summary>Unit vector of local north, in ECEF.</summary>
    public Vector3 North => new(-_sinLat * _cosLon, -_sinLat * _sinLon, _cosLat);

    /// <summary>Unit vector of local up (the ellipsoid normal), in ECEF.</summary>
    public Vector3 Up => new(_cosLat * _cosLon, _cosLat * _sinLon, _sinLat);

    /// <summary>Rotates an ECEF vector into this frame.</summary>
    public EnuVector ToEnuVector(Vector3 ecef) => new(
        (-_sinLon * ecef.X) + (_cosLon * ecef.Y),
        (-_sinLat * _cosLon * ecef.X) - (_sinLat * _sinLon * ecef.Y) + (_cosLat * ecef.Z),
        (_cosLat * _cosLon * ecef.X) + (_cosLat * _sinLon * ecef.Y) + (_sinLat * ecef.Z));

    /// <summary>Rotates a vector of this frame into ECEF.</summary>
    public Vector3 ToEcefVector(EnuVector enu) => new(
        (-_sinLon * enu.East) - (_sinLat * _cosLon * enu.North) + (_cosLat * _cosLon * enu.Up),
        (_cosLon * enu.East) - (_sinLat * _sinLon * enu.North) + (_cosLat * _sinLon * enu.Up),
        (_cosLat * enu.North) + (_sinLat * enu.Up));

    public EnuVector ToEnu(EcefPosition p) => ToEnuVector(p - OriginEcef);

    public EnuVector ToEnu(GeoPoint p) => ToEnu(EcefPosition.FromGeodetic(p));

    public EcefPosition ToEcef(EnuVector enu) => OriginEcef + ToEcefVector(enu);

    public GeoPoint ToGeodetic(EnuVector enu) => ToEcef(enu).ToGeodetic();
}
