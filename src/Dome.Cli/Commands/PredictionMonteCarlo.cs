using Dome.Defense;
using Dome.Defense.Prediction;
using Dome.Defense.Tracking;
using Dome.Model.Atmosphere;
using Dome.Model.Flight;
using Dome.Model.Geodesy;
using Dome.Model.Sensors;
using Dome.Simulation.World;

namespace Dome.Cli.Commands;

/// <summary>
/// The forecast-consistency Monte Carlo: rockets of several types with per-round impulse and drag dispersion, flown
/// through a wind the core does not know, launched one every 6 s from the Gaza Strip and seen by two radars with
/// clutter. For every forecast: the miss distance to the truth impact, whether the 99% region holds it, and the NEES of
/// the track's position-velocity estimate against the truth state.
/// </summary>
internal static class PredictionMonteCarlo
{
    public static IReadOnlyList<double> Ages { get; } = [3, 5, 10, 20, 30];

    public sealed record Row(string Type, double AgeS, int Rockets, double MedianMissM, double P95MissM, double Containment99);

    /// <summary>
    /// Consistency of the forecasts made while a track's age (time since launch) lies in [<paramref name="FromAgeS"/>,
    /// <paramref name="ToAgeS"/>): the mean NEES of the 6-dof position-velocity estimate and the share below χ²₆'s 95%
    /// point (12.59), the mean squared Mahalanobis distance of the truth impact in the forecast's 2×2 ground covariance
    /// (2 if honest) and the share of truth impacts inside the 99% region (every forecast, not only a rocket's latest).
    /// </summary>
    public sealed record ConsistencyRow(double FromAgeS, double ToAgeS, int Forecasts, double NeesMean, double NeesBelow95, double GroundD2Mean, double Containment99);

    public sealed record Result(int Rockets, long Forecasts, IReadOnlyList<Row> Rows, double NeesMean, int NeesDof, IReadOnlyList<ConsistencyRow> Consistency);

    /// <summary>The age bands of the consistency table, s.</summary>
    public static IReadOnlyList<double> Bands { get; } = [0, 5, 10, 20, 40, 80, 400];

