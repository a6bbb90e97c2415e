using System.Runtime.CompilerServices;
using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>
/// Penalised logistic regression (ridge, lasso or elastic net; objective in <see cref="LogisticRegressionOptions"/>)
/// fitted exactly: with λ₁ = 0 by Newton's method (IRLS) with a Cholesky solve of the penalised Hessian each step and
/// step halving when the objective does not decrease; with λ₁ &gt; 0 by proximal Newton (glmnet's scheme: each step
/// minimises the quadratic model plus the L1 term by coordinate descent, then backtracks on the true objective).
/// Features standardised internally (<see cref="StandardizedDesign"/>), intercept unpenalised, constant columns given
/// coefficient 0. For unpenalised fits, <see cref="LogisticRegressionModel.Inference"/> gives standard errors.
/// </summary>
/// <remarks>
/// Each iteration is one pass computing objective, gradient and Hessian together (SIMD Gram accumulation, parallel
/// over fixed row chunks, reduced in order: deterministic whatever the thread count). Typical fits converge in
/// 5–8 iterations. References: Hastie, Tibshirani &amp; Friedman, The Elements of Statistical Learning, §4.4.1;
/// Friedman, Hastie &amp; Tibshirani (2010), J. Stat. Softw. 33(1), §3; Lee, Sun &amp; Saunders (2014), "Proximal
/// Newton-type methods", SIAM J. Optim. 24(3).
/// </remarks>
public sealed class LogisticRegression : IClassifier
{
    /// <summary>Creates the learner.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public LogisticRegression(LogisticRegressionOptions? options = null)
    {
        Options = options ?? new LogisticRegressionOptions();
        if (!double.IsFinite(Options.L2) || Options.L2 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.L2, "L2 must be finite and >= 0.");
        }

