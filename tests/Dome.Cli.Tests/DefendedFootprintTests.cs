using Dome.Cli.Commands;

namespace Dome.Cli.Tests;

public class DefendedFootprintTests
{
    [Fact]
    public void Battery_DefendsTheWhole10By10KmSquare_AgainstRocketsFrom20To70Km()
    {
        // The public figure: a battery defends roughly a 10 × 10 km area against rockets from 4–70 km.
        IReadOnlyList<DefendedFootprint.Row> rows = DefendedFootprint.Measure(perSide: 3);
        foreach (DefendedFootprint.Row row in rows.Where(r => r.RangeKm >= 20))
        {
            Assert.True(row.ShareEngageable == 1.0, $"{row.Rocket} from {row.RangeKm} km: {row.Engageable} of {row.AimPoints}");
        }

        Assert.True(rows.Single(r => r.Rocket == "qassam" && r.RangeKm == 8).ShareEngageable >= 0.5);
        // A 4 km Qassam on its low arc peaks at ~150 m: under the minimum intercept altitude everywhere.
        Assert.Equal(0, rows.Single(r => r.Rocket == "qassam" && r.RangeKm == 4).Engageable);
    }
}
