namespace Dome.Model.Atmosphere;

/// <summary>The state of the air at one altitude: SI units throughout.</summary>
public readonly record struct AirState(double TemperatureKelvin, double PressurePascals, double DensityKilogramsPerCubicMeter, double SpeedOfSoundMetersPerSecond);

/// <summary>
/// The U.S. Standard Atmosphere 1976 (NOAA/NASA/USAF, NOAA-S/T 76-1562) up to 86 km geometric altitude: the seven
/// layers of linear temperature in geopotential height, hydrostatic pressure, the ideal gas law for density.
/// Above 86 km the density decays exponentially from the 86 km value (no rocket in the catalog goes there).
/// Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Geopotential height H = r0·z/(r0 + z), r0 = 6,356,766 m. In a layer with base Hb, Tb, pb and lapse rate L:
/// T = Tb + L(H − Hb); p = pb (Tb/T)^(g0 M0/(R* L)) for L ≠ 0, p = pb exp(−g0 M0 (H − Hb)/(R* Tb)) for L = 0.
/// Constants: g0 = 9.80665 m/s², R* = 8.31432 J/(mol·K), M0 = 0.0289644 kg/mol, γ = 1.4.
/// </remarks>
public static class StandardAtmosphere
{
    public const double SeaLevelTemperatureKelvin = 288.15;
    public const double SeaLevelPressurePascals = 101325.0;
    public const double SeaLevelDensity = 1.2250;
    public const double StandardGravity = 9.80665;

    private const double EarthRadiusForGeopotential = 6356766.0;
    private const double GasConstant = 8.31432 / 0.0289644; // J/(kg·K)
    private const double Gamma = 1.4;
    private const double TopGeometricAltitude = 86000.0;

    // Layer bases in geopotential metres, base temperature K, lapse K/m, base pressure Pa (1976 standard, Table 4).
    private static readonly double[] BaseHeight = [0, 11000, 20000, 32000, 47000, 51000, 71000, 84852];
    private static readonly double[] BaseTemperature = [288.15, 216.65, 216.65, 228.65, 270.65, 270.65, 214.65, 186.946];
    private static readonly double[] Lapse = [-0.0065, 0.0, 0.001, 0.0028, 0.0, -0.0028, -0.002, 0.0];
    private static readonly double[] BasePressure = ComputeBasePressures();

    /// <summary>Geopotential height (m') for a geometric altitude (m).</summary>
    public static double GeopotentialHeight(double geometricAltitudeMeters) =>
        EarthRadiusForGeopotential * geometricAltitudeMeters / (EarthRadiusForGeopotential + geometricAltitudeMeters);

    /// <summary>The air at a geometric altitude above mean sea level, metres. Below −5 km or non-finite: throws.</summary>
    public static AirState At(double geometricAltitudeMeters)
    {
        if (!double.IsFinite(geometricAltitudeMeters) || geometricAltitudeMeters < -5000.0)
        {
            throw new ArgumentOutOfRangeException(nameof(geometricAltitudeMeters), geometricAltitudeMeters, "Altitude must be finite and above -5 km.");
        }

        if (geometricAltitudeMeters > TopGeometricAltitude)
        {
            AirState top = At(TopGeometricAltitude);
            double factor = Math.Exp(-(geometricAltitudeMeters - TopGeometricAltitude) / 5600.0);
            return top with { PressurePascals = top.PressurePascals * factor, DensityKilogramsPerCubicMeter = top.DensityKilogramsPerCubicMeter * factor };
        }

        double h = GeopotentialHeight(geometricAltitudeMeters);
        int i = LayerIndex(h);
        double t = BaseTemperature[i] + (Lapse[i] * (h - BaseHeight[i]));
        double p = PressureInLayer(i, h, t);
        double rho = p / (GasConstant * t);
        return new AirState(t, p, rho, Math.Sqrt(Gamma * GasConstant * t));
    }

    /// <summary>Density only, kg/m³.</summary>
    public static double Density(double geometricAltitudeMeters) => At(geometricAltitudeMeters).DensityKilogramsPerCubicMeter;

    private const double TableStepMeters = 10.0;
    private const double TableBottomMeters = -1000.0;
    private static readonly double[] LogDensityTable = BuildTable(a => Math.Log(a.DensityKilogramsPerCubicMeter));
    private static readonly double[] SoundSpeedTable = BuildTable(a => a.SpeedOfSoundMetersPerSecond);

    /// <summary>
    /// Density (kg/m³) and speed of sound (m/s) from a table of the exact model every 10 geopotential metres,
    /// interpolated linearly in ln ρ and in a: the flight model's hot path. The layer boundaries fall on table nodes, so
    /// within a cell both are smooth and the result agrees with <see cref="At"/> to better than 1e-6 relative (tested)
    /// from −1 km to 84.8 km; outside that range it falls back to <see cref="At"/>.
    /// </summary>
    public static (double Density, double SpeedOfSound) Fast(double geometricAltitudeMeters)
    {
        double x = (GeopotentialHeight(geometricAltitudeMeters) - TableBottomMeters) / TableStepMeters;
        if (!(x >= 0) || x >= LogDensityTable.Length - 1)
        {
            AirState air = At(geometricAltitudeMeters);
            return (air.DensityKilogramsPerCubicMeter, air.SpeedOfSoundMetersPerSecond);
        }

        int i = (int)x;
        double w = x - i;
        double logRho = LogDensityTable[i] + (w * (LogDensityTable[i + 1] - LogDensityTable[i]));
        double a = SoundSpeedTable[i] + (w * (SoundSpeedTable[i + 1] - SoundSpeedTable[i]));
        return (Math.Exp(logRho), a);
    }

    private static double[] BuildTable(Func<AirState, double> value)
    {
        int n = (int)((BaseHeight[^1] - TableBottomMeters) / TableStepMeters) + 1;
        double[] table = new double[n];
        for (int i = 0; i < n; i++)
        {
            double h = TableBottomMeters + (i * TableStepMeters);
            double z = EarthRadiusForGeopotential * h / (EarthRadiusForGeopotential - h); // geometric altitude of H
            table[i] = value(At(z));
        }

        return table;
    }

    private static int LayerIndex(double geopotentialHeight)
    {
        int i = 0;
        while (i < BaseHeight.Length - 2 && geopotentialHeight >= BaseHeight[i + 1])
        {
            i++;
        }

        return i;
    }

    private static double PressureInLayer(int i, double h, double t)
    {
        double basePressure = BasePressure.Length > 0 ? BasePressure[i] : SeaLevelPressurePascals;
        return Lapse[i] == 0.0
            ? basePressure * Math.Exp(-StandardGravity * (h - BaseHeight[i]) / (GasConstant * BaseTemperature[i]))
            : basePressure * Math.Pow(BaseTemperature[i] / t, StandardGravity / (GasConstant * Lapse[i]));
    }

    private static double[] ComputeBasePressures()
    {
        double[] p = new double[BaseHeight.Length];
        p[0] = SeaLevelPressurePascals;
        for (int i = 1; i < p.Length; i++)
        {
            double h = BaseHeight[i] - BaseHeight[i - 1];
            double tb = BaseTemperature[i - 1];
            double t = tb + (Lapse[i - 1] * h);
            p[i] = Lapse[i - 1] == 0.0
                ? p[i - 1] * Math.Exp(-StandardGravity * h / (GasConstant * tb))
                : p[i - 1] * Math.Pow(tb / t, StandardGravity / (GasConstant * Lapse[i - 1]));
        }

        return p;
    }
}
