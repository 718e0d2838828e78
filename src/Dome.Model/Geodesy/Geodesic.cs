namespace Dome.Model.Geodesy;

/// <summary>The result of a geodesic inverse problem: distance in metres and the forward and reverse azimuths in degrees (clockwise from north, [0, 360)).</summary>
public readonly record struct GeodesicLine(double DistanceMeters, double InitialAzimuthDegrees, double FinalAzimuthDegrees);

/// <summary>
/// Geodesics on the WGS84 ellipsoid by Vincenty's iterative formulae
/// (T. Vincenty, "Direct and inverse solutions of geodesics on the ellipsoid with application of nested equations",
/// Survey Review 23(176), 1975). Accurate to about 0.5 mm; not used for nearly antipodal points, which never occur
/// in Dome's theatre.
/// </summary>
public static class Geodesic
{
    private const double A = Wgs84.SemiMajorAxisMeters;
    private const double B = Wgs84.SemiMinorAxisMeters;
    private const double F = Wgs84.Flattening;

    /// <summary>Distance and azimuths from <paramref name="from"/> to <paramref name="to"/> (heights ignored).</summary>
    /// <exception cref="ArgumentException">The iteration does not converge (nearly antipodal points).</exception>
    public static GeodesicLine Inverse(GeoPoint from, GeoPoint to)
    {
        double l = (to.LongitudeRadians - from.LongitudeRadians);
        double u1 = Math.Atan((1 - F) * Math.Tan(from.LatitudeRadians));
        double u2 = Math.Atan((1 - F) * Math.Tan(to.LatitudeRadians));
        double sinU1 = Math.Sin(u1), cosU1 = Math.Cos(u1);
        double sinU2 = Math.Sin(u2), cosU2 = Math.Cos(u2);

        double lambda = l;
        double sinSigma = 0, cosSigma = 1, sigma = 0, cosSqAlpha = 1, cos2SigmaM = 0, sinLambda = 0, cosLambda = 1;
        for (int iteration = 0; ; iteration++)
        {
            if (iteration > 200)
            {
                throw new ArgumentException("Vincenty's inverse formula did not converge (nearly antipodal points).", nameof(to));
            }

            sinLambda = Math.Sin(lambda);
            cosLambda = Math.Cos(lambda);
            double t1 = cosU2 * sinLambda;
            double t2 = (cosU1 * sinU2) - (sinU1 * cosU2 * cosLambda);
            sinSigma = Math.Sqrt((t1 * t1) + (t2 * t2));
            if (sinSigma == 0)
            {
                return new GeodesicLine(0, 0, 0);
            }

            cosSigma = (sinU1 * sinU2) + (cosU1 * cosU2 * cosLambda);
            sigma = Math.Atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cosSqAlpha = 1 - (sinAlpha * sinAlpha);
            cos2SigmaM = cosSqAlpha != 0 ? cosSigma - (2 * sinU1 * sinU2 / cosSqAlpha) : 0;
            double c = F / 16 * cosSqAlpha * (4 + (F * (4 - (3 * cosSqAlpha))));
            double previous = lambda;
            lambda = l + ((1 - c) * F * sinAlpha
                * (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
            if (Math.Abs(lambda - previous) < 1e-13)
            {
                break;
            }
        }

        double uSq = cosSqAlpha * ((A * A) - (B * B)) / (B * B);
        double bigA = 1 + (uSq / 16384 * (4096 + (uSq * (-768 + (uSq * (320 - (175 * uSq)))))));
        double bigB = uSq / 1024 * (256 + (uSq * (-128 + (uSq * (74 - (47 * uSq))))));
        double deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4 * ((cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))
            - (bigB / 6 * cos2SigmaM * (-3 + (4 * sinSigma * sinSigma)) * (-3 + (4 * cos2SigmaM * cos2SigmaM))))));
        double s = B * bigA * (sigma - deltaSigma);
        double alpha1 = Math.Atan2(cosU2 * sinLambda, (cosU1 * sinU2) - (sinU1 * cosU2 * cosLambda));
        double alpha2 = Math.Atan2(cosU1 * sinLambda, (-sinU1 * cosU2) + (cosU1 * sinU2 * cosLambda));
        return new GeodesicLine(s, NormalizeDegrees(alpha1 * 180 / Math.PI), NormalizeDegrees(alpha2 * 180 / Math.PI));
    }

    /// <summary>The point reached from <paramref name="from"/> along the geodesic of the given initial azimuth and length.</summary>
    public static GeoPoint Direct(GeoPoint from, double initialAzimuthDegrees, double distanceMeters)
    {
        double alpha1 = initialAzimuthDegrees * Math.PI / 180;
        double sinAlpha1 = Math.Sin(alpha1), cosAlpha1 = Math.Cos(alpha1);
        double tanU1 = (1 - F) * Math.Tan(from.LatitudeRadians);
        double cosU1 = 1 / Math.Sqrt(1 + (tanU1 * tanU1)), sinU1 = tanU1 * cosU1;
        double sigma1 = Math.Atan2(tanU1, cosAlpha1);
        double sinAlpha = cosU1 * sinAlpha1;
        double cosSqAlpha = 1 - (sinAlpha * sinAlpha);
        double uSq = cosSqAlpha * ((A * A) - (B * B)) / (B * B);
        double bigA = 1 + (uSq / 16384 * (4096 + (uSq * (-768 + (uSq * (320 - (175 * uSq)))))));
        double bigB = uSq / 1024 * (256 + (uSq * (-128 + (uSq * (74 - (47 * uSq))))));

        double sigma = distanceMeters / (B * bigA);
        double sinSigma, cosSigma, cos2SigmaM;
        int iteration = 0;
        while (true)
        {
            cos2SigmaM = Math.Cos((2 * sigma1) + sigma);
            sinSigma = Math.Sin(sigma);
            cosSigma = Math.Cos(sigma);
            double deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4 * ((cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))
                - (bigB / 6 * cos2SigmaM * (-3 + (4 * sinSigma * sinSigma)) * (-3 + (4 * cos2SigmaM * cos2SigmaM))))));
            double previous = sigma;
            sigma = (distanceMeters / (B * bigA)) + deltaSigma;
            if (Math.Abs(sigma - previous) < 1e-13 || ++iteration > 200)
            {
                break;
            }
        }

        double tmp = (sinU1 * sinSigma) - (cosU1 * cosSigma * cosAlpha1);
        double lat2 = Math.Atan2((sinU1 * cosSigma) + (cosU1 * sinSigma * cosAlpha1), (1 - F) * Math.Sqrt((sinAlpha * sinAlpha) + (tmp * tmp)));
        double lambda = Math.Atan2(sinSigma * sinAlpha1, (cosU1 * cosSigma) - (sinU1 * sinSigma * cosAlpha1));
        double c = F / 16 * cosSqAlpha * (4 + (F * (4 - (3 * cosSqAlpha))));
        double l = lambda - ((1 - c) * F * sinAlpha
            * (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
        return GeoPoint.FromRadians(lat2, from.LongitudeRadians + l, from.HeightMeters);
    }

    private static double NormalizeDegrees(double degrees)
    {
        double d = degrees % 360.0;
        return d < 0 ? d + 360.0 : d;
    }
}
