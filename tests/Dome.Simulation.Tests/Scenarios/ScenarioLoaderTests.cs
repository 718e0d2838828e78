using System.Text;
using Dome.Model.Flight;
using Dome.Model.Sensors;
using Dome.Simulation.Scenarios;

namespace Dome.Simulation.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private const string Valid = """
        name: test
        seed: 7
        start: 2019-12-25T21:05:00+02:00
        duration_s: 300
        threats:
          - time_s: 10
            count: 2
            rocket: grad
            launch: { lat: 31.555, lon: 34.505 }
            aim_area: Ashkelon - North
            interval_s: 1
        radars:
          - id: r1
            position: { lat: 31.625, lon: 34.620, height_m: 60 }
            revisit_s: 1.0
            range_sigma_m: 15
            azimuth_sigma_mrad: 2.0
            elevation_sigma_mrad: 2.0
            detection_probability: 0.95
            max_range_m: 100000
        """;

    private static Scenario Parse(string yaml) => ScenarioLoader.Parse("test.yaml", Encoding.UTF8.GetBytes(yaml));

    private static ScenarioException Fails(string yaml) => Assert.Throws<ScenarioException>(() => Parse(yaml));

    [Fact]
    public void Parse_ValidScenario_ReadsEveryField()
    {
        Scenario s = Parse(Valid);
        Assert.Equal("test", s.Name);
        Assert.Equal(7UL, s.Seed);
        Assert.Equal(TimeSpan.FromHours(2), s.Start.Offset);
        Assert.Equal(300, s.DurationSeconds);
        Salvo salvo = Assert.Single(s.Threats);
        Assert.Same(RocketCatalog.Grad, salvo.Rocket);
        Assert.Equal(320, salvo.AimArea!.Id);
        Assert.Equal(TrajectoryArc.Low, salvo.Arc);
        Assert.Equal(0.5, Assert.Single(s.Radars).MinElevationDegrees); // default
        Assert.Equal(64, s.Hash.Length);
        Assert.Equal(0.95, s.Alerting.ContainmentProbability); // the default chosen by the containment sweep (README)
    }

    [Fact]
    public void Parse_UnknownKey_NamesLineColumnAndTheKnownKeys()
    {
        ScenarioException e = Fails(Valid.Replace("duration_s: 300", "duration_s: 300\ncolour: red", StringComparison.Ordinal));
        Assert.Equal(5, e.Line);
        Assert.Equal(1, e.Column);
        Assert.Contains("unknown key 'colour'", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.yaml:5:1: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyWithoutItsUnit_SuggestsTheUnitSuffix()
    {
        ScenarioException e = Fails(Valid.Replace("duration_s: 300", "duration: 300", StringComparison.Ordinal));
        Assert.Contains("unknown key 'duration'; the value needs its unit in the key: 'duration_s'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValueWithAUnitWritten_IsRejectedAsNotANumber()
    {
        ScenarioException e = Fails(Valid.Replace("revisit_s: 1.0", "revisit_s: 1 min", StringComparison.Ordinal));
        Assert.Equal(15, e.Line);
        Assert.Contains("radars[0].revisit_s: expected a number (seconds), found '1 min'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RangeRateSigma_MakesAPulseDopplerRadar_AndIsChecked()
    {
        Assert.Equal(1.5, Parse(Valid.Replace("revisit_s: 1.0", "revisit_s: 1.0\n    range_rate_sigma_m_s: 1.5", StringComparison.Ordinal)).Radars[0].RangeRateSigmaMetersPerSecond);
        Assert.Null(Parse(Valid).Radars[0].RangeRateSigmaMetersPerSecond);
        ScenarioException e = Fails(Valid.Replace("revisit_s: 1.0", "revisit_s: 1.0\n    range_rate_sigma_m_s: 0", StringComparison.Ordinal));
        Assert.Equal(16, e.Line);
        Assert.Contains("range_rate_sigma_m_s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TrackBeams_AreReadAndMustDivideTheRevisit()
    {
        Scenario s = Parse(Valid.Replace("revisit_s: 1.0", "revisit_s: 1.0\n    track_revisit_s: 0.25\n    track_capacity: 40", StringComparison.Ordinal));
        Assert.Equal(0.25, s.Radars[0].TrackRevisitSeconds);
        Assert.Equal(40, s.Radars[0].TrackCapacity);
        Assert.Equal(4, s.Radars[0].FramesPerSearch);
        Assert.Null(Parse(Valid).Radars[0].TrackRevisitSeconds);
        Assert.Equal(1, Parse(Valid).Radars[0].FramesPerSearch);

        ScenarioException e = Fails(Valid.Replace("revisit_s: 1.0", "revisit_s: 1.0\n    track_revisit_s: 0.3", StringComparison.Ordinal));
        Assert.Equal(16, e.Line);
        Assert.Contains("radars[0].track_revisit_s: 0.3 s does not divide revisit_s (1 s) a whole number of times", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not divide", Fails(Valid.Replace("revisit_s: 1.0", "revisit_s: 1.0\n    track_revisit_s: 2", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        e = Fails(Valid.Replace("revisit_s: 1.0", "revisit_s: 1.0\n    track_capacity: 40", StringComparison.Ordinal));
        Assert.Contains("radars[0].track_capacity: needs track_revisit_s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingField_NamesTheMapping()
    {
        ScenarioException e = Fails(Valid.Replace("    rocket: grad\n", "", StringComparison.Ordinal));
        Assert.Equal(6, e.Line);
        Assert.Contains("threats[0]: required field 'rocket' is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ImpossibleValue_IsOutOfRange()
    {
        ScenarioException e = Fails(Valid.Replace("detection_probability: 0.95", "detection_probability: 1.5", StringComparison.Ordinal));
        Assert.Contains("detection_probability: 1.5 is out of range [0.01, 1]", e.Message, StringComparison.Ordinal);
        Assert.Equal(19, e.Line);
        Assert.Equal(28, e.Column);
    }

    [Theory]
    [InlineData("rocket: grad", "rocket: scud", "unknown rocket type 'scud'")]
    [InlineData("aim_area: Ashkelon - North", "aim_area: Atlantis", "no alert area is named 'Atlantis'")]
    [InlineData("start: 2019-12-25T21:05:00+02:00", "start: 2019-12-25T21:05:00", "expected an ISO 8601 time with its offset")]
    [InlineData("launch: { lat: 31.555, lon: 34.505 }", "launch: { lat: 131.555, lon: 34.505 }", "lat: 131.555 (degrees) is out of range [-90, 90]")]
    [InlineData("    interval_s: 1\n", "", "required field 'interval_s' is missing")]
    [InlineData("aim_area: Ashkelon - North", "aim_area: Ashkelon - North\n    aim: { lat: 31.6, lon: 34.6 }", "give exactly one of 'aim'")]
    [InlineData("time_s: 10", "time_s: 400", "starts after the scenario ends")]
    public void Parse_BadValues_AreExplained(string from, string to, string expected)
    {
        ScenarioException e = Fails(Valid.Replace(from, to, StringComparison.Ordinal));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.True(e.Line > 0);
    }

    [Fact]
    public void Parse_BrokenYaml_GivesThePosition()
    {
        ScenarioException e = Fails("name: test\nseed: 1\n  start: x\n");
        Assert.StartsWith("test.yaml:3:", e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", Fails("name: test\nseed: [1, 2\nstart: x\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownName_ListsTheBuiltIns()
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("no-such-scenario"));
        Assert.Contains("ashkelon-2019", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltIns_AllLoad_WithTheSizesTheIssueAsks()
    {
        Assert.Equal(["ashkelon-2019", "gaza-2021", "north-haifa", "saturation-2023", "sderot-barrage", "tel-aviv-2021"], ScenarioLoader.BuiltInNames);
        // May 2021: ~4,350 rockets over eleven days, a sixth of them with motors that fail.
        Scenario gaza = ScenarioLoader.Load("gaza-2021");
        Assert.InRange(gaza.RocketCount, 4000, 4700);
        Assert.True(gaza.DurationSeconds >= 10 * 86400);
        Assert.True(gaza.SkipIdle);
        Assert.All(gaza.Threats.Where(t => !t.Rocket.IsGunLaunched), t => Assert.Equal(0.15, t.MotorFailureProbability));
        Assert.Equal(1, ScenarioLoader.Load("ashkelon-2019").RocketCount);
        Assert.Equal(12, ScenarioLoader.Load("sderot-barrage").RocketCount);
        Assert.Equal(137, ScenarioLoader.Load("tel-aviv-2021").RocketCount);
        Scenario saturation = ScenarioLoader.Load("saturation-2023");
        Assert.True(saturation.RocketCount >= 2000);
        Assert.True(saturation.Threats.Max(t => t.TimeSeconds + (t.Count * t.IntervalSeconds)) <= 3600);
        Assert.Contains(ScenarioLoader.Load("north-haifa").Threats, t => t.LaunchCenter.LatitudeDegrees > 33.05);
    }

    [Fact]
    public void BuiltIns_StandTheirRadarsAndLaunchersOnTheWorldsGround()
    {
        // The world has no terrain: rounds leave and land at height 0 on the ellipsoid. A radar placed at its real site's
        // height above sea level would stand on a tower of that height, and its mask (from its own horizontal) would pass
        // over the rounds: at 700 m a 0.5° mask hides everything below ~900 m at 20 km. Antennas stand on a mast, launchers
        // on the ground.
        foreach (string name in ScenarioLoader.BuiltInNames)
        {
            Scenario scenario = ScenarioLoader.Load(name);
            Assert.All(scenario.Radars, r => Assert.InRange(r.Position.HeightMeters, 0, 30));
            Assert.All(scenario.Batteries, b => Assert.Equal(0, b.Position.HeightMeters));
        }
    }

    [Theory]
    [InlineData("sderot-barrage", "sderot-barrage-radars-of-2014.yaml")]
    [InlineData("north-haifa", "north-haifa-radars-of-2006.yaml")]
    public void WhatIfs_OfTheRadarsOfTheirDay_AreTheBuiltInsWithoutTheirBorderRadars(string builtIn, string whatIf)
    {
        // The two were built-ins with their battery radars alone until 3 December 2026, and the README's figures of them
        // before that date are these files'. The comparison is of sensors alone: the same salvos, batteries and battery
        // radars, the five border radars taken away, and a date before the Gaza border's were finished (2016).
        Scenario now = ScenarioLoader.Load(builtIn);
        Scenario then = ScenarioLoader.Load(Path.Combine(RepositoryRoot(), "tools", whatIf));
        static bool Border(RadarSite r) => r.Id.StartsWith("border-", StringComparison.Ordinal);
        Assert.Equal(5, now.Radars.Count(Border));
        Assert.Equal([.. now.Radars.Where(r => !Border(r))], then.Radars);
        Assert.DoesNotContain(then.Radars, Border);
        Assert.Equal(now.Batteries.Select(b => (b.Id, b.Position)), then.Batteries.Select(b => (b.Id, b.Position)));
        Assert.Equal(Salvos(now), Salvos(then));
        Assert.Equal(now.RocketCount, then.RocketCount);
        Assert.Equal(now.DurationSeconds, then.DurationSeconds);
        Assert.True(then.Start.Year < 2016, $"{whatIf} dated {then.Start:yyyy-MM-dd}");
        Assert.True(now.Start.Year >= 2016, $"{builtIn} dated {now.Start:yyyy-MM-dd}");

        static IEnumerable<string> Salvos(Scenario s) => s.Threats.Select(t => FormattableString.Invariant(
            $"{t.TimeSeconds} {t.Count} {t.Rocket.Name} {t.LaunchCenter.LatitudeDegrees} {t.LaunchCenter.LongitudeDegrees} {t.LaunchRegion?.RadiusMeters} {t.AimArea?.Id} {t.AimSpreadMeters} {t.IntervalSeconds}"));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Dome.slnx")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Dome.slnx) is not above the test's folder");
    }
}
