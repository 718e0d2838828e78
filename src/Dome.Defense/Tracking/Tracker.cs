using Dome.Defense.Numerics;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;

namespace Dome.Defense.Tracking;

/// <summary>Something that happened to a track in one call of <see cref="Tracker.Process"/>.</summary>
public readonly record struct TrackEvent(double TimeSeconds, int TrackId, TrackStatus Status)
{
    /// <summary>For a track deleted as the twin of another (one rocket followed twice): the track it was merged into.</summary>
    public int? MergedIntoTrackId { get; init; }
}

/// <summary>A plot the tracker gave to a track.</summary>
public readonly record struct PlotAssignment(int TrackId, RadarPlot Plot);

/// <summary>
/// Multi-radar, multi-target tracker: plots are taken scan by scan in time order (held for a late window when asked);
/// for each scan every live track is predicted to the scan time, plots are associated by global nearest neighbour,
/// assigned tracks are updated by the Kalman filter, the rest are initiated in pairs, confirmed M-of-N (or sooner on
/// three quick hits, or at once when a track's latest two plots are a search plot and a track beam's look at it) and deleted when they
/// coast too long or go underground. It sees plots and the radars' published
/// descriptions only. Not thread-safe.
/// </summary>
public sealed class Tracker
{
    private readonly Dictionary<string, (RadarSite Site, LocalFrame Frame)> _radars;
    private readonly TrackerSettings _settings;
    private readonly GlobalNearestNeighbourAssociator _associator = new();
    private readonly TwoPointInitiator _initiator;
    private readonly List<Track> _tracks = [];
    private readonly List<RadarPlot> _pending = [];
    private readonly List<TrackEvent> _events = [];
    private readonly List<PlotAssignment> _assignments = [];
    private readonly SpatialGrid _twinGrid = new(TwinSearchMeters);
    private readonly List<int> _nearby = [];
    private readonly List<Track> _confirmed = [];
    private readonly double[] _twinScratch = new double[Track.StateDistanceScratch];
    private double _processedUntil = double.NegativeInfinity;
    private double _latestSeen = double.NegativeInfinity;
    private int _nextId = 1;

    public Tracker(IEnumerable<RadarSite> radars, TrackerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(radars);
        _radars = radars.ToDictionary(r => r.Id, r => (r, new LocalFrame(r.Position)));
        _settings = settings ?? TrackerSettings.Default;
        _initiator = new TwoPointInitiator(_settings, id => _radars.TryGetValue(id, out (RadarSite Site, LocalFrame Frame) r) ? r.Site.RevisitSeconds : double.PositiveInfinity);
    }

    /// <summary>Live (tentative and confirmed) tracks.</summary>
    public IReadOnlyList<Track> Tracks => _tracks;

    /// <summary>Plots dropped because they came later than the late window allows.</summary>
    public long LatePlotsDropped { get; private set; }

    /// <summary>Confirmed tracks deleted as twins of older ones (one rocket followed twice).</summary>
    public long TwinsMerged { get; private set; }

    /// <summary>Plots from a radar the tracker was not told about.</summary>
    public long UnknownRadarPlots { get; private set; }

    /// <summary>Takes on a track made elsewhere (tests that need tracks in a given state).</summary>
    internal void Adopt(Track track)
    {
        _tracks.Add(track);
        _nextId = Math.Max(_nextId, track.Id + 1);
    }

    /// <summary>Takes plots (any radars, any order within the late window) and processes every scan that is due.</summary>
    /// <returns>The track events and plot assignments of this call.</returns>
    public (IReadOnlyList<TrackEvent> Events, IReadOnlyList<PlotAssignment> Assignments) Process(IEnumerable<RadarPlot> plots)
    {
        ArgumentNullException.ThrowIfNull(plots);
        _events.Clear();
        _assignments.Clear();
        foreach (RadarPlot plot in plots)
        {
            if (plot.TimeSeconds < _processedUntil)
            {
                LatePlotsDropped++;
                continue;
            }

            _pending.Add(plot);
            _latestSeen = Math.Max(_latestSeen, plot.TimeSeconds);
        }

        Drain(_latestSeen - _settings.LateWindowSeconds);
        return (_events, _assignments);
    }

    /// <summary>Processes every held plot, whatever the late window.</summary>
    public (IReadOnlyList<TrackEvent> Events, IReadOnlyList<PlotAssignment> Assignments) Flush()
    {
        _events.Clear();
        _assignments.Clear();
        Drain(double.PositiveInfinity);
        return (_events, _assignments);
    }

