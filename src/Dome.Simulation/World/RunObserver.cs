using Dome.Model.Geodesy;

namespace Dome.Simulation.World;

/// <summary>
/// Watches a run as it happens (the drill server's player): every event of <c>events.jsonl</c> as its JSON line, and a
/// picture of the sky at a fixed interval of simulated time. Called on the run's thread, in time order; a slow observer
/// slows the run (the drill server uses that to pace a run to the wall clock).
/// </summary>
public interface IRunObserver
{
    /// <summary>How often <see cref="OnPicture"/> is called, s of simulated time.</summary>
    double PictureIntervalSeconds => 1.0;

    /// <summary>One event: its simulated time, type, and the full JSON line (UTF-8) as events.jsonl has it.</summary>
    void OnEvent(double timeSeconds, string type, ReadOnlySpan<byte> json);

    /// <summary>What is in the sky: rockets (truth), interceptors, the defense's confirmed tracks, batteries' loaded rounds.</summary>
    void OnPicture(RunPicture picture);
}

/// <summary>One object on the map: an id, a label (rocket type or battery), a position.</summary>
public readonly record struct PictureObject(int Id, string Label, GeoPoint Position);

/// <summary>A picture of the sky at one moment of a run.</summary>
public sealed record RunPicture(
    double TimeSeconds,
    IReadOnlyList<PictureObject> Rockets,
    IReadOnlyList<PictureObject> Interceptors,
    IReadOnlyList<PictureObject> Tracks,
    IReadOnlyList<(string BatteryId, int Loaded)> Batteries)
{
    internal static GeoPoint ToGeo(Vector3 ecef) => EcefPosition.FromVector(ecef).ToGeodetic();
}
