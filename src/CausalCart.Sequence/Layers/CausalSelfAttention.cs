using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Layers;

/// <summary>
/// Multi-head causal self-attention over packed variable-length sequences (Vaswani et al. 2017,
/// eq. 1 with a causal mask): token t of a sequence attends to tokens 0..t of the same sequence only,
/// so no padding is ever computed.
/// </summary>
/// <remarks>
/// Implementation note: sequence s occupies tokens [offsets[s], offsets[s+1]); its probabilities for
/// head h sit in att at attOffsets[s] + h·T_s² as a T_s × T_s row-major block with zeros above the
/// diagonal. Work is split by (sequence, head) pairs, which write disjoint parts of every output.
/// </remarks>
internal static class CausalSelfAttention
{
    /// <summary>
    /// out (N, C) = attention(qkv (N, 3C)); att (Σ heads·T_s²) receives the probabilities.
    /// </summary>
    public static void Forward(Compute compute, Slice output, Slice att, Slice qkv, int[] offsets, int[] attOffsets, int sequences, int c, int heads)
    {
        var hs = c / heads;
        var scale = 1f / MathF.Sqrt(hs);
        compute.For(sequences * heads, (w0, w1) =>
        {
            var q = qkv.Span;
            var o = output.Span;
            var a = att.Span;
            for (var w = w0; w < w1; w++)
            {
                var s = w / heads;
                var h = w % heads;
                var start = offsets[s];
                var len = offsets[s + 1] - start;
                var block = attOffsets[s] + (h * len * len);
                for (var t = 0; t < len; t++)
                {
                    var query = q.Slice(((start + t) * 3 * c) + (h * hs), hs);
                    var row = a.Slice(block + (t * len), len);
                    var max = float.NegativeInfinity;
                    for (var u = 0; u <= t; u++)
                    {
                        var key = q.Slice(((start + u) * 3 * c) + c + (h * hs), hs);
                        var v = SmallVector.Dot(query, key) * scale;
                        row[u] = v;
                        max = MathF.Max(max, v);
                    }

                    var sum = 0f;
                    for (var u = 0; u <= t; u++)
                    {
                        var e = MathF.Exp(row[u] - max);
                        row[u] = e;
                        sum += e;
                    }

                    var inv = 1f / sum;
                    var y = o.Slice(((start + t) * c) + (h * hs), hs);
                    y.Clear();
                    for (var u = 0; u <= t; u++)
                    {
                        row[u] *= inv;
                        var value = q.Slice(((start + u) * 3 * c) + (2 * c) + (h * hs), hs);
                        SmallVector.Axpy(row[u], value, y);
                    }

                    row[(t + 1)..].Clear();
                }
            }
        }, minPerRange: 4);
    }

    /// <summary>
    /// dqkv (N, 3C) = ∂L/∂qkv (overwritten) from dout (N, C), the saved probabilities and qkv.
    /// </summary>
    public static void Backward(Compute compute, Slice dqkv, Slice doutput, Slice qkv, Slice att, int[] offsets, int[] attOffsets, int sequences, int c, int heads)
    {
        var hs = c / heads;
        var scale = 1f / MathF.Sqrt(hs);
        compute.For(sequences * heads, (w0, w1) =>
        {
            var q = qkv.Span;
            var dq = dqkv.Span;
            var dout = doutput.Span;
            var a = att.Span;
            var datt = new float[offsets.Length > 1 ? MaxLength(offsets, sequences) : 0];
            for (var w = w0; w < w1; w++)
            {
                var s = w / heads;
                var h = w % heads;
                var start = offsets[s];
                var len = offsets[s + 1] - start;
                var block = attOffsets[s] + (h * len * len);
                for (var t = 0; t < len; t++)
                {
                    for (var part = 0; part < 3; part++)
                    {
                        dq.Slice(((start + t) * 3 * c) + (part * c) + (h * hs), hs).Clear();
                    }
                }

                for (var t = 0; t < len; t++)
                {
                    var row = a.Slice(block + (t * len), len);
                    var dy = dout.Slice(((start + t) * c) + (h * hs), hs);
                    var dot = 0f;
                    for (var u = 0; u <= t; u++)
                    {
                        var value = q.Slice(((start + u) * 3 * c) + (2 * c) + (h * hs), hs);
                        var dvalue = dq.Slice(((start + u) * 3 * c) + (2 * c) + (h * hs), hs);
                        datt[u] = SmallVector.Dot(dy, value);
                        SmallVector.Axpy(row[u], dy, dvalue);
                        dot += row[u] * datt[u];
                    }

                    var query = q.Slice(((start + t) * 3 * c) + (h * hs), hs);
                    var dquery = dq.Slice(((start + t) * 3 * c) + (h * hs), hs);
                    for (var u = 0; u <= t; u++)
                    {
                        var dpre = row[u] * (datt[u] - dot) * scale;
                        var key = q.Slice(((start + u) * 3 * c) + c + (h * hs), hs);
                        var dkey = dq.Slice(((start + u) * 3 * c) + c + (h * hs), hs);
                        SmallVector.Axpy(dpre, key, dquery);
                        SmallVector.Axpy(dpre, query, dkey);
                    }
                }
            }
        }, minPerRange: 4);
    }

    /// <summary>Size of the probability buffer for a batch: Σ heads · T_s².</summary>
    public static int[] AttentionOffsets(int[] offsets, int sequences, int heads)
    {
        var result = new int[sequences + 1];
        for (var s = 0; s < sequences; s++)
        {
            var len = offsets[s + 1] - offsets[s];
            result[s + 1] = result[s] + (heads * len * len);
        }

        return result;
    }

    private static int MaxLength(int[] offsets, int sequences)
    {
        var max = 0;
        for (var s = 0; s < sequences; s++)
        {
            max = Math.Max(max, offsets[s + 1] - offsets[s]);
        }

        return max;
    }
}
