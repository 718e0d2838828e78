using System.Globalization;
using System.Text.Json;
using Dome.Model.Geodesy;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Dome.Model.Areas;

/// <summary>
/// Reads the Home Front Command area data in the form of the pikud-haoref-api package: <c>cities.json</c> (an array
/// of areas) and <c>polygons.json</c> (area id → list of [lat, lng]). Every defect is reported with the file, line and
/// field; an area without a polygon is kept and listed, not fatal.
/// </summary>
public static class AlertAreaLoader
{
    /// <summary>The id of the "Select All" pseudo-entry, which is not an area.</summary>
    public const int SelectAllId = 0;

    private static readonly int[] ValidCountdowns = [0, 15, 30, 45, 60, 90];

    /// <summary>Loads <c>cities.json</c> and <c>polygons.json</c> from a folder.</summary>
    /// <exception cref="AlertAreaDataException">A file is missing or corrupted.</exception>
    public static AlertAreaMap LoadDirectory(string directory)
    {
        string cities = Path.Combine(directory, "cities.json");
        string polygons = Path.Combine(directory, "polygons.json");
        foreach (string file in new[] { cities, polygons })
        {
            if (!File.Exists(file))
            {
                throw new AlertAreaDataException($"{file}: file not found (the alert-area data; run tools/refresh-alert-areas.sh to fetch it)");
            }
        }

        return Load(cities, File.ReadAllBytes(cities), polygons, File.ReadAllBytes(polygons));
    }

    /// <summary>Loads from the bytes of the two files; the names are used in error messages only.</summary>
    public static AlertAreaMap Load(string citiesName, byte[] citiesJson, string polygonsName, byte[] polygonsJson)
    {
        ArgumentNullException.ThrowIfNull(citiesJson);
        ArgumentNullException.ThrowIfNull(polygonsJson);
        Dictionary<int, (Polygon Polygon, double AreaKm2)> polygons = ReadPolygons(polygonsName, polygonsJson);
        List<AlertArea> areas = [];
        HashSet<int> seen = [];
        foreach ((JsonElement entry, int line) in ReadArray(citiesName, citiesJson))
        {
            string where = $"{citiesName}:{line}";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new AlertAreaDataException($"{where}: expected an object for an area, found {entry.ValueKind}");
            }

            int id = GetInt(entry, "id", where);
            if (id == SelectAllId)
            {
                continue;
            }

            if (!seen.Add(id))
            {
                // The published data spell a few areas twice under one id (e.g. 1274 "ח'וואלד" and "חוואלד"); the feeds may
                // use either spelling, so the second becomes an alias of the first rather than an error.
                int index = areas.FindIndex(a => a.Id == id);
                string alias = GetString(entry, "name", where);
                areas[index] = areas[index] with { AlternateHebrewNames = [.. areas[index].AlternateHebrewNames, alias] };
                continue;
            }

            int countdown = GetInt(entry, "countdown", where);
            if (Array.IndexOf(ValidCountdowns, countdown) < 0)
            {
                throw new AlertAreaDataException($"{where}: field 'countdown': {countdown} is not a time to shelter (expected 0, 15, 30, 45, 60 or 90)");
            }

            double lat = GetDouble(entry, "lat", where);
            double lng = GetDouble(entry, "lng", where);
            if (lat is < -90 or > 90 || lng is < -180 or > 180)
            {
                throw new AlertAreaDataException($"{where}: field 'lat'/'lng': ({lat.ToString(CultureInfo.InvariantCulture)}, {lng.ToString(CultureInfo.InvariantCulture)}) is not a position");
            }

            polygons.TryGetValue(id, out (Polygon Polygon, double AreaKm2) polygon);
            AlertArea area = new()
            {
                Id = id,
                NameHebrew = GetString(entry, "name", where),
                NameEnglish = GetString(entry, "name_en", where),
                ZoneHebrew = GetString(entry, "zone", where),
                ZoneEnglish = GetString(entry, "zone_en", where),
                CountdownSeconds = countdown,
                Center = new GeoPoint(lat, lng),
                Polygon = polygon.Polygon,
                AreaSquareKilometers = polygon.AreaKm2,
            };
            areas.Add(area);
        }

        if (areas.Count == 0)
        {
            throw new AlertAreaDataException($"{citiesName}: no alert areas in the file");
        }

