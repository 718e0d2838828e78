using Dome.Defense;
using Dome.Model.Areas;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Simulation.Scenarios;
using Dome.Simulation.Scoring;
using Dome.Simulation.World;

namespace Dome.Simulation.Tests.Scoring;

public class ScorerTests
{
    private static readonly AlertAreaMap Map = AlertAreaMap.Default;
    private static readonly AlertArea AshkelonNorth = Map.FindById(320)!; // 30 s to shelter
    private static readonly AlertArea TelAviv = Map.FindById(742)!;       // 90 s

    [Theory]
    [InlineData(31, AlertOutcome.OnTime)]
    [InlineData(30, AlertOutcome.OnTime)]
    [InlineData(29, AlertOutcome.Late)]
    [InlineData(0, AlertOutcome.Late)]
    public void Outcome_ThirtySecondArea_DependsOnTheLead(double leadSeconds, AlertOutcome expected)
    {
        (AlertOutcome outcome, double? lead) = Scorer.Outcome(100, 30, [100 - leadSeconds]);
        Assert.Equal(expected, outcome);
        Assert.Equal(leadSeconds, lead!.Value, 1e-9);
    }

    [Fact]
    public void Outcome_NoAlert_AlertAfterImpact_OrExpiredShelter_AreMissed()
    {
        Assert.Equal(AlertOutcome.Missed, Scorer.Outcome(100, 30, null).Outcome);
        Assert.Equal(AlertOutcome.Missed, Scorer.Outcome(100, 30, [100.5]).Outcome);
        Assert.Equal(AlertOutcome.Missed, Scorer.Outcome(1000, 30, [300]).Outcome); // shelter ended at 900 s
    }

    [Fact]
    public void Outcome_ReAlerted_TakesTheLatestTimelyAlert()
    {
        (AlertOutcome outcome, double? lead) = Scorer.Outcome(500, 30, [100, 400, 460]);
        Assert.Equal(AlertOutcome.OnTime, outcome);
        Assert.Equal(40, lead!.Value, 1e-9);
    }

    [Fact]
    public void Score_HandBuiltRun_CountsOnTimeLateAndUnneededAlerts()
    {
        // Three rockets: one at Ashkelon (30 s) alerted 31 s ahead, one at Tel Aviv (90 s) alerted 29 s ahead, one in
        // open ground. An extra alert for Tel Aviv long after the impact is unneeded; so is one for Sderot.
        RocketTruth ashkelon = Rocket(1, 100, AshkelonNorth);
        RocketTruth telAviv = Rocket(2, 200, TelAviv);
        RocketTruth open = Rocket(3, 150, null);
        AlertArea sderot = Map.FindById(248)!;
        List<AlertIssued> alerts = [new(69, 320), new(171, 742), new(900, 742), new(120, 248)];
        RunResult result = Result([ashkelon, telAviv, open], alerts);

        (RunSummary s, IReadOnlyList<RocketOutcome> outcomes) = Scorer.Score(result, Map);

        Assert.Equal(3, s.Rockets.Launched);
        Assert.Equal(2, s.Rockets.Threats);
        Assert.Equal(1, s.Rockets.OpenGround);
        Assert.Equal(1, s.Alerts.ThreatsOnTime);
        Assert.Equal(1, s.Alerts.ThreatsLate);
        Assert.Equal(0, s.Alerts.ThreatsMissed);
        Assert.Equal(4, s.Alerts.AreaAlerts);
        Assert.Equal(2, s.Alerts.UnneededAreaAlerts);
        Assert.Equal(2.0 / 3, s.Alerts.UnneededAreaAlertsPerRocket!.Value, 1e-12);
        double km2 = AshkelonNorth.AreaSquareKilometers + (2 * TelAviv.AreaSquareKilometers) + sderot.AreaSquareKilometers;
        Assert.Equal(km2, s.Alerts.AlertedKm2!.Value, 1e-9);
        Assert.Equal(km2 / 3, s.Alerts.AlertedKm2PerRocket!.Value, 1e-9);
        Assert.Equal((31 + 29) / 2.0, s.Alerts.MedianLeadS!.Value, 1e-9);
        Assert.Equal([-61, 1], s.Alerts.LeadMinusCountdownS!.Select(x => Math.Round(x, 6)));
        Assert.Equal(AlertOutcome.NotAThreat, outcomes.Single(o => o.RocketId == 3).Alert);
    }

