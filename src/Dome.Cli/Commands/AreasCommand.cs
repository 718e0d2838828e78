using System.CommandLine;
using System.Globalization;
using Dome.Model.Areas;
using Dome.Model.Geodesy;
using Spectre.Console;

using static Dome.Cli.Text;

namespace Dome.Cli.Commands;

/// <summary><c>dome areas</c>: the Home Front Command alert-area map (locate a point, list areas).</summary>
internal static class AreasCommand
{
    public static Command Create(CliContext context)
    {
        Command areas = new("areas", "The Home Front Command alert areas: names, zone, time to shelter, polygon.");
        areas.Subcommands.Add(CreateLocate(context));
        areas.Subcommands.Add(CreateList(context));
        return areas;
    }

    private static Command CreateLocate(CliContext context)
    {
        Argument<string> lat = new("LAT") { Description = "Latitude, decimal degrees." };
        Argument<string> lon = new("LON") { Description = "Longitude, decimal degrees." };
        Option<bool> json = new("--json") { Description = "Print one JSON document." };
        Command command = new("locate", "The alert area that contains a point, or open ground.");
        command.Arguments.Add(lat);
        command.Arguments.Add(lon);
        command.Options.Add(json);
        command.SetAction(parse => DomeCli.Guard(context, () =>
        {
            GeoPoint point = FireCommand.ParsePoint("LAT LON", $"{parse.GetValue(lat)},{parse.GetValue(lon)}");
            AlertArea? area = AlertAreaMap.Default.Locate(point);
            if (parse.GetValue(json))
            {
                context.WriteJson(new { lat = point.LatitudeDegrees, lon = point.LongitudeDegrees, area = area is null ? null : Describe(area) });
                return ExitCodes.Ok;
            }

            context.Console.MarkupLine(area is null
                ? "[yellow]open ground[/] (no alert area contains this point)"
                : $"[bold]{Markup.Escape(area.NameEnglish)}[/] ({Markup.Escape(area.NameHebrew)}), id {area.Id}, zone {Markup.Escape(area.ZoneEnglish)}, time to shelter [bold]{CountdownText(area.CountdownSeconds)}[/], {F(area.AreaSquareKilometers, 3)} km²");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        Option<string?> zone = new("--zone") { Description = "Only the areas of this zone (English or Hebrew name)." };
        Option<bool> json = new("--json") { Description = "Print one JSON document." };
        Command command = new("list", "List the alert areas (all, or one zone's).");
        command.Options.Add(zone);
        command.Options.Add(json);
        command.SetAction(parse => DomeCli.Guard(context, () =>
        {
            AlertAreaMap map = AlertAreaMap.Default;
            string? zoneName = parse.GetValue(zone);
            IEnumerable<AlertArea> selected = map.Areas;
            if (zoneName is not null)
            {
                selected = [.. map.Areas.Where(a => string.Equals(a.ZoneEnglish, zoneName, StringComparison.OrdinalIgnoreCase) || a.ZoneHebrew == zoneName)];
                if (!selected.Any())
                {
                    throw new DomeInputException($"--zone: unknown zone '{zoneName}'; zones: {string.Join(", ", map.Zones)}");
                }
            }

            List<AlertArea> list = [.. selected.OrderBy(a => a.ZoneEnglish, StringComparer.Ordinal).ThenBy(a => a.NameEnglish, StringComparer.Ordinal)];
            if (parse.GetValue(json))
            {
                context.WriteJson(new
                {
                    count = list.Count,
                    total_area_km2 = Math.Round(list.Sum(a => a.AreaSquareKilometers), 3),
                    without_polygon = list.Where(a => a.Polygon is null).Select(a => a.Id),
                    areas = list.Select(Describe),
                });
                return ExitCodes.Ok;
            }

            Table table = new Table().Border(TableBorder.Rounded).AddColumns("id", "name", "name (he)", "zone", "shelter", "km²");
            foreach (AlertArea a in list)
            {
                table.AddRow(a.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.NameEnglish), Markup.Escape(a.NameHebrew), Markup.Escape(a.ZoneEnglish), CountdownText(a.CountdownSeconds), a.Polygon is null ? "[red]no polygon[/]" : F(a.AreaSquareKilometers, 3));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{list.Count} areas, {F(list.Sum(a => a.AreaSquareKilometers), 1)} km² in all; {list.Count(a => a.Polygon is null)} without a polygon.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static object Describe(AlertArea a) => new
    {
        id = a.Id,
        name_he = a.NameHebrew,
        name_en = a.NameEnglish,
        zone_he = a.ZoneHebrew,
        zone_en = a.ZoneEnglish,
        countdown_s = a.CountdownSeconds,
        area_km2 = Math.Round(a.AreaSquareKilometers, 4),
        center = new { lat = a.Center.LatitudeDegrees, lon = a.Center.LongitudeDegrees },
        has_polygon = a.Polygon is not null,
    };

    private static string CountdownText(int seconds) => seconds == 0 ? "immediate" : $"{seconds} s";
}
