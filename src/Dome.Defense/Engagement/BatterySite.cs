using Dome.Model.Geodesy;

namespace Dome.Defense.Engagement;

/// <summary>
/// A battery as the battle manager knows it: where it stands, its launchers and their load, reload time, and how many
/// interceptors its fire-control radar can guide at once. Immutable.
/// </summary>
public sealed record BatterySite
{
    public required string Id { get; init; }

    public required GeoPoint Position { get; init; }

    public int Launchers { get; init; } = 3;

    public int InterceptorsPerLauncher { get; init; } = 20;

    /// <summary>Time to reload an emptied launcher, s.</summary>
    public double ReloadSeconds { get; init; } = 900;

    /// <summary>Interceptors in flight the battery can guide at once.</summary>
    public int GuidanceChannels { get; init; } = 8;
}
