using CausalCart.Learners.Stacking;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Stacking;

public sealed class NonNegativeLeastSquaresTests
{
    private static double Objective(double[] g, double[] b, double[] a, int k)
    {
        double v = 0;
        for (int i = 0; i < k; i++)
        {
            v -= 2 * b[i] * a[i];
            for (int j = 0; j < k; j++)
            {
                v += a[i] * g[(i * k) + j] * a[j];
            }
        }

        return v;
    }

    /// <summary>Reference: every subset S solved unconstrained on S; the best feasible one is the NNLS optimum.</summary>
    private static double[] Exhaustive(double[] g, double[] b, int k)
    {
        double[] best = new double[k];
        double bestValue = 0;
        for (int mask = 1; mask < (1 << k); mask++)
        {
            int[] s = Enumerable.Range(0, k).Where(j => (mask & (1 << j)) != 0).ToArray();
            var sub = new double[s.Length * s.Length];
            for (int a = 0; a < s.Length; a++)
            {
                for (int c = 0; c < s.Length; c++)
                {
                    sub[(a * s.Length) + c] = g[(s[a] * k) + s[c]];
                }
            }

            double[] solved = Cholesky.Factor(sub, s.Length).Solve(s.Select(j => b[j]).ToArray());
            if (solved.Any(v => v < 0))
            {
                continue;
            }

            var full = new double[k];
            for (int a = 0; a < s.Length; a++)
            {
                full[s[a]] = solved[a];
            }

            double value = Objective(g, b, full, k);
            if (value < bestValue)
            {
                (best, bestValue) = (full, value);
            }
        }

        return best;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    public void Matches_exhaustive_search_over_active_sets(int k)
    {
        var rng = new SeededRandom((ulong)(100 + k));
        for (int trial = 0; trial < 50; trial++)
        {
            // Z (30, k) with correlated columns, y a mix with some negative coefficients, so constraints bind.
            int n = 30;
            var z = new double[n * k];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                double common = rng.NextNormal();
                for (int j = 0; j < k; j++)
                {
                    z[(i * k) + j] = common + (0.5 * rng.NextNormal());
                    y[i] += (rng.NextDouble() - 0.3) * z[(i * k) + j];
                }

                y[i] += 0.3 * rng.NextNormal();
            }

            var g = new double[k * k];
            var b = new double[k];
            for (int i = 0; i < n; i++)
            {
                for (int a = 0; a < k; a++)
                {
                    b[a] += z[(i * k) + a] * y[i];
                    for (int c = 0; c < k; c++)
                    {
                        g[(a * k) + c] += z[(i * k) + a] * z[(i * k) + c];
                    }
                }
            }

            double[] fast = NonNegativeLeastSquares.Solve(g, b, k);
            double[] reference = Exhaustive(g, b, k);
            Assert.All(fast, v => Assert.True(v >= 0));
            Assert.Equal(Objective(g, b, reference, k), Objective(g, b, fast, k), 6);
        }
    }

    [Fact]
    public void Identical_columns_and_zero_columns_stay_finite()
    {
        // Two identical columns and a zero column: the solution splits or picks, but stays finite and optimal.
        double[] g = [4, 4, 0, 4, 4, 0, 0, 0, 0];
        double[] b = [4, 4, 0];
        double[] a = NonNegativeLeastSquares.Solve(g, b, 3);
        Assert.Equal(1.0, a[0] + a[1], 6);
        Assert.Equal(0.0, a[2]);
        Assert.Equal([0.0, 0.0], NonNegativeLeastSquares.Solve(new double[4], new double[2], 2));
        Assert.Equal([0.0], NonNegativeLeastSquares.Solve([1.0], [-2.0], 1));
    }
}
