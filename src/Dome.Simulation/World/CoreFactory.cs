using Dome.Defense;
using Dome.Defense.Alerting;
using Dome.Defense.Engagement;
using Dome.Defense.Tracking;
using Dome.Model.Areas;
using Dome.Simulation.Scenarios;

namespace Dome.Simulation.World;

/// <summary>The operational core as built, configured with a scenario's published policy (never its truth).</summary>
public static class CoreFactory
{
    /// <summary>
    /// Quadrature points of the battle manager's threat evaluation: 256 Halton points put P(protected) within ~1% of
    /// the 1,024-point rule (the threshold it feeds is a cost ratio, not a fine probability) at a quarter of the cost.
    /// </summary>
    public const int EngagementQuadraturePoints = 256;

    /// <summary>Tracker with the scenario's confirmation rule, impact predictor, the alert planner with the scenario's alerting policy, the zone baseline, and the battle manager (when the scenario has batteries and engagement is enabled).</summary>
    public static DefenseCore Create(Scenario scenario, AlertAreaMap? areas = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        AlertAreaMap map = areas ?? AlertAreaMap.Default;
        AlertPolicy policy = scenario.Alerting;
        EngagementPolicy e = scenario.Engagement;
        BattleManager? battle = e.Enabled && scenario.Batteries.Count > 0
            ? new BattleManager([.. scenario.Batteries.Select(b => new BatterySite
            {
                Id = b.Id,
                Position = b.Position,
                Launchers = b.Launchers,
                InterceptorsPerLauncher = b.InterceptorsPerLauncher,
                ReloadSeconds = b.ReloadSeconds,
                GuidanceChannels = b.GuidanceChannels,
            })], new ThreatEvaluator(map, EngagementQuadraturePoints), new EngagementSettings
            {
                Interceptor = e.Interceptor,
                InterceptorsPerThreat = e.InterceptorsPerThreat,
                InterceptorCostUsd = e.InterceptorCostUsd,
                CostWeight = e.CostWeight,
                ProtectedValueUsd = e.ProtectedValueUsd,
                ConfidentProbability = e.ConfidentProbability,
                CycleSeconds = scenario.Radars.Count > 0 ? scenario.Radars.Min(r => r.RevisitSeconds) : 1.0,
            })
            : null;
        TrackingPolicy tracking = scenario.Tracking;
        TrackerSettings trackerSettings = TrackerSettings.Default with
        {
            ConfirmationHits = tracking.ConfirmationHits,
            QuickConfirmationHits = tracking.QuickConfirmationHits,
            QuickConfirmationWindowSeconds = tracking.QuickConfirmationWindowSeconds,
            DwellPairConfirms = tracking.DwellConfirmation,
            TwinChiSquared = tracking.MergeTwins ? TrackerSettings.Default.TwinChiSquared : 0,
            BoostCrossAccelerationNoise = tracking.BoostCrossAccelerationSigma * tracking.BoostCrossAccelerationSigma,
            LongBurnSeconds = tracking.LongBurnSeconds,
            LongBurnMaxAcceleration = tracking.LongBurnMaxAcceleration,
            PlotWaitRevisits = tracking.PlotWaitRevisits,
            InitiationRangeRateSigmas = tracking.InitiationRangeRateSigmas,
        };
        return new DefenseCore(trackerSettings,
            new AlertPlanner(map, policy.ToPlannerSettings()),
            new ZoneBaselinePlanner(map, policy.ContainmentProbability),
            battle)
        {
            HoldWhileBurning = tracking.HoldWhileBurning,
            AlertOnBurnEnvelope = policy.BurnEnvelope,
            EnvelopeBurnFromSpeed = policy.EnvelopeBurnFromSpeed,
            EnvelopeYoungAngleSigmas = policy.EnvelopeYoungAngleSigmas,
            HoldBoostProbability = tracking.HoldBoostProbability,
            SigmaPointTimeRatio = tracking.SigmaPointTimeRatio,
        };
    }
}
