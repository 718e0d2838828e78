using Dome.Model.Areas;
using Dome.Model.Geodesy;

namespace Dome.Defense.Prediction;

/// <summary>
/// A track's predicted ground impact: point and time, and the 2×2 ground covariance (east/north, m²) of the point.
/// Immutable.
/// </summary>
public sealed record ImpactForecast
{
    public required int TrackId { get; init; }

    /// <summary>When the forecast was made, s.</summary>
    public required double TimeSeconds { get; init; }

    public required GeoPoint ImpactPoint { get; init; }

    public required double ImpactTimeSeconds { get; init; }

    public required double ImpactTimeSigmaSeconds { get; init; }

    public required double EastVariance { get; init; }

    public required double EastNorthCovariance { get; init; }

    public required double NorthVariance { get; init; }

    /// <summary>
    /// A hypothesis of a burn envelope (<see cref="BurnEnvelope"/>) rather than a forecast of the track's flight: the planner
    /// alerts on it with <see cref="EnvelopeMarginSeconds"/> for its margin, and only areas whose time to shelter exceeds
    /// <see cref="EnvelopeMinCountdownSeconds"/> (those the burnout's own forecast would come too late for).
    /// </summary>
    public bool IsEnvelope { get; init; }

    /// <summary>
    /// The probability of an envelope hypothesis (see <see cref="IsEnvelope"/>): the planner's area-mass rule weighs the
    /// mass it puts in an area by it, so that a hypothesis in the tail of the burnout speeds alerts nothing on its own.
    /// </summary>
    public double EnvelopeWeight { get; init; } = 1;

    /// <summary>The latency margin of an envelope hypothesis, s (see <see cref="IsEnvelope"/>).</summary>
    public double EnvelopeMarginSeconds { get; init; }

    /// <summary>The time to shelter an area must exceed to be alerted on an envelope hypothesis, s (see <see cref="IsEnvelope"/>).</summary>
    public double EnvelopeMinCountdownSeconds { get; init; } = double.NegativeInfinity;

    /// <summary>
    /// Until this time (absolute, s) the envelope is young (<see cref="BurnEnvelope.Forecasts"/>): an area must also exceed
    /// <see cref="EnvelopeYoungMinCountdownSeconds"/>. From then on the planner's cycles use the older envelope's rule,
    /// without waiting for the track's next plot to make the envelope again.
    /// </summary>
    public double EnvelopeYoungUntilSeconds { get; init; } = double.NegativeInfinity;

    /// <summary>The time to shelter an area must also exceed while the envelope is young, s (see <see cref="EnvelopeYoungUntilSeconds"/>).</summary>
    public double EnvelopeYoungMinCountdownSeconds { get; init; } = double.NegativeInfinity;

    /// <summary>
    /// The time to shelter an area must exceed to be alerted on this envelope hypothesis at a time, s, by a planner that
    /// next looks again <paramref name="cycleSeconds"/> later: while the envelope is young, an area is held back for the
    /// older envelope only if its deadline comes a cycle after the youth ends, when a cycle under the older rule is sure
    /// to have come.
    /// </summary>
    public double EnvelopeMinCountdownAt(double nowSeconds, double cycleSeconds = 0) => nowSeconds < EnvelopeYoungUntilSeconds
        ? Math.Max(EnvelopeMinCountdownSeconds, EnvelopeYoungMinCountdownSeconds - cycleSeconds) : EnvelopeMinCountdownSeconds;

    /// <summary>Covariance of the impact time with the ground point's east offset, s·m (0 when unknown).</summary>
    public double ImpactTimeEastCovariance { get; init; }

    /// <summary>Covariance of the impact time with the ground point's north offset, s·m (0 when unknown).</summary>
    public double ImpactTimeNorthCovariance { get; init; }

