using Dome.Defense.Alerting;
using Dome.Defense.Prediction;
using Dome.Model.Areas;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Alerting;

/// <summary>
/// The planner's time left counted to the impact time given a landing in each area: a forecast whose time grows by
/// 1 s for every 300 m east (a rocket at 300 m/s across the ground, its range uncertain) hits an area west of its point
/// sooner and an area east of it later.
/// </summary>
public class ConditionalImpactTimeTests
{
    private const double SecondsPerMeterEast = 1.0 / 300;
    private const double SigmaEast = 3000, SigmaNorth = 300;
    private static readonly AlertAreaMap Map = AlertAreaMap.Default;
    private static readonly AlertArea AshkelonNorth = Map.FindById(320)!; // 30 s

    /// <summary>
    /// A forecast D metres east (positive) or west (negative) of the area's box, level with its centre, impact at 200 s;
    /// the impact time's covariance with the east offset is σ_E²/300, so that E[t | east offset e] = 200 + e/300.
    /// </summary>
    private static (ImpactForecast Forecast, double BoxWidthMeters) Beside(double offsetMeters)
    {
        NetTopologySuite.Geometries.Envelope box = AshkelonNorth.Polygon!.EnvelopeInternal;
        LocalProjection projection = new(box.Centre.Y, box.Centre.X);
        double edge = offsetMeters > 0 ? box.MaxX : box.MinX;
        GeoPoint point = new(box.Centre.Y, edge + (offsetMeters / projection.MetersPerDegreeEast));
        ImpactForecast forecast = new()
        {
            TrackId = 1, TimeSeconds = 0, ImpactPoint = point, ImpactTimeSeconds = 200, ImpactTimeSigmaSeconds = 12,
            EastVariance = SigmaEast * SigmaEast, EastNorthCovariance = 0, NorthVariance = SigmaNorth * SigmaNorth,
            ImpactTimeEastCovariance = SigmaEast * SigmaEast * SecondsPerMeterEast, ImpactTimeNorthCovariance = 0,
        };
        return (forecast, box.Width * projection.MetersPerDegreeEast);
    }

    /// <summary>When the area is alerted, stepping the clock by 0.05 s (margin 0, no area-mass rule).</summary>
    private static double AlertTime(ImpactForecast forecast, bool conditional)
    {
        AlertPlanner planner = new(Map, new AlertPlannerSettings(0.99, 0, ConditionalImpactTime: conditional));
        for (double t = 100; t < 200; t += 0.05)
        {
            if (planner.Plan(t, [forecast]).Any(a => a.AreaId == AshkelonNorth.Id))
            {
                return t;
            }
        }

        return double.NaN;
    }

    [Fact]
    public void ImpactTimeGradient_IsTheRegressionOfTimeOnTheGroundPoint()
    {
        // g Σ_gg = Σ_gt for a correlated ground covariance (the normal equations), checked by multiplying back.
        ImpactForecast f = new()
        {
            TrackId = 1, TimeSeconds = 0, ImpactPoint = new GeoPoint(31.6, 34.6), ImpactTimeSeconds = 60, ImpactTimeSigmaSeconds = 3,
            EastVariance = 4e6, EastNorthCovariance = -1.5e6, NorthVariance = 1e6, ImpactTimeEastCovariance = 5000, ImpactTimeNorthCovariance = -900,
        };
        (double ge, double gn) = f.ImpactTimeGradient();
        Assert.Equal(5000, (ge * 4e6) + (gn * -1.5e6), 1e-6);
        Assert.Equal(-900, (ge * -1.5e6) + (gn * 1e6), 1e-6);
        // Uncorrelated: the slope of each axis alone.
        (double perEast, double perNorth) = Beside(1000).Forecast.ImpactTimeGradient();
        Assert.Equal(SecondsPerMeterEast, perEast, 1e-12);
        Assert.Equal(0, perNorth, 1e-12);
    }

    [Fact]
    public void AreaWestOfTheForecast_IsAlertedSooner_ByItsDistanceOverTheGroundSpeed()
    {
        // The plain rule alerts the 30 s area at 200 − 30 = 170 s. Every point of the area lies 1–(1 + W) km west of the
        // forecast point, so a rocket landing there lands 1/0.3 to (1 + W)/0.3 s sooner: the alert comes that much earlier.
        (ImpactForecast forecast, double width) = Beside(1000);
        Assert.Equal(170, AlertTime(forecast, conditional: false), 0.051);
        double conditional = AlertTime(forecast, conditional: true);
        Assert.InRange(conditional, 170 - ((1000 + width) * SecondsPerMeterEast) - 0.051, 170 - (1000 * SecondsPerMeterEast) + 0.051);
    }

    [Fact]
    public void AreaEastOfTheForecast_WaitsLonger_ButNoLaterThanItsNearestEdgeAllows()
    {
        // The area lies 1 km east of the forecast point and beyond: its earliest landing is 200 + 1000/300 s.
        (ImpactForecast forecast, _) = Beside(-1000);
        Assert.Equal(170, AlertTime(forecast, conditional: false), 0.051);
        Assert.Equal(170 + (1000 * SecondsPerMeterEast), AlertTime(forecast, conditional: true), 0.051);
    }

    [Fact]
    public void Shift_IsBoundedByTheConfidenceRegion()
    {
        // A sharp forecast (σ_E 30 m) inside a wide area: landing anywhere in the 99% region moves the time by at most
        // 3.035 σ_E / 300 = 0.30 s, however far the area's box reaches west.
        NetTopologySuite.Geometries.Envelope box = AshkelonNorth.Polygon!.EnvelopeInternal;
        ImpactForecast sharp = new()
        {
            TrackId = 1, TimeSeconds = 0, ImpactPoint = new GeoPoint(31.6885, 34.5900), ImpactTimeSeconds = 200, ImpactTimeSigmaSeconds = 0.1,
            EastVariance = 900, EastNorthCovariance = 0, NorthVariance = 900, ImpactTimeEastCovariance = 900 * SecondsPerMeterEast,
        };
        Assert.True(box.Contains(34.5900, 31.6885));
        double reach = Math.Sqrt(-2 * Math.Log(1 - 0.99)) * 30 * SecondsPerMeterEast;
        Assert.InRange(AlertTime(sharp, conditional: true), 170 - reach - 0.051, 170 - reach + 0.051);
    }
}
