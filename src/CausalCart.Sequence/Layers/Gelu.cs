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

    /// <summary>out (L) = gelu(inp (L)).</summary>
    public static void Forward(Compute compute, Slice output, Slice input, int length)
    {
        compute.For(length, (i0, i1) =>
        {
            var x = input.Span;
            var y = output.Span;
            for (var i = i0; i < i1; i++)
            {
                var v = x[i];
                y[i] = 0.5f * v * (1f + MathF.Tanh(Scale * (v + (Cube * v * v * v))));
            }
        }, minPerRange: 16384);
    }

    /// <summary>dinp (L) = gelu'(inp) · dout (overwritten).</summary>
    public static void Backward(Compute compute, Slice dinput, Slice input, Slice doutput, int length)
    {
        compute.For(length, (i0, i1) =>
        {
            var x = input.Span;
            var dy = doutput.Span;
            var dx = dinput.Span;
            for (var i = i0; i < i1; i++)
            {
                var v = x[i];
                var u = Scale * (v + (Cube * v * v * v));
                var th = MathF.Tanh(u);
                var sech2 = 1f - (th * th);
                var local = (0.5f * (1f + th)) + (0.5f * v * sech2 * Scale * (1f + (3f * Cube * v * v)));
                dx[i] = local * dy[i];
            }
        }, minPerRange: 16384);
    }
}
