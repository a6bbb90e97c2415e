using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>A fitted logistic model P(y = 1 | x) = σ(Intercept + x'·Coefficients). Immutable and thread-safe.</summary>
public sealed class LogisticRegressionModel : IClassificationModel
{
    private readonly double[] _beta;
    private readonly double[] _coefficients;

    internal LogisticRegressionModel(StandardizedDesign design, double[] beta, double l2, int iterations, bool converged)
    {
        Standardization = design.Standardization;
        _beta = beta;
        L2 = l2;
        Iterations = iterations;
        Converged = converged;
        (Intercept, _coefficients) = design.ToRawScale(beta);
    }

    /// <inheritdoc/>
    public int FeatureCount => _coefficients.Length;

    /// <summary>Intercept (log-odds) on the raw feature scale.</summary>
    public double Intercept { get; }

    /// <summary>Log-odds slopes on the raw feature scale, length p (0 for constant columns).</summary>
    public ReadOnlySpan<double> Coefficients => _coefficients;

    /// <summary>Coefficients in the standardised design space (intercept first).</summary>
    public ReadOnlySpan<double> StandardizedCoefficients => _beta;

    /// <summary>The standardisation fitted on the training rows (weighted).</summary>
    public Standardization Standardization { get; }

    /// <summary>The penalty used.</summary>
    public double L2 { get; }

    /// <summary>Newton iterations taken.</summary>
    public int Iterations { get; }

    /// <summary>Whether the tolerance was met within the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>Writes the linear predictor (log-odds) for each row into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">Shape mismatch or a non-finite feature.</exception>
    public void PredictLogOdds(Matrix features, Span<double> destination)
    {
        LearnerInput.CheckPredict(features, FeatureCount, destination.Length);
        for (int i = 0; i < features.Rows; i++)
        {
            double eta = Intercept + Kernels.Dot(features.Row(i), _coefficients);
            if (double.IsNaN(eta))
            {
                LearnerInput.CheckFinite(features);
                throw new ArgumentException($"Log-odds at row {i} is NaN.", nameof(features));
            }

            destination[i] = eta;
        }
    }

    /// <inheritdoc/>
    public void PredictProbability(Matrix features, Span<double> destination)
    {
        PredictLogOdds(features, destination);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = StableMath.Sigmoid(destination[i]);
        }
    }
}
