using Dome.Defense.Numerics;

namespace Dome.Defense.Tests.Numerics;

public class SmallMatrixTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(7)]
    public void Products_EqualTheTextbookSums_BitForBit(int n)
    {
        // The definition, (A·B)ᵢⱼ = Σₖ AᵢₖBₖⱼ and (A·Bᵀ)ᵢⱼ = Σₖ AᵢₖBⱼₖ, summed from 0 in k order: the tracker's runs replay
        // bit for bit only if the 7×7 kernel adds the same terms in the same order. Entries span twelve decades and both
        // signs, so that a different order or a fused multiply-add would show in the last bits.
        Random random = new(1234 + n);
        for (int trial = 0; trial < 200; trial++)
        {
            double[] a = Entries(random, n), b = Entries(random, n);
            double[] ab = new double[n * n], abT = new double[n * n];
            SmallMatrix.Multiply(a, b, ab, n);
            SmallMatrix.MultiplyTransposed(a, b, abT, n);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double sum = 0, sumT = 0;
                    for (int k = 0; k < n; k++)
                    {
                        sum += a[(i * n) + k] * b[(k * n) + j];
                        sumT += a[(i * n) + k] * b[(j * n) + k];
                    }

                    Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(ab[(i * n) + j]));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(sumT), BitConverter.DoubleToInt64Bits(abT[(i * n) + j]));
                }
            }
        }
    }

    [Fact]
    public void Product_OfAPermutation_MovesRows()
    {
        // An independent truth: P·B with P the cyclic shift puts row i+1 of B in row i, and B·Pᵀ does the same to columns.
        const int n = 7;
        double[] p = new double[n * n], b = new double[n * n], pb = new double[n * n], bpT = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            p[(i * n) + ((i + 1) % n)] = 1;
            for (int j = 0; j < n; j++)
            {
                b[(i * n) + j] = (10 * i) + j;
            }
        }

        SmallMatrix.Multiply(p, b, pb, n);
        SmallMatrix.MultiplyTransposed(b, p, bpT, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(b[(((i + 1) % n) * n) + j], pb[(i * n) + j]);
                Assert.Equal(b[(i * n) + ((j + 1) % n)], bpT[(i * n) + j]);
            }
        }
    }

    private static double[] Entries(Random random, int n)
    {
        double[] m = new double[n * n];
        for (int k = 0; k < m.Length; k++)
        {
            m[k] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7));
        }

        return m;
    }
}
