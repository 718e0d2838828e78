using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;

namespace Dome.Server;

/// <summary>
/// The fan-out of <c>/api/stream</c> (server-sent events). Each event is encoded once; every subscriber has its own
/// bounded queue, and publishing never waits: a subscriber whose queue is full is too slow (or dead) and is dropped,
/// so it never delays the others or the simulation. Thread-safe.
/// </summary>
public sealed class StreamHub : IDisposable
{
    /// <summary>A comment line sent to every subscriber this often, so that proxies keep idle streams open.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    private static readonly byte[] KeepAlive = Encoding.UTF8.GetBytes(": keep-alive\n\n");

    /// <summary>Frames a subscriber may fall behind before it is dropped.</summary>
    public const int QueueCapacity = 4096;

    private readonly ConcurrentDictionary<long, Subscriber> _subscribers = new();
    private long _nextSubscriber;
    private long _nextEvent;
    private long _dropped;
    private readonly Timer _keepAlive;

    public StreamHub() => _keepAlive = new Timer(_ => Send(KeepAlive), null, KeepAliveInterval, KeepAliveInterval);

    public int Subscribers => _subscribers.Count;

    /// <summary>Subscribers dropped for falling behind since the start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events published since the start (the last event id).</summary>
    public long Published => Interlocked.Read(ref _nextEvent);

    /// <summary>Publishes one event to every subscriber; <paramref name="json"/> is one line of JSON.</summary>
    public void Publish(string type, string json)
    {
        long id = Interlocked.Increment(ref _nextEvent);
        Send(Encoding.UTF8.GetBytes($"id: {id}\nevent: {type}\ndata: {json}\n\n"));
    }

    /// <summary>Ends every subscriber's stream (the server is stopping): their connections finish at once.</summary>
    public void CloseAll()
    {
        foreach (Subscriber s in _subscribers.Values)
        {
            if (_subscribers.TryRemove(s.Id, out _))
            {
                s.Queue.Writer.TryComplete();
            }
        }
    }

    public void Dispose()
    {
        _keepAlive.Dispose();
        CloseAll();
    }

    private void Send(byte[] frame)
    {
        foreach (Subscriber s in _subscribers.Values)
        {
            if (!s.Queue.Writer.TryWrite(frame) && _subscribers.TryRemove(s.Id, out _))
            {
                Interlocked.Increment(ref _dropped);
                s.Queue.Writer.TryComplete();
            }
        }
    }

    /// <summary>A new subscriber; dispose it when its connection ends.</summary>
    public Subscriber Subscribe()
    {
        Subscriber s = new(this, Interlocked.Increment(ref _nextSubscriber));
        _subscribers[s.Id] = s;
        return s;
    }

    public sealed class Subscriber : IDisposable
    {
        private readonly StreamHub _hub;

        internal Subscriber(StreamHub hub, long id)
        {
            _hub = hub;
            Id = id;
        }

        public long Id { get; }

        internal Channel<byte[]> Queue { get; } = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        /// <summary>The frames to send, ending when the subscriber is dropped.</summary>
        public ChannelReader<byte[]> Frames => Queue.Reader;

        public void Dispose()
        {
            _hub._subscribers.TryRemove(Id, out _);
            Queue.Writer.TryComplete();
        }
    }
}
