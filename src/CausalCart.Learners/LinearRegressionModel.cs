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
        => LearnerInput.PredictLinear(features, Intercept, _coefficients, destination);
}
