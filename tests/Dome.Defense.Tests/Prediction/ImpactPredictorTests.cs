using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Areas;
using Dome.Model.Atmosphere;
using Dome.Model.Flight;
using Dome.Model.Geodesy;

namespace Dome.Defense.Tests.Prediction;

public class ImpactPredictorTests
{
    private const double K = 9e-5;

    private static readonly FlightBody Body = TestBodies.WithDragParameter(K);

    [Theory]
    [InlineData(450, 45, 5)]
    [InlineData(1100, 50, 20)]
    public void Forecast_OfAnExactState_LandsWhereTheFlightModelLands(double speed, double elevation, double age)
    {
        Trajectory truth = FlightModel.Fly(Body, speed, new LaunchConditions(new GeoPoint(31.55, 34.50), 30, elevation));
        ImpactForecast f = ImpactPredictor.Forecast(NearlyExactTrack(truth, age))!;
        Assert.True(Geodesic.Inverse(f.ImpactPoint, truth.ImpactPoint).DistanceMeters < 25, "forecast mean strays from the exact flight");
        Assert.Equal(truth.FlightTimeSeconds, f.ImpactTimeSeconds, 0.5);
    }

    [Fact]
    public void Forecast_OfAGrazingState_LandsWithinItsStep_OrNotAtAll()
    {
        // Slow, low and nearly level states, where the mean meets the ground at a small descent rate and the crossing's
        // Newton step is least safe: every forecast must land inside the flight the state can make (a few tens of
        // seconds, a finite region). A sweep beside the recorded state below, which is the one that broke it.
        GeoPoint place = new(31.5, 34.5, 0);
        LocalFrame frame = new(place);
        int forecasts = 0;
        foreach (double height in (double[])[20, 60, 161, 300])
        {
            foreach (double speed in (double[])[60, 145, 250])
            {
                foreach (double climb in (double[])[-2, -0.2, 0, 0.2, 2, 10])
                {
                    Vector3 r = frame.OriginEcef.Vector + (frame.Up * height);
                    Vector3 v = (frame.East * speed) + (frame.Up * climb);
                    const int n = BallisticMotionModel.Dimension;
                    double[] p = new double[n * n];
                    for (int i = 0; i < 3; i++)
                    {
                        p[(i * n) + i] = 400;
                        p[((i + 3) * n) + i + 3] = 5000;
                    }

                    p[(n * n) - 1] = 3.6e-9;
                    ImpactForecast? f = ImpactPredictor.Forecast(Track.FromEstimate(1, 100, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, 1e-4], p));
                    if (f is null)
                    {
                        continue;
                    }

                    forecasts++;
                    Assert.InRange(f.ImpactTimeSeconds - 100, 0, 60);
                    Assert.InRange(Geodesic.Inverse(place, f.ImpactPoint).DistanceMeters, 0, speed * 60);
                    GroundEllipse region = f.Region(0.95);
                    Assert.True(double.IsFinite(region.SemiMajorMeters) && region.SemiMajorMeters < 100_000, $"h {height} m, {speed} m/s, climb {climb} m/s: region {region.SemiMajorMeters} m");
                }
            }
        }

