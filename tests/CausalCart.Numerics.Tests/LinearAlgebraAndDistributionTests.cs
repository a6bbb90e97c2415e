using CausalCart.Numerics;

namespace CausalCart.Numerics.Tests;

public class LinearAlgebraAndDistributionTests
{
    [Fact]
    public void Cholesky_solves_a_random_positive_definite_system()
    {
        var rng = new SeededRandom(3);
        const int n = 12;
        var b = new double[n * n];
        for (int k = 0; k < b.Length; k++)
        {
            b[k] = rng.NextNormal();
        }

        var a = new double[n * n]; // BᵀB + I
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++)
                {
                    s += b[(k * n) + i] * b[(k * n) + j];
                }

                a[(i * n) + j] = s;
            }
        }

        double[] x = Enumerable.Range(0, n).Select(i => i - 5.5).ToArray();
        var rhs = new double[n];
        for (int i = 0; i < n; i++)
        {
            rhs[i] = ReferenceKernels.Dot(a.AsSpan(i * n, n), x);
        }

        double[] solved = Cholesky.Factor(a, n).Solve(rhs);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(x[i], solved[i], 1e-10);
        }
    }

    [Fact]
    public void Cholesky_names_the_column_of_a_singular_matrix()
    {
        // Column 2 = column 0 + column 1.
        double[] a = [1, 0, 1, 0, 1, 1, 1, 1, 2];
        var e = Assert.Throws<MatrixNotPositiveDefiniteException>(() => Cholesky.Factor(a, 3));
        Assert.Equal(2, e.Column);
        Assert.Throws<MatrixNotPositiveDefiniteException>(() => Cholesky.Factor([1, 2, 2, 1], 2));
    }

    [Fact]
    public void Equilibrated_cholesky_solves_a_system_whose_columns_differ_by_twenty_orders_of_magnitude()
    {
        // A = D M D with M well conditioned (unit diagonal, correlations 0.5) and D = diag(1e-10, 1, 1e10): plain Cholesky
        // sees pivots below 1e-12 · max diag and refuses it; the equilibrated factor solves it to full relative accuracy.
        double[] d = [1e-10, 1, 1e10];
        var a = new double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                a[(i * 3) + j] = (i == j ? 1 : 0.5) * d[i] * d[j];
            }
        }

        Assert.Throws<MatrixNotPositiveDefiniteException>(() => Cholesky.Factor(a, 3));
        var chol = Cholesky.FactorEquilibrated(a, 3);
        double[] x = [3e9, -2, 5e-11];
        var b = new double[3];
        for (int i = 0; i < 3; i++)
        {
            b[i] = (a[i * 3] * x[0]) + (a[(i * 3) + 1] * x[1]) + (a[(i * 3) + 2] * x[2]);
        }

        double[] solved = chol.Solve(b);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1, solved[i] / x[i], 1e-12);
        }

        Assert.Equal(Math.Log(0.5) + (2 * Math.Log(1e-10 * 1 * 1e10)), chol.LogDeterminant(), 1e-12);   // det M = 0.5
        Assert.Equal(1, Assert.Throws<MatrixNotPositiveDefiniteException>(() => Cholesky.FactorEquilibrated([1, 1, 1, 1, 1, 1, 1, 1, 1], 3)).Column);   // collinear
        Assert.Equal(1, Assert.Throws<MatrixNotPositiveDefiniteException>(() => Cholesky.FactorEquilibrated([1, 0, 0, 0], 2)).Column);   // a zero column
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(-5.0, 2.866515718791939e-07)]
    [InlineData(-10.0, 7.619853024160527e-24)]
    [InlineData(3.0, 0.9986501019683699)]
    public void Normal_cdf_matches_published_values(double x, double p)
    {
        Assert.True(Math.Abs(StandardNormal.Cdf(x) - p) <= 1e-14 * Math.Max(p, 1e-300) + 1e-16, $"Φ({x}) = {StandardNormal.Cdf(x)}");
    }

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.5, 0.0)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.999, 3.090232306167813)]
    public void Normal_quantile_matches_published_values(double p, double x)
    {
        Assert.Equal(x, StandardNormal.Quantile(p), 1e-12);
    }

    [Fact]
    public void Normal_quantile_inverts_the_cdf_across_the_range()
    {
        for (double x = -37; x <= 6; x += 0.173)
        {
            double p = StandardNormal.Cdf(x);
            double back = StandardNormal.Quantile(p);
            // For x > 0, p = Φ(x) itself only carries the upper tail to ~1e-16 absolute, so less can be recovered.
            double tolerance = x <= 0 ? 1e-12 * Math.Max(1, Math.Abs(x)) : 1e-16 / StandardNormal.Pdf(x) * 4;
            Assert.True(Math.Abs(back - x) <= tolerance, $"x = {x}, back = {back}");
        }

        Assert.Equal(double.NegativeInfinity, StandardNormal.Quantile(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.Quantile(double.NaN));
    }

    [Fact]
    public void Stable_functions_do_not_overflow()
    {
        Assert.Equal(1.0, StableMath.Sigmoid(800));
        Assert.Equal(0.0, StableMath.Sigmoid(-800));
        Assert.Equal(0.5, StableMath.Sigmoid(0));
        Assert.Equal(1000 + Math.Log(2), StableMath.LogSumExp([1000, 1000]), 12);
        Assert.Equal(double.NegativeInfinity, StableMath.LogSumExp([]));
        Assert.True(double.IsNaN(StableMath.LogSumExp([1, double.NaN])));
        Assert.Equal(800, StableMath.Log1pExp(800), 12);
        Assert.Equal(Math.Log(2), StableMath.LogisticLoss(0, 1), 15);
    }

    [Fact]
    public void Seeded_random_is_reproducible_and_well_distributed()
    {
        var a = new SeededRandom(11);
        var b = new SeededRandom(11);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }

        var rng = new SeededRandom(12);
        double sum = 0, sq = 0;
        const int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            double z = rng.NextNormal();
            sum += z;
            sq += z * z;
        }

        Assert.InRange(sum / n, -0.01, 0.01);
        Assert.InRange(sq / n, 0.98, 1.02);
        int[] perm = rng.Permutation(1000);
        Assert.Equal(Enumerable.Range(0, 1000), perm.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000), perm);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++)
        {
            counts[rng.NextInt(7)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        Assert.NotEqual(SeededRandom.DeriveSeed(1, 0), SeededRandom.DeriveSeed(1, 1));
    }
}
