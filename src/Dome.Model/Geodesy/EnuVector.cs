namespace Dome.Model.Geodesy;

/// <summary>A vector in a local East-North-Up frame, metres (or metres per second where the name says so).</summary>
public readonly record struct EnuVector(double East, double North, double Up)
{
    public Vector3 Vector => new(East, North, Up);

    public double Length => Math.Sqrt((East * East) + (North * North) + (Up * Up));

    public double HorizontalLength => Math.Sqrt((East * East) + (North * North));

    public static EnuVector operator +(EnuVector a, EnuVector b) => new(a.East + b.East, a.North + b.North, a.Up + b.Up);

    public static EnuVector operator -(EnuVector a, EnuVector b) => new(a.East - b.East, a.North - b.North, a.Up - b.Up);

    public static EnuVector operator *(double s, EnuVector a) => new(s * a.East, s * a.North, s * a.Up);

    /// <summary>A unit direction from azimuth (clockwise from north) and elevation (above the local horizontal).</summary>
    public static EnuVector FromAzimuthElevation(double azimuthRadians, double elevationRadians, double length = 1.0)
    {
        double horizontal = length * Math.Cos(elevationRadians);
        return new EnuVector(horizontal * Math.Sin(azimuthRadians), horizontal * Math.Cos(azimuthRadians), length * Math.Sin(elevationRadians));
    }
}
