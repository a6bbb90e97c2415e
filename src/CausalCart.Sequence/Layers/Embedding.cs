using System.Numerics.Tensors;
using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Layers;

/// <summary>
/// The token encoder: the sum of four learned embeddings, item + action type + time-gap bucket +
/// position (positions count back from the newest event of the window, so the last event always has
/// position 0 whatever the sequence length, as SASRec's left padding does).
/// </summary>
internal static class Embedding
{
    /// <summary>out (N, C) = item[i] + action[a] + gap[g] + position[p] for each token.</summary>
    public static void Forward(Compute compute, Slice output, int[] items, int[] actions, int[] gaps, int[] positions, Slice itemTable, Slice actionTable, Slice gapTable, Slice positionTable, int n, int c)
    {
        compute.For(n, (t0, t1) =>
        {
            var o = output.Span;
            for (var t = t0; t < t1; t++)
            {
                var y = o.Slice(t * c, c);
                TensorPrimitives.Add(itemTable.Span.Slice(items[t] * c, c), actionTable.Span.Slice(actions[t] * c, c), y);
                TensorPrimitives.Add(y, gapTable.Span.Slice(gaps[t] * c, c), y);
                TensorPrimitives.Add(y, positionTable.Span.Slice(positions[t] * c, c), y);
            }
        }, minPerRange: 512);
    }

    /// <summary>Scatter-adds dout (N, C) into the four table gradients (serial: rows repeat).</summary>
    public static void Backward(Slice dItem, Slice dAction, Slice dGap, Slice dPosition, Slice doutput, int[] items, int[] actions, int[] gaps, int[] positions, int n, int c)
    {
        var d = doutput.Span;
        for (var t = 0; t < n; t++)
        {
            var g = d.Slice(t * c, c);
            var row = dItem.Span.Slice(items[t] * c, c);
            TensorPrimitives.Add(row, g, row);
            row = dAction.Span.Slice(actions[t] * c, c);
            TensorPrimitives.Add(row, g, row);
            row = dGap.Span.Slice(gaps[t] * c, c);
            TensorPrimitives.Add(row, g, row);
            row = dPosition.Span.Slice(positions[t] * c, c);
            TensorPrimitives.Add(row, g, row);
        }
    }
}
