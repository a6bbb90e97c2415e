using System.Numerics.Tensors;
using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Layers;

/// <summary>
/// GELU with the tanh approximation (Hendrycks and Gimpel 2016, eq. 3); PyTorch's
/// <c>gelu(x, approximate="tanh")</c>: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
/// </summary>
internal static class Gelu
{
    private const float Scale = 0.7978845608028654f; // √(2/π)
    private const float Cube = 0.044715f;
    private const int Chunk = 512;

    /// <summary>Plain scalar reference of the forward pass (tests compare the vectorised one to it).</summary>
    public static float Reference(float v) => 0.5f * v * (1f + MathF.Tanh(Scale * (v + (Cube * v * v * v))));

    /// <summary>t = tanh(√(2/π)·x·(1 + 0.044715·x²)).</summary>
    private static void Inner(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Multiply(x, x, t);
        TensorPrimitives.Multiply(t, Cube, t);
        TensorPrimitives.Add(t, 1f, t);
        TensorPrimitives.Multiply(t, x, t);
        TensorPrimitives.Multiply(t, Scale, t);
        TensorPrimitives.Tanh(t, t);
    }

    /// <summary>out (L) = gelu(inp (L)).</summary>
    public static void Forward(Compute compute, Slice output, Slice input, int length)
    {
        compute.For(length, (i0, i1) =>
        {
            // Vectorised in chunks: th = tanh(√(2/π)·x·(1 + 0.044715·x²)); y = 0.5·x·(1 + th).
            Span<float> th = stackalloc float[Chunk];
            for (var c0 = i0; c0 < i1; c0 += Chunk)
            {
                var len = Math.Min(Chunk, i1 - c0);
                var x = input.Span.Slice(c0, len);
                var y = output.Span.Slice(c0, len);
                var t = th[..len];
                Inner(x, t);
                TensorPrimitives.Add(t, 1f, t);
                TensorPrimitives.Multiply(t, x, t);
                TensorPrimitives.Multiply(t, 0.5f, y);
            }
        }, minPerRange: 16384);
    }

    /// <summary>dinp (L) = gelu'(inp) · dout (overwritten).</summary>
    public static void Backward(Compute compute, Slice dinput, Slice input, Slice doutput, int length)
    {
        compute.For(length, (i0, i1) =>
        {
            Span<float> th = stackalloc float[Chunk];
            for (var c0 = i0; c0 < i1; c0 += Chunk)
            {
                var len = Math.Min(Chunk, i1 - c0);
                var x = input.Span.Slice(c0, len);
                var dy = doutput.Span.Slice(c0, len);
                var dx = dinput.Span.Slice(c0, len);
                Inner(x, th[..len]);
                for (var i = 0; i < len; i++)
                {
                    var v = x[i];
                    var t = th[i];
                    var local = (0.5f * (1f + t)) + (0.5f * v * (1f - (t * t)) * Scale * (1f + (3f * Cube * v * v)));
                    dx[i] = local * dy[i];
                }
            }
        }, minPerRange: 16384);
    }
}
