using System.Numerics.Tensors;
using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Layers;

/// <summary>
/// Next-item head with sampled softmax and log-Q correction, for catalogues too large for a full
/// softmax (Jean et al. 2015; Yi et al. 2019, eq. 3). The S negatives are shared by the batch and
/// drawn with replacement from Q; every logit, positive and negative, is corrected by −log(S·Q(i)),
/// and a negative equal to a token's own target ("accidental hit") is removed from that token's row.
/// </summary>
internal static class SampledSoftmaxHead
{
    /// <summary>
    /// Loss Σ_t weight·CE_t over tokens with targets[t] ≥ 0. negatives (S) are item rows; logQ (V) holds
    /// log(S·Q(i)). When <paramref name="computeGradients"/>, dh (N, C) is overwritten and the rows of
    /// dtable (V, C) for targets and negatives accumulated. Scratch: negE and dnegE S·C floats,
    /// negET C·S, logits N·S.
    /// </summary>
    public static double ForwardBackward(Compute compute, Slice h, Slice table, int[] targets, int[] negatives, float[] logQ, float weight, Slice dh, Slice dtable, Slice negE, Slice negET, Slice dnegE, Slice logits, int n, int c, bool computeGradients)
    {
        var s = negatives.Length;
        var tab = table.Span;
        for (var j = 0; j < s; j++)
        {
            tab.Slice(negatives[j] * c, c).CopyTo(negE.Span.Slice(j * c, c)); // (S, C)
        }

        MatMul.Transpose(negE.Span, negET.Span, s, c);                        // (C, S)
        var lg = logits.Sub(0, n * s);                                          // (N, S)
        MatMul.Multiply(compute, h, negET, lg, n, c, s, accumulate: false);
        var rowLoss = new double[n];
        var dpos = new float[n];
        compute.For(n, (i0, i1) =>
        {
            var span = lg.Span;
            var hh = h.Span;
            var tb = table.Span;
            var probs = new float[s + 1];
            for (var i = i0; i < i1; i++)
            {
                var row = span.Slice(i * s, s);
                var y = targets[i];
                if (y < 0)
                {
                    row.Clear();
                    continue;
                }

                // Column 0 is the positive; 1..S the negatives.
                probs[0] = TensorPrimitives.Dot(hh.Slice(i * c, c), tb.Slice(y * c, c)) - logQ[y];
                for (var j = 0; j < s; j++)
                {
                    probs[j + 1] = negatives[j] == y ? float.NegativeInfinity : row[j] - logQ[negatives[j]];
                }

                var positive = probs[0];
                var lse = StableSoftmax.Softmax(probs, probs);
                rowLoss[i] = weight * ((double)lse - positive);
                dpos[i] = weight * (probs[0] - 1f);
                for (var j = 0; j < s; j++)
                {
                    row[j] = weight * probs[j + 1];
                }
            }
        }, minPerRange: 16);

        if (computeGradients)
        {
            MatMul.Multiply(compute, lg, negE, dh, n, s, c, accumulate: false);  // dh = dneg · negE
            var dt = dtable.Span;
            var hh = h.Span;
            var tb = table.Span;
            var dhs = dh.Span;
            for (var i = 0; i < n; i++)
            {
                var y = targets[i];
                if (y < 0)
                {
                    continue;
                }

                var dRow = dhs.Slice(i * c, c);
                TensorPrimitives.MultiplyAdd(tb.Slice(y * c, c), dpos[i], dRow, dRow);
                var dTarget = dt.Slice(y * c, c);
                TensorPrimitives.MultiplyAdd(hh.Slice(i * c, c), dpos[i], dTarget, dTarget);
            }

            MatMul.Multiply(compute, lg, h, dnegE, s, n, c, accumulate: false, transposeA: true); // (S, C) = dnegᵀ · h
            for (var j = 0; j < s; j++)
            {
                var dRow = dt.Slice(negatives[j] * c, c);
                TensorPrimitives.Add(dRow, dnegE.Span.Slice(j * c, c), dRow);
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
