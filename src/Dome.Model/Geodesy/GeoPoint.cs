using System.Globalization;

namespace Dome.Model.Geodesy;

/// <summary>
/// A geodetic position on the WGS84 ellipsoid: latitude and longitude in degrees, height above the ellipsoid in metres.
/// Immutable; validated at construction (latitude in [−90, 90], longitude in [−180, 180], all finite).
/// </summary>
public readonly record struct GeoPoint
{
    public GeoPoint(double latitudeDegrees, double longitudeDegrees, double heightMeters = 0.0)
    {
        if (!double.IsFinite(latitudeDegrees) || latitudeDegrees < -90.0 || latitudeDegrees > 90.0)
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeDegrees), latitudeDegrees, "Latitude must be a finite number of degrees in [-90, 90].");
        }

        if (!double.IsFinite(longitudeDegrees) || longitudeDegrees < -180.0 || longitudeDegrees > 180.0)
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeDegrees), longitudeDegrees, "Longitude must be a finite number of degrees in [-180, 180].");
        }

        if (!double.IsFinite(heightMeters))
        {
            throw new ArgumentOutOfRangeException(nameof(heightMeters), heightMeters, "Height must be a finite number of metres.");
        }

        LatitudeDegrees = latitudeDegrees;
        LongitudeDegrees = longitudeDegrees;
        HeightMeters = heightMeters;
    }

    public double LatitudeDegrees { get; }

    public double LongitudeDegrees { get; }

    /// <summary>Height above the WGS84 ellipsoid, metres.</summary>
    public double HeightMeters { get; }

    public double LatitudeRadians => LatitudeDegrees * Math.PI / 180.0;

    public double LongitudeRadians => LongitudeDegrees * Math.PI / 180.0;

    /// <summary>Builds a point from radians, wrapping the longitude into [−180, 180].</summary>
    public static GeoPoint FromRadians(double latitudeRadians, double longitudeRadians, double heightMeters = 0.0)
    {
        double lon = longitudeRadians * 180.0 / Math.PI;
        lon = Math.IEEERemainder(lon, 360.0);
        double lat = Math.Clamp(latitudeRadians * 180.0 / Math.PI, -90.0, 90.0);
        return new GeoPoint(lat, lon, heightMeters);
    }

    public GeoPoint WithHeight(double heightMeters) => new(LatitudeDegrees, LongitudeDegrees, heightMeters);

    /// <summary>
    /// Parses "LAT,LON" or "LAT,LON,HEIGHT" (decimal degrees, metres, invariant culture).
    /// </summary>
    /// <exception cref="FormatException">The text is not two or three numbers, or a value is out of range.</exception>
    public static GeoPoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3)
        {
            throw new FormatException($"'{text}' is not a position: expected LAT,LON in decimal degrees (e.g. 31.6885,34.5900).");
        }

        double[] values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new FormatException($"'{parts[i]}' in '{text}' is not a number.");
            }
        }

        if (values[0] is < -90.0 or > 90.0)
        {
            throw new FormatException($"latitude {parts[0]} is out of range [-90, 90].");
        }

        if (values[1] is < -180.0 or > 180.0)
        {
            throw new FormatException($"longitude {parts[1]} is out of range [-180, 180].");
        }

        return new GeoPoint(values[0], values[1], parts.Length == 3 ? values[2] : 0.0);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{LatitudeDegrees:F6},{LongitudeDegrees:F6},{HeightMeters:F1}");
}
