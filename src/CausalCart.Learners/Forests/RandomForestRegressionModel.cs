using CausalCart.Numerics;

namespace CausalCart.Learners.Forests;

/// <summary>A fitted <see cref="RandomForestRegressor"/>: immutable and thread-safe.</summary>
public sealed class RandomForestRegressionModel : IRegressionModel
{
    private readonly ForestEnsemble _forest;
    private readonly double[] _oob;
    private readonly double[] _importance;

    internal RandomForestRegressionModel(ForestEnsemble forest, ReadOnlySpan<double> target, ReadOnlySpan<double> weights)
    {
        _forest = forest;
        _oob = forest.Oob;
        _importance = forest.Importance;
        double sw = 0, swy = 0;
        int used = 0;
        for (int i = 0; i < target.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            if (!double.IsNaN(_oob[i]) && w > 0)
            {
                sw += w;
                swy += w * target[i];
                used++;
            }
        }

        double mean = swy / sw, sse = 0, sst = 0;
        for (int i = 0; i < target.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            if (!double.IsNaN(_oob[i]) && w > 0)
            {
                sse += w * (target[i] - _oob[i]) * (target[i] - _oob[i]);
                sst += w * (target[i] - mean) * (target[i] - mean);
            }
        }

        OobRows = used;
        OobMeanSquaredError = used > 0 ? sse / sw : double.NaN;
        OobRSquared = used > 0 && sst > 0 ? 1 - (sse / sst) : double.NaN;
    }

    /// <summary>The trees (tests and the causal forest read them).</summary>
    internal ForestEnsemble Forest => _forest;

    /// <inheritdoc/>
    public int FeatureCount => _forest.FeatureCount;

    /// <summary>Number of trees.</summary>
    public int TreeCount => _forest.Trees.Length;

    /// <summary>
    /// Out-of-bag prediction of each training row (length n): the mean over the trees that did not draw it. NaN for a
    /// row every tree drew (possible only with few trees; such rows are left out of <see cref="OobRSquared"/>).
    /// </summary>
    public IReadOnlyList<double> OobPredictions => _oob;

    /// <summary>Training rows with positive weight and an out-of-bag prediction.</summary>
    public int OobRows { get; }

    /// <summary>Weighted out-of-bag mean squared error Σw(y − ŷ)²/Σw over <see cref="OobRows"/>; NaN when there are none.</summary>
    public double OobMeanSquaredError { get; }

    /// <summary>Out-of-bag R² = 1 − Σw(y − ŷ)² / Σw(y − ȳ)² over <see cref="OobRows"/>; NaN when there are none or y is constant.</summary>
    public double OobRSquared { get; }

    /// <summary>
    /// Impurity importance per feature (length p): the decrease of the weighted sum of squares Σw(y − ȳ_node)² achieved
    /// by the splits on that feature, summed over each tree and averaged over trees (ranger's "impurity" importance, in
    /// units of weight × target²). Honest trees measure it on their split halves.
    /// </summary>
    public IReadOnlyList<double> ImpurityImportance => _importance;

    /// <inheritdoc/>
    /// <remarks>Parallel over row chunks; each row's tree sum runs in tree order, so results never depend on threads.</remarks>
    public void Predict(Matrix features, Span<double> destination) => _forest.Predict(features, destination);
}
