using CausalCart.Core.Results;

namespace CausalCart.Causal.Dml;

/// <summary>
/// Double ML for the partially linear model Y = θ·T + g(X) + ε, E[ε | T, X] = 0, T = m(X) + v (Chernozhukov et al.
/// 2018, Econometrics Journal 21:C1, §4.1): ℓ(X) = E[Y | X] and m(X) = E[T | X] (the propensity for binary T) are
/// cross-fitted with the learners of <see cref="DmlOptions.Learners"/>, and θ solves the pooled (DML2)
/// partialling-out score Σ (Ỹ − θT̃)T̃ = 0 with Ỹ = Y − ℓ̂(X), T̃ = T − m̂(X).
/// </summary>
/// <remarks>
/// SE² = Σ_i [w_i T̃_i(Ỹ_i − θT̃_i)/Σ_j w_j T̃_j²]² (cluster-robust by <see cref="EffectData.Groups"/>); repeated splits
/// are aggregated by the median (§3.4). Reports the <see cref="Estimand.Ate"/> only: under a constant effect θ is the
/// ATE; under heterogeneous effects it is the variance-weighted average effect E[v²τ(X)]/E[v²], which differs from
/// the ATE (a warning says so). Requesting <see cref="Estimand.Att"/> throws; use <see cref="DmlIrmEstimator"/>.
/// Deterministic for a given seed, whatever the thread count.
/// </remarks>
public sealed class DmlPlrEstimator(EffectOptions? options = null, DmlOptions? dml = null) : IEffectEstimator
{
    /// <inheritdoc/>
    public EffectMethod Method => EffectMethod.DmlPlr;

    /// <inheritdoc/>
    public EffectOptions Options { get; } = options ?? new EffectOptions { Estimands = [Estimand.Ate] };

    /// <summary>The double-ML options.</summary>
    public DmlOptions Dml { get; } = dml ?? new DmlOptions();

    /// <inheritdoc/>
    public EstimationResult Estimate(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Dml.Validate();
        if (Options.Estimands.Any(e => e != Estimand.Ate))
        {
            throw new ArgumentException(
                "The partially linear model estimates one effect coefficient (reported as the ATE); request Estimands = [ate], or use DmlIrmEstimator for the ATT.",
                nameof(data));
        }

        int s = Dml.Repetitions;
        var thetas = new double[s];
        var vars = new double[s];
        PlrResiduals? first = null;
        for (int r = 0; r < s; r++)
        {
            PlrResiduals res = PlrResiduals.Fit(data.Outcome, data.Treatment, data.Covariates, data.W, data.Groups, binary: true, Options, Dml, r);
            first ??= res;
            (thetas[r], vars[r]) = res.Estimate(data.W, data.Groups);
        }

        (double theta, double variance) = ScoreInference.Aggregate(thetas, vars);
        double se = ScoreInference.StdError("DML PLR", theta, variance);
        var diag = new Dictionary<string, double>
        {
            ["folds"] = Options.Folds,
            ["repetitions"] = s,
            ["splitMin"] = thetas.Min(),
            ["splitMax"] = thetas.Max(),
        };
        if (data.Groups is not null)
        {
            diag["clusters"] = data.Groups.Distinct().Count();
        }

        var warnings = new List<string>
        {
            "The partially linear model assumes one effect for everyone; if the effect varies, this number weights units by how " +
            "unpredictable their treatment was, and can differ from the average effect (compare with the interactive model).",
        };
        double z = Numerics.StandardNormal.TwoSidedCritical(Options.ConfidenceLevel);
        var estimate = new EffectEstimate(
            Method, Estimand.Ate, theta, se, theta - (z * se), theta + (z * se), Options.ConfidenceLevel,
            data.Count, data.NTreated, data.NControl, diag, warnings);
        double[] raw = first!.TreatmentMean;
        var clipped = new double[raw.Length];
        Nuisance.Clip(raw, Options.PropensityClip, clipped);
        OverlapDiagnostics overlap = Diagnostics.Overlap(raw, data.Treatment, data.W, Options.ExtremeThreshold, Options.PropensityClip);
        BalanceDiagnostics balance = Diagnostics.Balance(data, clipped, Options.BalanceThreshold);
        return new EstimationResult(Method, [estimate], Inference.Associate(data), overlap, balance, raw);
    }
}
