using CausalCart.Numerics;

namespace CausalCart.Numerics.Tests;

public class KernelTests
{
    private static double[] Random(int n, int seed)
    {
        var rng = new SeededRandom(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (rng.NextDouble() * 20) - 10;
        }

        return x;
    }

    [Fact]
    public void Dot_matches_reference_for_every_length_0_to_300()
    {
        for (int n = 0; n <= 300; n++)
        {
            double[] x = Random(n, n), y = Random(n, n + 1000);
            double scale = 1 + ReferenceKernels.Dot(x.Select(Math.Abs).ToArray(), y.Select(Math.Abs).ToArray());
            Assert.True(Math.Abs(Kernels.Dot(x, y) - ReferenceKernels.Dot(x, y)) <= 1e-13 * scale, $"length {n}");
        }
    }

    [Fact]
    public void Axpy_matches_reference_for_every_length_0_to_300()
    {
        for (int n = 0; n <= 300; n++)
        {
            double[] x = Random(n, n), a = Random(n, n + 7), b = (double[])a.Clone();
            Kernels.AxpyInPlace(1.7, x, a);
            ReferenceKernels.AxpyInPlace(1.7, x, b);
            Assert.Equal(b, a);
        }
    }

    [Fact]
    public void Weighted_gram_matches_reference_for_shapes_up_to_40_columns()
    {
        for (int cols = 0; cols <= 40; cols++)
        {
            foreach (int rows in new[] { 0, 1, 3, 4, 5, 9, 17 })
            {
                double[] block = Random(rows * cols, (cols * 100) + rows), w = Random(rows, rows + 3);
                var g1 = new double[cols * cols];
                var g2 = new double[cols * cols];
                Kernels.AddWeightedGramUpper(block, cols, w, g1);
                ReferenceKernels.AddWeightedGramUpper(block, cols, w, g2);
                for (int k = 0; k < g1.Length; k++)
                {
                    Assert.True(Math.Abs(g1[k] - g2[k]) <= 1e-11 * (1 + Math.Abs(g2[k])), $"cols {cols} rows {rows} entry {k}");
                }
            }
        }
    }

    [Fact]
    public void Kernels_reject_mismatched_lengths()
    {
        Assert.Throws<ArgumentException>(() => Kernels.Dot(new double[3], new double[4]));
        Assert.Throws<ArgumentException>(() => Kernels.AxpyInPlace(1, new double[3], new double[2]));
        Assert.Throws<ArgumentException>(() => Kernels.AddWeightedGramUpper(new double[6], 3, new double[3], new double[9]));
    }

    [Fact]
    public void Deterministic_parallel_sum_does_not_depend_on_thread_count()
    {
        double[] x = Random(200_000, 42).Select(v => v * 1e10 * Math.Sin(v)).ToArray();
        double Run(int threads) => DeterministicParallel.MapReduce(
            x.Length, 1000, (s, e) => { double a = 0; for (int i = s; i < e; i++) { a += x[i]; } return a; }, (a, b) => a + b, () => 0.0, threads);
        double one = Run(1);
        Assert.Equal(one, Run(2));
        Assert.Equal(one, Run(7));
    }
}
