using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>
/// LinearDML: the partially linear model with a linear effect in the effect modifiers X,
/// Y = θ(X)·T + g(X, W) + ε with θ(X) = β₀ + X'β (Chernozhukov et al. 2018; EconML's LinearDML). The nuisances
/// ℓ(X, W) = E[Y | X, W] and the propensity are cross-fitted over <see cref="EffectOptions.Folds"/> grouped folds; the
/// final stage regresses Ỹ on T̃·[1, X] by least squares: β̂ = (Σ w T̃² φφ')⁻¹ Σ w T̃ Ỹ φ, φ = [1, X].
/// </summary>
/// <remarks>
/// Covariance: HC1 sandwich J⁻¹(Σ s s')J⁻¹·n/(n − d), s_i = w_i T̃_i φ_i (Ỹ_i − T̃_i φ_i'β̂), or cluster-robust by
/// <see cref="EffectData.Groups"/>. Neyman orthogonality of the score makes the cross-fitted nuisance error negligible
/// to first order, so no correction term is needed. Repeated splits: coefficients are the coordinatewise median of
/// the splits; the covariance is the V_s + (β_s − β̃)(β_s − β̃)' of the split whose trace is the median (a positive
/// semi-definite choice in the spirit of §3.4); the ATE is aggregated as a scalar by the median rule.
/// Assumes unconfoundedness given all covariates, overlap, and that θ(X) is linear in the chosen modifiers (if not,
/// β̂ is the T̃²-weighted best linear approximation). Deterministic for a seed.
/// </remarks>
public sealed class LinearDml(EffectOptions? options = null, DmlOptions? dml = null)
{
    /// <summary>Options; only the ATE is reported, so <see cref="EffectOptions.Estimands"/> is ignored.</summary>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <summary>The double-ML options (learners, repetitions, effect modifiers).</summary>
    public DmlOptions Dml { get; } = dml ?? new DmlOptions();

    /// <summary>Fits the CATE model on binary-treatment data.</summary>
    /// <exception cref="ArgumentException">Invalid options, an unknown modifier name, too few units per fold, or an
    /// unidentified final stage (a modifier without variation).</exception>
    public LinearDmlResult Fit(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Dml.Validate();
        int[] cols = Modifiers.Columns(data.CovariateNames, Dml.EffectModifiers);
        Matrix phi = Modifiers.WithIntercept(Modifiers.Select(data.Covariates, cols)); // (n, d)
        int n = data.Count, d = phi.Cols, s = Dml.Repetitions;
        double[] w = data.W;
        double wsum = w.Sum();
        var g = new double[d]; // (d) weighted mean of φ
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> r = phi.Row(i);
            for (int p = 0; p < d; p++)
            {
                g[p] += w[i] * r[p] / wsum;
            }
        }

        var betas = new double[s][];
        var covs = new double[s][,];
        var ates = new double[s];
        var ateVars = new double[s];
        for (int rep = 0; rep < s; rep++)
        {
            PlrResiduals res = PlrResiduals.Fit(data.Outcome, data.Treatment, data.Covariates, w, data.Groups, binary: true, Options, Dml, rep);
            LinearStage stage = LinearStage.Fit(phi, res.Outcome, res.Treatment, w, data.Groups, "LinearDML final stage", [.. cols.Select(c => data.CovariateNames[c])]);
            betas[rep] = stage.Beta;
            covs[rep] = stage.Covariance;
            double ate = Kernels.Dot(g, stage.Beta);
            double[] c = stage.Contributions(g);
            for (int i = 0; i < n; i++)
            {
                c[i] += w[i] * (Kernels.Dot(phi.Row(i), stage.Beta) - ate) / wsum;
            }

            ates[rep] = ate;
            ateVars[rep] = ScoreInference.SumSquares(c, data.Groups);
        }

        var beta = new double[d];
        for (int p = 0; p < d; p++)
        {
            beta[p] = ScoreInference.Median(betas.Select(b => b[p]).ToArray());
        }

        double[,] cov = AggregateCovariance(betas, covs, beta);
        string[] names = cols.Select(c => data.CovariateNames[c]).ToArray();
        var coefficients = new CoefficientEstimate[d];
        for (int p = 0; p < d; p++)
        {
            string term = p == 0 ? "intercept" : names[p - 1];
            double se = ScoreInference.StdError($"LinearDML coefficient '{term}'", beta[p], cov[p, p]);
            coefficients[p] = ScoreInference.Coefficient(term, beta[p], se, Options.ConfidenceLevel);
        }

        var cate = new double[n];
        var cateSe = new double[n];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> r = phi.Row(i);
            cate[i] = Kernels.Dot(r, beta);
            double v = 0;
            for (int p = 0; p < d; p++)
            {
                for (int q = 0; q < d; q++)
                {
                    v += r[p] * cov[p, q] * r[q];
                }
            }

            cateSe[i] = Math.Sqrt(Math.Max(v, 0));
        }

        (double theta, double variance) = ScoreInference.Aggregate(ates, ateVars);
        double ateSe = ScoreInference.StdError("LinearDML ATE", theta, variance);
        double z = StandardNormal.TwoSidedCritical(Options.ConfidenceLevel);
        var diag = new Dictionary<string, double> { ["folds"] = Options.Folds, ["repetitions"] = s, ["modifiers"] = d - 1 };
        var ateEstimate = new EffectEstimate(
            EffectMethod.LinearDml, Estimand.Ate, theta, ateSe, theta - (z * ateSe), theta + (z * ateSe), Options.ConfidenceLevel,
            n, data.NTreated, data.NControl, diag, []);
        var flat = new double[d * d];
        for (int p = 0; p < d; p++)
        {
            for (int q = 0; q < d; q++)
            {
                flat[(p * d) + q] = cov[p, q];
            }
        }

        return new LinearDmlResult(ateEstimate, coefficients, names, flat, cate, cateSe);
    }

    /// <summary>V_s + (β_s − β̃)(β_s − β̃)' of the split with the median trace (lower median for an even count).</summary>
    internal static double[,] AggregateCovariance(double[][] betas, double[][,] covs, double[] median)
    {
        int s = betas.Length, d = median.Length;
        var adjusted = new double[s][,];
        var trace = new double[s];
        for (int r = 0; r < s; r++)
        {
            var a = new double[d, d];
            for (int p = 0; p < d; p++)
            {
                for (int q = 0; q < d; q++)
                {
                    a[p, q] = covs[r][p, q] + ((betas[r][p] - median[p]) * (betas[r][q] - median[q]));
                }

                trace[r] += a[p, p];
            }

            adjusted[r] = a;
        }

        int[] order = Enumerable.Range(0, s).OrderBy(r => trace[r]).ThenBy(r => r).ToArray();
        return adjusted[order[(s - 1) / 2]];
    }
}
