using System.Numerics.Tensors;

namespace CausalCart.Sequence.Kernels;

/// <summary>
/// Softmax that subtracts the row maximum first. <see cref="TensorPrimitives.SoftMax(ReadOnlySpan{float}, Span{float})"/>
/// exponentiates the raw values and overflows to NaN for logits above ~88; this composition does not.
/// </summary>
internal static class StableSoftmax
{
    /// <summary>
    /// destination = softmax(x); returns log Σ exp(x) (the log-partition, for cross-entropy).
    /// An empty row returns −∞ and writes nothing.
    /// </summary>
    public static float Softmax(ReadOnlySpan<float> x, Span<float> destination)
    {
        if (destination.Length < x.Length)
        {
            throw new ArgumentException("Destination shorter than input.", nameof(destination));
        }

        if (x.Length == 0)
        {
            return float.NegativeInfinity;
        }

        var max = TensorPrimitives.Max(x);
        var dst = destination[..x.Length];
        TensorPrimitives.Subtract(x, max, dst);
        TensorPrimitives.Exp(dst, dst);
        var sum = TensorPrimitives.Sum(dst);
        TensorPrimitives.Multiply(dst, 1f / sum, dst);
        return max + MathF.Log(sum);
    }

    /// <summary>Plain reference in double.</summary>
    public static float SoftmaxReference(ReadOnlySpan<float> x, Span<float> destination)
    {
        if (x.Length == 0)
        {
            return float.NegativeInfinity;
        }

        double max = double.NegativeInfinity;
        foreach (var v in x)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += Math.Exp(x[i] - max);
        }

        for (var i = 0; i < x.Length; i++)
        {
            destination[i] = (float)(Math.Exp(x[i] - max) / sum);
        }

        return (float)(max + Math.Log(sum));
    }
}
