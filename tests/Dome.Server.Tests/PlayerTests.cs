using Dome.Simulation.Scenarios;

namespace Dome.Server.Tests;

public sealed class PlayerTests
{
    [Fact]
    public async Task ARunStartedByTheOperatorKeepsPaceWithTheClock()
    {
        using TempFolder temp = new();
        await using DrillServer server = await Servers.StartAsync(temp.File("drill.db"));
        server.Player.Start(ScenarioLoader.Load("saturation-2023"), 10, loop: true);
        // The clock starts when the world is ready (planning 2,000+ launches takes seconds), then the run keeps up.
        await Servers.Until(() => Task.FromResult(server.Player.ReachedSeconds), r => r > 0, TimeSpan.FromSeconds(60), "the run's first picture");
        await Task.Delay(2000);
        double clock = server.Player.Clock.Now, reached = server.Player.ReachedSeconds;
        Assert.True(clock - reached < 2, $"clock {clock:F1} s, the run reached {reached:F1} s ({server.Player.State})");
    }
}
