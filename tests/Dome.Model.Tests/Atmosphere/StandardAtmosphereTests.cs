using Dome.Model.Atmosphere;

namespace Dome.Model.Tests.Atmosphere;

public class StandardAtmosphereTests
{
    // U.S. Standard Atmosphere 1976, Table I (geometric altitude): T (K), p (Pa), ρ (kg/m³), a (m/s).
    public static TheoryData<double, double, double, double, double> Table => new()
    {
        { 0, 288.150, 1.01325e5, 1.2250, 340.294 },
        { 1000, 281.651, 8.98746e4, 1.1117, 336.435 },
        { 5000, 255.676, 5.40482e4, 7.3643e-1, 320.545 },
        { 10000, 223.252, 2.64999e4, 4.1351e-1, 299.532 },
        { 20000, 216.650, 5.52929e3, 8.8910e-2, 295.070 },
        { 30000, 226.509, 1.19703e3, 1.8410e-2, 301.709 },
        { 40000, 250.350, 2.87143e2, 3.9957e-3, 317.189 },
        { 50000, 270.650, 7.97790e1, 1.0269e-3, 329.799 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void At_TabulatedAltitude_MatchesTheStandard(double altitude, double temperature, double pressure, double density, double speedOfSound)
    {
        AirState air = StandardAtmosphere.At(altitude);
        Assert.Equal(temperature, air.TemperatureKelvin, 0.005);
        Assert.Equal(1, air.PressurePascals / pressure, 5e-4);
        Assert.Equal(1, air.DensityKilogramsPerCubicMeter / density, 5e-4);
        Assert.Equal(speedOfSound, air.SpeedOfSoundMetersPerSecond, 0.01);
    }

    [Fact]
    public void At_EveryAltitude_ObeysTheIdealGasLawAndDecreasesInPressure()
    {
        double previous = double.MaxValue;
        for (double h = 0; h <= 80_000; h += 250)
        {
            AirState air = StandardAtmosphere.At(h);
            Assert.Equal(air.PressurePascals, air.DensityKilogramsPerCubicMeter * 287.0531 * air.TemperatureKelvin, air.PressurePascals * 1e-4);
            Assert.True(air.PressurePascals < previous);
            previous = air.PressurePascals;
        }
    }

    [Fact]
    public void At_HydrostaticBalance_HoldsAcrossLayerBoundaries()
    {
        // dp/dz = −ρ g(z) with g = g0 (r0/(r0+z))²: an independent check that the layers join without jumps.
        foreach (double h in new[] { 10_990.0, 11_020.0, 20_050.0, 32_100.0, 47_300.0 })
        {
            double dz = 1.0;
            double dpdz = (StandardAtmosphere.At(h + dz).PressurePascals - StandardAtmosphere.At(h - dz).PressurePascals) / (2 * dz);
            double g = 9.80665 * Math.Pow(6356766.0 / (6356766.0 + h), 2);
            Assert.Equal(-StandardAtmosphere.At(h).DensityKilogramsPerCubicMeter * g, dpdz, Math.Abs(dpdz) * 1e-3);
        }
    }

    [Fact]
    public void Fast_AgreesWithTheExactModelToOnePartPerMillion()
    {
        for (double h = -1000; h <= 90_000; h += 3.7)
        {
            AirState exact = StandardAtmosphere.At(h);
            (double density, double sound) = StandardAtmosphere.Fast(h);
            Assert.Equal(1, density / exact.DensityKilogramsPerCubicMeter, 1e-6);
            Assert.Equal(1, sound / exact.SpeedOfSoundMetersPerSecond, 1e-6);
        }
    }

    [Fact]
    public void At_NonFiniteOrDeepBelowSeaLevel_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardAtmosphere.At(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardAtmosphere.At(-6000));
    }
}
