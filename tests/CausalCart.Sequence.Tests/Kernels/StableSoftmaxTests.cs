using System.Numerics.Tensors;
using CausalCart.Sequence.Kernels;

namespace CausalCart.Sequence.Tests.Kernels;

public sealed class StableSoftmaxTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(333)]
    public void Matches_the_double_reference_and_returns_the_log_partition(int length)
    {
        var x = GradCheck.Random(length, (ulong)length, 5f).Span.ToArray();
        var p = new float[length];
        var q = new float[length];
        var lse = StableSoftmax.Softmax(x, p);
        var lseRef = StableSoftmax.SoftmaxReference(x, q);
        Assert.Equal(lseRef, lse, 1e-4f);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(q[i], p[i], 1e-6f);
        }

        Assert.Equal(1.0, p.Sum(v => (double)v), 1e-5);
    }

    [Fact]
    public void Large_logits_stay_finite_where_TensorPrimitives_SoftMax_overflows()
    {
        float[] x = [1000f, 999f, -50f];
        var naive = new float[3];
        TensorPrimitives.SoftMax(x, naive);
        Assert.Contains(naive, float.IsNaN); // documents why the stable version exists

        var p = new float[3];
        var lse = StableSoftmax.Softmax(x, p);
        Assert.All(p, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1 / (1 + MathF.Exp(-1)), p[0], 1e-6f);
        Assert.Equal(1000f + MathF.Log(1 + MathF.Exp(-1)), lse, 1e-3f);
    }

    [Fact]
    public void Negative_infinity_entries_get_zero_probability_and_empty_rows_are_minus_infinity()
    {
        float[] x = [float.NegativeInfinity, 0f, 0f];
        var p = new float[3];
        StableSoftmax.Softmax(x, p);
        Assert.Equal([0f, 0.5f, 0.5f], p);
        Assert.Equal(float.NegativeInfinity, StableSoftmax.Softmax([], []));
    }
}
