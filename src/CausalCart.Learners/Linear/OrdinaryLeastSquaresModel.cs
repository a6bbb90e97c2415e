using System.Runtime.CompilerServices;
using CausalCart.Numerics;

namespace CausalCart.Learners.Linear;

/// <summary>
/// A fitted least-squares model ŷ = Intercept + xᵀ·Coefficients, with the QR factor needed for standard errors.
/// Immutable and thread-safe.
/// </summary>
public sealed class OrdinaryLeastSquaresModel : IRegressionModel
{
    private readonly double[] _coefficients; // (p) raw-scale slopes, 0 for aliased columns
    private readonly double[] _rInverse;     // (k, k) upper-triangular R⁻¹ over the kept design columns
    private readonly int[] _kept;            // (k) kept design columns, 0 = intercept
    private readonly bool[] _aliased;        // (p + 1) per design column

    internal OrdinaryLeastSquaresModel(int featureCount, HouseholderQr.Factor factor, int observations, double weightSum)
    {
        double[] b = factor.Solve();
        _coefficients = new double[featureCount];
        _aliased = new bool[featureCount + 1];
        foreach (int d in factor.Aliased)
        {
            _aliased[d] = true;
        }

        for (int t = 1; t < factor.Rank; t++)
        {
            _coefficients[factor.Kept[t] - 1] = b[t];
        }

        Intercept = b[0];
        _kept = factor.Kept;
        _rInverse = HouseholderQr.InvertUpper(factor.R, factor.Rank);
        ResidualSumOfSquares = factor.ResidualSumOfSquares;
        Observations = observations;
        WeightSum = weightSum;
        AliasedFeatures = factor.Aliased.Select(d => d - 1).ToArray();
    }

    /// <inheritdoc/>
    public int FeatureCount => _coefficients.Length;

    /// <summary>Intercept b.</summary>
    public double Intercept { get; }

    /// <summary>Slopes c on the raw feature scale, length p; 0 for aliased (dropped) columns.</summary>
    public ReadOnlySpan<double> Coefficients => _coefficients;

    /// <summary>Feature columns dropped as collinear or constant (empty unless the options allowed dropping).</summary>
    public IReadOnlyList<int> AliasedFeatures { get; }

    /// <summary>Number of estimated coefficients k (intercept plus kept features).</summary>
    public int Rank => _kept.Length;

    /// <summary>Rows with positive weight in the fit (n).</summary>
    public int Observations { get; }

    /// <summary>Σ w over the fitted rows.</summary>
    public double WeightSum { get; }

    /// <summary>Weighted residual sum of squares Σ w (y − ŷ)².</summary>
    public double ResidualSumOfSquares { get; }

    /// <inheritdoc/>
    public void Predict(Matrix features, Span<double> destination)
        => LearnerInput.PredictLinear(features, Intercept, _coefficients, destination);

    /// <summary>
    /// The coefficient table (estimates, standard errors, statistics, p-values, intervals) under the chosen covariance.
    /// Pass the same features, target and weights the model was fitted on.
    /// </summary>
    /// <remarks>
    /// With X̃ = √W·X over the kept columns, X̃ = QR, u_i = R⁻ᵀx̃_i, ẽ_i = √w_i·e_i and h_i = ‖u_i‖² (leverage):
    /// Classical σ²·R⁻¹R⁻ᵀ with σ² = Σ ẽ²/(n − k); HCj R⁻¹(Σ ω_i u_i u_iᵀ)R⁻ᵀ with ω = ẽ² (HC0), ẽ²·n/(n − k) (HC1),
    /// ẽ²/(1 − h) (HC2), ẽ²/(1 − h)² (HC3); Cluster G/(G − 1)·(n − 1)/(n − k)·R⁻¹(Σ_g s_g s_gᵀ)R⁻ᵀ with
    /// s_g = Σ_{i∈g} ẽ_i u_i. These are statsmodels' OLS/WLS formulas (cov_type nonrobust, HC0–HC3, cluster), except
    /// that rows of weight 0 do not count in n. One parallel pass over the rows (HC), or one sequential O(n·k) pass
    /// (cluster); deterministic.
    /// </remarks>
    /// <exception cref="ArgumentException">The data do not match the fit (row count or weight sum differ), n ≤ k, a
    /// cluster covariance without one group id per row or with fewer than 2 groups, or HC2/HC3 with a row of leverage 1.</exception>
    public CoefficientTable Inference(Matrix features, ReadOnlySpan<double> target, InferenceOptions? options = null, ReadOnlySpan<double> sampleWeights = default)
    {
        options ??= new InferenceOptions();
        InferenceChecks.CheckLevel(options);
        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget: false);
        if (features.Cols != FeatureCount)
        {
            throw new ArgumentException($"The model was fitted on {FeatureCount} features; this matrix has {features.Cols}.", nameof(features));
        }

