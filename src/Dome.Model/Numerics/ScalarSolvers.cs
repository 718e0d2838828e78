namespace Dome.Model.Numerics;

/// <summary>One-dimensional root finding and maximisation on a bracket. Stateless and thread-safe.</summary>
public static class ScalarSolvers
{
    private const double InversePhi = 0.6180339887498949;

    /// <summary>
    /// Golden-section search for the maximum of a unimodal function on [lo, hi], until the bracket is narrower than
    /// <paramref name="xTolerance"/>; returns the midpoint of the last bracket and its value.
    /// </summary>
    public static (double X, double Value) GoldenSectionMaximum(Func<double, double> f, double lo, double hi, double xTolerance)
    {
        ArgumentNullException.ThrowIfNull(f);
        double x1 = hi - (InversePhi * (hi - lo)), x2 = lo + (InversePhi * (hi - lo));
        double f1 = f(x1), f2 = f(x2);
        for (int i = 0; i < 200 && hi - lo > xTolerance; i++)
        {
            if (f1 > f2)
            {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - (InversePhi * (hi - lo));
                f1 = f(x1);
            }
            else
            {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + (InversePhi * (hi - lo));
                f2 = f(x2);
            }
        }

        double x = (lo + hi) / 2;
        return (x, f(x));
    }

    /// <summary>
    /// The Illinois variant of false position for a root of f on [lo, hi], where f(lo) and f(hi) (given) have opposite
    /// signs; stops when |f| ≤ <paramref name="valueTolerance"/> or the bracket is narrower than
    /// <paramref name="xTolerance"/>. Superlinear, and never leaves the bracket.
    /// </summary>
    public static double FalsePosition(Func<double, double> f, double lo, double hi, double fLo, double fHi, double valueTolerance, double xTolerance)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (Math.Sign(fLo) == Math.Sign(fHi) && fLo != 0 && fHi != 0)
        {
            throw new ArgumentException("The bracket does not hold a sign change.", nameof(fHi));
        }

        int side = 0;
        double x = (lo + hi) / 2;
        for (int i = 0; i < 100; i++)
        {
            x = fHi == fLo ? (lo + hi) / 2 : ((lo * fHi) - (hi * fLo)) / (fHi - fLo);
            double fx = f(x);
            if (Math.Abs(fx) <= valueTolerance || Math.Abs(hi - lo) < xTolerance)
            {
                return x;
            }

            if (Math.Sign(fx) == Math.Sign(fLo))
            {
                lo = x;
                fLo = fx;
                if (side == -1)
                {
                    fHi /= 2;
                }

                side = -1;
            }
            else
            {
                hi = x;
                fHi = fx;
                if (side == 1)
                {
                    fLo /= 2;
                }

                side = 1;
            }
        }

        return x;
    }
}