    private void Drain(double until)
    {
        List<RadarPlot> due = [.. _pending.Where(p => p.TimeSeconds <= until)];
        if (due.Count == 0)
        {
            return;
        }

        _pending.RemoveAll(p => p.TimeSeconds <= until);
        // One scan = the plots of one radar at one time; scans in time order, then radar id, for determinism.
        foreach (IGrouping<(double, string), RadarPlot> scan in due.GroupBy(p => (p.TimeSeconds, p.RadarId)).OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.Item2, StringComparer.Ordinal))
        {
            if (!_radars.TryGetValue(scan.Key.Item2, out (RadarSite Site, LocalFrame Frame) radar))
            {
                UnknownRadarPlots += scan.Count();
                continue;
            }

            ProcessScan(scan.Key.Item1, radar.Site, radar.Frame, [.. scan.Select(p => PositionMeasurement.From(p, radar.Site, radar.Frame))]);
            _processedUntil = Math.Max(_processedUntil, scan.Key.Item1);
        }
    }

    private void ProcessScan(double now, RadarSite site, LocalFrame frame, List<PositionMeasurement> plots)
    {
        // After a gap in the plot stream (radars off, a recording with holes), tracks older than the coast time are
        // dropped before they are predicted across it: flown for hours, a state means nothing and its gate is the sky.
        // A track whose estimate is no longer finite is dropped too: the motion model cannot fly it.
        Delete(now, t => now - t.LastUpdateSeconds > _settings.CoastSeconds || Astray(t));
        foreach (Track t in _tracks)
        {
            InteractingMultipleModel.PredictTrack(t, now - t.TimeSeconds, _settings);
            t.TimeSeconds = now;
        }

        int[] assignment = _associator.Associate(_tracks, plots, _settings.GateChiSquared);
        bool[] claimed = new bool[plots.Count];
        for (int i = 0; i < _tracks.Count; i++)
        {
            Track t = _tracks[i];
            if (assignment[i] >= 0)
            {
                PositionMeasurement m = plots[assignment[i]];
                claimed[assignment[i]] = true;
                InteractingMultipleModel.UpdateTrack(t, m, _settings);

                bool dwell = _settings.DwellPairConfirms && t.Status == TrackStatus.Tentative
                    && t.LastMeasurement is { } previous && IsDwellPair(previous.Plot, m.Plot);
                t.Hits++;
                t.ConsecutiveMisses = 0;
                t.LastUpdateSeconds = now;
                t.LastMeasurement = m;
                _assignments.Add(new PlotAssignment(t.Id, m.Plot));
                if (t.Status == TrackStatus.Tentative && (dwell || Confirms(t, now)))
                {
                    t.Status = TrackStatus.Confirmed;
                    t.ConfirmedAtSeconds = now;
                    _events.Add(new TrackEvent(now, t.Id, TrackStatus.Confirmed));
                }
            }
            else if (InCoverage(site, frame, t.Position))
            {
                t.ConsecutiveMisses++;
            }
        }

        List<PositionMeasurement> unclaimed = [.. plots.Where((_, j) => !claimed[j])];
        foreach ((double[] x, double[] p, double initiatedAt, PositionMeasurement first, PositionMeasurement second) in _initiator.Initiate(unclaimed, now))
        {
            Track t = new(_nextId++, now, x, p, initiatedAt);
            if (_settings.InitialBoostProbability > 0)
            {
                double? evidence = InteractingMultipleModel.InitialBoostProbability(first, second, x, _settings);
                t.Modes = new TrackModes(x, p, evidence ?? _settings.InitialBoostProbability);
                if (evidence >= 0.5)
                {
                    // The range rates saw the motor burn: the track's burn starts here, not at its next plot.
                    t.FirstBoostingSeconds = t.LastBoostingSeconds = now;
                    t.FirstBoostingSpeed = t.LastBoostingSpeed = t.Velocity.Length;
                }
            }

            t.LastMeasurement = second;
            _tracks.Add(t);
            _assignments.Add(new PlotAssignment(t.Id, first.Plot));
            _assignments.Add(new PlotAssignment(t.Id, second.Plot));
            _events.Add(new TrackEvent(now, t.Id, TrackStatus.Tentative));
            if (_settings.DwellPairConfirms && IsDwellPair(first.Plot, second.Plot))
            {
                t.Status = TrackStatus.Confirmed;
                t.ConfirmedAtSeconds = now;
                _events.Add(new TrackEvent(now, t.Id, TrackStatus.Confirmed));
            }
        }

        MergeTwins(now);
        Delete(now, t => Astray(t)
            || (t.Status == TrackStatus.Tentative
                ? t.ConsecutiveMisses > _settings.TentativeMaxMisses
                : now - t.LastUpdateSeconds > _settings.CoastSeconds)
            || BallisticMotionModel.Height(t.Position) < -200);
    }

    /// <summary>Farthest apart two confirmed tracks are looked at as twins, m (far beyond any twin's position sigma).</summary>
    private const double TwinSearchMeters = 1000;

    /// <summary>
    /// Deletes the younger of each pair of confirmed tracks that are one rocket followed twice: positions and velocities
    /// within <see cref="TrackerSettings.TwinChiSquared"/> under the sum of their covariances (tracks near each other
    /// found by a spatial grid, so a barrage's hundreds of tracks cost a few comparisons each).
    /// </summary>
    private void MergeTwins(double now)
    {
        if (_settings.TwinChiSquared <= 0)
        {
            return;
        }

        _confirmed.Clear();
        _confirmed.AddRange(_tracks.Where(t => t.Status == TrackStatus.Confirmed));
        if (_confirmed.Count < 2)
        {
            return;
        }

        _twinGrid.Clear();
        for (int i = 0; i < _confirmed.Count; i++)
        {
            _twinGrid.Add(i, _confirmed[i].Position);
        }

        bool any = false;
        for (int i = 0; i < _confirmed.Count; i++)
        {
            Track a = _confirmed[i];
            if (a.Status == TrackStatus.Deleted)
            {
                continue;
            }

            _nearby.Clear();
            _twinGrid.Query(a.Position, TwinSearchMeters, _nearby);
            foreach (int j in _nearby)
            {
                Track b = _confirmed[j];
                if (j <= i || b.Status == TrackStatus.Deleted
                    || !Track.StateDistanceSquared(a.State, a.Covariance, b.State, b.Covariance, _twinScratch, out double d2)
                    || !(d2 <= _settings.TwinChiSquared))
                {
                    continue;
                }

                // The older track (confirmed first; then the lower id) goes on: alerts and engagements name it already.
                bool aOlder = (a.ConfirmedAtSeconds ?? now, a.Id).CompareTo((b.ConfirmedAtSeconds ?? now, b.Id)) <= 0;
                (Track keep, Track twin) = aOlder ? (a, b) : (b, a);
                twin.Status = TrackStatus.Deleted;
                _events.Add(new TrackEvent(now, twin.Id, TrackStatus.Deleted) { MergedIntoTrackId = keep.Id });
                TwinsMerged++;
                any = true;
                if (!aOlder)
                {
                    break; // a itself is gone
                }
            }
        }

        if (any)
        {
            _tracks.RemoveAll(t => t.Status == TrackStatus.Deleted);
        }
    }

    /// <summary>Whether a track's estimate has left the numbers: a state element or a variance not finite.</summary>
    private static bool Astray(Track t)
    {
        const int n = BallisticMotionModel.Dimension;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += t.State[i] + t.Covariance[(i * n) + i];
        }

        return !double.IsFinite(sum);
    }

    /// <summary>
    /// Two plots of one radar with track beams, closer in time than its search revisit: the later is a beam's look at
    /// what the earlier found (a search sees a place once per revisit; a beam finds nothing where a false alarm was).
    /// </summary>
    private bool IsDwellPair(RadarPlot first, RadarPlot second) =>
        string.Equals(first.RadarId, second.RadarId, StringComparison.Ordinal)
        && _radars.TryGetValue(first.RadarId, out (RadarSite Site, LocalFrame Frame) radar)
        && radar.Site.TrackRevisitSeconds is not null
        && Math.Abs(second.TimeSeconds - first.TimeSeconds) < radar.Site.RevisitSeconds - 1e-6;

    /// <summary>M-of-N confirmation, or the quick rule: enough hits within a short window of the first plot.</summary>
    private bool Confirms(Track t, double now) =>
        t.Hits >= _settings.ConfirmationHits
        || (t.Hits >= _settings.QuickConfirmationHits && now - t.InitiatedAtSeconds <= _settings.QuickConfirmationWindowSeconds);

    private void Delete(double now, Func<Track, bool> condition) =>
        _tracks.RemoveAll(t =>
        {
            if (!condition(t))
            {
                return false;
            }

            t.Status = TrackStatus.Deleted;
            _events.Add(new TrackEvent(now, t.Id, TrackStatus.Deleted));
            return true;
        });

    private static bool InCoverage(RadarSite site, LocalFrame frame, Vector3 position)
    {
        EnuVector enu = frame.ToEnuVector(position - frame.OriginEcef.Vector);
        double range = enu.Length;
        return range <= site.MaxRangeMeters && Math.Atan2(enu.Up, enu.HorizontalLength) * 180 / Math.PI >= site.MinElevationDegrees;
    }
}
