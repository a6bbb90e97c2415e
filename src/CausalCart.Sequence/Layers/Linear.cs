using System.Numerics.Tensors;
using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Layers;

/// <summary>
/// Fully connected layer with PyTorch's weight layout: out (N, OC) = inp (N, C) · Wᵀ + b, W (OC, C).
/// </summary>
internal static class Linear
{
    /// <summary>
    /// Forward. <paramref name="scratch"/> holds at least C·OC floats (Wᵀ is built there).
    /// <paramref name="bias"/> may be empty (no bias).
    /// </summary>
    public static void Forward(Compute compute, Slice output, Slice input, Slice weight, Slice bias, Slice scratch, int n, int c, int oc)
    {
        var weightT = scratch.Sub(0, c * oc); // (C, OC)
        MatMul.Transpose(weight.Span, weightT.Span, oc, c);
        MatMul.Multiply(compute, input, weightT, output, n, c, oc, accumulate: false);
        if (bias.Length > 0)
        {
            compute.For(n, (t0, t1) =>
            {
                var o = output.Span;
                var b = bias.Span;
                for (var t = t0; t < t1; t++)
                {
                    TensorPrimitives.Add(o.Slice(t * oc, oc), b, o.Slice(t * oc, oc));
                }
            }, minPerRange: 512);
        }
    }

    /// <summary>
    /// Backward: dinp (N, C) = dout · W (overwritten, or added when <paramref name="accumulateInput"/>);
    /// dweight (OC, C) += doutᵀ · inp; dbias (OC) += Σ dout.
    /// <paramref name="scratch"/> is unused (kept for symmetry with <see cref="Forward"/>).
    /// </summary>
    public static void Backward(Compute compute, Slice dinput, Slice dweight, Slice dbias, Slice doutput, Slice input, Slice weight, Slice scratch, int n, int c, int oc, bool accumulateInput = false)
    {
        MatMul.Multiply(compute, doutput, weight, dinput, n, oc, c, accumulateInput);
        MatMul.Multiply(compute, doutput, input, dweight, oc, n, c, accumulate: true, transposeA: true); // doutᵀ · inp
        if (dbias.Length > 0)
        {
            var db = dbias.Span;
            var d = doutput.Span;
            for (var t = 0; t < n; t++)
            {
                TensorPrimitives.Add(db, d.Slice(t * oc, oc), db);
            }
        }
    }
}
