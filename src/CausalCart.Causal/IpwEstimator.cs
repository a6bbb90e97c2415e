using System.Runtime.CompilerServices;
using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal;

/// <summary>
/// Inverse probability weighting with normalised (Hájek) weights. A logistic propensity model ê(x) is fitted on all
/// units and clipped to [ε, 1 − ε]; then for the ATE μ₁ = Σ w T y/ê / Σ w T/ê and μ₀ = Σ w(1−T) y/(1−ê) / Σ w(1−T)/(1−ê),
/// θ = μ₁ − μ₀; for the ATT μ₁ is the treated mean and controls get odds weights ê/(1−ê).
/// </summary>
/// <remarks>
/// Standard error by M-estimation (Lunceford &amp; Davidian 2004, Stat. Med. 23:2937; Stefanski &amp; Boos 2002): the
/// stacked estimating equations of the two normalised means and the logistic score are linearised, so the SE accounts
/// for the normalisation of the weights and for the estimation of the propensity model. For μ₁ (ATE):
/// c_i = [w_i T_i (y_i − μ₁)/ê_i + B₁ᵀH⁻¹ z_i w_i (T_i − ê_i)] / A₁ with A₁ = Σ w T/ê,
/// B₁ = −Σ w T (y − μ₁)(1 − ê)/ê · z (0 for clipped units), H the logistic Hessian; likewise for μ₀ and the ATT.
/// Units whose propensity was clipped are counted in the diagnostics (<c>clippedShare</c>) and a warning.
/// </remarks>
public sealed class IpwEstimator(EffectOptions? options = null) : IEffectEstimator
{
    /// <inheritdoc/>
    public EffectMethod Method => EffectMethod.Ipw;

    /// <inheritdoc/>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <inheritdoc/>
    public EstimationResult Estimate(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        int n = data.Count;
        double[] w = data.W;
        double[] t = data.Treatment;
        double[] y = data.Outcome;
        Nuisance.Glm ps = Nuisance.FitPropensity(data, w, Options);
        var raw = new double[n];
        DeterministicParallel.For(n, DeterministicParallel.DefaultChunkRows, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (s, e) =>
        {
            for (int i = s; i < e; i++)
            {
                raw[i] = ps.Mean(data.Covariates, i);
            }
        });
        var e = new double[n];
        int clipped = Nuisance.Clip(raw, Options.PropensityClip, e);
        var slope = new double[n]; // de/dη: e(1−e), 0 where clipped
        for (int i = 0; i < n; i++)
        {
            slope[i] = e[i] == raw[i] ? e[i] * (1 - e[i]) : 0;
        }

        Cholesky h = ps.FactorHessian(w, raw);
        var score = new double[n]; // w_i (T_i − ê_i), the logistic score weight (unclipped ê)
        for (int i = 0; i < n; i++)
        {
            score[i] = w[i] * (t[i] - raw[i]);
        }

        var warnings = new List<string>();
        if (clipped > 0)
        {
            warnings.Add(Nuisance.ClipWarning(clipped, n, Options.PropensityClip));
        }

        if (!ps.Converged)
        {
            warnings.Add("The propensity model did not converge within its iteration limit.");
        }

        var estimates = new List<EffectEstimate>();
        foreach (Estimand estimand in Options.Estimands)
        {
            // Per-unit weights of the two normalised means, and the derivative of each weight w.r.t. the linear predictor.
            var a1 = new double[n];
            var a0 = new double[n];
            var d1 = new double[n];
            var d0 = new double[n];
            for (int i = 0; i < n; i++)
            {
                if (estimand == Estimand.Ate)
                {
                    a1[i] = w[i] * t[i] / e[i];
                    a0[i] = w[i] * (1 - t[i]) / (1 - e[i]);
                    d1[i] = -w[i] * t[i] * slope[i] / (e[i] * e[i]);
                    d0[i] = w[i] * (1 - t[i]) * slope[i] / ((1 - e[i]) * (1 - e[i]));
                }
                else
                {
                    a1[i] = w[i] * t[i];
                    a0[i] = w[i] * (1 - t[i]) * e[i] / (1 - e[i]);
                    d0[i] = w[i] * (1 - t[i]) * slope[i] / ((1 - e[i]) * (1 - e[i]));
                }
            }

            double[] c1 = HajekContributions(a1, d1, y, ps, h, score, out double mu1);
            double[] c0 = HajekContributions(a0, d0, y, ps, h, score, out double mu0);
            var c = new double[n];
            for (int i = 0; i < n; i++)
            {
                c[i] = c1[i] - c0[i];
            }

            var diag = new Dictionary<string, double>
            {
                ["clippedShare"] = (double)clipped / n,
                ["clipEpsilon"] = Options.PropensityClip,
                ["meanTreatedWeighted"] = mu1,
                ["meanControlWeighted"] = mu0,
            };
            estimates.Add(Inference.Build(Method, estimand, mu1 - mu0, c, data, Options, diag, [.. warnings]));
        }

        OverlapDiagnostics overlap = Diagnostics.Overlap(raw, t, w, Options.ExtremeThreshold, Options.PropensityClip);
        BalanceDiagnostics balance = Diagnostics.Balance(data, e, Options.BalanceThreshold);
        return new EstimationResult(Method, estimates, Inference.Associate(data), overlap, balance, raw);
    }

    /// <summary>
    /// Contributions of the normalised mean μ = Σ a_i y_i / Σ a_i: [a_i (y_i − μ) + Bᵀ H⁻¹ z_i score_i] / Σ a, with
    /// B = Σ d_i (y_i − μ) z_i the derivative of the estimating equation w.r.t. the propensity coefficients.
    /// </summary>
    private static double[] HajekContributions(double[] a, double[] d, double[] y, Nuisance.Glm ps, Cholesky h, double[] score, out double mu)
    {
        int n = a.Length;
        double sa = 0, say = 0;
        for (int i = 0; i < n; i++)
        {
            sa += a[i];
            say += a[i] * y[i];
        }

        mu = say / sa;
        var dv = new double[n];
        for (int i = 0; i < n; i++)
        {
            dv[i] = d[i] * (y[i] - mu);
        }

        double[] u = h.Solve(ps.Design.TransposeMultiply(dv));
        var zu = new double[n];
        ps.Design.Multiply(u, zu);
        var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            c[i] = ((a[i] * (y[i] - mu)) + (zu[i] * score[i])) / sa;
        }

        return c;
    }
}
