using CausalCart.Core.Results;

namespace CausalCart.Causal.Dml;

/// <summary>
/// Double ML for the interactive regression model Y = g(T, X) + ε, T ∈ {0, 1} (Chernozhukov et al. 2018, §5.1): the
/// propensity and the per-arm outcome regressions are cross-fitted with any learners (<see cref="DmlOptions.Learners"/>)
/// and the ATE / ATT solve the pooled (DML2) doubly robust scores; repeated splits are aggregated by the median with
/// the variance adjustment of §3.4.
/// </summary>
/// <remarks>
/// ATE score ψ = m̂₁ − m̂₀ + T(y − m̂₁)/ê − (1 − T)(y − m̂₀)/(1 − ê); ATT score ψ = T(y − m̂₀) − (1 − T)ê(y − m̂₀)/(1 − ê)
/// normalised by ΣwT. SE from the influence contributions (cluster-robust by <see cref="EffectData.Groups"/>); per split
/// σ̂²_s, then θ̃ = median θ̂_s and σ̃² = median(σ̂²_s + (θ̂_s − θ̃)²). Propensities are clipped to
/// [ε, 1 − ε] (<see cref="EffectOptions.PropensityClip"/>, reported). With one split and the default learners this is
/// <see cref="AipwEstimator"/> with a linear-probability outcome model for binary outcomes. Deterministic for a seed.
/// </remarks>
public sealed class DmlIrmEstimator(EffectOptions? options = null, DmlOptions? dml = null) : IEffectEstimator
{
    /// <inheritdoc/>
    public EffectMethod Method => EffectMethod.DmlIrm;

    /// <inheritdoc/>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <summary>The double-ML options.</summary>
    public DmlOptions Dml { get; } = dml ?? new DmlOptions();

    /// <inheritdoc/>
    public EstimationResult Estimate(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Dml.Validate();
        int s = Dml.Repetitions;
        int q = Options.Estimands.Count;
        var thetas = new double[q][];
        var vars = new double[q][];
        for (int k = 0; k < q; k++)
        {
            thetas[k] = new double[s];
            vars[k] = new double[s];
        }

        AipwNuisances? first = null;
        int maxClipped = 0;
        for (int r = 0; r < s; r++)
        {
            AipwNuisances nu = AipwNuisances.Fit(data, Options, Dml, r);
            first ??= nu;
            maxClipped = Math.Max(maxClipped, nu.Clipped);
            for (int k = 0; k < q; k++)
            {
                (thetas[k][r], vars[k][r]) = nu.Estimate(data, Options.Estimands[k]);
            }
        }

        var warnings = new List<string>();
        if (maxClipped > 0)
        {
            warnings.Add(Nuisance.ClipWarning(maxClipped, data.Count, Options.PropensityClip));
        }

        double z = Numerics.StandardNormal.TwoSidedCritical(Options.ConfidenceLevel);
        var estimates = new List<EffectEstimate>();
        for (int k = 0; k < q; k++)
        {
            (double theta, double variance) = ScoreInference.Aggregate(thetas[k], vars[k]);
            double se = ScoreInference.StdError($"DML IRM {Options.Estimands[k]}", theta, variance);
            var diag = new Dictionary<string, double>
            {
                ["folds"] = Options.Folds,
                ["repetitions"] = s,
                ["splitMin"] = thetas[k].Min(),
                ["splitMax"] = thetas[k].Max(),
                ["clippedShare"] = (double)maxClipped / data.Count,
                ["clipEpsilon"] = Options.PropensityClip,
            };
            if (data.Groups is not null)
            {
                diag["clusters"] = data.Groups.Distinct().Count();
            }

            estimates.Add(new EffectEstimate(
                Method, Options.Estimands[k], theta, se, theta - (z * se), theta + (z * se), Options.ConfidenceLevel,
                data.Count, data.NTreated, data.NControl, diag, [.. warnings]));
        }

        OverlapDiagnostics overlap = Diagnostics.Overlap(first!.RawPropensity, data.Treatment, data.W, Options.ExtremeThreshold, Options.PropensityClip);
        BalanceDiagnostics balance = Diagnostics.Balance(data, first.Propensity, Options.BalanceThreshold);
        return new EstimationResult(Method, estimates, Inference.Associate(data), overlap, balance, first.RawPropensity);
    }
}
