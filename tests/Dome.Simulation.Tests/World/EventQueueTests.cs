using Dome.Simulation.World;

namespace Dome.Simulation.Tests.World;

public class EventQueueTests
{
    [Fact]
    public void TryNext_OrdersByTimeThenPriorityThenInsertion()
    {
        EventQueue<string> q = new();
        q.Schedule(2, 0, "t2");
        q.Schedule(1, 5, "t1-p5-first");
        q.Schedule(1, 1, "t1-p1");
        q.Schedule(1, 5, "t1-p5-second");
        List<string> order = [];
        while (q.TryNext(out _, out string item))
        {
            order.Add(item);
        }

        Assert.Equal(["t1-p1", "t1-p5-first", "t1-p5-second", "t2"], order);
    }

    [Fact]
    public void Schedule_IntoThePastOrAtNaN_Throws()
    {
        EventQueue<int> q = new();
        q.Schedule(10, 0, 1);
        q.TryNext(out _, out _);
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Schedule(9.999, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Schedule(double.NaN, 0, 2));
        q.Schedule(10, 0, 3); // "now" is allowed
    }
}
