using Dome.Defense.Alerting;
using Dome.Defense.Tests.Tracking;
using Dome.Model.Areas;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tests.Alerting;

public class ClutterAlertingTests
{
    /// <summary>A radar on the Gaza envelope: its clutter plots fall over Sderot, Netivot and Ashkelon's areas.</summary>
    private static readonly RadarSite Radar = MeasurementAndMotionTests.Radar with { Position = new GeoPoint(31.50, 34.62, 60) };

    [Theory]
    [InlineData(3.0)]
    [InlineData(10.0)]
    public void ClutterAlone_SendsNobodyToShelter(double clutterPerScan)
    {
        // Five minutes of Poisson clutter over populated areas, no rocket: no confirmed track may forecast an impact
        // that alerts an area. (Alerting from 3-plot tentative tracks failed exactly this: 36 false area alerts in
        // 15 minutes at 3 plots per scan, which is why the planner works from confirmed tracks only.)
        for (int seed = 1; seed <= 3; seed++)
        {
            TestWorld world = new(Radar, seed);
            DefenseCore core = new(null, new AlertPlanner(AlertAreaMap.Default));
            core.Start([Radar]);
            for (double t = 0.25; t < 300; t += 1)
            {
                Assert.Empty(core.Process(t, [.. world.Scan(t, clutterPerScan).Select(p => p.Plot)]).Alerts);
            }
        }
    }
}