    [Fact]
    public void Score_AlertForTheAreaAThreatWouldHaveHit_IsNeeded_WhateverBecameOfTheRocket()
    {
        // The scorer works from the truth impact point P, which an interception does not change (DESIGN.md).
        RunResult result = Result([Rocket(1, 100, AshkelonNorth)], [new AlertIssued(60, 320)]);
        Assert.Equal(0, Scorer.Score(result, Map).Summary.Alerts.UnneededAreaAlerts);
    }

    [Fact]
    public void Score_WithoutComponents_ReportsNullNotZero()
    {
        RunResult result = Result([Rocket(1, 100, AshkelonNorth)], [], DefenseCapabilities.None);
        RunSummary s = Scorer.Score(result, Map).Summary;
        Assert.Null(s.Alerts.ThreatsOnTime);
        Assert.Null(s.Alerts.UnneededAreaAlerts);
        Assert.Null(s.Rockets.Intercepted);
        Assert.Null(s.Defense.InterceptorsFired);
        Assert.Null(s.Tracking.MedianTimeToConfirmS);
        Assert.Equal(1, s.Alerts.AchievableThreats);
    }

    [Fact]
    public void Score_BaselineAlerts_AreScoredSeparatelyWithTheSameDefinitions()
    {
        RunResult result = Result([Rocket(1, 100, AshkelonNorth)], [new AlertIssued(60, 320)]) with
        {
            BaselineAlerts = [new AlertIssued(20, 320), new AlertIssued(20, 742), new AlertIssued(20, 248)],
        };
        RunSummary s = Scorer.Score(result, Map).Summary;
        Assert.Equal(0, s.Alerts.UnneededAreaAlerts);
        Assert.Equal(1, s.AlertsZoneBaseline!.ThreatsOnTime);
        Assert.Equal(2, s.AlertsZoneBaseline.UnneededAreaAlerts);
        Assert.Equal(80, s.AlertsZoneBaseline.MedianLeadS!.Value, 1e-9);
        Assert.Null(Scorer.Score(result with { BaselineAlerts = [] }, Map).Summary.AlertsZoneBaseline);
    }

    [Fact]
    public void Score_SensorTruth_CountsTheLateThreatsNoRadarSawOrNoTrackFollowedByTheirDeadline()
    {
        // Four achievable threats at Ashkelon - North (30 s), impacts at 100, 800, 1500 and 2200 s (more than the ten
        // minutes of shelter apart), each alerted 10 s before impact (late). Rocket 1 was first seen before its
        // deadline (70 s), rocket 2 exactly at it (770 s), rocket 3 after it (1475 s), rocket 4 never. Rocket 5
        // (impact 2230 s) is on time thanks to rocket 4's alert although first seen after its deadline: it does not
        // count. Unseen by the deadline: rockets 3 and 4.
        RocketTruth[] rockets = [Rocket(1, 100, AshkelonNorth), Rocket(2, 800, AshkelonNorth), Rocket(3, 1500, AshkelonNorth), Rocket(4, 2200, AshkelonNorth), Rocket(5, 2230, AshkelonNorth)];
        List<AlertIssued> alerts = [new(90, 320), new(790, 320), new(1490, 320), new(2190, 320)];
        // Tracks: rocket 1's track (mostly its plots) was confirmed at 66 s, in time; rocket 2's at 771 s, after its
        // deadline; track 9 is clutter. Untracked by the deadline: rockets 2, 3 and 4.
        RunResult result = Result(rockets, alerts) with
        {
            FirstPlots = new Dictionary<int, double> { [1] = 60, [2] = 770, [3] = 1475, [5] = 2210 },
            Tracks = [new TrackReport(66, 7, 66), new TrackReport(771, 8, 771), new TrackReport(400, 9, 400), new TrackReport(90, 10, 90)],
            TrackOrigins = new Dictionary<int, int> { [7] = 1, [8] = 2, [9] = 0, [10] = 1 },
        };

        (RunSummary s, IReadOnlyList<RocketOutcome> outcomes) = Scorer.Score(result, Map);

        Assert.All(rockets, r => Assert.True(r.Achievable));
        Assert.Equal(4, s.Alerts.ThreatsLate);
        Assert.Equal(2, s.Alerts.AchievableUnseenByDeadline);
        Assert.Equal(3, s.Alerts.AchievableUntrackedByDeadline);
        Assert.Equal(66 - rockets[0].LaunchTimeSeconds, outcomes[0].ConfirmedAfterLaunchS!.Value, 1e-9); // the earlier of its two tracks
        Assert.Null(outcomes[2].ConfirmedAfterLaunchS);
        Assert.Equal(60 - rockets[0].LaunchTimeSeconds, outcomes[0].FirstPlotAfterLaunchS!.Value, 1e-9);
        Assert.Null(outcomes[3].FirstPlotAfterLaunchS);
        Assert.Null(Scorer.Score(Result(rockets, alerts, new DefenseCapabilities(false, false, false)), Map).Summary.Alerts.AchievableUnseenByDeadline);
    }

