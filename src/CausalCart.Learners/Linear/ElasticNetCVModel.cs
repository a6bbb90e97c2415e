using CausalCart.Numerics;

namespace CausalCart.Learners.Linear;

/// <summary>The elastic net refitted at the cross-validated α, with the cross-validation curve. Immutable and thread-safe.</summary>
public sealed class ElasticNetCVModel : IRegressionModel
{
    private readonly double[] _alphas;
    private readonly double[] _meanError;
    private readonly double[] _standardError;

    internal ElasticNetCVModel(ElasticNetModel model, double[] alphas, double[] meanError, double[] standardError, double alphaMin, double alphaOneSe)
    {
        Model = model;
        _alphas = alphas;
        _meanError = meanError;
        _standardError = standardError;
        AlphaMinimum = alphaMin;
        AlphaOneStandardError = alphaOneSe;
    }

    /// <summary>The model fitted on all rows at the chosen α (<see cref="ElasticNetModel.Alpha"/>).</summary>
    public ElasticNetModel Model { get; }

    /// <summary>The α path, descending.</summary>
    public ReadOnlySpan<double> Alphas => _alphas;

    /// <summary>Mean held-out weighted MSE over the folds, one per α.</summary>
    public ReadOnlySpan<double> MeanError => _meanError;

    /// <summary>Standard error of <see cref="MeanError"/> (fold standard deviation / √K), one per α.</summary>
    public ReadOnlySpan<double> StandardError => _standardError;

    /// <summary>The α with the smallest mean error (lambda.min).</summary>
    public double AlphaMinimum { get; }

    /// <summary>The largest α within one standard error of the minimum (lambda.1se).</summary>
    public double AlphaOneStandardError { get; }

    /// <inheritdoc/>
    public int FeatureCount => Model.FeatureCount;

    /// <inheritdoc/>
    public void Predict(Matrix features, Span<double> destination) => Model.Predict(features, destination);
}
