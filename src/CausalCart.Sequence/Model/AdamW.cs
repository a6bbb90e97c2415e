using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Model;

/// <summary>
/// AdamW (Loshchilov and Hutter 2019, Algorithm 2) exactly as PyTorch 1.13's <c>torch.optim.AdamW</c>
/// computes it, with decoupled weight decay on matrices and embeddings only. Embedding tables can be
/// updated lazily: only the rows a batch touched get their moments and weights updated (as TensorFlow's
/// LazyAdam and PyTorch's SparseAdam do), so a sampled-softmax step costs O(rows touched), not O(V).
/// </summary>
internal sealed class AdamW
{
    private readonly Arena _parameters;
    private readonly Compute _compute;

    /// <summary>Creates zeroed first and second moments with the parameters' layout.</summary>
    public AdamW(Arena parameters, Compute compute, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        _parameters = parameters;
        _compute = compute;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        FirstMoment = parameters.CloneLayout();
        SecondMoment = parameters.CloneLayout();
    }

    /// <summary>β₁.</summary>
    public float Beta1 { get; }

    /// <summary>β₂.</summary>
    public float Beta2 { get; }

    /// <summary>ε added to √v̂.</summary>
    public float Epsilon { get; }

    /// <summary>Number of updates applied (the bias-correction step t).</summary>
    public int Step { get; set; }

    /// <summary>m, parameter layout.</summary>
    public Arena FirstMoment { get; }

    /// <summary>v, parameter layout.</summary>
    public Arena SecondMoment { get; }

    /// <summary>
    /// One update. <paramref name="sparseRows"/> maps a tensor index to the rows (of width
    /// <c>shape[1]</c>) that received gradient; tensors absent from it are updated densely.
    /// </summary>
    public void Update(Arena gradients, float learningRate, float weightDecay, IReadOnlyDictionary<int, List<int>>? sparseRows = null)
    {
        Step++;
        var bc1 = 1.0 - Math.Pow(Beta1, Step);
        var bc2Sqrt = Math.Sqrt(1.0 - Math.Pow(Beta2, Step));
        var stepSize = (float)(learningRate / bc1);
        var tensors = _parameters.Tensors;
        for (var i = 0; i < tensors.Count; i++)
        {
            var info = tensors[i];
            var decay = Weights.Decays(info) ? 1f - (learningRate * weightDecay) : 1f;
            var p = _parameters.Get(i);
            var g = gradients.Get(i);
            var m = FirstMoment.Get(i);
            var v = SecondMoment.Get(i);
            if (sparseRows is not null && sparseRows.TryGetValue(i, out var rows))
            {
                var width = info.Shape[1];
                _compute.For(rows.Count, (r0, r1) =>
                {
                    for (var r = r0; r < r1; r++)
                    {
                        var start = rows[r] * width;
                        UpdateRange(p.Span.Slice(start, width), g.Span.Slice(start, width), m.Span.Slice(start, width), v.Span.Slice(start, width), decay, stepSize, (float)bc2Sqrt);
                    }
                }, minPerRange: 256);
            }
            else
            {
                _compute.For(info.Length, (e0, e1) =>
                    UpdateRange(p.Span[e0..e1], g.Span[e0..e1], m.Span[e0..e1], v.Span[e0..e1], decay, stepSize, (float)bc2Sqrt), minPerRange: 65536);
            }
        }
    }

    private void UpdateRange(Span<float> p, Span<float> g, Span<float> m, Span<float> v, float decay, float stepSize, float bc2Sqrt)
    {
        float b1 = Beta1, b2 = Beta2, eps = Epsilon;
        for (var j = 0; j < p.Length; j++)
        {
            var gj = g[j];
            var pj = p[j] * decay;
            var mj = (m[j] * b1) + ((1f - b1) * gj);
            var vj = (v[j] * b2) + ((1f - b2) * gj * gj);
            m[j] = mj;
            v[j] = vj;
            p[j] = pj - (stepSize * mj / ((MathF.Sqrt(vj) / bc2Sqrt) + eps));
        }
    }
}
