using System.Globalization;
using Dome.Model.Geodesy;
using Dome.Model.Numerics;

namespace Dome.Model.Flight;

/// <summary>Which of the two arcs through an aim point.</summary>
public enum TrajectoryArc
{
    /// <summary>Elevation below the maximum-range elevation: the flatter, shorter flight.</summary>
    Low,

    /// <summary>Elevation above the maximum-range elevation: the lobbed, longer flight.</summary>
    High,
}

/// <summary>A fire solution: launcher elevation and azimuth that put the nominal round on the aim point.</summary>
public sealed record FireSolution(TrajectoryArc Arc, double ElevationDegrees, double AzimuthDegrees, Trajectory Trajectory, double ImpactErrorMeters)
{
    /// <summary>Muzzle velocity of the charge chosen for a gun-launched round; null for a rocket.</summary>
    public double? LaunchSpeedMetersPerSecond { get; init; }

    /// <summary>The launch that reproduces this solution.</summary>
    public LaunchConditions LaunchFrom(GeoPoint launchPoint) => new(launchPoint, AzimuthDegrees, ElevationDegrees, LaunchSpeedMetersPerSecond);
}

/// <summary>The longest reach of a type from a launch point in a direction, over the launcher's elevation limits.</summary>
public sealed record MaximumRange(double RangeMeters, double ElevationDegrees, Trajectory Trajectory);

/// <summary>Raised when no elevation within the launcher's limits reaches the aim point.</summary>
public sealed class OutOfRangeException(string message) : Exception(message);

/// <summary>
/// Fire solutions by shooting: the range as a function of elevation is maximised by golden-section search, then each
/// arc's monotone branch is solved for the aim distance by false position, and the azimuth is corrected for the
/// cross-range drift (Coriolis, wind) until the impact lies on the aim point. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// This is the world's tool for aiming simulated launches at their targets. It answers "where will a round fired so go";
/// it contains nothing that works backwards from an observed rocket to its launcher.
/// </remarks>
public static class FireControl
{
    /// <summary>Aim-point tolerance the solver drives the nominal impact to, metres.</summary>
    public const double ToleranceMeters = 0.5;

    public static MaximumRange FindMaximumRange(RocketType type, GeoPoint launch, double azimuthDegrees, FlightEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        return FindMaximumRange(type, launch, azimuthDegrees, environment ?? FlightEnvironment.Standard, null);
    }

    private static MaximumRange FindMaximumRange(RocketType type, GeoPoint launch, double azimuthDegrees, FlightEnvironment environment, double? charge)
    {
        (double best, _) = ScalarSolvers.GoldenSectionMaximum(e => Range(type, launch, azimuthDegrees, e, environment, charge).Range,
            type.MinElevationDegrees, type.MaxElevationDegrees, 0.005);
        (double range, Trajectory trajectory) = Range(type, launch, azimuthDegrees, best, environment, charge);
        return new MaximumRange(range, best, trajectory);
    }

    /// <summary>Solves for the elevation and azimuth (and, for a gun-launched round, the charge) that put the nominal round on the aim point.</summary>
    /// <exception cref="OutOfRangeException">The aim point is beyond the maximum range, inside the minimum range, or has no solution on the requested arc.</exception>
    public static FireSolution Solve(RocketType type, GeoPoint launch, GeoPoint aim, TrajectoryArc arc = TrajectoryArc.Low, FlightEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        environment ??= FlightEnvironment.Standard;
        if (type.ChargeSpeedsMetersPerSecond.Count == 0)
        {
            return Solve(type, launch, aim, arc, environment, null);
        }

        OutOfRangeException? last = null;
        foreach (double charge in type.ChargeSpeedsMetersPerSecond)
        {
            try
            {
                return Solve(type, launch, aim, arc, environment, charge);
            }
            catch (OutOfRangeException ex)
            {
                last = ex;
            }
        }

        throw last!;
    }

