using CausalCart.Sequence.Kernels;

namespace CausalCart.Sequence.Layers;

/// <summary>
/// Losses on small logit matrices: softmax cross-entropy for the next action and the sigmoid
/// binary cross-entropy for purchase within the horizon. Both read logits produced by a
/// <see cref="Linear"/> layer and write ∂L/∂logits in place of nothing else.
/// </summary>
internal static class ClassifierHeads
{
    /// <summary>
    /// Σ_t weight·CE(logits_t (K), y_t) over tokens with y_t ≥ 0; dlogits (N, K) overwritten
    /// (zero rows where there is no target).
    /// </summary>
    public static double SoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<int> targets, float weight, Span<float> dlogits, int n, int k)
    {
        double loss = 0;
        for (var t = 0; t < n; t++)
        {
            var d = dlogits.Slice(t * k, k);
            var y = targets[t];
            if (y < 0)
            {
                d.Clear();
                continue;
            }

            var row = logits.Slice(t * k, k);
            var lse = StableSoftmax.Softmax(row, d);
            loss += weight * ((double)lse - row[y]);
            d[y] -= 1f;
            for (var i = 0; i < k; i++)
            {
                d[i] *= weight;
            }
        }

        return loss;
    }

    /// <summary>
    /// Σ_t weight·mask_t·BCE(σ(z_t), y_t), computed stably as softplus(z) − y·z; dz (N) overwritten.
    /// </summary>
    public static double SigmoidBinaryCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> labels, ReadOnlySpan<float> mask, float weight, Span<float> dlogits, int n)
    {
        double loss = 0;
        for (var t = 0; t < n; t++)
        {
            if (mask[t] == 0)
            {
                dlogits[t] = 0;
                continue;
            }

            var z = logits[t];
            var y = labels[t];
            var softplus = MathF.Max(z, 0) + MathF.Log(1f + MathF.Exp(-MathF.Abs(z)));
            loss += weight * mask[t] * ((double)softplus - (y * z));
            var p = 1f / (1f + MathF.Exp(-z));
            dlogits[t] = weight * mask[t] * (p - y);
        }

        return loss;
    }
}
