using System.Runtime.CompilerServices;
using CausalCart.Core.Results;
using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal;

/// <summary>
/// Regression adjustment (g-computation): one outcome model per arm, m₁(x) = E[Y | T=1, x] and m₀(x) = E[Y | T=0, x]
/// (linear, or logistic for a 0/1 outcome), and θ = Σ_i s_i (m₁(x_i) − m₀(x_i)) / Σ_i s_i with s_i = w_i for the ATE
/// and s_i = w_i·T_i for the ATT (Robins 1986; Hernán &amp; Robins, Causal Inference: What If, ch. 13).
/// </summary>
/// <remarks>
/// Standard error: the influence function of the g-formula with estimated coefficients (the delta method on the
/// stacked estimating equations, i.e. the HC0 sandwich):
/// c_i = s_i (m₁ᵢ − m₀ᵢ − θ)/S + z_iᵀH₁⁻¹g₁ · w_i T_i (y_i − m₁ᵢ) − z_iᵀH₀⁻¹g₀ · w_i (1−T_i)(y_i − m₀ᵢ),
/// where g_a = Σ_j s_j m_a'(x_j) z_j / S, H_a = Σ_{T=a} w v z zᵀ (+ the ridge term) in the arm model's standardised
/// design z, and Var(θ̂) = Σ c_i². Penalties are tiny by default and their bias is ignored. Deterministic.
/// </remarks>
public sealed class RegressionEstimator(EffectOptions? options = null) : IEffectEstimator
{
    /// <inheritdoc/>
    public EffectMethod Method => EffectMethod.Regression;