        int n = 0;
        double weightSum = 0;
        foreach (double v in w)
        {
            if (v > 0)
            {
                n++;
                weightSum += v;
            }
        }

        if (n != Observations || Math.Abs(weightSum - WeightSum) > 1e-9 * WeightSum)
        {
            throw new ArgumentException(
                $"Inference needs the rows the model was fitted on: the fit had {Observations} rows with positive weight " +
                $"(weight sum {WeightSum}), these data have {n} (weight sum {weightSum}).", nameof(features));
        }

        int k = Rank;
        if (n <= k)
        {
            throw new ArgumentException($"{n} rows cannot give standard errors for {k} coefficients; need more rows than coefficients.", nameof(features));
        }

        double[] y = target.ToArray();
        CovarianceType covariance = options.EffectiveCovariance;
        double[] meat; // (k, k) in the whitened coordinates u = R⁻ᵀx̃
        int clusters = 0;
        if (covariance.Kind == CovarianceKind.Classical)
        {
            double rss = WeightedResiduals(features, y, w);
            meat = new double[k * k];
            for (int j = 0; j < k; j++)
            {
                meat[(j * k) + j] = rss / (n - k);
            }
        }
        else if (covariance.Kind == CovarianceKind.Cluster)
        {
            int[] groups = InferenceChecks.CheckGroups(covariance, features.Rows);
            (meat, clusters) = ClusterMeat(features, y, w, groups, n);
        }
        else
        {
            meat = HeteroscedasticMeat(features, y, w, covariance.Kind, n);
        }

