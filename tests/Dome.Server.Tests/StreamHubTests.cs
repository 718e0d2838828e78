using System.Text;

namespace Dome.Server.Tests;

public sealed class StreamHubTests
{
    [Fact]
    public void EverySubscriberThatKeepsUpGetsEveryEventInOrder()
    {
        StreamHub hub = new();
        using StreamHub.Subscriber a = hub.Subscribe();
        using StreamHub.Subscriber b = hub.Subscribe();
        for (int i = 0; i < 100; i++)
        {
            hub.Publish("alert", $"{{\"n\":{i}}}");
        }

        foreach (StreamHub.Subscriber s in new[] { a, b })
        {
            for (int i = 0; i < 100; i++)
            {
                Assert.True(s.Frames.TryRead(out byte[]? frame));
                Assert.Equal($"id: {i + 1}\nevent: alert\ndata: {{\"n\":{i}}}\n\n", Encoding.UTF8.GetString(frame!));
            }

            Assert.False(s.Frames.TryRead(out _));
        }
    }

    [Fact]
    public async Task ASubscriberThatStopsReadingIsDroppedAndNeverDelaysTheOthers()
    {
        StreamHub hub = new();
        using StreamHub.Subscriber dead = hub.Subscribe();
        using StreamHub.Subscriber live = hub.Subscribe();
        int received = 0;
        Task reader = Task.Run(async () =>
        {
            await foreach (byte[] _ in live.Frames.ReadAllAsync())
            {
                if (Interlocked.Increment(ref received) == StreamHub.QueueCapacity * 3)
                {
                    return;
                }
            }
        });

        // Three queues' worth, in batches the live subscriber keeps up with: the dead one fills its queue and is
        // dropped; publishing never blocks on it.
        for (int i = 1; i <= StreamHub.QueueCapacity * 3; i++)
        {
            hub.Publish("picture", "{}");
            if (i % 1024 == 0)
            {
                SpinWait.SpinUntil(() => Volatile.Read(ref received) == i, TimeSpan.FromSeconds(10));
            }
        }

        await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(StreamHub.QueueCapacity * 3, received);
        Assert.Equal(1, hub.Dropped);
        Assert.Equal(1, hub.Subscribers);
        int queued = 0;
        while (dead.Frames.TryRead(out _))
        {
            queued++;
        }

        Assert.Equal(StreamHub.QueueCapacity, queued);
        Assert.True(dead.Frames.Completion.IsCompleted);
    }
}
