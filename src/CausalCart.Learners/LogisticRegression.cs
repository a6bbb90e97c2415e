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

        Cholesky? subsampleHessian = null;
        if (start is null)
        {
            subsampleHessian = WarmStartOnSubsample(design, w, y, beta, ridge, lasso);
        }

        (int iterations, bool converged) = Options.L1 > 0
            ? Proximal(design, w, y, beta, total, ridge, lasso, Options.MaxIterations, Options.Tolerance)
            : Newton(design, w, y, beta, total, ridge, Options.MaxIterations, Options.Tolerance, subsampleHessian).Result;
        return new LogisticRegressionModel(design, beta, Options.L2, iterations, converged, Options.L1);
    }

    /// <summary>Rows with positive weight above which Newton first runs on a 1-in-<see cref="SubsampleStride"/> subsample.</summary>
    internal const int SubsampleThreshold = 1 << 18;

    /// <summary>One row in this many (in runs of 64 consecutive rows) forms the warm-start subsample.</summary>
    internal const int SubsampleStride = 16;

    /// <summary>
    /// For large n, solves the same problem on one row in <see cref="SubsampleStride"/> first (to a loose tolerance):
    /// its optimum is within O(1/√(n/16)) of the full one, so the full-data Newton iterations start in the region of
    /// quadratic convergence and need one or two Hessian passes instead of five or six. The final answer still meets the
    /// full-data tolerance (the optimum is unique); deterministic (a fixed subsample). Keeps the start on failure.
    /// Returns the factor of the subsample's last mean Hessian (an estimate of the full one to O(1/√(n/16))), which the
    /// full-data Newton keeps for its first chord steps, or null.
    /// </summary>
    private Cholesky? WarmStartOnSubsample(StandardizedDesign design, double[] w, double[] y, double[] beta, double[] ridge, double[] lasso)
    {
        int positive = 0;
        foreach (double v in w)
        {
            positive += v > 0 ? 1 : 0;
        }

        if (positive < SubsampleThreshold)
        {
            return null;
        }

        // Runs of 64 consecutive rows out of every 64·SubsampleStride: spread over the data, yet read sequentially.
        var sub = new double[w.Length];
        double subTotal = 0;
        for (int i = 0; i < w.Length; i++)
        {
            if ((i / 64) % SubsampleStride == 0)
            {
                sub[i] = w[i];
                subTotal += w[i];
            }
        }

        var trial = (double[])beta.Clone();
        try
        {
            if (subTotal > 0)
            {
                bool ok;
                Cholesky? factor = null;
                if (Options.L1 > 0)
                {
                    (_, ok) = Proximal(design, sub, y, trial, subTotal, ridge, lasso, Options.MaxIterations, 1e-4);
                }
                else
                {
                    ((_, ok), factor) = Newton(design, sub, y, trial, subTotal, (double[])ridge.Clone(), Options.MaxIterations, 1e-4, null);
                }

                if (ok && trial.All(double.IsFinite))
                {
                    trial.CopyTo(beta, 0);
                    return factor;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The subsample may be separable where the full data are not: start from the intercept-only fit instead.
        }

        return null;
    }

    /// <summary>
    /// Damped Newton from <paramref name="beta"/> (overwritten with the solution). The Hessian is recomputed while steps
    /// are large (relative size above 5e-2); once they are small it is kept, refined by BFGS updates of its inverse from
    /// the steps and gradient changes (the Hessian moves by about the step size, so these quasi-Newton steps converge
    /// superlinearly from there), and each iteration needs only a gradient pass. A kept Hessian is refreshed whenever a step had to be halved or contracted by less than
    /// 4×. Converged when t·max|step| ≤ tolerance·(1 + max|β|). <paramref name="initialHessian"/>, when given, is kept
    /// from the start (the subsample's Hessian), so the first pass needs no Hessian. Returns the last factor used.
    /// </summary>
    private ((int Iterations, bool Converged) Result, Cholesky? Factor) Newton(StandardizedDesign design, double[] w, double[] y, double[] beta, double total, double[] ridge, int maxIterations, double tolerance, Cholesky? initialHessian)
    {
        int q = design.Width;
        bool ridged = Options.L2 > 0;
        Cholesky? chol = initialHessian;
        Pass current = Evaluate(design, w, y, beta, total, ridge, withHessian: chol is null);
        int iterations = 0;
        var step = new double[q];
        var candidate = new double[q];
        var moved = new double[q];          // s = β_new − β_old
        var gradientChange = new double[q]; // Δg = g_new − g_old
        double[]? inverse = null;           // (q, q) BFGS-refined inverse Hessian during kept-Hessian steps
        double lastRelative = double.PositiveInfinity;
        while (iterations < maxIterations)
        {
            iterations++;
            if (current.Hessian is not null)
            {
                inverse = null;
                try
                {
                    chol = Cholesky.Factor(current.Hessian, q, 1e-13);
                }
                catch (MatrixNotPositiveDefiniteException) when (ridged && ridge[0] == 0)
                {
                    // Separation drove p(1 − p) to 0: switch on the intercept ridge and redo this iteration.
                    ridge[0] = InterceptRidge;
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
            }

            bool frozen = current.Hessian is null;
            if (frozen && inverse is not null)
            {
                for (int j = 0; j < q; j++)
                {
                    step[j] = Kernels.Dot(inverse.AsSpan(j * q, q), current.Gradient);
                }
            }
            else
            {
                chol!.Solve(current.Gradient, step);
            }

            double maxStep = 0, maxBeta = 0;
            for (int j = 0; j < q; j++)
            {
                maxStep = Math.Max(maxStep, Math.Abs(step[j]));
                maxBeta = Math.Max(maxBeta, Math.Abs(beta[j]));
            }

            double relative = maxStep / (1 + maxBeta);
            bool wantHessian = relative > 5e-2;

            // Step with halving: accept the first t in 1, 1/2, 1/4, ... that does not increase the objective.
            double t = 1;
            Pass next;
            while (true)
            {
                for (int j = 0; j < q; j++)
                {
                    candidate[j] = beta[j] - (t * step[j]);
                }

                next = Evaluate(design, w, y, candidate, total, ridge, withHessian: wantHessian);
                if (next.Objective <= current.Objective + (1e-12 * Math.Abs(current.Objective)) || t < 1e-10)
                {
                    break;
                }

                t *= 0.5;
            }

            for (int j = 0; j < q; j++)
            {
                moved[j] = candidate[j] - beta[j];
                gradientChange[j] = next.Gradient[j] - current.Gradient[j];
            }

            candidate.CopyTo(beta, 0);
            current = next;
            if (t * maxStep <= tolerance * (1 + maxBeta))
            {
                return ((iterations, true), chol);
            }

            if (current.Hessian is null && (t < 1 || (frozen && t * relative > 0.25 * lastRelative)))
            {
                current = Evaluate(design, w, y, beta, total, ridge, withHessian: true);
            }
            else if (current.Hessian is null)
            {
                // Kept-Hessian step next: refine the inverse with the BFGS update of this step's (s, Δg) pair, which
                // turns the chord iteration's linear convergence superlinear (Nocedal & Wright 2006, §6.1).
                inverse ??= Inverse(chol!, q);
                BfgsUpdateInverse(inverse, moved, gradientChange, q);
            }

            lastRelative = t * relative;
        }

        return ((iterations, false), chol);
    }

    /// <summary>H⁻¹ from its Cholesky factor, (q, q) row-major.</summary>
    private static double[] Inverse(Cholesky chol, int q)
    {
        var inverse = new double[q * q];
        var unit = new double[q];
        for (int j = 0; j < q; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            chol.Solve(unit, inverse.AsSpan(j * q, q)); // symmetric: row j = column j
        }

        return inverse;
    }

    /// <summary>
    /// BFGS update of an inverse Hessian B with s and Δg: B ← B − ρ(s·(BΔg)ᵀ + (BΔg)·sᵀ) + (ρ²·ΔgᵀBΔg + ρ)·s·sᵀ,
    /// ρ = 1/(Δgᵀs); skipped unless the curvature condition Δgᵀs &gt; 0 holds (then B stays positive definite).
    /// </summary>
    private static void BfgsUpdateInverse(double[] b, double[] s, double[] dg, int q)
    {
        double ys = Kernels.Dot(dg, s);
        if (!(ys > 1e-300))
        {
            return;
        }

        double rho = 1 / ys;
        var by = new double[q];
        for (int j = 0; j < q; j++)
        {
            by[j] = Kernels.Dot(b.AsSpan(j * q, q), dg);
        }

        double yby = Kernels.Dot(dg, by);
        double c = (rho * rho * yby) + rho;
        for (int i = 0; i < q; i++)
        {
            for (int j = 0; j < q; j++)
            {
                b[(i * q) + j] += (c * s[i] * s[j]) - (rho * ((s[i] * by[j]) + (by[i] * s[j])));
            }
        }
    }

    /// <summary>
    /// Proximal Newton for λ₁ &gt; 0 from <paramref name="beta"/> (overwritten): minimise the smooth part's quadratic model
    /// + Σ lasso_j|β_j| by coordinate descent, then backtrack on the true objective.
    /// </summary>
    private static (int Iterations, bool Converged) Proximal(StandardizedDesign design, double[] w, double[] y, double[] beta, double total, double[] ridge, double[] lasso, int maxIterations, double tolerance)
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
        while (iterations < maxIterations)
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
            if (t * maxStep <= tolerance * (1 + maxBeta))
            {
                converged = true;
                break;
            }
        }

        return (iterations, converged);
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
    /// <remarks>
    /// Per row, the linear predictor and the gradient are computed from the raw row in centred form,
    /// η = β₀ + Σ_j (x_j − m_j)·(β_j/s_j) and Σ r·(x_j − m_j) (contiguous SIMD over the row, no cancellation from large
    /// means), the gradient scaled by 1/s_j at the end; only Hessian passes build the standardised column-major block.
    /// </remarks>
    private static Pass Evaluate(StandardizedDesign design, double[] w, double[] y, double[] beta, double total, double[] ridge, bool withHessian)
    {
        int q = design.Width;
        int p = design.Features.Cols;
        Standardization st = design.Standardization;
        var scaled = new double[p]; // (p) β_k/s_k at raw column j(k); 0 for constant columns
        for (int k = 1; k < q; k++)
        {
            int j = design.FeatureOfColumn(k);
            scaled[j] = beta[k] / st.Scales[j];
        }

        double[] means = st.Means;
        Matrix x = design.Features;
        Pass sum = DeterministicParallel.MapReduce(
            design.Rows,
            DeterministicParallel.DefaultChunkRows,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
            {
                var acc = new Pass(q, withHessian);
                var raw = new double[p];                   // (p) Σ r·(x − m) over the chunk
                double interceptGradient = 0;
                if (!withHessian)
                {
                    for (int i = start; i < end; i++)
                    {
                        if (w[i] != 0)
                        {
                            _ = Row(x.Row(i), w[i], y[i], beta[0], scaled, means, raw, ref acc.Objective, ref interceptGradient);
                        }
                    }
                }
                else
                {
                    var gram = new BlockGram(q);            // column-major (q, Stride) block and its IRLS weights w·p(1−p)
                    var bw = new double[BlockGram.Stride];  // sample weights of the block rows
                    var idx = new int[BlockGram.Stride];    // source row of each block row
                    int next = start, count;
                    while ((count = design.FillColumns(ref next, end, w, gram.Block, bw, idx)) > 0)
                    {
                        for (int r = 0; r < count; r++)
                        {
                            int i = idx[r];
                            gram.Weights[r] = Row(x.Row(i), bw[r], y[i], beta[0], scaled, means, raw, ref acc.Objective, ref interceptGradient);
                        }

                        gram.AddUpper(count, acc.Hessian!);
                    }
                }

                acc.Gradient[0] = interceptGradient;
                for (int k = 1; k < q; k++)
                {
                    int j = design.FeatureOfColumn(k);
                    acc.Gradient[k] = raw[j] / st.Scales[j];
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

    /// <summary>
    /// One row's contribution: adds w·loss to <paramref name="objective"/>, r = w·(σ(η) − y) to the intercept gradient and
    /// r·(x − m) to <paramref name="raw"/>; returns the IRLS weight w·σ(η)(1 − σ(η)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Row(ReadOnlySpan<double> x, double w, double y, double intercept, double[] scaled, double[] means, double[] raw, ref double objective, ref double interceptGradient)
    {
        double eta = intercept + CentredDot(x, means, scaled);
        double prob = StableMath.Sigmoid(eta);
        objective += w * StableMath.LogisticLoss(eta, y);
        double r = w * (prob - y);
        interceptGradient += r;
        CentredAxpy(r, x, means, raw);
        return w * prob * (1 - prob);
    }

    /// <summary>Σ_j (x_j − m_j)·c_j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static double CentredDot(ReadOnlySpan<double> x, double[] m, double[] c)
    {
        int n = x.Length, i = 0;
        double s = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && n >= System.Numerics.Vector<double>.Count)
        {
            int width = System.Numerics.Vector<double>.Count;
            var acc = System.Numerics.Vector<double>.Zero;
            for (; i <= n - width; i += width)
            {
                acc = System.Numerics.Vector.FusedMultiplyAdd(
                    new System.Numerics.Vector<double>(x.Slice(i, width)) - new System.Numerics.Vector<double>(m, i), new System.Numerics.Vector<double>(c, i), acc);
            }

            s = System.Numerics.Vector.Sum(acc);
        }

        for (; i < n; i++)
        {
            s += (x[i] - m[i]) * c[i];
        }

        return s;
    }

    /// <summary>destination_j += a·(x_j − m_j).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void CentredAxpy(double a, ReadOnlySpan<double> x, double[] m, double[] destination)
    {
        int n = x.Length, i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            int width = System.Numerics.Vector<double>.Count;
            var va = new System.Numerics.Vector<double>(a);
            for (; i <= n - width; i += width)
            {
                var d = new System.Numerics.Vector<double>(destination, i);
                d = System.Numerics.Vector.FusedMultiplyAdd(va, new System.Numerics.Vector<double>(x.Slice(i, width)) - new System.Numerics.Vector<double>(m, i), d);
                d.CopyTo(destination, i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] += a * (x[i] - m[i]);
        }
    }

    private sealed class Pass(int q, bool withHessian)
    {
        public double Objective;

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
