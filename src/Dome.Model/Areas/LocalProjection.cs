using Dome.Model.Geodesy;

namespace Dome.Model.Areas;

/// <summary>
/// The local equirectangular projection of longitude/latitude degrees to metres east and north of an origin, with the
/// ellipsoid's meridian and prime-vertical radii of curvature at the origin. Over 20 km its relative error is below
/// 1e-5, ample for areas and confidence regions. Immutable.
/// </summary>
public readonly struct LocalProjection
{
    public LocalProjection(double originLatitudeDegrees, double originLongitudeDegrees)
    {
        double phi = originLatitudeDegrees * Math.PI / 180;
        double s2 = Math.Sin(phi) * Math.Sin(phi);
        double w = Math.Sqrt(1 - (Wgs84.EccentricitySquared * s2));
        double meridian = Wgs84.SemiMajorAxisMeters * (1 - Wgs84.EccentricitySquared) / (w * w * w);
        double primeVertical = Wgs84.SemiMajorAxisMeters / w;
        OriginLatitude = originLatitudeDegrees;
        OriginLongitude = originLongitudeDegrees;
        MetersPerDegreeNorth = meridian * Math.PI / 180;
        MetersPerDegreeEast = primeVertical * Math.Cos(phi) * Math.PI / 180;
    }

    public double OriginLatitude { get; }

    public double OriginLongitude { get; }

    public double MetersPerDegreeNorth { get; }

    public double MetersPerDegreeEast { get; }

    public (double East, double North) ToMeters(double longitude, double latitude) =>
        ((longitude - OriginLongitude) * MetersPerDegreeEast, (latitude - OriginLatitude) * MetersPerDegreeNorth);

    public (double Longitude, double Latitude) ToDegrees(double east, double north) =>
        (OriginLongitude + (east / MetersPerDegreeEast), OriginLatitude + (north / MetersPerDegreeNorth));
}
