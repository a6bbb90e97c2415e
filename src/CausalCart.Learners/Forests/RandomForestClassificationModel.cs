using CausalCart.Numerics;

namespace CausalCart.Learners.Forests;

/// <summary>A fitted <see cref="RandomForestClassifier"/>: immutable and thread-safe.</summary>
public sealed class RandomForestClassificationModel : IClassificationModel
{
    private readonly ForestEnsemble _forest;
    private readonly double[] _oob;
    private readonly double[] _importance;

    internal RandomForestClassificationModel(ForestEnsemble forest, ReadOnlySpan<double> target, ReadOnlySpan<double> weights)
    {
        _forest = forest;
        _oob = forest.Oob;
        _importance = forest.Importance;
        var scores = new List<double>();
        var labels = new List<double>();
        double sw = 0, correct = 0;
        for (int i = 0; i < target.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            if (!double.IsNaN(_oob[i]) && w > 0)
            {
                scores.Add(_oob[i]);
                labels.Add(target[i]);
                sw += w;
                correct += (_oob[i] > 0.5 ? 1.0 : 0.0) == target[i] ? w : 0;
            }
        }

        OobRows = scores.Count;
        OobAccuracy = OobRows > 0 ? correct / sw : double.NaN;
        bool bothClasses = labels.Contains(0) && labels.Contains(1);
        OobAuc = bothClasses ? Metrics.Auc(scores.ToArray(), labels.ToArray()) : double.NaN;
    }

    /// <summary>The trees (tests and the causal forest read them).</summary>
    internal ForestEnsemble Forest => _forest;

    /// <inheritdoc/>
    public int FeatureCount => _forest.FeatureCount;

    /// <summary>Number of trees.</summary>
    public int TreeCount => _forest.Trees.Length;

    /// <summary>
    /// Out-of-bag P(y = 1) of each training row (length n); NaN for a row every tree drew (left out of the OOB metrics).
    /// </summary>
    public IReadOnlyList<double> OobProbabilities => _oob;

    /// <summary>Training rows with positive weight and an out-of-bag probability.</summary>
    public int OobRows { get; }

    /// <summary>Weighted share of <see cref="OobRows"/> whose out-of-bag probability is on the right side of 0.5 (0.5 counts as 0).</summary>
    public double OobAccuracy { get; }

    /// <summary>Unweighted out-of-bag AUC (<see cref="Metrics.Auc"/>); NaN when one class has no out-of-bag row.</summary>
    public double OobAuc { get; }

    /// <summary>Impurity importance per feature (length p): the decrease of Σw(y − p̂_node)² achieved by the splits on it
    /// (half their weighted Gini decrease), summed per tree and averaged over trees.</summary>
    public IReadOnlyList<double> ImpurityImportance => _importance;

    /// <inheritdoc/>
    public void PredictProbability(Matrix features, Span<double> destination) => _forest.Predict(features, destination);
}
