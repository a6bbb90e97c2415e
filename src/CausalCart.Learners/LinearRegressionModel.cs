using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>A fitted linear model ŷ = Intercept + x'·Coefficients. Immutable and thread-safe.</summary>
public sealed class LinearRegressionModel : IRegressionModel
{
    private readonly double[] _beta;
    private readonly double[] _coefficients;

    internal LinearRegressionModel(Standardization standardization, double[] beta, StandardizedDesign design, double l2)
    {
        Standardization = standardization;
        _beta = beta;
        L2 = l2;
        (Intercept, _coefficients) = design.ToRawScale(beta);
    }

    /// <inheritdoc/>
    public int FeatureCount => _coefficients.Length;

    /// <summary>Intercept on the raw feature scale.</summary>
    public double Intercept { get; }

    /// <summary>Slopes on the raw feature scale, length p (0 for constant columns).</summary>
    public ReadOnlySpan<double> Coefficients => _coefficients;

    /// <summary>Coefficients in the standardised design space (intercept first), length 1 + active columns.</summary>
    public ReadOnlySpan<double> StandardizedCoefficients => _beta;

    /// <summary>The standardisation fitted on the training rows (weighted).</summary>
    public Standardization Standardization { get; }

    /// <summary>The ridge penalty used.</summary>
    public double L2 { get; }

    /// <inheritdoc/>
    public void Predict(Matrix features, Span<double> destination)
    {
        LearnerInput.CheckPredict(features, FeatureCount, destination.Length);
        for (int i = 0; i < features.Rows; i++)
        {
            double v = Intercept + Kernels.Dot(features.Row(i), _coefficients);
            if (!double.IsFinite(v))
            {
                LearnerInput.CheckFinite(features);
                throw new ArgumentException($"Prediction at row {i} is not finite ({v}); a feature is too large.", nameof(features));
            }

            destination[i] = v;
        }
    }
}
