namespace Dome.Simulation.World;

/// <summary>
/// A seeded, version-stable pseudo-random generator: xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64.
/// Its sequence is fixed by this code alone, unlike <see cref="Random"/>, whose algorithm may change between .NET
/// versions; so a scenario and a seed replay exactly, anywhere. Not thread-safe: give each stream its own instance.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    public DeterministicRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>An independent stream derived from this seed and a label (e.g. one stream per radar).</summary>
    public static DeterministicRandom Derive(ulong seed, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        ulong h = 14695981039346656037UL; // FNV-1a over the label's UTF-16 code units
        foreach (char c in label)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return new DeterministicRandom(seed ^ h);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform in [min, max).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Standard normal by the Marsaglia polar method.</summary>
    public double NextGaussian()
    {
        if (_spareNormal is double spare)
        {
            _spareNormal = null;
            return spare;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        return u * factor;
    }

    public double Gaussian(double mean, double sigma) => mean + (sigma * NextGaussian());

    /// <summary>Poisson-distributed count (Knuth's product method below 30, normal approximation above).</summary>
    public int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(Gaussian(mean, Math.Sqrt(mean))));
        }

        double limit = Math.Exp(-mean), product = NextDouble();
        int k = 0;
        while (product > limit)
        {
            product *= NextDouble();
            k++;
        }

        return k;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
