namespace Dome.Model.Geodesy;

/// <summary>The WGS84 ellipsoid and earth constants (NIMA TR8350.2, 3rd edition).</summary>
public static class Wgs84
{
    /// <summary>Semi-major axis a, metres.</summary>
    public const double SemiMajorAxisMeters = 6378137.0;

    /// <summary>Flattening f = 1/298.257223563.</summary>
    public const double Flattening = 1.0 / 298.257223563;

    /// <summary>Semi-minor axis b = a(1 − f), metres.</summary>
    public const double SemiMinorAxisMeters = SemiMajorAxisMeters * (1.0 - Flattening);

    /// <summary>First eccentricity squared e² = f(2 − f).</summary>
    public const double EccentricitySquared = Flattening * (2.0 - Flattening);

    /// <summary>Second eccentricity squared e'² = e²/(1 − e²).</summary>
    public const double SecondEccentricitySquared = EccentricitySquared / (1.0 - EccentricitySquared);

    /// <summary>Earth's gravitational constant GM, m³/s² (including the atmosphere).</summary>
    public const double GravitationalParameter = 3.986004418e14;

    /// <summary>Earth's angular velocity ω, rad/s.</summary>
    public const double AngularVelocityRadiansPerSecond = 7.292115e-5;

    /// <summary>Second degree zonal harmonic J2 (from C̄2,0 = −0.484166774985e-3 of EGM96, J2 = −√5 C̄2,0).</summary>
    public const double J2 = 1.08262998905e-3;

    /// <summary>Mean radius R1 = (2a + b)/3, metres, used by the spherical test model.</summary>
    public const double MeanRadiusMeters = ((2.0 * SemiMajorAxisMeters) + SemiMinorAxisMeters) / 3.0;
}
