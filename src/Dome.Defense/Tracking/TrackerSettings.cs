using Dome.Defense.Prediction;

namespace Dome.Defense.Tracking;

/// <summary>The tracker's knobs, each with its unit. Immutable; the defaults are the ones the tests and benchmarks use.</summary>
public sealed record TrackerSettings
{
    /// <summary>Gate: squared Mahalanobis distance (χ² with 3 degrees of freedom; 16.27 holds 99.9% of true plots).</summary>
    public double GateChiSquared { get; init; } = 16.27;

    /// <summary>Fastest target the initiator pairs plots for, m/s.</summary>
    public double MaxSpeedMetersPerSecond { get; init; } = 2500;

    /// <summary>Shortest time between the two plots that initiate a track, s (closer plots are the same detection).</summary>
    public double MinInitiationIntervalSeconds { get; init; } = 0.4;

    /// <summary>
    /// The range-rate gate of a pair of plots, in standard deviations (0: no gate): a pulse-Doppler plot's range rate
    /// must agree with the pair's velocity, v = (z₂ − z₁)/Δt, along its line of sight, |l̂·v − ṙ| ≤ k·σ with
    /// σ² = l̂ᵀ(R₁ + R₂)l̂/Δt² + (a·Δt/2)² + σ_ṙ² — the positions' noise, the speed a motor pushing at
    /// √<see cref="BoostAccelerationNoise"/> gains or loses about the mean over half the interval, and the range rate's own
    /// noise. A false alarm's range rate is drawn over the radar's whole Doppler interval: paired with a rocket's first
    /// plot, it made a track of a velocity no rocket flies, which took the rocket's next plot, confirmed and died, and the
    /// rocket's own track began 2 s later (README, "A pair the range rates refuse").
    /// </summary>
    public double InitiationRangeRateSigmas { get; init; } = 4;

    /// <summary>
    /// How many of its radar's revisits an unpaired plot waits for a partner (never longer than
    /// <see cref="TentativePlotLifetimeSeconds"/>): a radar that saw a rocket sees it again within two revisits but for a
    /// chance of (1 − Pd)², 1% at Pd 0.9, so an older plot is far more likely a false alarm — and a rocket's first plot,
    /// with no earlier plot of its own, paired with the false alarm that lay nearest in the wide gate of a long wait
    /// (2,500 m/s times it): a track sure of a false velocity, its forecasts kilometres off (README, "A track begun on a
    /// false alarm"). The first plot now waits for the rocket's next. 0: every plot waits the lifetime.
    /// </summary>
    public double PlotWaitRevisits { get; init; } = 2;

    /// <summary>How long an unpaired plot waits for a partner, s.</summary>
    public double TentativePlotLifetimeSeconds { get; init; } = 3.0;

    /// <summary>Hits that confirm a track (M of the first N scans that saw it).</summary>
    public int ConfirmationHits { get; init; } = 4;

    /// <summary>
    /// Hits that confirm a track sooner when they all came within <see cref="QuickConfirmationWindowSeconds"/> of its
    /// first plot. Only looks closer than a search revisit give that: a radar's track beams, which it points at what its
    /// last look found (they carry no clutter: a beam looks where a target was, not over the whole coverage), or
    /// several radars seeing the same rocket. Measured over the built-in scenarios: no more false tracks than with four
    /// hits alone, a track 0.5 s sooner with 0.5 s beams, and more second tracks on one rocket in dense barrages (README).
    /// </summary>
    public int QuickConfirmationHits { get; init; } = 3;

    /// <summary>The window of <see cref="QuickConfirmationHits"/> from the track's first plot, s (0 turns the rule off).</summary>
    public double QuickConfirmationWindowSeconds { get; init; } = 1.1;

    /// <summary>
    /// A tentative track whose latest two plots came from one radar with track beams sooner than its search revisits is
    /// confirmed at once: the later plot is then a beam's look at what the search found (a confirmation dwell), and a
    /// beam sent after a false alarm finds nothing there, so two such plots are one object seen twice — whether they
    /// are the pair that starts the track or a search plot and its beam's look after a false alarm took the search plot
    /// into a pair of its own. Half a second sooner than <see cref="QuickConfirmationHits"/> with 0.5 s beams; a track
    /// so young forecasts from two plots alone. Measured over the built-in scenarios (README): a third of the threats
    /// not warned on time before are, for a little more alerted area and more second tracks on one rocket in dense
    /// barrages.
    /// </summary>
    public bool DwellPairConfirms { get; init; } = true;

    /// <summary>
    /// Twins: two confirmed tracks whose positions and velocities differ by less than this χ² (6 degrees of freedom,
    /// under the sum of their covariances) are one rocket followed twice — they share its plots between them, each
    /// making forecasts and drawing interceptors — and the younger is deleted into the older. 16.81 is the 99% point
    /// (two estimates of one rocket share its past, so their true difference is smaller still); 0 keeps twins.
    /// </summary>
    public double TwinChiSquared { get; init; } = 16.81;

