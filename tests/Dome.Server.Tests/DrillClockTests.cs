namespace Dome.Server.Tests;

public sealed class DrillClockTests
{
    [Fact]
    public void RunsAtItsSpeedPausesAndChangesSpeedWithoutAJump()
    {
        ManualTime time = new(DateTimeOffset.UnixEpoch);
        DrillClock clock = new(time);
        clock.Reset(10, 4);
        time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(20.0, clock.Now, 9); // 10 + 2.5 s × 4

        clock.Pause();
        time.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(20.0, clock.Now, 9);
        Assert.True(clock.Paused);

        clock.Resume();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(24.0, clock.Now, 9);

        clock.SetSpeed(0.5);
        Assert.Equal(24.0, clock.Now, 9); // no jump at the change
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(26.0, clock.Now, 9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000.5)]
    [InlineData(double.NaN)]
    public void RefusesImpossibleSpeeds(double speed)
    {
        DrillClock clock = new(new ManualTime(DateTimeOffset.UnixEpoch));
        clock.Reset(0, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetSpeed(speed));
        Assert.Equal(2, clock.Speed);
    }

    [Fact]
    public void WaitReturnsAtOnceForAPastTimeAndStopsWhenCancelled()
    {
        ManualTime time = new(DateTimeOffset.UnixEpoch);
        DrillClock clock = new(time);
        clock.Reset(50, 1);
        clock.WaitUntil(49, CancellationToken.None);
        using CancellationTokenSource cancel = new();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => clock.WaitUntil(51, cancel.Token));
    }
}
