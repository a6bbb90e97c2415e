using System.Numerics.Tensors;
using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Layers;

/// <summary>
/// Next-item head with full softmax cross-entropy over the whole catalogue, tied to the item
/// embedding: logits (N, V) = h (N, C) · Eᵀ; loss = Σ_t w · (logsumexp(logits_t) − logits_t[y_t]).
/// </summary>
/// <remarks>
/// Implementation note: the (N, V) logits never exist at once. Rows are processed in chunks of R
/// tokens so that R·V floats fit the scratch buffers; for each chunk the softmax, the loss and
/// ∂L/∂logits = w·(p − onehot) are computed in place, then dh = dlogits · E and dE += dlogitsᵀ · h (the transpose is read in place, not built).
/// Forward and backward are fused because keeping the logits for a separate backward pass would
/// cost N·V floats.
/// </remarks>
internal static class FullSoftmaxHead
{
    /// <summary>
    /// Computes the weighted loss Σ_t weight·CE_t over tokens with a target (targets[t] ≥ 0; others are
    /// ignored). When <paramref name="computeGradients"/>, dh (N, C) is overwritten and dtable (V, C)
    /// accumulated. <paramref name="tableT"/> holds C·V floats, <paramref name="logits"/> at least V floats
    /// (the chunk size R is derived from its length).
    /// </summary>
    public static double ForwardBackward(Compute compute, Slice h, Slice table, int[] targets, float weight, Slice dh, Slice dtable, Slice tableT, Slice logits, int n, int c, int v, bool computeGradients)
    {
        MatMul.Transpose(compute, table, tableT, v, c); // (C, V)
        var chunk = Math.Max(1, Math.Min(n, logits.Length / v));
        var rowLoss = new double[n];
        for (var r0 = 0; r0 < n; r0 += chunk)
        {
            var rows = Math.Min(chunk, n - r0);
            var lg = logits.Sub(0, rows * v);                    // (R, V)
            MatMul.Multiply(compute, h.Sub(r0 * c, rows * c), tableT, lg, rows, c, v, accumulate: false);
            var start = r0;
            compute.For(rows, (i0, i1) =>
            {
                var span = lg.Span;
                for (var i = i0; i < i1; i++)
                {
                    var row = span.Slice(i * v, v);
                    var y = targets[start + i];
                    if (y < 0)
                    {
                        row.Clear();
                        rowLoss[start + i] = 0;
                        continue;
                    }

                    var target = row[y];
                    var lse = StableSoftmax.Softmax(row, row);
                    rowLoss[start + i] = weight * ((double)lse - target);
                    row[y] -= 1f;
                    TensorPrimitives.Multiply(row, weight, row);
                }
            }, minPerRange: 2);
            if (computeGradients)
            {
                MatMul.Multiply(compute, lg, table, dh.Sub(r0 * c, rows * c), rows, v, c, accumulate: false);
                MatMul.Multiply(compute, lg, h.Sub(r0 * c, rows * c), dtable, v, rows, c, accumulate: true, transposeA: true); // dlogitsᵀ · h
            }
        }

        double loss = 0;
        foreach (var l in rowLoss)
        {
            loss += l;
        }

        return loss;
    }
}