    public static Result Run(int perType, ulong seed)
    {
        RocketType[] types = [RocketCatalog.Qassam, RocketCatalog.Grad, RocketCatalog.GradExtended, RocketCatalog.Fajr5];
        DeterministicRandom random = new(seed);
        FlightEnvironment wind = new() { Wind = new WindProfile([new WindLevel(0, 6, 260), new WindLevel(6000, 20, 275), new WindLevel(15000, 35, 270)]) };
        List<(RocketType Type, double Launch, Trajectory Flight)> rockets = [];
        for (int i = 0; i < perType * types.Length; i++)
        {
            RocketType type = types[i % types.Length];
            GeoPoint launch = new(random.Uniform(31.30, 31.55), random.Uniform(34.30, 34.50));
            double elevation = random.Uniform(type.MinElevationDegrees + 20, Math.Min(type.MaxElevationDegrees, 60));
            Trajectory flight = FlightModel.Fly(type, new LaunchConditions(launch, random.Uniform(15, 60), elevation), wind,
                random.Gaussian(1, type.Dispersion.ThrustSigmaFraction), random.Gaussian(1, type.Dispersion.DragSigmaFraction));
            rockets.Add((type, i * 6.0, flight));
        }

        SyntheticSky sky = new([.. rockets.Select(r => (r.Launch, r.Flight))], seed, 4);
        // The predictor on every state a track reaches, the burn included: the hold while a motor burns (on in the
        // scenarios) is a scheduling policy, measured by the campaigns, and would leave the burn's ages unscored.
        DefenseCore core = new() { HoldWhileBurning = false };
        core.Start(sky.Sites);
        Dictionary<RadarPlot, int> origin = [];
        Dictionary<int, Dictionary<int, int>> votes = [];
        List<(int Rocket, ImpactForecast Forecast, double Nees, double Age)> scored = [];
        double end = rockets.Max(r => r.Launch + r.Flight.FlightTimeSeconds) + 2;
        foreach ((double now, List<TaggedPlot> tagged) in sky.Scans(0.5, end))
        {
            foreach (TaggedPlot p in tagged)
            {
                origin[p.Plot] = p.RocketId;
            }

            DefenseOutput output = core.Process(now, [.. tagged.Select(p => p.Plot)]);
            foreach (PlotAssignment a in output.Assignments)
            {
                Dictionary<int, int> v = votes.TryGetValue(a.TrackId, out Dictionary<int, int>? existing) ? existing : votes[a.TrackId] = [];
                int o = origin.GetValueOrDefault(a.Plot);
                v[o] = v.GetValueOrDefault(o) + 1;
            }

            foreach (ImpactForecast f in output.Forecasts)
            {
                int rocket = votes[f.TrackId].MaxBy(kv => kv.Value).Key;
                if (rocket == 0)
                {
                    continue;
                }

                Track track = core.Tracker.Tracks.First(tr => tr.Id == f.TrackId);
                (RocketType _, double launchTime, Trajectory flight) = rockets[rocket - 1];
                double age = now - launchTime;
                scored.Add((rocket, f, age <= flight.FlightTimeSeconds ? Nees(track, flight.StateAt(age)) : double.NaN, age));
            }
        }

        double chi2 = -2 * Math.Log(0.01);
        List<Row> rows = [];
        foreach (RocketType? type in types.Append(null))
        {
            foreach (double age in Ages)
            {
                List<(double Miss, bool Contained)> latest = [.. scored
                    .Where(s => type is null || rockets[s.Rocket - 1].Type == type)
                    .Where(s => s.Forecast.TimeSeconds - rockets[s.Rocket - 1].Launch <= age)
                    .GroupBy(s => s.Rocket)
                    .Select(g => g.MaxBy(s => s.Forecast.TimeSeconds))
                    .Select(s => (Miss(s.Forecast, rockets[s.Rocket - 1].Flight), GroundD2(s.Forecast, rockets[s.Rocket - 1].Flight) <= chi2))];
                if (latest.Count == 0)
                {
                    continue;
                }

                double[] misses = [.. latest.Select(l => l.Miss).Order()];
                rows.Add(new Row(type?.Id ?? "all", age, latest.Count, misses[misses.Length / 2], misses[Math.Max(0, (int)Math.Ceiling(0.95 * misses.Length) - 1)], latest.Count(l => l.Contained) / (double)latest.Count));
            }
        }

        List<ConsistencyRow> consistency = [];
        for (int b = 0; b + 1 < Bands.Count; b++)
        {
            var band = scored.Where(s => s.Age >= Bands[b] && s.Age < Bands[b + 1]).ToList();
            if (band.Count == 0)
            {
                continue;
            }

            double[] bandNees = [.. band.Select(s => s.Nees).Where(double.IsFinite)];
            double[] d2 = [.. band.Select(s => GroundD2(s.Forecast, rockets[s.Rocket - 1].Flight))];
            consistency.Add(new ConsistencyRow(Bands[b], Bands[b + 1], band.Count, bandNees.DefaultIfEmpty(double.NaN).Average(), bandNees.Length == 0 ? double.NaN : bandNees.Count(v => v <= 12.59) / (double)bandNees.Length,
                d2.Average(), d2.Count(v => v <= chi2) / (double)d2.Length));
        }

        double[] nees = [.. scored.Select(s => s.Nees).Where(double.IsFinite)];
        return new Result(rockets.Count, scored.Count, rows, nees.Length > 0 ? nees.Average() : double.NaN, 6, consistency);
    }

    /// <summary>The truth impact's offset from a forecast's point, east and north, m.</summary>
    private static EnuVector Offset(ImpactForecast forecast, Trajectory flight) => new LocalFrame(forecast.ImpactPoint).ToEnu(flight.ImpactPoint);

    private static double Miss(ImpactForecast forecast, Trajectory flight) => Offset(forecast, flight).HorizontalLength;

    /// <summary>The truth impact's squared Mahalanobis distance in the forecast's ground covariance (χ²₂ if honest).</summary>
    private static double GroundD2(ImpactForecast forecast, Trajectory flight)
    {
        EnuVector offset = Offset(forecast, flight);
        return forecast.MahalanobisSquared(offset.East, offset.North);
    }

    /// <summary>Normalised estimation error squared of the position-velocity estimate: eᵀ P⁻¹ e over 6 dimensions.</summary>
    private static double Nees(Track track, (Vector3 Position, Vector3 Velocity) truth) => track.NormalisedErrorSquared(truth.Position, truth.Velocity);
}