    [Fact]
    public void ForecastsAgainstTruth_GivesEachForecastItsRocketsMissSigmasAndTimeError()
    {
        // Rocket 1 lands at P at 100 s. Track 7 (its plots) forecasts a point 3 km due north of P, σ 1 km east and 2 km
        // north, uncorrelated, landing at 104 s: the truth lies 3 km away at a bearing of 180°, 1.5σ along north, so
        // d² = 2.25 and the smallest region holding it is 1 − e^(−1.125). Track 9 is clutter: no truth.
        RocketTruth rocket = Rocket(1, 100, AshkelonNorth);
        GeoPoint forecastPoint = Geodesic.Direct(rocket.ImpactPoint, 0, 3000);
        Dome.Defense.Prediction.ImpactForecast Forecast(int track) => new()
        {
            TrackId = track,
            TimeSeconds = rocket.LaunchTimeSeconds + 4,
            ImpactPoint = forecastPoint,
            ImpactTimeSeconds = 104,
            ImpactTimeSigmaSeconds = 2,
            EastVariance = 1000 * 1000,
            EastNorthCovariance = 0,
            NorthVariance = 2000 * 2000,
        };
        RunResult result = Result([rocket], []) with
        {
            Forecasts = [Forecast(7), Forecast(9)],
            TrackOrigins = new Dictionary<int, int> { [7] = 1, [9] = 0 },
        };

        IReadOnlyList<ScoredForecast> scored = Scorer.ForecastsAgainstTruth(result);

        Assert.Equal(2, scored.Count);
        ScoredForecast s = scored[0];
        Assert.Same(rocket, s.Rocket);
        Assert.Equal(4, s.AgeSeconds!.Value, 1e-9);
        Assert.Equal(3000, s.MissMeters!.Value, 0.5);
        Assert.Equal(180, s.MissBearingDegrees!.Value, 0.05);
        Assert.Equal(2.25, s.GroundD2!.Value, 1e-3);
        Assert.Equal(1 - Math.Exp(-1.125), s.TruthContainment!.Value, 1e-4);
        Assert.Equal(4, s.ImpactTimeErrorSeconds!.Value, 1e-9);
        Assert.Null(scored[1].Rocket);
        Assert.Null(scored[1].MissMeters);
        Assert.Null(scored[1].TruthContainment);
    }

    [Fact]
    public void Achievable_NeedsCountdownPlusThreeSecondsOfFlight()
    {
        RocketTruth r = Rocket(1, 100, TelAviv); // 90 s area
        Assert.Equal(r.FlightTimeSeconds >= 93, r.Achievable);
        Assert.False((r with { Area = null }).Achievable);
    }

    private static readonly Trajectory Flight = FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(new GeoPoint(31.55, 34.50), 30, 45));

    private static RocketTruth Rocket(int id, double impactSeconds, AlertArea? area) => new()
    {
        Id = id,
        SalvoIndex = 0,
        Type = RocketCatalog.Grad,
        LaunchTimeSeconds = impactSeconds - Flight.FlightTimeSeconds,
        LaunchPoint = Flight.LaunchPoint,
        AimPoint = Flight.ImpactPoint,
        ElevationDegrees = 45,
        AzimuthDegrees = 30,
        ThrustFactor = 1,
        DragFactor = 1,
        Trajectory = Flight,
        Class = area is null ? ImpactClass.OpenGround : ImpactClass.Threat,
        Area = area,
    };

    private static RunResult Result(IReadOnlyList<RocketTruth> rockets, IReadOnlyList<AlertIssued> alerts, DefenseCapabilities? capabilities = null) => new()
    {
        Scenario = ScenarioLoader.Load("ashkelon-2019"),
        Seed = 1,
        Rockets = rockets,
        Capabilities = capabilities ?? new DefenseCapabilities(false, true, false),
        Alerts = alerts,
        Tracks = [],
        Orders = [],
        Plots = 0,
        ClutterPlots = 0,
        Events = 0,
        SimulatedSeconds = 1,
        WallSeconds = 1,
    };
}
