using System.CommandLine;
using System.Globalization;
using Dome.Model.Areas;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Spectre.Console;

using static Dome.Cli.Text;

namespace Dome.Cli.Commands;

/// <summary><c>dome fire</c>: the fire solution of a catalog type from a launch point to an aim point, and its nominal trajectory.</summary>
internal static class FireCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> rocket = new("--rocket") { Description = "Rocket type id (see 'dome rockets').", Required = true };
        Option<string> from = new("--from") { Description = "Launch point LAT,LON in decimal degrees.", Required = true };
        Option<string> to = new("--to") { Description = "Aim point LAT,LON in decimal degrees.", Required = true };
        Option<string> arc = new("--arc") { Description = "Trajectory arc: low or high.", DefaultValueFactory = _ => "low" };
        arc.AcceptOnlyFromAmong("low", "high");
        Option<bool> json = new("--json") { Description = "Print one JSON document instead of a table." };
        Command command = new("fire", "Fire solution: the elevation and azimuth that put the nominal round on an aim point, with the nominal trajectory.");
        command.Options.Add(rocket);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(arc);
        command.Options.Add(json);
        command.SetAction(parse => DomeCli.Guard(context, () => Execute(context,
            parse.GetValue(rocket)!, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(arc)!, parse.GetValue(json))));
        return command;
    }

    private static int Execute(CliContext context, string rocketId, string fromText, string toText, string arcText, bool json)
    {
        RocketType type = RocketCatalog.Find(rocketId)
            ?? throw new DomeInputException($"--rocket: unknown rocket type '{rocketId}'; known types: {string.Join(", ", RocketCatalog.All.Select(t => t.Id))}");
        GeoPoint launch = ParsePoint("--from", fromText);
        GeoPoint aim = ParsePoint("--to", toText);
        TrajectoryArc arc = arcText == "high" ? TrajectoryArc.High : TrajectoryArc.Low;
        FireSolution solution = FireControl.Solve(type, launch, aim, arc);
        Trajectory t = solution.Trajectory;
        AlertArea? area = AlertAreaMap.Default.Locate(t.ImpactPoint);
        if (json)
        {
            context.WriteJson(new
            {
                rocket = type.Id,
                arc = arcText,
                from = new { lat = launch.LatitudeDegrees, lon = launch.LongitudeDegrees },
                to = new { lat = aim.LatitudeDegrees, lon = aim.LongitudeDegrees },
                range_m = Math.Round(Geodesic.Inverse(launch, aim).DistanceMeters, 1),
                elevation_deg = Math.Round(solution.ElevationDegrees, 4),
                azimuth_deg = Math.Round(solution.AzimuthDegrees, 4),
                charge_muzzle_velocity_m_s = solution.LaunchSpeedMetersPerSecond,
                flight_time_s = Math.Round(t.FlightTimeSeconds, 3),
                apogee_m = Math.Round(t.ApogeeHeightMeters, 1),
                burnout_speed_m_s = Math.Round(t.BurnoutSpeedMetersPerSecond, 1),
                impact_speed_m_s = Math.Round(t.ImpactSpeedMetersPerSecond, 1),
                impact_angle_deg = Math.Round(t.ImpactAngleDegrees, 2),
                impact = new { lat = Math.Round(t.ImpactPoint.LatitudeDegrees, 7), lon = Math.Round(t.ImpactPoint.LongitudeDegrees, 7) },
                impact_error_m = Math.Round(solution.ImpactErrorMeters, 3),
                impact_area = area is null ? null : new { id = area.Id, name_he = area.NameHebrew, name_en = area.NameEnglish, countdown_s = area.CountdownSeconds },
            });
            return ExitCodes.Ok;
        }

        Table table = new Table().Border(TableBorder.Rounded).Title($"Fire solution: {Markup.Escape(type.Name)}, {arcText} arc").AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("range", F(Geodesic.Inverse(launch, aim).DistanceMeters / 1000, 3) + " km");
        table.AddRow("elevation", F(solution.ElevationDegrees, 3) + "°");
        table.AddRow("azimuth", F(solution.AzimuthDegrees, 3) + "°");
        if (solution.LaunchSpeedMetersPerSecond is double charge)
        {
            table.AddRow("charge", F(charge, 0) + " m/s muzzle velocity");
        }

        table.AddRow("flight time", F(t.FlightTimeSeconds, 2) + " s");
        table.AddRow("apogee", F(t.ApogeeHeightMeters, 0) + " m");
        table.AddRow("burnout speed", F(t.BurnoutSpeedMetersPerSecond, 0) + " m/s");
        table.AddRow("impact speed", F(t.ImpactSpeedMetersPerSecond, 0) + " m/s at " + F(t.ImpactAngleDegrees, 1) + "° below horizontal");
        table.AddRow("impact", F(t.ImpactPoint.LatitudeDegrees, 6) + ", " + F(t.ImpactPoint.LongitudeDegrees, 6));
        table.AddRow("impact error", F(solution.ImpactErrorMeters, 2) + " m");
        table.AddRow("impact area", area is null ? "open ground" : $"{Markup.Escape(area.NameEnglish)} ({area.CountdownSeconds} s)");
        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    internal static GeoPoint ParsePoint(string option, string text)
    {
        try
        {
            return GeoPoint.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new DomeInputException($"{option}: {ex.Message}");
        }
    }

}
