using CausalCart.Numerics;

namespace CausalCart.Learners.Boosting;

/// <summary>A fitted boosted regression ensemble; immutable and thread-safe.</summary>
public sealed class GradientBoostedTreesRegressionModel : IRegressionModel
{
    private readonly BoostedEnsemble _ensemble;

    internal GradientBoostedTreesRegressionModel(BoostedEnsemble ensemble, RegressionObjective objective)
    {
        _ensemble = ensemble;
        Objective = objective;
    }

    /// <inheritdoc/>
    public int FeatureCount => _ensemble.FeatureCount;

    /// <summary>The loss the model was fitted with.</summary>
    public RegressionObjective Objective { get; }

    /// <summary>Trees kept (with early stopping: up to and including the best validation round).</summary>
    public int TreeCount => _ensemble.Trees.Length;

    /// <summary>Validation loss (MSE, or Poisson deviance up to a constant) after each round grown; empty without early stopping.</summary>
    public IReadOnlyList<double> ValidationLosses => Array.AsReadOnly(_ensemble.ValidationLosses);

    /// <summary>Split-gain and split-count importance of each feature.</summary>
    public BoostingFeatureImportance FeatureImportance => _ensemble.Importance;

    /// <summary>
    /// Writes predictions: the raw score for squared error, exp(raw score) (the expected count) for Poisson. NaN features
    /// follow each split's learned missing-value direction.
    /// </summary>
    /// <exception cref="ArgumentException">Column count differs from <see cref="FeatureCount"/>, length mismatch, or a ±∞ feature (row named).</exception>
    public void Predict(Matrix features, Span<double> destination)
    {
        _ensemble.PredictRaw(features, destination);
        if (Objective == RegressionObjective.Poisson)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = Math.Exp(destination[i]);
            }
        }
    }

    /// <summary>Writes the raw scores (for Poisson the log of the expected count).</summary>
    /// <exception cref="ArgumentException">As for <see cref="Predict"/>.</exception>
    public void PredictRaw(Matrix features, Span<double> destination) => _ensemble.PredictRaw(features, destination);
}
