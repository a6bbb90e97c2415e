using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Layers;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014): each element is kept with probability 1 − p and scaled by
/// 1 / (1 − p). The mask is drawn from a counter-based generator keyed by (seed, step, site, row), so it
/// is the same whatever the thread count.
/// </summary>
internal static class Dropout
{
    /// <summary>
    /// out (N, C) = inp ⊙ mask; mask (N, C) receives 0 or 1/(1−p). With p = 0 (or in evaluation) the mask
    /// is all ones.
    /// </summary>
    public static void Forward(Compute compute, Slice output, Slice mask, Slice input, float p, ulong seed, ulong site, int n, int c)
    {
        var keep = 1f - p;
        var scale = p > 0 ? 1f / keep : 1f;
        compute.For(n, (t0, t1) =>
        {
            var x = input.Span;
            var y = output.Span;
            var mk = mask.Span;
            for (var t = t0; t < t1; t++)
            {
                var rng = Rng.For(seed, site, (ulong)t);
                for (var i = t * c; i < (t + 1) * c; i++)
                {
                    var m = p <= 0 ? 1f : (rng.NextFloat() < keep ? scale : 0f);
                    mk[i] = m;
                    y[i] = x[i] * m;
                }
            }
        }, minPerRange: 256);
    }

    /// <summary>dinp (N, C) = dout ⊙ mask (overwritten).</summary>
    public static void Backward(Compute compute, Slice dinput, Slice mask, Slice doutput, int length)
    {
        compute.For(length, (i0, i1) =>
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(doutput.Span[i0..i1], mask.Span[i0..i1], dinput.Span[i0..i1]);
        }, minPerRange: 16384);
    }
}