    /// <summary>
    /// How the expected impact time changes with where the rocket lands (s per metre east, s per metre north): the
    /// regression of the time on the ground point, Σ_gg⁻¹ Σ_gt. The impact time given a landing at the offset d from the
    /// forecast point is <see cref="ImpactTimeSeconds"/> + g·d (the conditional mean of the joint normal).
    /// </summary>
    public (double PerEastMeter, double PerNorthMeter) ImpactTimeGradient()
    {
        double det = (EastVariance * NorthVariance) - (EastNorthCovariance * EastNorthCovariance);
        if (!(det > 0))
        {
            return (0, 0);
        }

        return (((NorthVariance * ImpactTimeEastCovariance) - (EastNorthCovariance * ImpactTimeNorthCovariance)) / det,
            ((EastVariance * ImpactTimeNorthCovariance) - (EastNorthCovariance * ImpactTimeEastCovariance)) / det);
    }

    /// <summary>
    /// The Mahalanobis radius of the region that holds a bivariate normal with probability <paramref name="containment"/>:
    /// √(−2 ln(1 − c)), the root of the χ²₂ quantile.
    /// </summary>
    public static double RegionScale(double containment)
    {
        if (!(containment > 0 && containment < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(containment), containment, "Containment must lie in (0, 1).");
        }

        return Math.Sqrt(-2 * Math.Log(1 - containment));
    }

    /// <summary>The region that holds the impact with probability <paramref name="containment"/> (<see cref="RegionScale"/> sigmas).</summary>
    public GroundEllipse Region(double containment)
    {
        double scale = RegionScale(containment);
        double mean = (EastVariance + NorthVariance) / 2;
        double half = Math.Sqrt((((EastVariance - NorthVariance) / 2) * ((EastVariance - NorthVariance) / 2)) + (EastNorthCovariance * EastNorthCovariance));
        double major = Math.Max(mean + half, 1e-6), minor = Math.Max(mean - half, 1e-6);
        // The major axis is the eigenvector (λ − NN, EN) in (east, north); with EN = 0 and NN ≥ EE it degenerates to north.
        double east = major - NorthVariance, north = EastNorthCovariance;
        if (Math.Abs(east) < 1e-12 && Math.Abs(north) < 1e-12)
        {
            (east, north) = (0, 1);
        }

        double orientation = Math.Atan2(east, north) * 180 / Math.PI;
        return new GroundEllipse(ImpactPoint, scale * Math.Sqrt(major), scale * Math.Sqrt(minor), orientation);
    }

    /// <summary>The squared Mahalanobis distance of a ground offset (east, north, m) from the forecast point.</summary>
    public double MahalanobisSquared(double eastMeters, double northMeters)
    {
        double det = (EastVariance * NorthVariance) - (EastNorthCovariance * EastNorthCovariance);
        return ((NorthVariance * eastMeters * eastMeters) - (2 * EastNorthCovariance * eastMeters * northMeters) + (EastVariance * northMeters * northMeters)) / det;
    }

    /// <summary>
    /// The squared Mahalanobis distance between this forecast's impact point and <paramref name="other"/>'s under the sum
    /// of their ground covariances: χ² with 2 degrees of freedom if the two are independent forecasts of one impact (two
    /// forecasts of one track share its past, so theirs is smaller still). +∞ when the summed covariance is singular and
    /// the points differ.
    /// </summary>
    public double DistanceSquaredTo(ImpactForecast other)
    {
        ArgumentNullException.ThrowIfNull(other);
        EnuVector d = new LocalFrame(ImpactPoint).ToEnu(other.ImpactPoint);
        double ee = EastVariance + other.EastVariance, nn = NorthVariance + other.NorthVariance, en = EastNorthCovariance + other.EastNorthCovariance;
        double det = (ee * nn) - (en * en);
        double form = (nn * d.East * d.East) - (2 * en * d.East * d.North) + (ee * d.North * d.North);
        return det > 0 ? form / det : form > 0 ? double.PositiveInfinity : 0;
    }
}
