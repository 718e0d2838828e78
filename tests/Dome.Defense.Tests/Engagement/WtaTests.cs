using Dome.Defense.Engagement;

namespace Dome.Defense.Tests.Engagement;

public sealed class WtaTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dome-wta-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static WtaProblem Random(int m, int n, int mu, int seed)
    {
        Random r = new(seed);
        double[] values = [.. Enumerable.Range(0, n).Select(_ => (double)r.Next(1, 100))];
        double[] kill = [.. Enumerable.Range(0, m * n).Select(_ => 0.05 + (0.9 * r.NextDouble()))];
        return new WtaProblem([.. Enumerable.Repeat(mu, m)], values, kill);
    }

    /// <summary>The optimum by enumerating every placement of every unit (or leaving it unused).</summary>
    private static double BruteForce(WtaProblem p)
    {
        int[] type = [.. Enumerable.Range(0, p.WeaponTypes).SelectMany(i => Enumerable.Repeat(i, p.Units[i]))];
        double best = double.PositiveInfinity;
        int[] choice = new int[type.Length];
        int[,] x = new int[p.WeaponTypes, p.Targets];
        void Recurse(int u)
        {
            if (u == type.Length)
            {
                best = Math.Min(best, p.Objective(x));
                return;
            }

            for (int j = -1; j < p.Targets; j++)
            {
                if (j >= 0)
                {
                    x[type[u], j]++;
                }

                Recurse(u + 1);
                if (j >= 0)
                {
                    x[type[u], j]--;
                }
            }
        }

        Recurse(0);
        return best;
    }

    [Theory]
    [InlineData(2, 3, 2, 1)]
    [InlineData(3, 4, 2, 2)]
    [InlineData(3, 3, 2, 3)]
    [InlineData(2, 5, 3, 4)]
    [InlineData(4, 3, 1, 5)]
    public void Heuristic_And_Exact_FindTheBruteForceOptimum(int m, int n, int mu, int seed)
    {
        WtaProblem p = Random(m, n, mu, seed);
        double optimum = BruteForce(p);
        WtaSolution heuristic = WtaHeuristic.Solve(p, TimeSpan.FromMilliseconds(100));
        Assert.Equal(optimum, heuristic.Objective, 9);
        Assert.Equal(p.Objective(heuristic.Assignment), heuristic.Objective, 9);
        WtaSolution exact = WtaExact.Solve(p, TimeSpan.FromSeconds(20));
        Assert.Equal(optimum, exact.Objective, 9);
        Assert.Equal("optimal", exact.Status);
        Assert.True(exact.LowerBound <= optimum + 1e-6);
    }

    [Fact]
    public void Solutions_RespectTheUnitsOfEachType()
    {
        WtaProblem p = Random(6, 9, 3, 11);
        WtaSolution s = WtaHeuristic.Solve(p, TimeSpan.FromMilliseconds(50));
        for (int i = 0; i < p.WeaponTypes; i++)
        {
            Assert.True(Enumerable.Range(0, p.Targets).Sum(j => s.Assignment[i, j]) <= p.Units[i]);
        }

        // More units can only help: the heuristic uses every unit that removes any value.
        Assert.True(s.Objective <= WtaHeuristic.Greedy(p).Objective + 1e-9);
    }

    [Fact]
    public void PublishedInstance_OneUnitPerType_ReachesTheBestKnownValue()
    {
        // Andersen, Pavlikov & Toffolo (2022), instance 50×100×1: optimum 1734.302 (proven by CPLEX). With one unit of
        // each type the optimal assignment start finds it whatever the time limit.
        string path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "wta", "wta_50x100x1.txt"));
        if (!File.Exists(path))
        {
            return; // the benchmark files live beside the project, not in it
        }

        WtaSolution s = WtaHeuristic.Solve(WtaProblem.Read(path), TimeSpan.FromMilliseconds(10));
        Assert.Equal(1734.302, s.Objective, 3);
    }

    private string Write(string text)
    {
        string path = Path.Combine(_folder, "instance.txt");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("2 2\n", ":1: header: expected three numbers")]
    [InlineData("2 x 1\n", ":1: n (targets): expected a whole number, found 'x'")]
    [InlineData("1 2 1\n5\n", ":3: the file ends where the value of target 1 was expected")]
    [InlineData("1 1 1\n-3\n0 0 0.5\n", ":2: value of target 0: -3 is out of range")]
    [InlineData("1 1 1\n3\n0 0 1.5\n", ":3: p (kill probability): 1.5 is out of range [0, 1]")]
    [InlineData("1 2 1\n3\n4\n0 0 0.5\n0 0 0.4\n", ":5: i j p: the pair (0, 0) is given twice")]
    [InlineData("1 1 1\n3\n0 1 0.5\n", ":3: j (target): 1 is out of range [0, 0]")]
    [InlineData("1 1 1\n3\n0 0 0.5\n7\n", ":4: end of file: unexpected text")]
    public void BadFiles_NameTheLineAndField(string text, string expected)
    {
        string path = Write(text);
        WtaFormatException e = Assert.Throws<WtaFormatException>(() => WtaProblem.Read(path));
        Assert.Contains(path + expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_ReadsTheFormat()
    {
        WtaProblem p = WtaProblem.Read(Write("2 2 3\n10\n20\n0 0 0.5\n0 1 0.25\n1 0 0.125\n1 1 0.75\n"));
        Assert.Equal((2, 2), (p.WeaponTypes, p.Targets));
        Assert.Equal([3, 3], p.Units);
        Assert.Equal(0.125, p.Kill(1, 0));
        // One unit of type 1 on target 1: 10 + 20·0.25.
        Assert.Equal(15.0, p.Objective(new int[,] { { 0, 0 }, { 0, 1 } }), 12);
    }
}
