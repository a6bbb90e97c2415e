using System.Runtime.CompilerServices;
using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal.Forest;

/// <summary>
/// A fitted causal forest: predicts the conditional average treatment effect τ(x) = E[Y(1) − Y(0) | X = x] and its
/// little-bags standard error at new effect-modifier rows. Immutable and thread-safe.
/// </summary>
public sealed class CausalForestModel
{
    private readonly CausalTree[] _trees;

    internal CausalForestModel(CausalTree[] trees, int bagSize, IReadOnlyList<string> effectModifiers)
    {
        _trees = trees;
        BagSize = bagSize;
        EffectModifiers = effectModifiers;
    }

    /// <summary>The effect modifiers X, in the column order <see cref="PredictEffect"/> expects.</summary>
    public IReadOnlyList<string> EffectModifiers { get; }

    /// <summary>Number of causal trees.</summary>
    public int TreeCount => _trees.Length;

    /// <summary>Trees per little bag.</summary>
    public int BagSize { get; }

    internal CausalTree[] Trees => _trees;

    /// <summary>
    /// Writes τ̂(x) and its standard error for each row of <paramref name="effectModifiers"/> (shape (n, q), columns as in
    /// <see cref="EffectModifiers"/>), using every tree. Parallel over rows; each row is computed in tree order, so the
    /// output never depends on the thread count.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong column count, a destination of the wrong length, or a NaN/∞ value (row named).</exception>
    /// <exception cref="InvalidOperationException">The forest's weights give no treatment variation at a row (no effect can be formed there).</exception>
    public void PredictEffect(Matrix effectModifiers, Span<double> cate, Span<double> stdError)
    {
        ArgumentNullException.ThrowIfNull(effectModifiers);
        if (effectModifiers.Cols != EffectModifiers.Count)
        {
            throw new ArgumentException($"The forest was fitted on {EffectModifiers.Count} effect modifiers ({string.Join(", ", EffectModifiers)}); this matrix has {effectModifiers.Cols} columns.", nameof(effectModifiers));
        }

        if (cate.Length != effectModifiers.Rows || stdError.Length != effectModifiers.Rows)
        {
            throw new ArgumentException($"Destinations have {cate.Length} and {stdError.Length} slots for {effectModifiers.Rows} rows.", nameof(cate));
        }

        ReadOnlySpan<double> cells = effectModifiers.Data;
        for (int k = 0; k < cells.Length; k++)
        {
            if (!double.IsFinite(cells[k]))
            {
                throw new ArgumentException($"Effect modifier '{EffectModifiers[k % effectModifiers.Cols]}' is {cells[k]} at row {k / effectModifiers.Cols}; values must be finite.", nameof(effectModifiers));
            }
        }

        int n = effectModifiers.Rows;
        var tau = new double[n];
        var variance = new double[n];
        int bags = _trees.Length / BagSize;
        DeterministicParallel.For(n, 1024, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (s, e) =>
        {
            var stats = new double[_trees.Length * CausalTree.Width];
            var used = new bool[bags];
            Array.Fill(used, true);
            for (int i = s; i < e; i++)
            {
                ReadOnlySpan<double> row = effectModifiers.Row(i);
                for (int b = 0; b < _trees.Length; b++)
                {
                    int leaf = _trees[b].Tree.LeafRaw(row);
                    _trees[b].Stats.AsSpan(leaf * CausalTree.Width, CausalTree.Width).CopyTo(stats.AsSpan(b * CausalTree.Width));
                }

                (tau[i], variance[i]) = LittleBags.Evaluate(stats, used, BagSize);
            }
        });

        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(tau[i]) || !double.IsFinite(variance[i]))
            {
                throw new InvalidOperationException($"Row {i}: the forest's neighbourhood has no treatment variation, so no effect can be estimated there.");
            }

            cate[i] = tau[i];
            stdError[i] = Math.Sqrt(variance[i]);
        }
    }
}
