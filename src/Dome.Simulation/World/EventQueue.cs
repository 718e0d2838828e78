namespace Dome.Simulation.World;

/// <summary>
/// A deterministic discrete-event queue: events leave in order of (time, priority, insertion order), so two events at
/// the same time always run in the same order. Scheduling into the past throws.
/// </summary>
public sealed class EventQueue<T>
{
    private readonly PriorityQueue<T, (double Time, int Priority, long Sequence)> _queue = new();
    private long _sequence;

    /// <summary>The time of the last event taken, seconds.</summary>
    public double Now { get; private set; }

    public int Count => _queue.Count;

    public void Schedule(double timeSeconds, int priority, T item)
    {
        if (!double.IsFinite(timeSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(timeSeconds), timeSeconds, "Event time must be finite.");
        }

        if (timeSeconds < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(timeSeconds), timeSeconds, $"Cannot schedule into the past (now {Now} s).");
        }

        _queue.Enqueue(item, (timeSeconds, priority, _sequence++));
    }

    public bool TryNext(out double timeSeconds, out T item)
    {
        if (_queue.TryDequeue(out T? next, out (double Time, int Priority, long Sequence) key))
        {
            Now = key.Time;
            timeSeconds = key.Time;
            item = next;
            return true;
        }

        timeSeconds = Now;
        item = default!;
        return false;
    }
}