    /// <inheritdoc/>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <inheritdoc/>
    public EstimationResult Estimate(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        bool logistic = Nuisance.UsesLogistic(data, Options);
        int n = data.Count;
        double[] w = data.W;
        double[] w1 = Nuisance.ArmWeights(data, 1);
        double[] w0 = Nuisance.ArmWeights(data, 0);
        Nuisance.Glm g1 = Nuisance.FitOutcome(data, w1, logistic, Options);
        Nuisance.Glm g0 = Nuisance.FitOutcome(data, w0, logistic, Options);
        var m1 = new double[n]; // (n) predicted Y(1)
        var m0 = new double[n]; // (n) predicted Y(0)
        DeterministicParallel.For(n, DeterministicParallel.DefaultChunkRows, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                m1[i] = g1.Mean(data.Covariates, i);
                m0[i] = g0.Mean(data.Covariates, i);
            }
        });
        Cholesky h1 = g1.FactorHessian(w1, m1);
        Cholesky h0 = g0.FactorHessian(w0, m0);
        var warnings = new List<string>();
        if (!g1.Converged || !g0.Converged)
        {
            warnings.Add("An outcome model did not converge within its iteration limit; the estimate may be inaccurate.");
        }

        var estimates = new List<EffectEstimate>();
        foreach (Estimand estimand in Options.Estimands)
        {
            var s = new double[n];
            double total = 0, sum = 0;
            for (int i = 0; i < n; i++)
            {
                s[i] = estimand == Estimand.Ate ? w[i] : w[i] * data.Treatment[i];
                total += s[i];
                sum += s[i] * (m1[i] - m0[i]);
            }

            double theta = sum / total;
            double[] zu1 = Correction(g1, h1, s, m1, total);
            double[] zu0 = Correction(g0, h0, s, m0, total);
            var c = new double[n];
            for (int i = 0; i < n; i++)
            {
                double y = data.Outcome[i];
                c[i] = (s[i] * (m1[i] - m0[i] - theta) / total) + (zu1[i] * w1[i] * (y - m1[i])) - (zu0[i] * w0[i] * (y - m0[i]));
            }

            var diag = new Dictionary<string, double> { ["logisticOutcome"] = logistic ? 1 : 0 };
            estimates.Add(Inference.Build(Method, estimand, theta, c, data, Options, diag, [.. warnings]));
        }

        return new EstimationResult(Method, estimates, Inference.Associate(data), null, null, null);
    }

    /// <summary>
    /// Placebo estimates by re-using the Gram matrix of the full design (Frisch–Waugh–Lovell-style partitioning): for
    /// a linear outcome model only the Gram of the (smaller) placebo arm must be summed per simulation; the other arm's
    /// Gram is the total minus it, and the ATE is the intercept difference in the all-unit standardised design.
    /// Equal to refitting with <see cref="Estimate"/> up to the (negligible) difference in where the ridge term is applied.
    /// Returns null when the outcome model is logistic (no such shortcut).
    /// </summary>
    internal double[]? PlaceboFast(EffectData data, Estimand estimand, int simulations, ulong seed)
    {
        if (Nuisance.UsesLogistic(data, Options))
        {
            return null;
        }

        int n = data.Count;
        double[] w = data.W;
        var design = new StandardizedDesign(data.Covariates, Standardization.Compute(data.Covariates, w));
        int q = design.Width;
        double[] gram = design.Gram(w);
        var wy = new double[n];
        double wTotal = 0;
        for (int i = 0; i < n; i++)
        {
            wy[i] = w[i] * data.Outcome[i];
            wTotal += w[i];
        }

        double[] cross = design.TransposeMultiply(wy);
        long n1 = data.NTreated;
        bool sampleTreated = n1 <= n - n1;
        int m = (int)(sampleTreated ? n1 : n - n1);
        double lambda = Options.LinearL2;
        var result = new double[simulations];
        Parallel.For(0, simulations, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (int sim) =>
        {
            var rng = new SeededRandom(SeededRandom.DeriveSeed(seed, (ulong)sim));

            // Floyd's algorithm: a uniform m-subset of the n units = the placebo arm of a uniform permutation of T.
            var mask = new bool[n];
            for (int j = n - m; j < n; j++)
            {
                int t = rng.NextInt(j + 1);
                mask[mask[t] ? j : t] = true;
            }

            var gs = new double[q * q];  // (q, q) Gram of the sampled arm
            var bs = new double[q];      // (q) Σ w y z over the sampled arm
            var block = new double[StandardizedDesign.BlockRows * q]; // (BlockRows, q)
            var bw = new double[StandardizedDesign.BlockRows];
            for (int start = 0; start < n;)
            {
                int count = 0;
                for (; start < n && count < StandardizedDesign.BlockRows; start++)
                {
                    if (mask[start] && w[start] != 0)
                    {
                        Span<double> z = block.AsSpan(count * q, q);
                        design.RowOf(start, z);
                        bw[count] = w[start];
                        Kernels.AxpyInPlace(wy[start], z, bs);
                        count++;
                    }
                }

                Kernels.AddWeightedGramUpper(block.AsSpan(0, count * q), q, bw.AsSpan(0, count), gs);
            }

            Kernels.SymmetrizeFromUpperInPlace(gs, q);
            double ws = gs[0];
            var gOther = new double[q * q];
            var bOther = new double[q];
            for (int k = 0; k < gs.Length; k++)
            {
                gOther[k] = gram[k] - gs[k];
            }

            for (int k = 0; k < q; k++)
            {
                bOther[k] = cross[k] - bs[k];
            }

            double wOther = wTotal - ws;
            double[] beta1, beta0, g1;
            double w1;
            if (sampleTreated)
            {
                (beta1, beta0, g1, w1) = (Solve(gs, bs, ws, lambda, q), Solve(gOther, bOther, wOther, lambda, q), gs, ws);
            }
            else
            {
                (beta1, beta0, g1, w1) = (Solve(gOther, bOther, wOther, lambda, q), Solve(gs, bs, ws, lambda, q), gOther, wOther);
            }

            if (estimand == Estimand.Ate)
            {
                result[sim] = beta1[0] - beta0[0];
            }
            else
            {
                double att = 0;
                for (int k = 0; k < q; k++)
                {
                    att += g1[k] / w1 * (beta1[k] - beta0[k]); // row 0 of the treated Gram / W₁ = treated mean of z
                }

                result[sim] = att;
            }
        });
        return result;
    }

    private static double[] Solve(double[] gram, double[] rhs, double weight, double lambda, int q)
    {
        var a = (double[])gram.Clone();
        for (int j = 1; j < q; j++)
        {
            a[(j * q) + j] += weight * lambda;
        }

        return Cholesky.Factor(a, q, 1e-13).Solve(rhs);
    }

    /// <summary>z_iᵀ H⁻¹ g for every unit, g = Σ_j s_j m'(x_j) z_j / S.</summary>
    internal static double[] Correction(Nuisance.Glm glm, Cholesky hessian, double[] s, double[] means, double total)
    {
        var v = new double[s.Length];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = s[i] == 0 ? 0 : s[i] * glm.Slope(means[i]) / total;
        }

        double[] u = hessian.Solve(glm.Design.TransposeMultiply(v));
        var zu = new double[s.Length];
        glm.Design.Multiply(u, zu);
        return zu;
    }
}
