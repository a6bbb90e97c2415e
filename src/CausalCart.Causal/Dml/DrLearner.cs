using CausalCart.Core.Results;
using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>
/// DR-learner (Kennedy 2020, "Towards optimal doubly robust estimation of heterogeneous causal effects", arXiv
/// 2004.14497): cross-fitted AIPW pseudo-outcomes ψ_i = m̂₁ − m̂₀ + T(y − m̂₁)/ê − (1 − T)(y − m̂₀)/(1 − ê), regressed
/// on the effect modifiers with any regressor (<see cref="NuisanceLearners.Effect"/>). E[ψ | X] = τ(X) when either the
/// propensity or the outcome models are right, so the final stage estimates the CATE.
/// </summary>
/// <remarks>
/// ATE: the mean of ψ with SE² = Σ[w_i(ψ_i − θ)/Σw]² (cluster-robust by groups); with several splits the ATE is
/// median-aggregated (§3.4 of Chernozhukov et al. 2018) and the final stage is fitted once on ψ averaged over splits.
/// The final model is fitted on all units and predicts them in sample (as EconML's DRLearner). Coefficient inference
/// is the OLS of ψ on [1, X] with HC1 SEs (<see cref="DrLearnerResult.LinearProjection"/>). Propensities clipped to
/// [ε, 1 − ε]. Deterministic for a seed.
/// </remarks>
public sealed class DrLearner(EffectOptions? options = null, DmlOptions? dml = null)
{
    /// <summary>Options (folds, seed, clipping, confidence level; estimands are ignored: the ATE is reported).</summary>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <summary>The double-ML options (learners, repetitions, effect modifiers).</summary>
    public DmlOptions Dml { get; } = dml ?? new DmlOptions();

    /// <summary>Fits the DR-learner.</summary>
    /// <exception cref="ArgumentException">Invalid options, an unknown modifier, too few units per fold.</exception>
    public DrLearnerResult Fit(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Dml.Validate();
        int n = data.Count, s = Dml.Repetitions;
        var psi = new double[n];
        var ates = new double[s];
        var vars = new double[s];
        int maxClipped = 0;
        for (int r = 0; r < s; r++)
        {
            AipwNuisances nu = AipwNuisances.Fit(data, Options, Dml, r);
            maxClipped = Math.Max(maxClipped, nu.Clipped);
            (ates[r], vars[r]) = nu.Estimate(data, Estimand.Ate);
            double[] p = nu.AteScores(data);
            for (int i = 0; i < n; i++)
            {
                psi[i] += p[i] / s;
            }
        }

        (double theta, double variance) = ScoreInference.Aggregate(ates, vars);
        double se = ScoreInference.StdError("DR-learner ATE", theta, variance);
        int[] cols = Modifiers.Columns(data.CovariateNames, Dml.EffectModifiers);
        Matrix x = Modifiers.Select(data.Covariates, cols);
        IRegressionModel model = Dml.Learners.Effect().Fit(x, psi, data.W);
        var cate = new double[n];
        model.Predict(x, cate);
        string[] names = cols.Select(c => data.CovariateNames[c]).ToArray();
        LinearStage stage = LinearStage.Fit(Modifiers.WithIntercept(x), psi, null, data.W, data.Groups, "DR-learner linear projection", names);
        var coefficients = new CoefficientEstimate[stage.Beta.Length];
        for (int p = 0; p < coefficients.Length; p++)
        {
            string term = p == 0 ? "intercept" : names[p - 1];
            coefficients[p] = ScoreInference.Coefficient(
                term, stage.Beta[p], ScoreInference.StdError($"DR-learner coefficient '{term}'", stage.Beta[p], stage.Covariance[p, p]), Options.ConfidenceLevel);
        }

        var warnings = new List<string>();
        if (maxClipped > 0)
        {
            warnings.Add(Nuisance.ClipWarning(maxClipped, n, Options.PropensityClip));
        }

        double z = StandardNormal.TwoSidedCritical(Options.ConfidenceLevel);
        var diag = new Dictionary<string, double> { ["folds"] = Options.Folds, ["repetitions"] = s, ["clippedShare"] = (double)maxClipped / n };
        var ate = new EffectEstimate(
            EffectMethod.DrLearner, Estimand.Ate, theta, se, theta - (z * se), theta + (z * se), Options.ConfidenceLevel,
            n, data.NTreated, data.NControl, diag, warnings);
        return new DrLearnerResult(ate, cate, psi, coefficients, names, model);
    }
}