        // cov = R⁻¹·meat·R⁻ᵀ over the kept columns, then spread to (p + 1)² with NaN for aliased terms.
        double[] keptCov = InferenceChecks.Sandwich(_rInverse, meat, k);
        int full = FeatureCount + 1;
        var cov = new double[full * full];
        Array.Fill(cov, double.NaN);
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                cov[(_kept[a] * full) + _kept[b]] = keptCov[(a * k) + b];
            }
        }

        var estimates = new double[full];
        estimates[0] = Intercept;
        _coefficients.CopyTo(estimates, 1);
        TestDistribution dist = options.Distribution == TestDistribution.Default
            ? (covariance.Kind == CovarianceKind.Classical ? TestDistribution.StudentT : TestDistribution.Normal)
            : options.Distribution;
        double dof = covariance.Kind == CovarianceKind.Cluster ? clusters - 1 : n - k;
        return new CoefficientTable(estimates, cov, _aliased, covariance.Kind, dist, dof, options.ConfidenceLevel, n, clusters);
    }

    /// <summary>Σ w e² recomputed from the data (more accurate than the QR remainder when the fit is near-exact).</summary>
    private double WeightedResiduals(Matrix features, double[] y, double[] w) =>
        DeterministicParallel.MapReduce(
            features.Rows,
            DeterministicParallel.DefaultChunkRows,
            (start, end) =>
            {
                double s = 0;
                for (int i = start; i < end; i++)
                {
                    if (w[i] > 0)
                    {
                        double e = y[i] - Intercept - Kernels.Dot(features.Row(i), _coefficients);
                        s += w[i] * e * e;
                    }
                }

                return s;
            },
            (a, b) => a + b,
            () => 0.0);

    /// <summary>Σ ω_i u_i u_iᵀ (k × k) for HC0–HC3.</summary>
    private double[] HeteroscedasticMeat(Matrix features, double[] y, double[] w, CovarianceKind kind, int n)
    {
        int k = Rank;
        double hc1 = kind == CovarianceKind.HC1 ? n / (double)(n - k) : 1;
        double[] meat = DeterministicParallel.MapReduce(
            features.Rows,
            DeterministicParallel.DefaultChunkRows,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
            {
                const int stride = BlockGram.Stride;
                var acc = new double[k * k];
                var gram = new BlockGram(k);         // (k, Stride) column-major block of u rows, weights ω
                var xt = new double[k * stride];     // (k, Stride) column-major block of x̃ rows
                var e = new double[stride];          // whitened residuals ẽ
                var h = new double[stride];          // leverages
                var idx = new int[stride];           // source rows
                int count = 0;
                for (int i = start; i < end; i++)
                {
                    if (w[i] == 0)
                    {
                        continue;
                    }

                    ReadOnlySpan<double> x = features.Row(i);
                    double sw = Math.Sqrt(w[i]);
                    e[count] = sw * (y[i] - Intercept - Kernels.Dot(x, _coefficients));
                    xt[count] = sw;
                    for (int t = 1; t < k; t++)
                    {
                        xt[(t * stride) + count] = sw * x[_kept[t] - 1];
                    }

                    idx[count] = i;
                    if (++count == stride)
                    {
                        Flush(count);
                        count = 0;
                    }
                }

                if (count > 0)
                {
                    Flush(count);
                }

                return acc;

                void Flush(int rows)
                {
                    // U = X̃R⁻¹ column by column (U[:, t] = Σ_{j ≤ t} R⁻¹[j, t]·X̃[:, j]), leverages h = Σ_t U[:, t]².
                    Span<double> lev = h.AsSpan(0, rows);
                    lev.Clear();
                    for (int t = 0; t < k; t++)
                    {
                        Span<double> u = gram.Block.AsSpan(t * stride, rows);
                        u.Clear();
                        for (int j = 0; j <= t; j++)
                        {
                            Kernels.AxpyInPlace(_rInverse[(j * k) + t], xt.AsSpan(j * stride, rows), u);
                        }

                        System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd(u, u, lev, lev);
                    }

                    for (int r = 0; r < rows; r++)
                    {
                        double o = e[r] * e[r] * hc1;
                        if (kind is CovarianceKind.HC2 or CovarianceKind.HC3)
                        {
                            double oneMinusH = 1 - h[r];
                            if (!(oneMinusH > 1e-12))
                            {
                                throw new ArgumentException($"Row {idx[r]} has leverage {h[r]:G6} (≈ 1): {kind} is undefined; use HC0 or HC1.", nameof(features));
                            }

                            o = kind == CovarianceKind.HC2 ? o / oneMinusH : o / (oneMinusH * oneMinusH);
                        }

                        gram.Weights[r] = o;
                    }

                    gram.AddUpper(rows, acc);
                }
            },
            Standardization.AddInto,
            () => new double[k * k]);
        Kernels.SymmetrizeFromUpperInPlace(meat, k);
        return meat;
    }

    /// <summary>Σ_g s̃_g s̃_gᵀ times the small-sample factor, with s̃_g = R⁻ᵀ Σ_{i∈g} ẽ_i x̃_i.</summary>
    private (double[] Meat, int Clusters) ClusterMeat(Matrix features, double[] y, double[] w, int[] groups, int n)
    {
        int k = Rank;
        var index = new Dictionary<int, int>();
        var scores = new List<double[]>(); // per group: (k) Σ ẽ x̃ in design coordinates
        var xt = new double[k];
        for (int i = 0; i < features.Rows; i++)
        {
            if (w[i] == 0)
            {
                continue;
            }

            if (!index.TryGetValue(groups[i], out int g))
            {
                g = scores.Count;
                index[groups[i]] = g;
                scores.Add(new double[k]);
            }

            ReadOnlySpan<double> x = features.Row(i);
            double sw = Math.Sqrt(w[i]);
            double e = sw * (y[i] - Intercept - Kernels.Dot(x, _coefficients));
            KeptRow(x, sw, xt);
            Kernels.AxpyInPlace(e, xt, scores[g]);
        }

        int clusters = scores.Count;
        if (clusters < 2)
        {
            throw new ArgumentException($"Cluster-robust covariance needs at least 2 groups among the fitted rows; found {clusters}.", nameof(features));
        }

        var meat = new double[k * k];
        var u = new double[k];
        var one = new double[1];
        foreach (double[] s in scores)
        {
            Array.Clear(u);
            for (int j = 0; j < k; j++)
            {
                Kernels.AxpyInPlace(s[j], _rInverse.AsSpan((j * k) + j, k - j), u.AsSpan(j));
            }

            one[0] = 1;
            Kernels.AddWeightedGramUpper(u, k, one, meat);
        }

        Kernels.SymmetrizeFromUpperInPlace(meat, k);
        double factor = clusters / (double)(clusters - 1) * (n - 1) / (n - k);
        for (int t = 0; t < meat.Length; t++)
        {
            meat[t] *= factor;
        }

        return (meat, clusters);
    }

    /// <summary>x̃ = √w·(kept design entries of [1, x]).</summary>
    private void KeptRow(ReadOnlySpan<double> x, double sw, Span<double> xt)
    {
        xt[0] = sw;
        for (int t = 1; t < _kept.Length; t++)
        {
            xt[t] = sw * x[_kept[t] - 1];
        }
    }
}
