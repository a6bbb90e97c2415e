using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Linear;

public class BlockGramTests
{
    [Fact]
    public void Tiled_column_major_gram_matches_the_reference_kernel_for_every_shape()
    {
        var rng = new SeededRandom(8);
        foreach (int q in new[] { 1, 2, 3, 4, 5, 7, 8, 13, 51 })
        {
            foreach (int rows in new[] { 0, 1, 3, 4, 17, 255, 256 })
            {
                var g = new BlockGram(q);
                var rowMajor = new double[rows * q];
                var weights = new double[rows];
                for (int r = 0; r < rows; r++)
                {
                    weights[r] = rng.NextDouble() * 2;
                    g.Weights[r] = weights[r];
                    for (int c = 0; c < q; c++)
                    {
                        double v = rng.NextNormal() * (c + 1);
                        rowMajor[(r * q) + c] = v;
                        g.Block[(c * BlockGram.Stride) + r] = v;
                    }
                }

                // Stale finite values past the row count must not contribute.
                for (int r = rows; r < BlockGram.Stride; r++)
                {
                    g.Block[r] = 1e6;
                    g.Weights[r] = 3;
                }

                var expected = new double[q * q];
                var actual = new double[q * q];
                ReferenceKernels.AddWeightedGramUpper(rowMajor, q, weights, expected);
                g.AddUpper(rows, actual);
                for (int j = 0; j < q; j++)
                {
                    for (int k = 0; k < q; k++)
                    {
                        double e = k >= j ? expected[(j * q) + k] : 0;
                        Assert.True(Math.Abs(actual[(j * q) + k] - e) <= 1e-12 * (1 + Math.Abs(e)), $"q {q}, rows {rows}, ({j}, {k}): {actual[(j * q) + k]} vs {e}");
                    }
                }
            }
        }
    }
}
