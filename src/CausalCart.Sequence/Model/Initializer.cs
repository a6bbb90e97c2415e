using CausalCart.Sequence.Kernels;
using CausalCart.Sequence.Tensors;

namespace CausalCart.Sequence.Model;

/// <summary>
/// Parameter initialisation as GPT-2/llm.c: weights and embeddings ~ N(0, σ²), the output projections
/// of each residual branch scaled by 1/√(2L), layer-norm weights 1 and all biases 0. Deterministic
/// given the seed: tensor i draws from its own counter-based stream.
/// </summary>
internal static class Initializer
{
    /// <summary>Fills <paramref name="parameters"/> in place.</summary>
    public static void Initialize(Arena parameters, ModelShape shape, ulong seed, float std = 0.02f)
    {
        var tensors = parameters.Tensors;
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            var span = parameters.Get(i).Span;
            if (t.Name.Contains(".ln", StringComparison.Ordinal) || t.Name.StartsWith("ln_", StringComparison.Ordinal))
            {
                span.Fill(t.Name.EndsWith(".weight", StringComparison.Ordinal) ? 1f : 0f);
                continue;
            }

            if (t.Shape.Length == 1)
            {
                span.Clear();
                continue;
            }

            var scale = t.Name.EndsWith("proj.weight", StringComparison.Ordinal) ? std / MathF.Sqrt(2 * shape.Layers) : std;
            var rng = Rng.For(seed, 0xC0FFEE, (ulong)i);
            for (var j = 0; j < span.Length; j++)
            {
                span[j] = rng.NextGaussian() * scale;
            }
        }
    }
}
