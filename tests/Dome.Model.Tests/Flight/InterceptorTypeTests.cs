using Dome.Model.Flight;

namespace Dome.Model.Tests.Flight;

public class InterceptorTypeTests
{
    [Fact]
    public void KillProbability_FollowsTheGaussianDamageFunction_AndStopsAtTheFuzeRange()
    {
        InterceptorType t = InterceptorCatalog.Tamir;
        Assert.Equal(1.0, t.KillProbability(0), 12);
        Assert.Equal(Math.Exp(-0.5), t.KillProbability(t.LethalRadiusMeters), 12);
        Assert.Equal(Math.Exp(-2.0), t.KillProbability(2 * t.LethalRadiusMeters), 12);
        Assert.Equal(0.0, t.KillProbability(t.FuzeRangeMeters + 0.01));
        Assert.Equal(0.0, t.KillProbability(double.NaN));
    }

    [Fact]
    public void Tamir_PublicOrderFigures_HighSupersonicAndAbout15KmOfReach()
    {
        InterceptorType t = InterceptorCatalog.Tamir;
        // Rocket equation bound on the burnout speed (no drag, no gravity): Isp·g0·ln(m0/m1) + rail speed.
        double exhaust = t.ThrustNewtons * t.BurnTimeSeconds / t.PropellantMassKilograms;
        double ideal = (exhaust * Math.Log(t.LaunchMassKilograms / (t.LaunchMassKilograms - t.PropellantMassKilograms))) + t.RailExitSpeedMetersPerSecond;
        InterceptorFlyout flyout = new(t);
        double burnoutDistance = 0;
        double burnoutSpeed = 0;
        for (double d = 50; d < 5000; d += 50)
        {
            Assert.True(flyout.TryFlyout(d, Math.PI / 4, out double tof, out double speed));
            if (tof <= t.BurnTimeSeconds)
            {
                (burnoutDistance, burnoutSpeed) = (d, speed);
            }
        }

        Assert.True(burnoutDistance > 0);
        Assert.InRange(burnoutSpeed, 2 * 340.0, ideal); // high supersonic, below the drag-free bound
        Assert.InRange(flyout.MaxDistanceMeters(Math.PI / 18), 10_000, 20_000);
        // Straight up it still reaches the envelope's ceiling.
        Assert.True(flyout.MaxDistanceMeters(Math.PI / 2) > t.MaxInterceptAltitudeMeters);
        Assert.False(flyout.TryFlyout(flyout.MaxDistanceMeters(0) + 500, 0, out _, out _));
    }

    [Fact]
    public void Flyout_TimeGrowsWithDistance()
    {
        InterceptorFlyout flyout = new(InterceptorCatalog.Tamir);
        double previous = -1;
        for (double d = 0; d < flyout.MaxDistanceMeters(0.3); d += 250)
        {
            Assert.True(flyout.TryFlyout(d, 0.3, out double tof, out _));
            Assert.True(tof > previous);
            previous = tof;
        }
    }
}
