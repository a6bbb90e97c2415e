using CausalCart.Numerics;

namespace CausalCart.Learners.Linear;

/// <summary>
/// Lasso, ridge and elastic-net linear regression with an unpenalised intercept, minimising
/// (1/(2Σw))·Σ w_i (y_i − b − x_iᵀc)² + α·ρ·Σ_j f_j|c_j| + ½·α·(1 − ρ)·Σ_j f_j² c_j²
/// with f_j = 1 (penalty on raw slopes: exactly scikit-learn's Lasso / ElasticNet objective with sample weights) or
/// f_j = s_j, the feature's weighted standard deviation (<see cref="ElasticNetOptions.Standardize"/>, glmnet's default).
/// Solved by cyclic coordinate descent with covariance updates and an active set on the standardised Gram matrix
/// (ridge, ρ = 0, in closed form). Deterministic; thread-safe.
/// </summary>
/// <remarks>
/// Cost: one O(n·p²) Gram pass (SIMD, parallel, reduced in chunk order), then O(p²) per coordinate-descent sweep,
/// independent of n; memory O(p²), which suits n ≫ p (the design is never copied). Constant columns get coefficient 0.
/// Reference: Friedman, Hastie &amp; Tibshirani (2010), J. Stat. Softw. 33(1). For a path of α values and
/// cross-validated α use <see cref="ElasticNetCV"/>.
/// </remarks>
public sealed class ElasticNet : IRegressor
{
    /// <summary>Creates the learner.</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is negative or not finite, ρ is outside [0, 1], the tolerance is
    /// not positive or the sweep budget is below 1.</exception>
    public ElasticNet(ElasticNetOptions? options = null)
    {
        Options = options ?? new ElasticNetOptions();
        Validate(Options.Alpha, Options.L1Ratio, Options.Tolerance, Options.MaxSweeps);
    }

    /// <summary>The options (never modified by fitting).</summary>
    public ElasticNetOptions Options { get; }

    /// <inheritdoc cref="IRegressor.Fit"/>
    /// <exception cref="ArgumentException">Also for ridge (ρ = 0) with α = 0 and collinear features.</exception>
    public ElasticNetModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default)
    {
        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget: false);
        var problem = new PenalizedLeastSquares(features, target.ToArray(), w, Options.Standardize);
        var beta = new double[problem.Design.Width];
        (int sweeps, bool converged) = problem.Solve(Options.Alpha, Options.L1Ratio, beta, Options.Tolerance, Options.MaxSweeps);
        return new ElasticNetModel(problem.Design, beta, Options.Alpha, Options.L1Ratio, sweeps, converged);
    }

    /// <summary>
    /// Fits the whole regularisation path for <paramref name="alphas"/> (sorted into descending order), each fit warm
    /// started from the previous one, with <see cref="ElasticNetOptions.L1Ratio"/>, Standardize, Tolerance and
    /// MaxSweeps from the options (their Alpha is ignored). Empty <paramref name="alphas"/> gives the default path:
    /// 100 values log-spaced from <see cref="AlphaMax"/> down to 1e-3 × that.
    /// </summary>
    /// <returns>One model per α, in descending α order.</returns>
    /// <exception cref="ArgumentException">Invalid data (as <see cref="Fit"/>) or a negative / non-finite α.</exception>
    public IReadOnlyList<ElasticNetModel> Path(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default, IReadOnlyList<double>? alphas = null)
    {
        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget: false);
        var problem = new PenalizedLeastSquares(features, target.ToArray(), w, Options.Standardize);
        double[] grid = alphas is { Count: > 0 } ? CheckAlphas(alphas) : DefaultAlphas(problem.AlphaMax(Options.L1Ratio), 100, 1e-3);
        return SolvePath(problem, grid, Options);
    }

    /// <summary>
    /// The smallest α at which every slope is 0 (for ρ = 0, the value for ρ = 0.001, as glmnet does):
    /// max_j |Σ w z_j (y − ȳ)| / (Σw·ρ·f_j) in standardised coordinates.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid data (as <see cref="Fit"/>).</exception>
    public double AlphaMax(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default)
    {
        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget: false);
        return new PenalizedLeastSquares(features, target.ToArray(), w, Options.Standardize).AlphaMax(Options.L1Ratio);
    }

    IRegressionModel IRegressor.Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights) =>
        Fit(features, target, sampleWeights);

    internal static ElasticNetModel[] SolvePath(PenalizedLeastSquares problem, double[] alphas, ElasticNetOptions options)
    {
        var models = new ElasticNetModel[alphas.Length];
        var beta = new double[problem.Design.Width];
        for (int a = 0; a < alphas.Length; a++)
        {
            (int sweeps, bool converged) = problem.Solve(alphas[a], options.L1Ratio, beta, options.Tolerance, options.MaxSweeps);
            models[a] = new ElasticNetModel(problem.Design, (double[])beta.Clone(), alphas[a], options.L1Ratio, sweeps, converged);
        }

        return models;
    }

    /// <summary><paramref name="count"/> values log-spaced from <paramref name="max"/> down to max·<paramref name="ratio"/>.</summary>
    internal static double[] DefaultAlphas(double max, int count, double ratio)
    {
        if (!(max > 0))
        {
            max = 1e-10; // constant target or no informative column: a token path, every fit is the mean
        }

        var grid = new double[count];
        for (int a = 0; a < count; a++)
        {
            grid[a] = count == 1 ? max : max * Math.Pow(ratio, a / (double)(count - 1));
        }

        return grid;
    }

    internal static void Validate(double alpha, double l1Ratio, double tolerance, int maxSweeps)
    {
        if (!double.IsFinite(alpha) || alpha < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be finite and >= 0.");
        }

        if (!(l1Ratio >= 0 && l1Ratio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio, "L1Ratio must be in [0, 1] (1 = lasso, 0 = ridge).");
        }

        if (!(tolerance > 0) || maxSweeps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), "Tolerance must be > 0 and MaxSweeps >= 1.");
        }
    }

    private static double[] CheckAlphas(IReadOnlyList<double> alphas)
    {
        foreach (double a in alphas)
        {
            if (!double.IsFinite(a) || a < 0)
            {
                throw new ArgumentException($"Penalty path value {a} is invalid; every alpha must be finite and >= 0.", nameof(alphas));
            }
        }

        return alphas.OrderDescending().ToArray();
    }
}
