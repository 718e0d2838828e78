using Dome.Model.Flight;

namespace Dome.Defense.Tracking;

/// <summary>
/// What a track's boost says about its drag: a motor the tracker saw burn longer than any short motor of the catalog
/// (<see cref="TrackerSettings.LongBurnSeconds"/>; the IMM's boost mode the likelier), gaining speed no faster than
/// <see cref="TrackerSettings.LongBurnMaxAcceleration"/>, that left the rocket faster than
/// <see cref="TrackerSettings.LongBurnMinSpeed"/>, belongs to the catalog's long-burning heavy rockets (burn
/// ≥ <see cref="MinBurnSeconds"/> s: the Fajr-5 and the R-160), whose drag parameter k = Cd₀·A/m at burnout is half a
/// Qassam's. When the boost mode loses the lead the tracker replaces the generic prior on k in both modes by that
/// class's (in information form: the data the track has seen stay, only the prior changes). The figures are the public
/// catalog's, not a round's: each round's drag still differs by its own dispersion, which widens the class's spread.
/// Stateless; thread-safe.
/// </summary>
public static class LongBurnDragClass
{
    /// <summary>Shortest burn of the class, s (the catalog's short motors burn 0.9–2.2 s, its long ones 4.5–6 s).</summary>
    public const double MinBurnSeconds = 3.0;

    /// <summary>The class's prior on k, m²/kg: the mean of its types' k at burnout and a spread that holds them and their rounds' dispersion.</summary>
    public static (double Mean, double Sigma) Prior { get; } = FromCatalog();

    private static (double Mean, double Sigma) FromCatalog()
    {
        RocketType[] members = [.. RocketCatalog.All.Where(t => t.BurnTimeSeconds >= MinBurnSeconds)];
        // k = Cd₀·A/m at burnout: the inverse of the nominal round's ballistic coefficient at low Mach.
        double[] k = [.. members.Select(t => 1 / FlightBody.FromType(t).BallisticCoefficient(0))];
        double mean = k.Average();
        double between = k.Sum(v => (v - mean) * (v - mean)) / k.Length;
        double dispersion = members.Max(t => t.Dispersion.DragSigmaFraction) * mean;
        // Twice the dispersion: the round's drag draw and the Mach-curve difference between a type and the generic curve.
        return (mean, Math.Sqrt(between + (4 * dispersion * dispersion)));
    }

    /// <summary>
    /// Replaces the generic prior (<paramref name="genericMean"/> ± <paramref name="genericSigma"/>) on the drag parameter
    /// of a state by the class's: information y_k += m_c/σ_c² − m_0/σ_0², Y_kk += 1/σ_c² − 1/σ_0², as one scalar Kalman
    /// update on k with the pseudo-measurement z = R·(m_c/σ_c² − m_0/σ_0²), R = 1/(1/σ_c² − 1/σ_0²). No change unless the
    /// class's prior is the sharper.
    /// </summary>
    public static void ReplacePrior(Span<double> x, Span<double> p, double genericMean, double genericSigma)
    {
        const int n = BallisticMotionModel.Dimension, d = BallisticMotionModel.DragIndex;
        (double mean, double sigma) = Prior;
        double information = (1 / (sigma * sigma)) - (1 / (genericSigma * genericSigma));
        if (!(information > 0))
        {
            return;
        }

        double r = 1 / information;
        double z = r * ((mean / (sigma * sigma)) - (genericMean / (genericSigma * genericSigma)));
        double s = p[(d * n) + d] + r;
        Span<double> gain = stackalloc double[n];
        Span<double> row = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            gain[i] = p[(i * n) + d] / s;
            row[i] = p[(d * n) + i];
        }

        double innovation = z - x[d];
        for (int i = 0; i < n; i++)
        {
            x[i] += gain[i] * innovation;
            for (int j = 0; j < n; j++)
            {
                p[(i * n) + j] -= gain[i] * row[j];
            }
        }
    }
}
