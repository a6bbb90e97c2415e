using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Forests;

/// <summary>Seeded synthetic data for the forest tests.</summary>
internal static class ForestWorlds
{
    /// <summary>Friedman #1 (Friedman 1991): y = 10 sin(π x0 x1) + 20 (x2 − ½)² + 10 x3 + 5 x4 + N(0, 1), x ~ U(0, 1)^p.</summary>
    public static (Matrix X, double[] Y) Friedman(int n, int p, int seed)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, p);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                x[i, j] = rng.NextDouble();
            }

            y[i] = (10 * Math.Sin(Math.PI * x[i, 0] * x[i, 1])) + (20 * (x[i, 2] - 0.5) * (x[i, 2] - 0.5)) + (10 * x[i, 3]) + (5 * x[i, 4]) + rng.NextNormal();
        }

        return (x, y);
    }

    /// <summary>Binary target with a nonlinear logit: P(y = 1) = σ(2 x0 x1 − 1.5 |x2| + 1{x3 &gt; 0} ), x ~ N(0, 1)^p.</summary>
    public static (Matrix X, double[] Y) Binary(int n, int p, int seed)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, p);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                x[i, j] = rng.NextNormal();
            }

            double eta = (2 * x[i, 0] * x[i, 1]) - (1.5 * Math.Abs(x[i, 2])) + (x[i, 3] > 0 ? 1 : 0) + 0.5;
            y[i] = rng.NextDouble() < StableMath.Sigmoid(2 * eta) ? 1 : 0;
        }

        return (x, y);
    }

    public static double Mse(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return s / a.Length;
    }

    public static double RSquared(double[] y, double[] prediction)
    {
        double mean = y.Average();
        double sst = y.Sum(v => (v - mean) * (v - mean));
        return 1 - (Mse(y, prediction) * y.Length / sst);
    }
}