        return new AlertAreaMap(areas);
    }

    private static Dictionary<int, (Polygon, double)> ReadPolygons(string name, byte[] json)
    {
        Dictionary<int, (Polygon, double)> result = [];
        GeometryFactory factory = AlertAreaMap.Factory;
        Utf8JsonReader reader = new(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        LineCounter lines = new(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new AlertAreaDataException($"{name}:1: expected an object of area id → polygon");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string key = reader.GetString()!;
                string where = $"{name}:{lines.LineOf(reader.TokenStartIndex)}";
                if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
                {
                    throw new AlertAreaDataException($"{where}: key '{key}' is not an area id");
                }

                reader.Read();
                using JsonDocument doc = JsonDocument.ParseValue(ref reader);
                JsonElement ring = doc.RootElement;
                if (ring.ValueKind != JsonValueKind.Array || ring.GetArrayLength() < 3)
                {
                    throw new AlertAreaDataException($"{where}: field '{key}': a polygon needs an array of at least three [lat, lng] points");
                }

                List<Coordinate> coordinates = new(ring.GetArrayLength() + 1);
                int index = 0;
                foreach (JsonElement point in ring.EnumerateArray())
                {
                    if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() != 2
                        || point[0].ValueKind != JsonValueKind.Number || point[1].ValueKind != JsonValueKind.Number
                        || !point[0].TryGetDouble(out double lat) || !point[1].TryGetDouble(out double lng)
                        || lat is < -90 or > 90 || lng is < -180 or > 180)
                    {
                        throw new AlertAreaDataException($"{where}: field '{key}[{index}]': expected [lat, lng] in degrees, found {point.GetRawText()}");
                    }

                    coordinates.Add(new Coordinate(lng, lat));
                    index++;
                }

                if (!coordinates[0].Equals2D(coordinates[^1]))
                {
                    coordinates.Add(coordinates[0].Copy());
                }

                if (coordinates.Count < 4)
                {
                    throw new AlertAreaDataException($"{where}: field '{key}': the polygon has fewer than three distinct points");
                }

                Geometry geometry = factory.CreatePolygon([.. coordinates]);
                if (!geometry.IsValid)
                {
                    // A few published rings touch themselves; the fixer keeps their area and makes them valid.
                    geometry = GeometryFixer.Fix(geometry);
                }

                Polygon polygon = geometry as Polygon ?? LargestPolygon(geometry)
                    ?? throw new AlertAreaDataException($"{where}: field '{key}': the polygon has no area");
                result[id] = (polygon, AreaSquareKilometers(polygon));
            }
        }
        catch (JsonException ex)
        {
            throw new AlertAreaDataException($"{name}:{(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message.Split('.')[0]})");
        }

        return result;
    }

    private static Polygon? LargestPolygon(Geometry geometry)
    {
        Polygon? best = null;
        for (int i = 0; i < geometry.NumGeometries; i++)
        {
            if (geometry.GetGeometryN(i) is Polygon p && (best is null || p.Area > best.Area))
            {
                best = p;
            }
        }

        return best;
    }

    /// <summary>Ground area of a lon/lat polygon in km², in the local projection at its centroid.</summary>
    public static double AreaSquareKilometers(Geometry polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        Point c = polygon.Centroid;
        LocalProjection projection = new(c.Y, c.X);
        return polygon.Area * projection.MetersPerDegreeEast * projection.MetersPerDegreeNorth / 1e6;
    }

    private static IEnumerable<(JsonElement Entry, int Line)> ReadArray(string name, byte[] json)
    {
        List<(JsonElement, int)> entries = [];
        Utf8JsonReader reader = new(json);
        LineCounter lines = new(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new AlertAreaDataException($"{name}:1: expected an array of areas");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int line = lines.LineOf(reader.TokenStartIndex);
                JsonDocument doc = JsonDocument.ParseValue(ref reader);
                entries.Add((doc.RootElement, line));
            }
        }
        catch (JsonException ex)
        {
            throw new AlertAreaDataException($"{name}:{(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message.Split('.')[0]})");
        }

        return entries;
    }

    /// <summary>Counts lines up to increasing byte offsets in one pass over the file.</summary>
    private sealed class LineCounter(byte[] json)
    {
        private long _offset;
        private int _line = 1;

        public int LineOf(long offset)
        {
            for (; _offset < offset && _offset < json.Length; _offset++)
            {
                if (json[_offset] == (byte)'\n')
                {
                    _line++;
                }
            }

            return _line;
        }
    }

    private static JsonElement Field(JsonElement entry, string field, string where) =>
        entry.TryGetProperty(field, out JsonElement value)
            ? value
            : throw new AlertAreaDataException($"{where}: field '{field}' is missing");

    private static int GetInt(JsonElement entry, string field, string where)
    {
        JsonElement value = Field(entry, field, where);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int result)
            ? result
            : throw new AlertAreaDataException($"{where}: field '{field}': expected an integer, found {value.GetRawText()}");
    }

    private static double GetDouble(JsonElement entry, string field, string where)
    {
        JsonElement value = Field(entry, field, where);
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double result) && double.IsFinite(result)
            ? result
            : throw new AlertAreaDataException($"{where}: field '{field}': expected a number, found {value.GetRawText()}");
    }

    private static string GetString(JsonElement entry, string field, string where)
    {
        JsonElement value = Field(entry, field, where);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new AlertAreaDataException($"{where}: field '{field}': expected a string, found {value.GetRawText()}");
    }
}
