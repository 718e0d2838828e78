using Dome.Defense.Engagement;
using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Cli.Commands;

/// <summary>
/// What one battery defends: for rockets of a type fired from a given range at points on a grid over the 10 × 10 km
/// square centred on the battery, the share the battle manager can engage — a plan within the envelope exists for an
/// order at the moment the rocket's track is typically confirmed and forecast (8 s after launch, or at a third of a
/// short flight). The track is the rocket's exact state (drag parameter from its body), so the figure is the envelope's,
/// not the tracker's.
/// </summary>
internal static class DefendedFootprint
{
    public sealed record Row(string Rocket, double RangeKm, int AimPoints, int Engageable, double ShareEngageable);

    public static IReadOnlyList<Row> Measure(int perSide = 5)
    {
        GeoPoint site = new(31.64, 34.60, 0);   // launchers on the world's ground, as in the built-in scenarios
        BatterySite battery = new() { Id = "battery", Position = site };
        InterceptPlanner planner = new(battery, InterceptorCatalog.Tamir);
        (RocketType Type, double RangeKm)[] cases =
        [
            (RocketCatalog.Qassam, 4), (RocketCatalog.Qassam, 8), (RocketCatalog.Grad, 10), (RocketCatalog.Grad, 20),
            (RocketCatalog.GradExtended, 40), (RocketCatalog.Fajr5, 70),
        ];
        List<Row> rows = [];
        foreach ((RocketType type, double rangeKm) in cases)
        {
            int engageable = 0, points = 0;
            double k = 1 / FlightBody.FromType(type).BallisticCoefficient(0);
            for (int i = 0; i < perSide; i++)
            {
                for (int j = 0; j < perSide; j++)
                {
                    double east = -5000 + (10_000.0 * i / (perSide - 1)), north = -5000 + (10_000.0 * j / (perSide - 1));
                    GeoPoint aim = new LocalFrame(site).ToGeodetic(new EnuVector(east, north, 0)).WithHeight(0);
                    // Fired from the south-west, as from the Gaza Strip at the southern coastal plain.
                    GeoPoint launch = Geodesic.Direct(aim, 225, rangeKm * 1000);
                    Trajectory flight = FireControl.Solve(type, launch, aim).Trajectory;
                    double t = Math.Min(8, flight.FlightTimeSeconds / 3);
                    (Vector3 r, Vector3 v) = flight.StateAt(t);
                    double[] p = new double[49];
                    Track track = Track.FromEstimate(1, t, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, k], p);
                    points++;
                    engageable += planner.Plan(TargetPath.Predict(track), t) is not null ? 1 : 0;
                }
            }

            rows.Add(new Row(type.Id, rangeKm, points, engageable, engageable / (double)points));
        }

        return rows;
    }
}
