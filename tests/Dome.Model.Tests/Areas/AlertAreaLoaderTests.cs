using System.Text;
using Dome.Model.Areas;

namespace Dome.Model.Tests.Areas;

public class AlertAreaLoaderTests
{
    private const string Polygons = """{"7":[[31.0,34.0],[31.0,34.01],[31.01,34.01],[31.01,34.0]]}""";

    private static AlertAreaMap Load(string cities, string polygons = Polygons) =>
        AlertAreaLoader.Load("cities.json", Encoding.UTF8.GetBytes(cities), "polygons.json", Encoding.UTF8.GetBytes(polygons));

    private static string City(string fields = "\"countdown\": 30") => $$"""
        [
          {"id": 0, "name": "בחר הכל", "name_en": "Select All", "zone": "", "zone_en": "", "countdown": 0, "lat": 0, "lng": 0},
          {"id": 7, "name": "בדיקה", "name_en": "Test", "zone": "א", "zone_en": "A",
           "lat": 31.005, "lng": 34.005, {{fields}}},
          {"id": 8, "name": "בלי", "name_en": "No polygon", "zone": "א", "zone_en": "A", "countdown": 15, "lat": 31.2, "lng": 34.2}
        ]
        """;

    [Fact]
    public void Load_SkipsSelectAll_KeepsAreasWithoutPolygon_AndComputesArea()
    {
        AlertAreaMap map = Load(City());
        Assert.Equal(2, map.Areas.Count);
        Assert.Equal([8], map.AreasWithoutPolygon.Select(a => a.Id));
        AlertArea test = map.FindById(7)!;
        // 0.01° × 0.01° at 31°N: 1108.9 m × 954.1 m (WGS84 radii of curvature) ≈ 1.058 km².
        Assert.Equal(1.058, test.AreaSquareKilometers, 0.002);
        Assert.Same(test, map.Locate(31.005, 34.005));
        Assert.Null(map.Locate(31.2, 34.2));
    }

    [Fact]
    public void Load_MissingField_NamesFileLineAndField()
    {
        AlertAreaDataException e = Assert.Throws<AlertAreaDataException>(() => Load(City("\"x\": 1")));
        Assert.Equal("cities.json:3: field 'countdown' is missing", e.Message);
    }

    [Fact]
    public void Load_ImpossibleCountdown_NamesTheValue()
    {
        AlertAreaDataException e = Assert.Throws<AlertAreaDataException>(() => Load(City("\"countdown\": 20")));
        Assert.StartsWith("cities.json:3: field 'countdown': 20", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenJson_NamesTheLine()
    {
        AlertAreaDataException e = Assert.Throws<AlertAreaDataException>(() => Load("[\n{\"id\": 7,\n\"name\": }\n]"));
        Assert.StartsWith("cities.json:3: not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadPolygonPoint_NamesTheKeyAndIndex()
    {
        AlertAreaDataException e = Assert.Throws<AlertAreaDataException>(() => Load(City(), """{"7":[[31.0,34.0],[31.0,"x"],[31.01,34.01]]}"""));
        Assert.Equal("polygons.json:1: field '7[1]': expected [lat, lng] in degrees, found [31.0,\"x\"]", e.Message);
    }

    [Fact]
    public void LoadDirectory_MissingFiles_SaysWhichAndHowToFetchThem()
    {
        string empty = Directory.CreateTempSubdirectory("dome-no-areas-").FullName;
        try
        {
            AlertAreaDataException e = Assert.Throws<AlertAreaDataException>(() => AlertAreaLoader.LoadDirectory(empty));
            Assert.Contains("cities.json: file not found", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }
}
