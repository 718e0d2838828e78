namespace Dome.Server;

/// <summary>
/// The scenario clock of a drill: simulated seconds since the scenario's start, running at <see cref="Speed"/> times
/// the wall clock, or paused. Changing the speed or pausing re-anchors it, so simulated time never jumps. Thread-safe.
/// </summary>
public sealed class DrillClock
{
    /// <summary>The fastest a drill may run (× real time).</summary>
    public const double MaxSpeed = 1000;

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _changed = new(0);
    private double _simAnchor;
    private long _wallAnchor;
    private double _speed = 1;
    private bool _paused;

    public DrillClock(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _wallAnchor = _time.GetTimestamp();
    }

    /// <summary>Simulated seconds now.</summary>
    public double Now
    {
        get
        {
            lock (_lock)
            {
                return NowLocked();
            }
        }
    }

    public double Speed
    {
        get
        {
            lock (_lock)
            {
                return _speed;
            }
        }
    }

    public bool Paused
    {
        get
        {
            lock (_lock)
            {
                return _paused;
            }
        }
    }

    /// <summary>Sets the clock to a simulated time and speed, running.</summary>
    public void Reset(double simSeconds, double speed)
    {
        ValidateSpeed(speed);
        lock (_lock)
        {
            _simAnchor = simSeconds;
            _wallAnchor = _time.GetTimestamp();
            _speed = speed;
            _paused = false;
        }

        Signal();
    }

    /// <summary>Sets the simulated time, keeping the speed and whether the clock is paused.</summary>
    public void Restart(double simSeconds)
    {
        lock (_lock)
        {
            _simAnchor = simSeconds;
            _wallAnchor = _time.GetTimestamp();
        }

        Signal();
    }

    public void SetSpeed(double speed)
    {
        ValidateSpeed(speed);
        lock (_lock)
        {
            _simAnchor = NowLocked();
            _wallAnchor = _time.GetTimestamp();
            _speed = speed;
        }

        Signal();
    }

    public void Pause()
    {
        lock (_lock)
        {
            _simAnchor = NowLocked();
            _paused = true;
        }

        Signal();
    }

    public void Resume()
    {
        lock (_lock)
        {
            if (_paused)
            {
                _wallAnchor = _time.GetTimestamp();
                _paused = false;
            }
        }

        Signal();
    }

    /// <summary>Blocks until the clock reaches a simulated time (at once if it has); throws when cancelled.</summary>
    public void WaitUntil(double simSeconds, CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            double wait;
            lock (_lock)
            {
                double now = NowLocked();
                if (now >= simSeconds)
                {
                    return;
                }

                wait = _paused ? 250 : Math.Clamp((simSeconds - now) / _speed * 1000.0, 0, 250);
            }

            if (wait >= 1)
            {
                // Woken early by a change of speed or pause; a wait of up to a quarter second otherwise.
                _changed.Wait(TimeSpan.FromMilliseconds(wait), cancellation);
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    private static void ValidateSpeed(double speed)
    {
        if (!(speed > 0 && speed <= MaxSpeed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, $"speed must be above 0 and at most {MaxSpeed} (× real time)");
        }
    }

    private double NowLocked() => _paused ? _simAnchor : _simAnchor + (_time.GetElapsedTime(_wallAnchor).TotalSeconds * _speed);

    private void Signal()
    {
        if (_changed.CurrentCount == 0)
        {
            _changed.Release();
        }
    }
}
