using System.Runtime.CompilerServices;
using CausalCart.Core.Results;
using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal;

/// <summary>
/// Augmented inverse probability weighting (doubly robust) with K-fold cross-fitting: the propensity ê and the
/// per-arm outcome models m̂₁, m̂₀ are fitted on the other folds and evaluated on each held-out fold (folds grouped by
/// <see cref="EffectData.Groups"/>, seeded by <see cref="EffectOptions.Seed"/>). Consistent when either the propensity
/// or the outcome models are correct (Robins, Rotnitzky &amp; Zhao 1994, JASA 89:846; Chernozhukov et al. 2018,
/// Econometrics Journal 21:C1, "DML2" with the scores of §5.1).
/// </summary>
/// <remarks>
/// ATE score: ψ_i = m̂₁ − m̂₀ + T(y − m̂₁)/ê − (1−T)(y − m̂₀)/(1−ê); θ = Σ w ψ / Σ w; SE² = Σ [w_i(ψ_i − θ)/Σw]².
/// ATT score: ψ_i = T(y − m̂₀) − (1−T) ê (y − m̂₀)/(1−ê); θ = Σ w ψ / Σ w T; SE² = Σ [w_i(ψ_i − T_i θ)/Σ wT]².
/// Propensities are clipped to [ε, 1 − ε] (reported). Cross-fitting makes the nuisance estimation error negligible
/// to first order, so the influence function above needs no correction term. Deterministic for a given seed.
/// <para>With <c>learners</c> given, the nuisances are fitted by those learners instead of the GLMs (e.g.
/// gradient-boosted trees): the estimate is then <see cref="Dml.DmlIrmEstimator"/> with one split, the same scores and the
/// same cross-fitting, reported under this method's name.</para>
/// </remarks>
public sealed class AipwEstimator(EffectOptions? options = null, Dml.NuisanceLearners? learners = null) : IEffectEstimator
{
    /// <summary>Flexible nuisance learners, or null for the GLMs (logistic propensity, logistic/linear outcome models).</summary>
    public Dml.NuisanceLearners? Learners { get; } = learners;

    /// <inheritdoc/>
    public EffectMethod Method => EffectMethod.Aipw;

    /// <inheritdoc/>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <inheritdoc/>
    public EstimationResult Estimate(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        if (Learners is not null)
        {
            EstimationResult irm = new Dml.DmlIrmEstimator(Options, new Dml.DmlOptions { Learners = Learners }).Estimate(data);
            return irm with { Method = Method, Estimates = [.. irm.Estimates.Select(e => e with { Method = Method })] };
        }

        (double[] raw, double[] ec, double[] m1, double[] m0, int clipped, bool converged, bool logistic) = FitNuisances(data);
        int n = data.Count;
        int k = Options.Folds;
        var warnings = new List<string>();
        if (clipped > 0)
        {
            warnings.Add(Nuisance.ClipWarning(clipped, n, Options.PropensityClip));
        }

        if (!converged)
        {
            warnings.Add("A nuisance model did not converge within its iteration limit.");
        }

        double[] w = data.W;
        double[] t = data.Treatment;
        double[] y = data.Outcome;
        var estimates = new List<EffectEstimate>();
        foreach (Estimand estimand in Options.Estimands)
        {
            double[] psi = estimand == Estimand.Ate ? ScoresFrom(data, ec, m1, m0) : new double[n];
            double num = 0, den = 0;
            for (int i = 0; i < n; i++)
            {
                if (estimand == Estimand.Att)
                {
                    double e = ec[i];
                    psi[i] = (t[i] * (y[i] - m0[i])) - ((1 - t[i]) * e * (y[i] - m0[i]) / (1 - e));
                }

                num += w[i] * psi[i];
                den += estimand == Estimand.Ate ? w[i] : w[i] * t[i];
            }

            double theta = num / den;
            var c = new double[n];
            for (int i = 0; i < n; i++)
            {
                double centre = estimand == Estimand.Ate ? theta : t[i] * theta;
                c[i] = w[i] * (psi[i] - centre) / den;
            }

            var diag = new Dictionary<string, double>
            {
                ["folds"] = k,
                ["clippedShare"] = (double)clipped / n,
                ["clipEpsilon"] = Options.PropensityClip,
                ["logisticOutcome"] = logistic ? 1 : 0,
            };
            estimates.Add(Inference.Build(Method, estimand, theta, c, data, Options, diag, [.. warnings]));
        }

        OverlapDiagnostics overlap = Diagnostics.Overlap(raw, t, w, Options.ExtremeThreshold, Options.PropensityClip);
        BalanceDiagnostics balance = Diagnostics.Balance(data, ec, Options.BalanceThreshold);
        return new EstimationResult(Method, estimates, Inference.Associate(data), overlap, balance, raw);
    }

