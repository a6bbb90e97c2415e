using CausalCart.Numerics;

namespace CausalCart.Learners.Linear;

/// <summary>A fitted penalised linear model ŷ = Intercept + xᵀ·Coefficients. Immutable and thread-safe.</summary>
public sealed class ElasticNetModel : IRegressionModel
{
    private readonly double[] _coefficients;
    private readonly double[] _beta;

    internal ElasticNetModel(StandardizedDesign design, double[] beta, double alpha, double l1Ratio, int sweeps, bool converged)
    {
        _beta = beta;
        (Intercept, _coefficients) = design.ToRawScale(beta);
        Standardization = design.Standardization;
        Alpha = alpha;
        L1Ratio = l1Ratio;
        Sweeps = sweeps;
        Converged = converged;
    }

    /// <inheritdoc/>
    public int FeatureCount => _coefficients.Length;

    /// <summary>Intercept (never penalised).</summary>
    public double Intercept { get; }

    /// <summary>Slopes on the raw feature scale, length p; exact zeros where the L1 penalty removed a feature (and for constant columns).</summary>
    public ReadOnlySpan<double> Coefficients => _coefficients;

    /// <summary>Coefficients in the standardised design space (intercept first; constant columns left out).</summary>
    public ReadOnlySpan<double> StandardizedCoefficients => _beta;

    /// <summary>Number of non-zero slopes.</summary>
    public int NonZeroCount => _coefficients.Count(c => c != 0);

    /// <summary>The standardisation fitted on the training rows (weighted).</summary>
    public Standardization Standardization { get; }

    /// <summary>The penalty strength α.</summary>
    public double Alpha { get; }

    /// <summary>The L1 share ρ.</summary>
    public double L1Ratio { get; }

    /// <summary>Coordinate-descent sweeps taken (0 for the closed-form ridge solution).</summary>
    public int Sweeps { get; }

    /// <summary>Whether coordinate descent met its tolerance within the sweep budget.</summary>
    public bool Converged { get; }

    /// <inheritdoc/>
    public void Predict(Matrix features, Span<double> destination)
        => LearnerInput.PredictLinear(features, Intercept, _coefficients, destination);
}
