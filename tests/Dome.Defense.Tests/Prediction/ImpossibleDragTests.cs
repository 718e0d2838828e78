using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Prediction;

/// <summary>
/// A track whose drag parameter no rocket can have is forecast with the generic prior on k
/// (<see cref="ImpactPredictor.GreatestDragParameter"/>): its position and velocity still say where it goes.
/// </summary>
public class ImpossibleDragTests
{
    private const double Chi2For99 = 9.2103; // χ²₂ at 0.99: −2 ln 0.01

    /// <summary>
    /// A Grad flown by the catalog's flight model (no wind), its exact state 2.6 s after launch (the motor out at 1.8 s)
    /// given to the predictor with the drag parameter <paramref name="k"/> (σ <paramref name="kSigma"/>; 7.5 × 10⁻⁵, as a
    /// young track's), position σ 20 m and velocity σ 5 m/s; the Mahalanobis d² of the true impact in the forecast, and
    /// the miss, m.
    /// </summary>
    private static (double D2, double Miss) TruthIn(double k, double elevation, double kSigma = 7.5e-5)
    {
        Trajectory truth = FlightModel.Fly(RocketCatalog.Grad, new LaunchConditions(new GeoPoint(31.546, 34.502), 31, elevation));
        (Vector3 r, Vector3 v) = truth.StateAt(2.6);
        double[] p = new double[BallisticMotionModel.Dimension * BallisticMotionModel.Dimension];
        for (int i = 0; i < 3; i++)
        {
            p[(i * BallisticMotionModel.Dimension) + i] = 20 * 20;
            p[((i + 3) * BallisticMotionModel.Dimension) + i + 3] = 5 * 5;
        }

        p[(BallisticMotionModel.DragIndex * BallisticMotionModel.Dimension) + BallisticMotionModel.DragIndex] = kSigma * kSigma;
        ImpactForecast f = ImpactPredictor.Forecast(Track.FromEstimate(1, 2.6, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, k], p), WindUncertainty.None)!;
        EnuVector miss = new LocalFrame(f.ImpactPoint).ToEnu(truth.ImpactPoint);
        return (f.MahalanobisSquared(miss.East, miss.North), miss.HorizontalLength);
    }

    [Theory]
    [InlineData(-2e-5, 18.5)] // the negative k of a gaza-2021 Grad's track after its boost mode lost the lead
    [InlineData(-3.3e-5, 30)]
    [InlineData(9.2e-4, 18.5)] // the same track's k once it had taken another rocket's plots
    [InlineData(5e-3, 45)]
    public void AnImpossibleDrag_IsForecastWithTheGenericPrior_AndHoldsTheTruth(double k, double elevation)
    {
        (double d2, double miss) = TruthIn(k, elevation);
        (double d2Prior, double missPrior) = TruthIn(TrackerSettings.Default.DragPrior, elevation, TrackerSettings.Default.DragPriorSigma);
        Assert.True(d2 <= Chi2For99, $"k {k:E1}: the truth at d² {d2:F1}, {miss:F0} m off");
        // The same forecast as from the generic prior's own k: nothing of the impossible value is left.
        Assert.Equal(missPrior, miss, 6);
        Assert.Equal(d2Prior, d2, 6);
    }

    [Fact]
    public void APossibleDrag_IsTheTracksOwn()
    {
        // k at the top of the possible range and at the bottom, and the Grad's own: each forecast differs, the track's k
        // is used as it is; an impossibly low one (−2 × 10⁻⁵) would have flown it long, far outside its region.
        (double _, double missHigh) = TruthIn(ImpactPredictor.GreatestDragParameter, 30);
        (double _, double missLow) = TruthIn(0, 30);
        (double d2Own, double missOwn) = TruthIn(1 / FlightBody.FromType(RocketCatalog.Grad).BallisticCoefficient(0), 30);
        Assert.True(missOwn < 1500, $"the Grad's own k: {missOwn:F0} m off");
        Assert.True(d2Own <= Chi2For99, $"the Grad's own k: d² {d2Own:F1}");
        Assert.True(missHigh > missOwn + 1000 && missLow > missOwn + 1000, $"k at the bounds: {missHigh:F0} and {missLow:F0} m off, the own {missOwn:F0}");
    }
}