    /// <summary>
    /// The per-unit ATE scores ψ_i = m̂₁ − m̂₀ + T(Y − m̂₁)/ê − (1 − T)(Y − m̂₀)/(1 − ê) from the same cross-fitted nuisances
    /// (same folds, clipping and models) as <see cref="Estimate"/>; their weighted mean is its ATE. Used for effect
    /// heterogeneity, whose segment and group effects are then means of the scores the headline estimate averages.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Estimate"/>.</exception>
    public double[] AteScores(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        if (Learners is not null)
        {
            return Dml.AipwNuisances.Fit(data, Options, new Dml.DmlOptions { Learners = Learners }, 0).AteScores(data);
        }

        (_, double[] ec, double[] m1, double[] m0, _, _, _) = FitNuisances(data);
        return ScoresFrom(data, ec, m1, m0);
    }

    private static double[] ScoresFrom(EffectData data, double[] ec, double[] m1, double[] m0)
    {
        double[] t = data.Treatment;
        double[] y = data.Outcome;
        var psi = new double[data.Count];
        for (int i = 0; i < psi.Length; i++)
        {
            double e = ec[i];
            psi[i] = m1[i] - m0[i] + (t[i] * (y[i] - m1[i]) / e) - ((1 - t[i]) * (y[i] - m0[i]) / (1 - e));
        }

        return psi;
    }

    private (double[] Raw, double[] Clipped, double[] M1, double[] M0, int ClippedCount, bool Converged, bool Logistic) FitNuisances(EffectData data)
    {
        bool logistic = Nuisance.UsesLogistic(data, Options);
        int n = data.Count;
        int k = Options.Folds;
        int[] fold = GroupedKFold.Assign(n, k, unchecked((ulong)(long)Options.Seed), data.Groups);
        var raw = new double[n]; // (n) cross-fitted propensity
        var m1 = new double[n];  // (n) cross-fitted E[Y | T=1, x]
        var m0 = new double[n];  // (n) cross-fitted E[Y | T=0, x]
        bool converged = true;
        Nuisance.Glm? ps = null, o1 = null, o0 = null; // previous fold's models: warm starts for Newton (same optimum)
        for (int f = 0; f < k; f++)
        {
            double[] train = Nuisance.ArmWeights(data, -1, fold, f);
            double[] train1 = Nuisance.ArmWeights(data, 1, fold, f);
            double[] train0 = Nuisance.ArmWeights(data, 0, fold, f);
            if (!(train1.Sum() > 0) || !(train0.Sum() > 0))
            {
                throw new ArgumentException($"Cross-fitting fold {f}: the training folds have no treated or no control units; use fewer folds.", nameof(data));
            }

            Nuisance.Glm fps = ps = Nuisance.FitPropensity(data, train, Options, ps);
            Nuisance.Glm fo1 = o1 = Nuisance.FitOutcome(data, train1, logistic, Options, o1);
            Nuisance.Glm fo0 = o0 = Nuisance.FitOutcome(data, train0, logistic, Options, o0);
            converged &= fps.Converged && fo1.Converged && fo0.Converged;
            int current = f;
            DeterministicParallel.For(n, DeterministicParallel.DefaultChunkRows, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (s, e) =>
            {
                for (int i = s; i < e; i++)
                {
                    if (fold[i] == current)
                    {
                        raw[i] = fps.Mean(data.Covariates, i);
                        m1[i] = fo1.Mean(data.Covariates, i);
                        m0[i] = fo0.Mean(data.Covariates, i);
                    }
                }
            });
        }

        var ec = new double[n];
        int clipped = Nuisance.Clip(raw, Options.PropensityClip, ec);
        return (raw, ec, m1, m0, clipped, converged, logistic);
    }
}