    private static FireSolution Solve(RocketType type, GeoPoint launch, GeoPoint aim, TrajectoryArc arc, FlightEnvironment environment, double? charge)
    {
        GeodesicLine line = Geodesic.Inverse(launch, aim);
        double distance = line.DistanceMeters;
        double azimuth = line.InitialAzimuthDegrees;
        MaximumRange max = FindMaximumRange(type, launch, azimuth, environment, charge);
        if (distance > max.RangeMeters)
        {
            throw new OutOfRangeException(string.Create(CultureInfo.InvariantCulture,
                $"aim point is out of range for {type.Id}: {distance / 1000:F1} km away, maximum range {max.RangeMeters / 1000:F1} km"));
        }

        double elevLo = arc == TrajectoryArc.Low ? type.MinElevationDegrees : max.ElevationDegrees;
        double elevHi = arc == TrajectoryArc.Low ? max.ElevationDegrees : type.MaxElevationDegrees;
        double rangeAtEnd = Range(type, launch, azimuth, arc == TrajectoryArc.Low ? elevLo : elevHi, environment, charge).Range;
        if (rangeAtEnd > distance)
        {
            string which = arc == TrajectoryArc.Low ? "minimum" : "maximum";
            double limit = arc == TrajectoryArc.Low ? type.MinElevationDegrees : type.MaxElevationDegrees;
            throw new OutOfRangeException(string.Create(CultureInfo.InvariantCulture,
                $"aim point is too close for a {arc.ToString().ToLowerInvariant()} trajectory of {type.Id}: {distance / 1000:F2} km away, but at the {which} elevation of {limit:F0}° the round reaches {rangeAtEnd / 1000:F2} km"));
        }

        double elevation = 0;
        Trajectory trajectory = max.Trajectory;
        double error = double.MaxValue;
        for (int iteration = 0; iteration < 12 && error > ToleranceMeters; iteration++)
        {
            elevation = SolveElevation(type, launch, azimuth, distance, elevLo, elevHi, arc, environment, charge);
            trajectory = Fly(type, launch, azimuth, elevation, environment, charge);
            GeodesicLine achieved = Geodesic.Inverse(launch, trajectory.ImpactPoint);
            error = Geodesic.Inverse(trajectory.ImpactPoint, aim).DistanceMeters;
            double bearingError = Math.IEEERemainder(line.InitialAzimuthDegrees - achieved.InitialAzimuthDegrees, 360.0);
            azimuth = (azimuth + bearingError + 360.0) % 360.0;
            // The range target is the aim distance corrected by the same amount the last solve missed it by.
            distance += line.DistanceMeters - achieved.DistanceMeters;
        }

        return new FireSolution(arc, elevation, (Math.IEEERemainder(azimuth, 360.0) + 360.0) % 360.0, trajectory, error)
        {
            LaunchSpeedMetersPerSecond = charge,
        };
    }

    private static double SolveElevation(RocketType type, GeoPoint launch, double azimuth, double distance,
        double lo, double hi, TrajectoryArc arc, FlightEnvironment environment, double? charge)
    {
        // On the low arc range rises with elevation, on the high arc it falls: g(e) = ±(R(e) − D) is increasing.
        double sign = arc == TrajectoryArc.Low ? 1 : -1;
        double G(double e) => sign * (Range(type, launch, azimuth, e, environment, charge).Range - distance);
        double gLo = G(lo), gHi = G(hi);
        if (gLo > 0)
        {
            return lo;
        }

        return gHi < 0 ? hi : ScalarSolvers.FalsePosition(G, lo, hi, gLo, gHi, 0.05, 1e-10);
    }

    private static Trajectory Fly(RocketType type, GeoPoint launch, double azimuth, double elevation, FlightEnvironment environment, double? charge) =>
        FlightModel.Fly(type, new LaunchConditions(launch, azimuth, elevation, charge), environment);

    private static (double Range, Trajectory Trajectory) Range(RocketType type, GeoPoint launch, double azimuth, double elevation, FlightEnvironment environment, double? charge)
    {
        Trajectory t = Fly(type, launch, azimuth, elevation, environment, charge);
        return (Geodesic.Inverse(launch, t.ImpactPoint).DistanceMeters, t);
    }
}
