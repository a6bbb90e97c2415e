using CausalCart.Learners.Linear;
using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>A fitted logistic model P(y = 1 | x) = σ(Intercept + x'·Coefficients). Immutable and thread-safe.</summary>
public sealed class LogisticRegressionModel : IClassificationModel
{
    private readonly double[] _beta;
    private readonly double[] _coefficients;

    internal LogisticRegressionModel(StandardizedDesign design, double[] beta, double l2, int iterations, bool converged, double l1 = 0)
    {
        Standardization = design.Standardization;
        L1 = l1;
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

    /// <summary>The ridge penalty used.</summary>
    public double L2 { get; }

    /// <summary>The lasso penalty used.</summary>
    public double L1 { get; }

    /// <summary>Newton iterations taken.</summary>
    public int Iterations { get; }

    /// <summary>Whether the tolerance was met within the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>Writes the linear predictor (log-odds) for each row into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">Shape mismatch or a non-finite feature.</exception>
    public void PredictLogOdds(Matrix features, Span<double> destination)
        => LearnerInput.PredictLinear(features, Intercept, _coefficients, destination, allowInfinite: true);

    /// <inheritdoc/>
    public void PredictProbability(Matrix features, Span<double> destination)
    {
        PredictLogOdds(features, destination);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = StableMath.Sigmoid(destination[i]);
        }
    }

    /// <summary>
    /// The coefficient table (estimates, standard errors, z statistics, p-values, intervals) of an unpenalised fit
    /// (L1 = L2 = 0). Pass the same features, target and weights the model was fitted on.
    /// </summary>
    /// <remarks>
    /// With p_i the fitted probabilities and H = Σ w_i p_i(1 − p_i) z_i z_iᵀ (the observed information, z_i the design
    /// row): Classical H⁻¹; HC0 H⁻¹(Σ w_i²(y_i − p_i)² z_i z_iᵀ)H⁻¹; HC1 HC0·n/(n − k); Cluster
    /// G/(G − 1)·(n − 1)/(n − k)·H⁻¹(Σ_g s_g s_gᵀ)H⁻¹ with s_g = Σ_{i∈g} w_i(y_i − p_i)z_i. Computed in the standardised
    /// design and mapped exactly to the raw scale. These are statsmodels' Logit formulas for cov_type nonrobust, HC0
    /// and cluster; statsmodels 0.13 reports HC1 for Logit without the n/(n − k) factor (equal to its HC0), this
    /// applies it. Constant feature columns are reported as aliased. Weights act as frequency weights.
    /// </remarks>
    /// <exception cref="ArgumentException">The model is penalised; HC2/HC3 requested; the data do not satisfy the
    /// fitted model's score equations (not the fitted data, or the fit did not converge); n ≤ k; bad cluster ids.</exception>
    public CoefficientTable Inference(Matrix features, ReadOnlySpan<double> target, InferenceOptions? options = null, ReadOnlySpan<double> sampleWeights = default)
    {
        options ??= new InferenceOptions();
        InferenceChecks.CheckLevel(options);
        if (L1 != 0 || L2 != 0)
        {
            throw new ArgumentException(
                $"Standard errors need an unpenalised fit; this model has L1 = {L1}, L2 = {L2}. Refit with LogisticRegressionOptions(L2: 0).", nameof(options));
        }

        CovarianceType covariance = options.EffectiveCovariance;
        if (covariance.Kind is CovarianceKind.HC2 or CovarianceKind.HC3)
        {
            throw new ArgumentException($"{covariance.Kind} is defined for least squares only; use Classical, HC0, HC1 or Cluster for logistic regression.", nameof(options));
        }

        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget: true);
        if (features.Cols != FeatureCount)
        {
            throw new ArgumentException($"The model was fitted on {FeatureCount} features; this matrix has {features.Cols}.", nameof(features));
        }

        var design = new StandardizedDesign(features, Standardization);
        int q = design.Width;
        int rows = features.Rows;
        double[] y = target.ToArray();
        var eta = new double[rows];
        design.Multiply(_beta, eta);
        var info = new double[rows];   // w·p(1 − p)
        var score = new double[rows];  // w·(y − p)
        var meatW = new double[rows];  // w²·(y − p)²
        int n = 0;
        double total = 0;
        for (int i = 0; i < rows; i++)
        {
            if (w[i] == 0)
            {
                continue;
            }

            double p = StableMath.Sigmoid(eta[i]);
            n++;
            total += w[i];
            info[i] = w[i] * p * (1 - p);
            score[i] = w[i] * (y[i] - p);
            meatW[i] = score[i] * score[i];
        }

        int k = q;
        if (n <= k)
        {
            throw new ArgumentException($"{n} rows cannot give standard errors for {k} coefficients; need more rows than coefficients.", nameof(features));
        }

        double[] gradient = design.TransposeMultiply(score);
        double[] h = design.Gram(info);
        for (int j = 0; j < q; j++)
        {
            // Score equations Σ w(y − p)z = 0 hold at the fitted optimum; a large gradient means other data or no convergence.
            if (Math.Abs(gradient[j]) > 1e-6 * Math.Max(1, Math.Sqrt(h[(j * q) + j] * total)))
            {
                throw new ArgumentException(
                    $"The score equations do not hold on these data (design column {j}: {gradient[j]:G4}); pass the rows the model was fitted on, and check Converged.", nameof(features));
            }
        }

        Cholesky chol;
        try
        {
            chol = Cholesky.Factor(h, q, 1e-13);
        }
        catch (MatrixNotPositiveDefiniteException e)
        {
            throw new ArgumentException($"The information matrix is singular (design column {e.Column}); standard errors are undefined.", nameof(features), e);
        }

        var hInv = new double[q * q];
        var unit = new double[q];
        for (int j = 0; j < q; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            chol.Solve(unit, hInv.AsSpan(j * q, q)); // symmetric: column j = row j
        }

        double[] stdCov;
        int clusters = 0;
        if (covariance.Kind == CovarianceKind.Classical)
        {
            stdCov = hInv;
        }
        else
        {
            double[] meat;
            if (covariance.Kind == CovarianceKind.Cluster)
            {
                int[] groups = InferenceChecks.CheckGroups(covariance, rows);
                var index = new Dictionary<int, int>();
                var sums = new List<double[]>();
                var z = new double[q];
                for (int i = 0; i < rows; i++)
                {
                    if (w[i] == 0)
                    {
                        continue;
                    }

                    if (!index.TryGetValue(groups[i], out int g))
                    {
                        g = sums.Count;
                        index[groups[i]] = g;
                        sums.Add(new double[q]);
                    }

                    design.RowOf(i, z);
                    Kernels.AxpyInPlace(score[i], z, sums[g]);
                }

                clusters = sums.Count;
                if (clusters < 2)
                {
                    throw new ArgumentException($"Cluster-robust covariance needs at least 2 groups among the fitted rows; found {clusters}.", nameof(options));
                }

                meat = new double[q * q];
                var one = new double[] { 1 };
                foreach (double[] s in sums)
                {
                    Kernels.AddWeightedGramUpper(s, q, one, meat);
                }

                Kernels.SymmetrizeFromUpperInPlace(meat, q);
                double factor = clusters / (double)(clusters - 1) * (n - 1) / (n - k);
                for (int t = 0; t < meat.Length; t++)
                {
                    meat[t] *= factor;
                }
            }
            else
            {
                meat = design.Gram(meatW);
                if (covariance.Kind == CovarianceKind.HC1)
                {
                    double factor = n / (double)(n - k);
                    for (int t = 0; t < meat.Length; t++)
                    {
                        meat[t] *= factor;
                    }
                }
            }

            stdCov = InferenceChecks.Sandwich(hInv, meat, q);
        }

        // Raw scale: b = β₀ − Σ_a β_a·m_a/s_a, c_{j(a)} = β_a/s_a, i.e. (b, c) = T·β with T of shape (p + 1, q).
        int full = FeatureCount + 1;
        var transform = new double[full * q];
        transform[0] = 1;
        for (int a = 1; a < q; a++)
        {
            int j = design.FeatureOfColumn(a);
            double s = Standardization.Scales[j];
            transform[a] = -Standardization.Means[j] / s;
            transform[((j + 1) * q) + a] = 1 / s;
        }

        var cov = new double[full * full];
        for (int r = 0; r < full; r++)
        {
            for (int c = 0; c < full; c++)
            {
                double v = 0;
                for (int a = 0; a < q; a++)
                {
                    double tra = transform[(r * q) + a];
                    if (tra != 0)
                    {
                        v += tra * Kernels.Dot(stdCov.AsSpan(a * q, q), transform.AsSpan(c * q, q));
                    }
                }

                cov[(r * full) + c] = v;
            }
        }

        var aliased = new bool[full];
        for (int j = 0; j < FeatureCount; j++)
        {
            if (Standardization.IsConstant[j])
            {
                aliased[j + 1] = true;
                for (int t = 0; t < full; t++)
                {
                    cov[((j + 1) * full) + t] = double.NaN;
                    cov[(t * full) + j + 1] = double.NaN;
                }
            }
        }

        var estimates = new double[full];
        estimates[0] = Intercept;
        _coefficients.CopyTo(estimates, 1);
        TestDistribution dist = options.Distribution == TestDistribution.Default ? TestDistribution.Normal : options.Distribution;
        double dof = covariance.Kind == CovarianceKind.Cluster ? clusters - 1 : n - k;
        return new CoefficientTable(estimates, cov, aliased, covariance.Kind, dist, dof, options.ConfidenceLevel, n, clusters);
    }
}
