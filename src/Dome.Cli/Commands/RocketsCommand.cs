using System.CommandLine;
using System.Globalization;
using Dome.Model.Flight;
using Spectre.Console;

using static Dome.Cli.Text;

namespace Dome.Cli.Commands;

/// <summary><c>dome rockets</c>: the rocket catalog with each type's computed maximum range and flight figures.</summary>
internal static class RocketsCommand
{
    public static Command Create(CliContext context)
    {
        Option<bool> json = new("--json") { Description = "Print one JSON document instead of a table." };
        Option<bool> calibrate = new("--calibrate") { Description = "Also compute the drag scale that would make each maximum range equal the published one." };
        Command command = new("rockets", "The rocket catalog: public figures, computed maximum range, flight time and apogee at maximum range.");
        command.Options.Add(json);
        command.Options.Add(calibrate);
        command.SetAction(parse => DomeCli.Guard(context, () => Execute(context, parse.GetValue(json), parse.GetValue(calibrate))));
        return command;
    }

    private static int Execute(CliContext context, bool json, bool calibrate)
    {
        List<RocketPerformance> performances = [.. RocketCatalog.All.AsParallel().AsOrdered().Select(CatalogCalibration.Evaluate)];
        Dictionary<string, double> calibrated = calibrate
            ? RocketCatalog.All.AsParallel().ToDictionary(t => t.Id, CatalogCalibration.CalibrateDragScale)
            : [];
        if (json)
        {
            context.WriteJson(new
            {
                reference_launch = new { lat = CatalogCalibration.ReferenceLaunchPoint.LatitudeDegrees, lon = CatalogCalibration.ReferenceLaunchPoint.LongitudeDegrees, azimuth_deg = CatalogCalibration.ReferenceAzimuthDegrees },
                rockets = performances.Select(p => new
                {
                    id = p.Type.Id,
                    name = p.Type.Name,
                    caliber_mm = p.Type.CaliberMillimeters,
                    launch_mass_kg = p.Type.LaunchMassKilograms,
                    published_max_range_m = p.Type.PublishedMaxRangeMeters,
                    max_range_m = Math.Round(p.MaximumRange.RangeMeters, 1),
                    range_error_pct = Math.Round(100 * p.RangeErrorFraction, 2),
                    elevation_at_max_range_deg = Math.Round(p.MaximumRange.ElevationDegrees, 2),
                    flight_time_at_max_range_s = Math.Round(p.MaximumRange.Trajectory.FlightTimeSeconds, 2),
                    apogee_at_max_range_m = Math.Round(p.MaximumRange.Trajectory.ApogeeHeightMeters, 1),
                    burnout_speed_m_s = Math.Round(p.MaximumRange.Trajectory.BurnoutSpeedMetersPerSecond, 1),
                    impact_speed_m_s = Math.Round(p.MaximumRange.Trajectory.ImpactSpeedMetersPerSecond, 1),
                    impact_angle_deg = Math.Round(p.MaximumRange.Trajectory.ImpactAngleDegrees, 1),
                    drag_scale = p.Type.DragScale,
                    calibrated_drag_scale = calibrated.TryGetValue(p.Type.Id, out double s) ? Math.Round(s, 4) : (double?)null,
                    dispersion = new
                    {
                        thrust_sigma_pct = 100 * p.Type.Dispersion.ThrustSigmaFraction,
                        drag_sigma_pct = 100 * p.Type.Dispersion.DragSigmaFraction,
                        elevation_sigma_mrad = p.Type.Dispersion.ElevationSigmaMilliradians,
                        azimuth_sigma_mrad = p.Type.Dispersion.AzimuthSigmaMilliradians,
                    },
                }),
            });
            return ExitCodes.Ok;
        }

        Table table = new Table().Border(TableBorder.Rounded).Title("Rocket catalog (computed from 31.50°N 34.50°E towards 045°)");
        foreach (string column in new[] { "id", "name", "caliber mm", "mass kg", "published km", "computed km", "error", "elev °", "flight s", "apogee km", "burnout m/s", "impact m/s" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        if (calibrate)
        {
            table.AddColumn(new TableColumn("calibrated drag scale").RightAligned());
        }

        foreach (RocketPerformance p in performances)
        {
            Trajectory t = p.MaximumRange.Trajectory;
            List<string> cells =
            [
                p.Type.Id, Markup.Escape(p.Type.Name), F(p.Type.CaliberMillimeters, 0), F(p.Type.LaunchMassKilograms, 1),
                F(p.Type.PublishedMaxRangeMeters / 1000, 1), F(p.MaximumRange.RangeMeters / 1000, 2), F(100 * p.RangeErrorFraction, 2) + "%",
                F(p.MaximumRange.ElevationDegrees, 1), F(t.FlightTimeSeconds, 1), F(t.ApogeeHeightMeters / 1000, 2),
                F(t.BurnoutSpeedMetersPerSecond, 0), F(t.ImpactSpeedMetersPerSecond, 0),
            ];
            if (calibrate)
            {
                cells.Add(F(calibrated[p.Type.Id], 4));
            }

            table.AddRow([.. cells]);
        }

        context.Console.Write(table);
        return ExitCodes.Ok;
    }
}
