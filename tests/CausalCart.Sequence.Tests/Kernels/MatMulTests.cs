using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Tests.Kernels;

/// <summary>The tiled, parallel product against the plain reference, on every awkward shape.</summary>
public sealed class MatMulTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        int[] sizes = [0, 1, 5, 6, 7, 15, 16, 17, 33, 64];
        foreach (var m in sizes)
        {
            foreach (var n in new[] { 0, 1, 15, 16, 17, 48, 70 })
            {
                data.Add(m, m % 3 == 0 ? 300 : 11, n); // K crosses the 256 block for some shapes
            }
        }

        data.Add(130, 257, 192);
        data.Add(7, 40, 100); // 3 wide tiles, a 16-lane tile and a scalar tail
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Optimised_product_matches_the_reference(int m, int k, int n)
    {
        var a = GradCheck.Random(m * k, 1);
        var b = GradCheck.Random(k * n, 2);
        var initial = GradCheck.Random(m * n, 3);
        foreach (var (accumulate, transposeA) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var expected = (float[])initial.Array.Clone();
            var actual = new Slice((float[])initial.Array.Clone(), 0, m * n);
            MatMul.MultiplyReference(a.Span, b.Span, expected, m, k, n, accumulate, transposeA);
            MatMul.Multiply(new Compute(2), a, b, actual, m, k, n, accumulate, transposeA);
            for (var i = 0; i < m * n; i++)
            {
                // Float32 sums of K products of unit normals: error grows like √K·ε.
                Assert.True(Math.Abs(expected[i] - actual.Span[i]) <= 1e-5 * Math.Sqrt(k) * (1 + Math.Abs(expected[i])), $"({m},{k},{n}) element {i}: {expected[i]} vs {actual.Span[i]}");
            }
        }
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 1)]
    [InlineData(33, 70)]
    [InlineData(100, 3)]
    public void Transpose_swaps_rows_and_columns(int rows, int cols)
    {
        var src = GradCheck.Random(rows * cols, 4);
        var serial = new float[rows * cols];
        var parallel = GradCheck.Zeros(rows * cols);
        MatMul.Transpose(src.Span, serial, rows, cols);
        MatMul.Transpose(new Compute(2), src, parallel, rows, cols);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                Assert.Equal(src.Span[(i * cols) + j], serial[(j * rows) + i]);
            }
        }

        Assert.Equal(serial, parallel.Span.ToArray());
    }

    [Fact]
    public void Mismatched_lengths_are_refused()
    {
        var a = GradCheck.Zeros(5);
        Assert.Throws<ArgumentException>(() => MatMul.Multiply(Compute.Serial, a, a, a, 2, 3, 2, false));
    }
}
