namespace Dome.Model.Geodesy;

/// <summary>
/// A position in the Earth-Centred, Earth-Fixed frame (WGS84), metres. X through (0°N, 0°E), Z through the north pole.
/// </summary>
public readonly record struct EcefPosition(double X, double Y, double Z)
{
    public Vector3 Vector => new(X, Y, Z);

    public static EcefPosition FromVector(Vector3 v) => new(v.X, v.Y, v.Z);

    /// <summary>Difference of two positions: an ECEF vector in metres.</summary>
    public static Vector3 operator -(EcefPosition a, EcefPosition b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static EcefPosition operator +(EcefPosition a, Vector3 d) => new(a.X + d.X, a.Y + d.Y, a.Z + d.Z);

    public double DistanceTo(EcefPosition other) => (this - other).Length;

    /// <summary>Geodetic → ECEF: the closed form with the prime-vertical radius N(φ) = a/√(1 − e² sin²φ).</summary>
    public static EcefPosition FromGeodetic(GeoPoint p)
    {
        double lat = p.LatitudeRadians;
        double lon = p.LongitudeRadians;
        double sinLat = Math.Sin(lat);
        double cosLat = Math.Cos(lat);
        double n = Wgs84.SemiMajorAxisMeters / Math.Sqrt(1.0 - (Wgs84.EccentricitySquared * sinLat * sinLat));
        double h = p.HeightMeters;
        return new EcefPosition(
            (n + h) * cosLat * Math.Cos(lon),
            (n + h) * cosLat * Math.Sin(lon),
            ((n * (1.0 - Wgs84.EccentricitySquared)) + h) * sinLat);
    }

    /// <summary>ECEF → geodetic by Heikkinen's exact closed form (Heikkinen 1982; Zhu 1993).</summary>
    /// <remarks>Exact to well under a millimetre for any point more than a few km from the earth's centre.</remarks>
    public GeoPoint ToGeodetic()
    {
        (double lat, double lon, double h) = ToGeodeticRadians(X, Y, Z);
        return GeoPoint.FromRadians(lat, lon, h);
    }

    /// <summary>Height above the ellipsoid only, metres (same closed form as <see cref="ToGeodetic"/>).</summary>
    public double HeightMeters => ToGeodeticRadians(X, Y, Z).HeightMeters;

    internal static (double LatitudeRadians, double LongitudeRadians, double HeightMeters) ToGeodeticRadians(double x, double y, double z)
    {
        const double a = Wgs84.SemiMajorAxisMeters;
        const double b = Wgs84.SemiMinorAxisMeters;
        const double e2 = Wgs84.EccentricitySquared;
        const double ep2 = Wgs84.SecondEccentricitySquared;
        double p2 = (x * x) + (y * y);
        double p = Math.Sqrt(p2);
        double z2 = z * z;
        if (p < 1e-3)
        {
            // On the polar axis: latitude ±90°, height from the pole.
            return (z >= 0 ? Math.PI / 2 : -Math.PI / 2, 0.0, Math.Abs(z) - b);
        }

        double f = 54.0 * b * b * z2;
        double g = p2 + ((1.0 - e2) * z2) - (e2 * ((a * a) - (b * b)));
        double c = e2 * e2 * f * p2 / (g * g * g);
        double s = Math.Cbrt(1.0 + c + Math.Sqrt((c * c) + (2.0 * c)));
        double k = s + 1.0 + (1.0 / s);
        double bigP = f / (3.0 * k * k * g * g);
        double q = Math.Sqrt(1.0 + (2.0 * e2 * e2 * bigP));
        double r0 = (-(bigP * e2 * p) / (1.0 + q))
            + Math.Sqrt((0.5 * a * a * (1.0 + (1.0 / q))) - (bigP * (1.0 - e2) * z2 / (q * (1.0 + q))) - (0.5 * bigP * p2));
        double pe = p - (e2 * r0);
        double u = Math.Sqrt((pe * pe) + z2);
        double v = Math.Sqrt((pe * pe) + ((1.0 - e2) * z2));
        double z0 = b * b * z / (a * v);
        double h = u * (1.0 - (b * b / (a * v)));
        double lat = Math.Atan((z + (ep2 * z0)) / p);
        double lon = Math.Atan2(y, x);
        return (lat, lon, h);
    }
}
