using System.Globalization;

namespace Dome.Defense.Engagement;

/// <summary>A weapon-target assignment file is invalid. The message reads "file:line: what is wrong".</summary>
public sealed class WtaFormatException(string message) : Exception(message);

/// <summary>
/// A static weapon-target assignment problem: <see cref="WeaponTypes"/> types with <see cref="Units"/> units each,
/// <see cref="Targets"/> targets of value v_j, and kill probabilities p_ij of one unit of type i on target j. The
/// objective, to minimise, is the expected surviving value Σ_j v_j Π_i (1 − p_ij)^x_ij with Σ_j x_ij ≤ units_i.
/// </summary>
public sealed class WtaProblem
{
    private readonly double[] _kill;

    public WtaProblem(int[] units, double[] values, double[] kill)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(kill);
        if (kill.Length != units.Length * values.Length)
        {
            throw new ArgumentException("kill must hold one probability per (weapon type, target)", nameof(kill));
        }

        Units = units;
        Values = values;
        _kill = kill;
        LogSurvival = [.. kill.Select(p => p >= 1 ? -50.0 : Math.Log(1 - p))];
    }

    public int WeaponTypes => Units.Count;

    public int Targets => Values.Count;

    /// <summary>Units available of each weapon type.</summary>
    public IReadOnlyList<int> Units { get; }

    /// <summary>Value of each target.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>ln(1 − p_ij), row-major by weapon type (a certain kill is taken as e^−50).</summary>
    internal double[] LogSurvival { get; }

    /// <summary>Kill probability of one unit of type <paramref name="i"/> on target <paramref name="j"/>.</summary>
    public double Kill(int i, int j) => _kill[(i * Targets) + j];

    /// <summary>The expected surviving value of an assignment (x[i, j] units of type i on target j).</summary>
    public double Objective(int[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        double total = 0;
        for (int j = 0; j < Targets; j++)
        {
            double log = 0;
            for (int i = 0; i < WeaponTypes; i++)
            {
                log += x[i, j] * LogSurvival[(i * Targets) + j];
            }

            total += Values[j] * Math.Exp(log);
        }

        return total;
    }

    /// <summary>
    /// Reads the plain-text format of Andersen, Pavlikov &amp; Toffolo (2022): a line <c>m n mu</c>; n lines of target
    /// values; then <c>i j p</c> lines, one per (weapon type, target). Every error names the file, line and field.
    /// </summary>
    public static WtaProblem Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new WtaFormatException($"{path}: no such file");
        }

        using StreamReader reader = new(path);
        int lineNumber = 0;
        string[] Next(string what)
        {
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 0)
                {
                    return fields;
                }
            }

            throw new WtaFormatException($"{path}:{lineNumber + 1}: the file ends where {what} was expected");
        }

        WtaFormatException Bad(string field, string problem) => new($"{path}:{lineNumber}: {field}: {problem}");

        int Int(string text, string field, int min, int max)
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            {
                throw Bad(field, $"expected a whole number, found '{text}'");
            }

            return v < min || v > max ? throw Bad(field, string.Create(CultureInfo.InvariantCulture, $"{v} is out of range [{min}, {max}]")) : v;
        }

        double Real(string text, string field, double min, double max)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            {
                throw Bad(field, $"expected a number, found '{text}'");
            }

            return v < min || v > max ? throw Bad(field, string.Create(CultureInfo.InvariantCulture, $"{text} is out of range [{min}, {max}]")) : v;
        }

        string[] header = Next("the header 'm n mu'");
        if (header.Length != 3)
        {
            throw Bad("header", $"expected three numbers 'm n mu' (weapon types, targets, units of each type), found {header.Length} field(s)");
        }

        int m = Int(header[0], "m (weapon types)", 1, 100_000);
        int n = Int(header[1], "n (targets)", 1, 100_000);
        int mu = Int(header[2], "mu (units of each type)", 0, 1_000_000);
        if ((long)m * n > 50_000_000)
        {
            throw Bad("header", "m × n is too large (more than 50 million pairs)");
        }

        double[] values = new double[n];
        for (int j = 0; j < n; j++)
        {
            string[] f = Next($"the value of target {j}");
            if (f.Length != 1)
            {
                throw Bad($"value of target {j}", $"expected one number, found {f.Length} fields");
            }

            values[j] = Real(f[0], $"value of target {j}", 0, 1e15);
        }

        double[] kill = new double[m * n];
        bool[] seen = new bool[m * n];
        int count = 0;
        while (count < m * n)
        {
            string[] f = Next(string.Create(CultureInfo.InvariantCulture, $"{m * n - count} more 'i j p' line(s)"));
            if (f.Length != 3)
            {
                throw Bad("i j p", $"expected three fields (weapon type, target, kill probability), found {f.Length}");
            }

            int i = Int(f[0], "i (weapon type)", 0, m - 1);
            int j = Int(f[1], "j (target)", 0, n - 1);
            double p = Real(f[2], "p (kill probability)", 0, 1);
            if (seen[(i * n) + j])
            {
                throw Bad("i j p", string.Create(CultureInfo.InvariantCulture, $"the pair ({i}, {j}) is given twice"));
            }

            seen[(i * n) + j] = true;
            kill[(i * n) + j] = p;
            count++;
        }

        while (reader.ReadLine() is { } rest)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(rest))
            {
                throw Bad("end of file", $"unexpected text after the {m * n} 'i j p' lines: '{rest.Trim()}'");
            }
        }

        return new WtaProblem([.. Enumerable.Repeat(mu, m)], values, kill);
    }
}
