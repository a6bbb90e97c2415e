using System.Collections.Immutable;
using CausalCart.Numerics;

namespace CausalCart.Learners.Stacking;

/// <summary>
/// A fitted <see cref="StackedRegressor"/>: ŷ(x) = Σ_c Weights[c]·f_c(x) over the candidates refitted on all rows,
/// with the cross-validation summary that chose the weights. Immutable and thread-safe.
/// </summary>
public sealed class StackedRegressionModel : IRegressionModel
{
    private readonly IRegressionModel?[] _models;

    internal StackedRegressionModel(
        int featureCount,
        ImmutableArray<string> candidateNames,
        ImmutableArray<double> weights,
        ImmutableArray<double> candidateCvRisks,
        double stackCvRisk,
        int bestCandidate,
        IRegressionModel?[] models)
    {
        FeatureCount = featureCount;
        CandidateNames = candidateNames;
        Weights = weights;
        CandidateCvRisks = candidateCvRisks;
        StackCvRisk = stackCvRisk;
        BestCandidate = bestCandidate;
        _models = models;
    }

    /// <inheritdoc/>
    public int FeatureCount { get; }

    /// <summary>The candidates' names, in the order of the options.</summary>
    public ImmutableArray<string> CandidateNames { get; }

    /// <summary>Each candidate's weight: ≥ 0, summing to 1; candidates with weight 0 were not refitted.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Each candidate's K-fold cross-validated risk: the weighted mean squared error of its out-of-fold
    /// predictions over the rows of positive weight.</summary>
    public ImmutableArray<double> CandidateCvRisks { get; }

    /// <summary>The same risk for the weighted combination of the out-of-fold predictions. The weights were fitted on these
    /// predictions, so this is optimistic by a little (k weights on n rows); for a single candidate it is that candidate's risk.</summary>
    public double StackCvRisk { get; }

    /// <summary>Index of the candidate with the smallest CV risk (first on ties).</summary>
    public int BestCandidate { get; }

    /// <inheritdoc/>
    public void Predict(Matrix features, Span<double> destination)
    {
        LearnerInput.CheckPredict(features, FeatureCount, destination.Length);
        destination.Clear();
        var buffer = new double[destination.Length]; // (n) one candidate's predictions
        for (int c = 0; c < _models.Length; c++)
        {
            if (_models[c] is { } model)
            {
                model.Predict(features, buffer);
                double weight = Weights[c];
                for (int i = 0; i < buffer.Length; i++)
                {
                    destination[i] += weight * buffer[i];
                }
            }
        }
    }
}
