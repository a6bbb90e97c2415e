using CausalCart.Numerics;

namespace CausalCart.Learners.Boosting;

/// <summary>A fitted boosted binary classifier; immutable and thread-safe.</summary>
public sealed class GradientBoostedTreesClassificationModel : IClassificationModel
{
    private readonly BoostedEnsemble _ensemble;

    internal GradientBoostedTreesClassificationModel(BoostedEnsemble ensemble)
    {
        _ensemble = ensemble;
    }

    /// <inheritdoc/>
    public int FeatureCount => _ensemble.FeatureCount;

    /// <summary>Trees kept (with early stopping: up to and including the best validation round).</summary>
    public int TreeCount => _ensemble.Trees.Length;

    /// <summary>Validation log-loss after each round grown; empty without early stopping.</summary>
    public IReadOnlyList<double> ValidationLosses => Array.AsReadOnly(_ensemble.ValidationLosses);

    /// <summary>Split-gain and split-count importance of each feature.</summary>
    public BoostingFeatureImportance FeatureImportance => _ensemble.Importance;

    /// <summary>Writes P(y = 1 | row) = sigmoid(raw score). NaN features follow each split's learned missing-value direction.</summary>
    /// <exception cref="ArgumentException">Column count differs from <see cref="FeatureCount"/>, length mismatch, or a ±∞ feature (row named).</exception>
    public void PredictProbability(Matrix features, Span<double> destination)
    {
        _ensemble.PredictRaw(features, destination);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = StableMath.Sigmoid(destination[i]);
        }
    }

    /// <summary>Writes the raw scores (log-odds).</summary>
    /// <exception cref="ArgumentException">As for <see cref="PredictProbability"/>.</exception>
    public void PredictRaw(Matrix features, Span<double> destination) => _ensemble.PredictRaw(features, destination);
}