        Assert.True(forecasts > 0);
    }

    [Fact]
    public void Forecast_OfTheClimbingTrackMetInGaza2021_IsFiniteAndNear()
    {
        // The track's state and covariance when a gaza-2021 run (seed 6922430571556321425) stopped on its forecast: 161 m
        // up, 145 m/s, climbing at 94 m/s, two plots old. Its forecast flew the mean 33,000 s and gave variances of
        // 10²⁴⁹ m²; flown ballistically it comes down within a minute and a few km.
        double[] x = [4482497.857030962, 3082263.3656285107, 3318933.425418255, -48.56377942061954, 37.83795691869571, 131.38987519483192, 0.0001];
        double[] p =
        [
            403.16352273756576, 150.36719435888557, 152.1265596371121, 599.5280030487118, 440.3524903944364, 445.4286779570977, 0,
            150.36719435888557, 524.3159809493294, -102.67048470080606, 440.2065492103665, 954.4688649314768, -300.55446723613613, 0,
            152.1265596371121, -102.67048470080606, 521.9295282070948, 442.59349719640863, -298.7399557997245, 949.4181928956207, 0,
            599.5280030487118, 440.2065492103665, 442.59349719640863, 5110.658847275854, 3741.773457337476, 3783.8770442719933, 0,
            440.3524903944364, 954.4688649314768, -298.7399557997245, 3741.773457337476, 8126.364243765556, -2554.3993197483114, 0,
            445.4286779570977, -300.55446723613613, 949.4181928956207, 3783.8770442719933, -2554.3993197483114, 8069.18261051433, 0,
            0, 0, 0, 0, 0, 0, 3.6E-09,
        ];
        ImpactForecast f = ImpactPredictor.Forecast(Track.FromEstimate(1, 0, x, p))!;
        Assert.NotNull(f);
        Assert.InRange(f.ImpactTimeSeconds, 5, 60);
        Vector3 r = new(x[0], x[1], x[2]);
        Assert.InRange(Geodesic.Inverse(EcefPosition.FromVector(r).ToGeodetic(), f.ImpactPoint).DistanceMeters, 0, 145 * 60);
        Assert.True(f.Region(0.95).SemiMajorMeters < 100_000);
    }

    [Theory]
    [InlineData(3.0, 0.45)] // a flat shot near its apogee, ~120 m up (a north-haifa Grad that no forecast warned)
    [InlineData(6.0, 0.5)]
    public void Forecast_OfALowFlatTrackWithAnUncertainClimb_ContainsWhereItsPossibleStatesLand(double elevation, double ageFraction)
    {
        // A two-plot track of a rocket fired flat: 25 m in position, 70 m/s in velocity (each axis), low over the ground.
        // Where it lands is a strongly non-linear function of its vertical speed (a climb of +70 m/s keeps it up for
        // seconds, a dive of −70 m/s brings it down in one), so a linearised covariance is far too narrow. Truth here is
        // the distribution itself: states drawn from the track's Gaussian, each flown to the ground by the predictor's
        // own dynamics, must fall inside the forecast's 95% region about as often as it says.
        Trajectory flat = FlightModel.Fly(Body, 600, new LaunchConditions(new GeoPoint(33.21, 35.50), 90, elevation));
        (Vector3 r, Vector3 v) = flat.StateAt(ageFraction * flat.FlightTimeSeconds);
        double[] x = [r.X, r.Y, r.Z, v.X, v.Y, v.Z, K];
        double[] p = new double[49];
        for (int i = 0; i < 7; i++)
        {
            p[(i * 7) + i] = i < 3 ? 25 * 25 : i < 6 ? 70 * 70 : 1e-14;
        }

        ImpactForecast f = ImpactPredictor.Forecast(Track.FromEstimate(1, 0, x, p))!;
        Assert.NotNull(f);

        // The ratio decides: never (∞) leaves the linearised region, always (0) holds the sigma points' spread besides —
        // no narrower in any direction, and here, where the crossing is far from linear, wider.
        ImpactForecast linearised = ImpactPredictor.Forecast(Track.FromEstimate(1, 0, x, p), sigmaPointTimeRatio: double.PositiveInfinity)!;
        ImpactForecast spread = ImpactPredictor.Forecast(Track.FromEstimate(1, 0, x, p), sigmaPointTimeRatio: 0)!;
        Assert.Equal(linearised.ImpactPoint, spread.ImpactPoint);
        Assert.True(spread.EastVariance + spread.NorthVariance > 1.02 * (linearised.EastVariance + linearised.NorthVariance),
            $"{spread.EastVariance + spread.NorthVariance:F0} against {linearised.EastVariance + linearised.NorthVariance:F0} m²");
        Assert.True(spread.EastVariance >= linearised.EastVariance - 1e-6 && spread.NorthVariance >= linearised.NorthVariance - 1e-6);
        LocalProjection frame = new(f.ImpactPoint.LatitudeDegrees, f.ImpactPoint.LongitudeDegrees);
        Random random = new(7);
        double exact = 1e-6;
        double[] pExact = new double[49];
        for (int i = 0; i < 7; i++)
        {
            pExact[(i * 7) + i] = exact;
        }

        int landed = 0, inside = 0;
        double chi2 = -2 * Math.Log(1 - 0.95);
        for (int s = 0; s < 400; s++)
        {
            double[] xs = [.. x];
            for (int i = 0; i < 6; i++)
            {
                xs[i] += Math.Sqrt(p[(i * 7) + i]) * Gaussian(random);
            }

            if (BallisticMotionModel.Height(new Vector3(xs[0], xs[1], xs[2])) <= 0
                || ImpactPredictor.Forecast(Track.FromEstimate(2, 0, xs, pExact)) is not { } drawn)
            {
                continue;
            }

            landed++;
            (double east, double north) = frame.ToMeters(drawn.ImpactPoint.LongitudeDegrees, drawn.ImpactPoint.LatitudeDegrees);
            inside += f.MahalanobisSquared(east, north) <= chi2 ? 1 : 0;
        }

        Assert.True(landed > 350, $"{landed} of 400 drawn states flew");
        Assert.True(inside / (double)landed >= 0.88, $"h {BallisticMotionModel.Height(r):F0} m, t_go {f.ImpactTimeSeconds:F2} s, sigma_t {f.ImpactTimeSigmaSeconds:F2} s, sigma {Math.Sqrt(f.EastVariance):F0}/{Math.Sqrt(f.NorthVariance):F0} m: {inside} of {landed}");
    }

    [Fact]
    public void Covering_HoldsBothRegions_AndIsTheWiderWhereOneHoldsTheOther()
    {
        // Σ = Σ_σ + (Σ_lin − Σ_σ)₊ must dominate both in the Loewner order (each difference positive semi-definite), and
        // equal the wider of the two when one already holds the other.
        Random random = new(3);
        for (int trial = 0; trial < 500; trial++)
        {
            (double ee, double en, double nn) lin = RandomCovariance(random), spread = RandomCovariance(random);
            ImpactForecast cover = ImpactPredictor.Covering(Ground(spread), Ground(lin));
            AssertDominates(cover, lin);
            AssertDominates(cover, spread);
        }

        ImpactForecast wide = Ground((4e6, 1e6, 2e6)), narrow = Ground((1e6, 0.2e6, 0.5e6));
        Assert.Equal(wide.EastVariance, ImpactPredictor.Covering(wide, narrow).EastVariance, 1e-6);
        Assert.Equal(wide.NorthVariance, ImpactPredictor.Covering(narrow, wide).NorthVariance, 1e-6);
        Assert.Equal(wide.EastNorthCovariance, ImpactPredictor.Covering(narrow, wide).EastNorthCovariance, 1e-6);

        static (double, double, double) RandomCovariance(Random random)
        {
            double s1 = 100 + (3000 * random.NextDouble()), s2 = 100 + (3000 * random.NextDouble()), angle = Math.PI * random.NextDouble();
            double c = Math.Cos(angle), s = Math.Sin(angle);
            return ((s1 * s1 * c * c) + (s2 * s2 * s * s), ((s1 * s1) - (s2 * s2)) * c * s, (s1 * s1 * s * s) + (s2 * s2 * c * c));
        }

        static ImpactForecast Ground((double ee, double en, double nn) m) => new()
        {
            TrackId = 1, TimeSeconds = 0, ImpactPoint = new GeoPoint(31.6, 34.6), ImpactTimeSeconds = 30, ImpactTimeSigmaSeconds = 1,
            EastVariance = m.ee, EastNorthCovariance = m.en, NorthVariance = m.nn,
        };

        static void AssertDominates(ImpactForecast cover, (double ee, double en, double nn) m)
        {
            double a = cover.EastVariance - m.ee, b = cover.EastNorthCovariance - m.en, c = cover.NorthVariance - m.nn;
            double tolerance = 1e-9 * (Math.Abs(cover.EastVariance) + Math.Abs(cover.NorthVariance));
            Assert.True(a >= -tolerance && c >= -tolerance && (a * c) - (b * b) >= -tolerance * (Math.Abs(a) + Math.Abs(c) + tolerance), $"difference [[{a}, {b}], [{b}, {c}]] is not positive semi-definite");
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void Forecast_PositionUncertainty_ProjectsAlongTheVelocity()
    {
        // A pure vertical position error of 100 m on a round falling at 45° moves the impact 100 m downrange.
        Trajectory truth = FlightModel.Fly(Body, 450, new LaunchConditions(new GeoPoint(31.55, 34.50), 0, 45));
        double tFinal = truth.FlightTimeSeconds - 0.5;
        (Vector3 r, Vector3 v) = truth.StateAt(tFinal);
        LocalFrame frame = new(EcefPosition.FromVector(r).ToGeodetic());
        Vector3 up = frame.Up;
        double[] p = new double[49];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                p[(i * 7) + j] = 100 * 100 * (i == 0 ? up.X : i == 1 ? up.Y : up.Z) * (j == 0 ? up.X : j == 1 ? up.Y : up.Z);
            }
        }

        p[48] = 1e-20;
        ImpactForecast f = ImpactPredictor.Forecast(new Track(1, tFinal, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, K], p, 0), WindUncertainty.None)!;
        EnuVector vel = frame.ToEnuVector(v);
        double slope = vel.HorizontalLength / -vel.Up;
        Assert.Equal(100 * slope, Math.Sqrt(f.NorthVariance), 3.0);
        Assert.True(Math.Sqrt(f.EastVariance) < 5);
    }

    [Theory]
    [InlineData(450, 45, 10)]
    [InlineData(1100, 50, 30)]
    public void Forecast_UnknownWind_WidensTheRegionByTheImpactShiftOfAOneSigmaWind(double speed, double elevation, double age)
    {
        // The forecast carries the wind's effect by a linearised sensitivity; the world's own integrator (adaptive
        // Dormand–Prince, its own wind interpolation) flies the same state through the same σ_w(h) profile blowing to the
        // east and to the north. The added covariance must be J Jᵀ of those two impact shifts.
        Trajectory still = FlightModel.Fly(Body, speed, new LaunchConditions(new GeoPoint(31.55, 34.50), 30, elevation));
        (Vector3 r, Vector3 v) = still.StateAt(age);
        Track track = NearlyExactTrack(still, age);
        ImpactForecast without = ImpactPredictor.Forecast(track, WindUncertainty.None)!;
        ImpactForecast with = ImpactPredictor.Forecast(track, WindUncertainty.Default)!;

        WindUncertainty w = WindUncertainty.Default;
        WindProfile Blowing(double fromDegrees) => new([new WindLevel(0, w.SurfaceSigma, fromDegrees), new WindLevel(w.AloftHeightMeters, w.AloftSigma, fromDegrees), new WindLevel(100_000, w.AloftSigma, fromDegrees)]);
        EnuVector Shift(double fromDegrees)
        {
            Trajectory windy = FlightModel.Propagate(Body, age, r, v, still.LaunchPoint, new FlightEnvironment { Wind = Blowing(fromDegrees) }, IntegratorOptions.Default);
            return new LocalFrame(still.ImpactPoint).ToEnu(windy.ImpactPoint);
        }

        EnuVector east = Shift(270), north = Shift(180); // meteorological: from the west blows east
        double ee = (east.East * east.East) + (north.East * north.East);
        double nn = (east.North * east.North) + (north.North * north.North);
        double en = (east.East * east.North) + (north.East * north.North);
        double scale = ee + nn;
        Assert.True(scale > 100, $"a 1σ wind should move the impact: {Math.Sqrt(scale):F0} m");
        // Within a tenth of the shift in each axis (the sensitivity is linearised over 10 s steps), and the same shape.
        double sigma = Math.Sqrt(scale);
        Assert.Equal(Math.Sqrt(ee), Math.Sqrt(with.EastVariance - without.EastVariance), 0.1 * sigma);
        Assert.Equal(Math.Sqrt(nn), Math.Sqrt(with.NorthVariance - without.NorthVariance), 0.1 * sigma);
        Assert.Equal(en / scale, (with.EastNorthCovariance - without.EastNorthCovariance) / scale, 0.1);
    }

    [Theory]
    [InlineData(450, 45, 5)]
    [InlineData(650, 20, 3)]
    [InlineData(1100, 50, 20)]
    public void Forecast_SpeedError_MovesTheImpactTimeWithTheGroundPoint_AsTheFlightModelDoes(double speed, double elevation, double age)
    {
        // A speed error of ±1% along the velocity (the error of a young track): the world's own integrator flies both
        // states; their half-differences in impact time and ground point are the linear response, and the forecast's
        // time–ground covariance must be their product (the velocity covariance is rank one along the velocity).
        Trajectory truth = FlightModel.Fly(Body, speed, new LaunchConditions(new GeoPoint(31.55, 34.50), 30, elevation));
        (Vector3 r, Vector3 v) = truth.StateAt(age);
        double dv = 0.01 * v.Length;
        Vector3 u = v / v.Length;
        Trajectory Flown(double sign) => FlightModel.Propagate(Body, age, r, v + (u * (sign * dv)), truth.LaunchPoint, FlightEnvironment.Standard, IntegratorOptions.Default);
        Trajectory fast = Flown(+1), slow = Flown(-1);
        LocalFrame ground = new(truth.ImpactPoint);
        EnuVector shift = ground.ToEnu(fast.ImpactPoint) - ground.ToEnu(slow.ImpactPoint);
        double de = shift.East / 2, dn = shift.North / 2, dt = (fast.FlightTimeSeconds - slow.FlightTimeSeconds) / 2;
        Assert.True(dt > 0.2, $"a faster round must land later: {dt:F2} s");

        double[] p = new double[49];
        double[] uu = [u.X, u.Y, u.Z];
        for (int i = 0; i < 3; i++)
        {
            p[(i * 7) + i] = 1; // 1 m² of position noise keeps the ground covariance regular
            for (int j = 0; j < 3; j++)
            {
                p[((i + 3) * 7) + j + 3] = dv * dv * uu[i] * uu[j];
            }
        }

        p[48] = 1e-20;
        ImpactForecast f = ImpactPredictor.Forecast(new Track(1, age, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, K], p, 0), WindUncertainty.None)!;
        // The time and the ground point move together (correlation 1 for a rank-one error), and the regression of the time
        // on the ground point — what the alert planner uses — matches the world's seconds per metre of shift. The forecast's
        // covariance is linearised over 10 s steps: its ground σ here is within 20% of the world's, and so is the slope.
        double correlation = ((f.ImpactTimeEastCovariance * de) + (f.ImpactTimeNorthCovariance * dn))
            / (f.ImpactTimeSigmaSeconds * Math.Sqrt((f.EastVariance * de * de) + (2 * f.EastNorthCovariance * de * dn) + (f.NorthVariance * dn * dn)));
        Assert.InRange(correlation, 0.99, 1.001);
        (double ge, double gn) = f.ImpactTimeGradient();
        Assert.Equal(dt, (ge * de) + (gn * dn), 0.2 * dt);
    }

    /// <summary>A track on a trajectory's state at an age, with a 1 m / 0.1 m/s covariance and k known to 1e-7 m²/kg.</summary>
    private static Track NearlyExactTrack(Trajectory trajectory, double age)
    {
        (Vector3 r, Vector3 v) = trajectory.StateAt(age);
        double[] p = new double[49];
        for (int i = 0; i < 7; i++)
        {
            p[(i * 7) + i] = i < 3 ? 1 : i < 6 ? 0.01 : 1e-14;
        }

        return new Track(1, age, [r.X, r.Y, r.Z, v.X, v.Y, v.Z, K], p, 0);
    }

    [Fact]
    public void Region_HasTheChiSquaredScale_AndTheMajorAxisAlongTheLargerVariance()
    {
        ImpactForecast f = new()
        {
            TrackId = 1, TimeSeconds = 0, ImpactPoint = new GeoPoint(31.6, 34.6), ImpactTimeSeconds = 10, ImpactTimeSigmaSeconds = 1,
            EastVariance = 400 * 400, EastNorthCovariance = 0, NorthVariance = 100 * 100,
        };
        GroundEllipse e = f.Region(0.99);
        double scale = Math.Sqrt(-2 * Math.Log(0.01));
        Assert.Equal(400 * scale, e.SemiMajorMeters, 1e-6);
        Assert.Equal(100 * scale, e.SemiMinorMeters, 1e-6);
        Assert.Equal(90, e.MajorAxisAzimuthDegrees, 1e-9);
        // Rotated 45°: equal variances with a positive covariance put the major axis at 45° (north-east).
        GroundEllipse d = (f with { EastVariance = 200 * 200, NorthVariance = 200 * 200, EastNorthCovariance = 150 * 150 }).Region(0.5);
        Assert.Equal(45, d.MajorAxisAzimuthDegrees, 1e-6);
        // The boundary of the region is where the Mahalanobis distance equals the quantile.
        Assert.Equal(scale * scale, f.MahalanobisSquared(400 * scale, 0), 1e-9);
    }
}
