using Dome.Model.Atmosphere;
using Dome.Model.Geodesy;

namespace Dome.Model.Flight;

/// <summary>The shape, gravity and rotation of the earth the flight is integrated over.</summary>
public enum EarthModel
{
    /// <summary>The WGS84 ellipsoid, J2 gravity, rotating: Coriolis and centrifugal terms in the ECEF frame. Dome's default.</summary>
    Wgs84Rotating,

    /// <summary>
    /// A non-rotating sphere of radius <see cref="Wgs84.MeanRadiusMeters"/> with point-mass gravity: the setting of the
    /// closed-form Kepler test. Latitudes of launch and impact points are then spherical (geocentric) coordinates.
    /// </summary>
    SphericalNonRotating,
}

/// <summary>What the air and the earth do to a round in flight. Immutable.</summary>
public sealed record FlightEnvironment
{
    public EarthModel Earth { get; init; } = EarthModel.Wgs84Rotating;

    /// <summary>True: no atmosphere (no drag), for tests against closed forms.</summary>
    public bool Vacuum { get; init; }

    public WindProfile Wind { get; init; } = WindProfile.Calm;

    public static FlightEnvironment Standard { get; } = new();

    /// <summary>Gravitational plus (for a rotating earth) centrifugal and Coriolis acceleration at an ECEF state, m/s².</summary>
    public Vector3 EarthAcceleration(Vector3 r, Vector3 v)
    {
        double r2 = r.LengthSquared;
        double rn = Math.Sqrt(r2);
        double mu = Wgs84.GravitationalParameter;
        if (Earth == EarthModel.SphericalNonRotating)
        {
            return r * (-mu / (r2 * rn));
        }

        // J2 gravity (e.g. Vallado, Fundamentals of Astrodynamics, eq. 8-30).
        double a2 = Wgs84.SemiMajorAxisMeters * Wgs84.SemiMajorAxisMeters;
        double zr2 = r.Z * r.Z / r2;
        double k = 1.5 * Wgs84.J2 * a2 / r2;
        double common = -mu / (r2 * rn);
        double gx = common * r.X * (1 - (k * ((5 * zr2) - 1)));
        double gy = common * r.Y * (1 - (k * ((5 * zr2) - 1)));
        double gz = common * r.Z * (1 - (k * ((5 * zr2) - 3)));
        const double w = Wgs84.AngularVelocityRadiansPerSecond;
        // −2ω×v − ω×(ω×r) with ω = (0, 0, w).
        double ax = gx + (2 * w * v.Y) + (w * w * r.X);
        double ay = gy - (2 * w * v.X) + (w * w * r.Y);
        return new Vector3(ax, ay, gz);
    }

    /// <summary>
    /// Height above the earth's surface, metres. For the ellipsoid: |r| minus the ellipsoid radius at the same geocentric
    /// latitude, which is exactly zero on the surface (so the ground event is exact) and within a metre of the geodetic
    /// height up to 100 km.
    /// </summary>
    public double Height(Vector3 r)
    {
        double rn = r.Length;
        if (Earth == EarthModel.SphericalNonRotating)
        {
            return rn - Wgs84.MeanRadiusMeters;
        }

        const double a = Wgs84.SemiMajorAxisMeters;
        const double b = Wgs84.SemiMinorAxisMeters;
        double sinC = r.Z / rn;
        double cos2 = 1 - (sinC * sinC);
        double radius = a * b / Math.Sqrt((b * b * cos2) + (a * a * sinC * sinC));
        return rn - radius;
    }

    /// <summary>The wind velocity at an ECEF position, as an ECEF vector (m/s); zero in a vacuum or calm.</summary>
    public Vector3 WindEcef(Vector3 r, double heightMeters)
    {
        if (Vacuum || Wind.IsCalm)
        {
            return Vector3.Zero;
        }

        EnuVector w = Wind.At(heightMeters);
        // A local frame from the geocentric direction: within 0.2° of the geodetic one, ample for a wind vector.
        double p = Math.Sqrt((r.X * r.X) + (r.Y * r.Y));
        Vector3 east = new(-r.Y / p, r.X / p, 0);
        Vector3 up = r / r.Length;
        Vector3 north = Vector3.Cross(up, east);
        return (w.East * east) + (w.North * north);
    }
}
