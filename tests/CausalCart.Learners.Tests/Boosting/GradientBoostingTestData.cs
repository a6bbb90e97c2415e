using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Boosting;

/// <summary>Small synthetic data sets with known truth for the boosting tests.</summary>
internal static class GradientBoostingTestData
{
    /// <summary>Nonlinear regression function with an interaction: sin(2x0) + x1·x2 + [x3 &gt; 0.3]; x4, x5 are noise.</summary>
    public static double Truth(ReadOnlySpan<double> x) => Math.Sin(2 * x[0]) + (x[1] * x[2]) + (x[3] > 0.3 ? 1 : 0);

    /// <summary>(n, 6) standard normal features, f(x) = <see cref="Truth"/>, y = f + N(0, noise²).</summary>
    public static (Matrix X, double[] Y, double[] F) Regression(int n, int seed, double noise = 0.3)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 6);
        var y = new double[n];
        var f = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                x[i, j] = rng.NextNormal();
            }

            f[i] = Truth(x.Row(i));
            y[i] = f[i] + (noise * rng.NextNormal());
        }

        return (x, y, f);
    }

    /// <summary>Binary target with P(y = 1) = sigmoid(2·<see cref="Truth"/> − 1).</summary>
    public static (Matrix X, double[] Y, double[] P) Classification(int n, int seed)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 6);
        var y = new double[n];
        var prob = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                x[i, j] = rng.NextNormal();
            }

            prob[i] = StableMath.Sigmoid((2 * Truth(x.Row(i))) - 1);
            y[i] = rng.NextDouble() < prob[i] ? 1 : 0;
        }

        return (x, y, prob);
    }

    public static double Rmse(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double ss = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ss += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return Math.Sqrt(ss / a.Length);
    }
}