        if (!double.IsFinite(Options.L1) || Options.L1 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.L1, "L1 must be finite and >= 0.");
        }

        if (Options.MaxIterations < 1 || !(Options.Tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxIterations must be >= 1 and Tolerance > 0.");
        }
    }

    /// <summary>The options (never modified by fitting).</summary>
    public LogisticRegressionOptions Options { get; }

    /// <inheritdoc cref="IClassifier.Fit"/>
    /// <exception cref="InvalidOperationException">λ₁ = λ₂ = 0 and the Hessian became singular (perfect separation or
    /// collinear features): set L2 &gt; 0.</exception>
    public LogisticRegressionModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default) =>
        FitCore(features, target, sampleWeights, null);

    /// <summary>
    /// Like <see cref="Fit"/>, but Newton starts from <paramref name="start"/>'s coefficients (e.g. the model of a
    /// neighbouring cross-fitting fold), which saves iterations. The optimum is unique (strictly convex objective for
    /// λ &gt; 0), so the result equals <see cref="Fit"/>'s to within <see cref="LogisticRegressionOptions.Tolerance"/>.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Fit"/>, or <paramref name="start"/> has a different feature count.</exception>
    public LogisticRegressionModel FitFrom(LogisticRegressionModel start, Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(features);
        if (start.FeatureCount != features.Cols)
        {
            throw new ArgumentException($"The start model has {start.FeatureCount} features; the matrix has {features.Cols}.", nameof(start));
        }

        return FitCore(features, target, sampleWeights, start);
    }

    private LogisticRegressionModel FitCore(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights, LogisticRegressionModel? start)
    {
        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget: true);
        double[] y = target.ToArray();
        var design = new StandardizedDesign(features, Standardization.Compute(features, w));
        int q = design.Width;
        double total = 0;
        double ySum = 0;
        for (int i = 0; i < w.Length; i++)
        {
            total += w[i];
            ySum += w[i] * y[i];
        }

        // Start at the intercept-only solution when it is finite (saves an iteration), else at 0.
        var beta = new double[q];
        double ybar = ySum / total;
        if (ybar > 0 && ybar < 1)
        {
            beta[0] = Math.Log(ybar / (1 - ybar));
        }

        if (start is not null)
        {
            // Raw-scale start → this fit's standardised coordinates: β_k = c_{a_k}·s_{a_k}, β₀ = b + Σ_j c_j·m_j.
            Standardization st = design.Standardization;
            beta[0] = start.Intercept;
            for (int j = 0; j < features.Cols; j++)
            {
                beta[0] += start.Coefficients[j] * st.Means[j];
            }

            for (int k = 1; k < q; k++)
            {
                int j = design.FeatureOfColumn(k);
                beta[k] = start.Coefficients[j] * st.Scales[j];
            }
        }

        // Per-column penalties in standardised coordinates (see LogisticRegressionOptions): ridge[j] = λ₂·f_j²/s_j²,
        // lasso[j] = λ₁·f_j/s_j, so 1 with Standardize and 1/s_j, 1/s_j² on raw slopes.
        var ridge = new double[q];
        var lasso = new double[q];
        for (int k = 1; k < q; k++)
        {
            double s = Options.Standardize ? 1 : design.Standardization.Scales[design.FeatureOfColumn(k)];
            ridge[k] = Options.L2 / (s * s);
            lasso[k] = Options.L1 / s;
        }

        if (Options.L1 > 0)
        {
            return FitProximal(design, w, y, beta, total, ridge, lasso);
        }

        double lambda = Options.L2;
        double interceptRidge = 0;
        Pass current = Evaluate(design, w, y, beta, total, ridge, withHessian: true);
        int iterations = 0;
        bool converged = false;
        var step = new double[q];
        while (iterations < Options.MaxIterations)
        {
            iterations++;
            Cholesky chol;
            try
            {
                chol = Cholesky.Factor(current.Hessian!, q, 1e-13);
            }
            catch (MatrixNotPositiveDefiniteException) when (lambda > 0 && interceptRidge == 0)
            {
                // Separation drove p(1 − p) to 0: switch on the intercept ridge and redo this iteration.
                interceptRidge = InterceptRidge;
                ridge[0] = interceptRidge;
                current = Evaluate(design, w, y, beta, total, ridge, withHessian: true);
                iterations--;
                continue;
            }
            catch (MatrixNotPositiveDefiniteException e)
            {
                throw new InvalidOperationException(
                    $"Logistic regression Hessian is singular at iteration {iterations} (design column {e.Column}): " +
                    "the classes are perfectly separated or features are collinear. Set L2 > 0.", e);
            }

            chol.Solve(current.Gradient, step);
            double maxStep = 0, maxBeta = 0;
            for (int j = 0; j < q; j++)
            {
                maxStep = Math.Max(maxStep, Math.Abs(step[j]));
                maxBeta = Math.Max(maxBeta, Math.Abs(beta[j]));
            }

            // Newton step with halving: accept the first t in 1, 1/2, 1/4, ... that does not increase the objective.
            double t = 1;
            double[] candidate = new double[q];
            Pass next;
            while (true)
            {
                for (int j = 0; j < q; j++)
                {
                    candidate[j] = beta[j] - (t * step[j]);
                }

                next = Evaluate(design, w, y, candidate, total, ridge, withHessian: true);
                if (next.Objective <= current.Objective + (1e-12 * Math.Abs(current.Objective)) || t < 1e-10)
                {
                    break;
                }

                t *= 0.5;
            }

            beta = candidate;
            current = next;
            if (t * maxStep <= Options.Tolerance * (1 + maxBeta))
            {
                converged = true;
                break;
            }
        }

        return new LogisticRegressionModel(design, beta, lambda, iterations, converged, Options.L1);
    }

    /// <summary>Proximal Newton for λ₁ &gt; 0: minimise the smooth part's quadratic model + Σ lasso_j|β_j| by coordinate descent, then backtrack.</summary>
    private LogisticRegressionModel FitProximal(StandardizedDesign design, double[] w, double[] y, double[] beta, double total, double[] ridge, double[] lasso)
    {
        int q = design.Width;
        Pass current = Evaluate(design, w, y, beta, total, ridge, withHessian: true);
        double currentObjective = current.Objective + L1Norm(beta, lasso);
        var zeros = new double[q];
        var linear = new double[q];
        var target = new double[q];
        var candidate = new double[q];
        int iterations = 0;
        bool converged = false;
        while (iterations < Options.MaxIterations)
        {
            iterations++;

            // Quadratic model in β' = β + d: ½β'ᵀHβ' − (Hβ − g)ᵀβ' + Σ lasso|β'|; warm start at β.
            double[] h = current.Hessian!;
            for (int j = 0; j < q; j++)
            {
                linear[j] = Kernels.Dot(h.AsSpan(j * q, q), beta) - current.Gradient[j];
            }

            beta.CopyTo(target, 0);
            (_, bool inner) = Linear.CoordinateDescent.Minimize(h, linear, lasso, zeros, target, 1e-13, 100_000);
            if (!inner)
            {
                throw new InvalidOperationException($"The proximal Newton subproblem did not converge at iteration {iterations}; the Hessian may be singular (collinear features).");
            }

            // Armijo backtracking on F = smooth + L1 along d = target − β (Lee, Sun & Saunders 2014, §3.1).
            double decrease = L1Norm(target, lasso) - L1Norm(beta, lasso);
            double maxStep = 0, maxBeta = 0;
            for (int j = 0; j < q; j++)
            {
                double d = target[j] - beta[j];
                decrease += current.Gradient[j] * d;
                maxStep = Math.Max(maxStep, Math.Abs(d));
                maxBeta = Math.Max(maxBeta, Math.Abs(beta[j]));
            }

            double t = 1;
            Pass next;
            double nextObjective;
            while (true)
            {
                for (int j = 0; j < q; j++)
                {
                    candidate[j] = beta[j] + (t * (target[j] - beta[j]));
                }

                next = Evaluate(design, w, y, candidate, total, ridge, withHessian: true);
                nextObjective = next.Objective + L1Norm(candidate, lasso);
                if (nextObjective <= currentObjective + (1e-4 * t * Math.Min(decrease, 0)) + (1e-14 * Math.Abs(currentObjective)) || t < 1e-10)
                {
                    break;
                }

                t *= 0.5;
            }

            candidate.CopyTo(beta, 0);
            current = next;
            currentObjective = nextObjective;
            if (t * maxStep <= Options.Tolerance * (1 + maxBeta))
            {
                converged = true;
                break;
            }
        }

        return new LogisticRegressionModel(design, (double[])beta.Clone(), Options.L2, iterations, converged, Options.L1);
    }

    private static double L1Norm(double[] beta, double[] lasso)
    {
        double s = 0;
        for (int j = 0; j < beta.Length; j++)
        {
            s += lasso[j] * Math.Abs(beta[j]);
        }

        return s;
    }

    IClassificationModel IClassifier.Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights) =>
        Fit(features, target, sampleWeights);

    /// <summary>
    /// Ridge on the intercept (mean-loss scale), used only when L2 &gt; 0 and the Newton system turned singular. Under
    /// perfect separation every p(1 − p) tends to 0 and the unpenalised intercept makes the Hessian singular; this
    /// fallback keeps it positive definite and moves the intercept by a relative amount of order 1e-8. Ordinary fits
    /// never use it, so they solve the stated objective exactly.
    /// </summary>
    private const double InterceptRidge = 1e-8;

    /// <summary>
    /// Objective, gradient and (optionally) Hessian of the ridge-penalised mean loss at <paramref name="beta"/>; ridge is
    /// (q) per-column weights in standardised coordinates, ridge[0] the intercept ridge (0 unless the fallback is on).
    /// </summary>
    private static Pass Evaluate(StandardizedDesign design, double[] w, double[] y, double[] beta, double total, double[] ridge, bool withHessian)
    {
        int q = design.Width;
        Pass sum = DeterministicParallel.MapReduce(
            design.Rows,
            DeterministicParallel.DefaultChunkRows,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
            {
                var acc = new Pass(q, withHessian);
                var block = new double[StandardizedDesign.BlockRows * q]; // (BlockRows, q) standardised rows
                var bw = new double[StandardizedDesign.BlockRows];       // sample weights of the block rows
                var idx = new int[StandardizedDesign.BlockRows];         // source row of each block row
                var v = new double[StandardizedDesign.BlockRows];        // IRLS weights w·p(1−p)
                for (int s = start; s < end; s += StandardizedDesign.BlockRows)
                {
                    int count = design.FillBlock(s, Math.Min(end, s + StandardizedDesign.BlockRows), w, block, bw, idx);
                    for (int r = 0; r < count; r++)
                    {
                        ReadOnlySpan<double> z = block.AsSpan(r * q, q);
                        double eta = Kernels.Dot(z, beta);
                        double p = StableMath.Sigmoid(eta);
                        double yi = y[idx[r]];
                        acc.Objective += bw[r] * StableMath.LogisticLoss(eta, yi);
                        Kernels.AxpyInPlace(bw[r] * (p - yi), z, acc.Gradient);
                        v[r] = bw[r] * p * (1 - p);
                    }

                    if (withHessian)
                    {
                        Kernels.AddWeightedGramUpper(block.AsSpan(0, count * q), q, v.AsSpan(0, count), acc.Hessian);
                    }
                }

                return acc;
            },
            (a, b) => a.Add(b),
            () => new Pass(q, withHessian));

        // Scale to the mean loss and add the ridge: per-column weights on the slopes, a negligible InterceptRidge on the intercept.
        sum.Objective /= total;
        for (int j = 0; j < q; j++)
        {
            sum.Gradient[j] /= total;
            sum.Objective += 0.5 * ridge[j] * beta[j] * beta[j];
            sum.Gradient[j] += ridge[j] * beta[j];
        }

        if (withHessian)
        {
            double[] h = sum.Hessian!;
            Kernels.SymmetrizeFromUpperInPlace(h, q);
            for (int k = 0; k < h.Length; k++)
            {
                h[k] /= total;
            }

            for (int j = 0; j < q; j++)
            {
                h[(j * q) + j] += ridge[j];
            }
        }

        return sum;
    }

    private sealed class Pass(int q, bool withHessian)
    {
        public double Objective { get; set; }

        public double[] Gradient { get; } = new double[q];

        public double[]? Hessian { get; } = withHessian ? new double[q * q] : null;

        public Pass Add(Pass other)
        {
            Objective += other.Objective;
            Standardization.AddInto(Gradient, other.Gradient);
            if (Hessian is not null)
            {
                Standardization.AddInto(Hessian, other.Hessian!);
            }

            return this;
        }
    }
}
