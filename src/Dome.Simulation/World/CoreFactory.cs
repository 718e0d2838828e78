using Dome.Defense;
using Dome.Defense.Alerting;
using Dome.Model.Areas;
using Dome.Simulation.Scenarios;

namespace Dome.Simulation.World;

/// <summary>The operational core as built, configured with a scenario's published policy (never its truth).</summary>
public static class CoreFactory
{
    /// <summary>Tracker, impact predictor, the alert planner with the scenario's alerting policy, and the zone baseline.</summary>
    public static DefenseCore Create(Scenario scenario, AlertAreaMap? areas = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        AlertAreaMap map = areas ?? AlertAreaMap.Default;
        AlertPolicy policy = scenario.Alerting;
        return new DefenseCore(null,
            new AlertPlanner(map, new AlertPlannerSettings(policy.ContainmentProbability, policy.MarginSeconds, policy.PreAlert, MinAreaProbability: policy.MinAreaProbability)),
            new ZoneBaselinePlanner(map, policy.ContainmentProbability));
    }
}