    /// <summary>The N of M-of-N: a tentative track that misses this many scans before confirmation is deleted.</summary>
    public int TentativeMaxMisses { get; init; } = 2;

    /// <summary>A confirmed track with no plot for this long is deleted, s.</summary>
    public double CoastSeconds { get; init; } = 6.0;

    /// <summary>
    /// The boost mode's white acceleration noise along the velocity, (m/s²)²·s: a motor pushes a rocket of the catalog
    /// at 200–700 m/s² along its axis, which a fin-stabilised rocket keeps near its velocity.
    /// </summary>
    public double BoostAccelerationNoise { get; init; } = 300.0 * 300.0;

    /// <summary>
    /// The boost mode's white acceleration noise across the velocity, (m/s²)²·s: thrust misalignment, the gravity turn,
    /// and a velocity direction still poorly known when a track is young.
    /// </summary>
    public double BoostCrossAccelerationNoise { get; init; } = 60.0 * 60.0;

    /// <summary>
    /// White acceleration noise in ballistic flight beyond the unknown wind's (<see cref="UnknownWind"/>), (m/s²)²·s.
    /// Chosen with the consistency Monte Carlo (`dome bench prediction`).
    /// </summary>
    public double BallisticAccelerationNoise { get; init; } = 0.1 * 0.1;

    /// <summary>The wind the defense does not know: process noise in ballistic flight, and a term of every forecast.</summary>
    public WindUncertainty UnknownWind { get; init; } = WindUncertainty.Default;

    /// <summary>
    /// Probability that a new track's motor still burns: the catalog's motors burn 1–6 s and a radar sees a rocket
    /// 1–3 s after launch.
    /// </summary>
    public double InitialBoostProbability { get; init; } = 0.5;

    /// <summary>
    /// Spread of a coasting rocket's acceleration along the line of sight, m/s² (gravity's share and the drag of the
    /// catalog's rounds just after burnout, up to ~90 m/s² for a Grad-ER low and fast): with the boost mode's own
    /// spread, what a pulse-Doppler radar's two range rates of a new track weigh its modes by.
    /// </summary>
    public double CoastRadialAccelerationSigma { get; init; } = 60;

    /// <summary>Expected remaining burn of a boosting rocket, s: the boost → ballistic rate of the mode chain is its inverse.</summary>
    public double MeanRemainingBurnSeconds { get; init; } = 2.0;

    /// <summary>
    /// A track whose boost mode stayed the likelier this long (s, from the first update at which it was to the last), and
    /// that is faster than <see cref="LongBurnMinSpeed"/> when that mode loses the lead, takes the long-burning class's
    /// prior on its drag (<see cref="LongBurnDragClass"/>). 0 turns the rule off. Longer than the catalog's longest short
    /// motor burns (the Grad-ER's 2.2 s) and a plot's timing: a boost seen longer cannot be a short motor's. At 1 s, the
    /// rule's first value, a Grad-ER's mean push measured over the part of its burn a track saw (its true 420–720 m/s²,
    /// lagged by the filter) was under <see cref="LongBurnMaxAcceleration"/> in 16% of a seeded gaza-2021 run's
    /// Grad-ERs, which took a Fajr-5's k: 40% of those were forecast 8–18 km long, outside their 99% region. A Fajr-5
    /// whose burn a track sees for less (a position-only radar that picks it up late) keeps the generic prior: wider, not
    /// wrong.
    /// </summary>
    public double LongBurnSeconds { get; init; } = 2.3;

    /// <summary>Slowest speed, when the boost mode loses the lead, for <see cref="LongBurnSeconds"/>, m/s (the class's motors leave ~1,150–1,600 m/s).</summary>
    public double LongBurnMinSpeed { get; init; } = 900;

    /// <summary>
    /// Fastest mean gain of speed over the boost for <see cref="LongBurnSeconds"/>, m/s²: the long-burning class's motors
    /// push 210–430 m/s², the catalog's 2.2 s Grad-ER, as fast at burnout, 420–720 m/s².
    /// </summary>
    public double LongBurnMaxAcceleration { get; init; } = 400;

    /// <summary>Below this boost probability a track drops its boost mode and is filtered as ballistic alone.</summary>
    public double BoostCollapseProbability { get; init; } = 1e-3;

    /// <summary>Random-walk density of the drag parameter, (m²/kg)²/s.</summary>
    public double DragNoise { get; init; } = 1e-11;

    /// <summary>Prior on the drag parameter k = Cd₀·A/m (m²/kg) and its standard deviation.</summary>
    public double DragPrior { get; init; } = 1.0e-4;

    public double DragPriorSigma { get; init; } = 6e-5;

    /// <summary>Plots are held this long so that late ones can be put back in time order, s.</summary>
    public double LateWindowSeconds { get; init; }

    /// <summary>The ballistic mode's process noise.</summary>
    public ProcessNoise BallisticNoise => ProcessNoise.Isotropic(BallisticAccelerationNoise, DragNoise) with { UnknownWind = UnknownWind };

    public static TrackerSettings Default { get; } = new();
}

