using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal;

/// <summary>The dummy-outcome and bootstrap refuters and the unobserved-common-cause simulation.</summary>
public static partial class Refuters
{
    /// <summary>Largest |bootstrap mean − original| in original standard errors for the bootstrap refuter to pass.</summary>
    public const double BootstrapShiftTolerance = 0.5;

    /// <summary>The bootstrap refuter passes when the bootstrap spread ÷ reported standard error lies in [1/x, x] for this x.</summary>
    public const double BootstrapSpreadRatio = 1.5;

    /// <summary>
    /// Dummy outcome (DoWhy's dummy-outcome refuter): the outcome is replaced by a simulated one that depends on the
    /// covariates exactly as the real outcome does among the untreated, but not on the treatment, so the true effect is 0
    /// while the confounding stays. Simulation s fits a least-squares prediction f(W) of the outcome on the covariates in the
    /// control arm once, then draws Y* = f(W) + a permutation of the control residuals (continuous outcomes) or
    /// Y* ~ Bernoulli(clamp(f(W), 0.01, 0.99)) (0/1 outcomes). An estimator that adjusts properly finds ≈ 0; one that does
    /// not picks up the covariate–treatment association. Verdict as for <see cref="Placebo"/>: Passed when the dummy
    /// estimates centre on 0 relative to their spread, Failed otherwise, Inconclusive with fewer than 10 simulations.
    /// No p-value.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, or the estimand was not requested.</exception>
    public static Refutation DummyOutcome(IEffectEstimator estimator, EffectData data, RefutationOptions? options = null, EstimationResult? original = null)
    {
        (RefutationOptions o, EffectEstimate orig) = Prepare(estimator, data, options, ref original);
        ulong seed = unchecked((ulong)(long)o.Seed);
        double[] fitted = ControlArmPrediction(data);
        var residuals = new List<double>();
        for (int i = 0; i < data.Count; i++)
        {
            if (data.Treatment[i] == 0)
            {
                residuals.Add(data.Outcome[i] - fitted[i]);
            }
        }

        double[] sims = Simulate(o, s =>
        {
            var rng = new SeededRandom(SeededRandom.DeriveSeed(seed, (ulong)s));
            var y = new double[data.Count];
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = data.OutcomeIsBinary
                    ? (rng.NextDouble() < Math.Clamp(fitted[i], 0.01, 0.99) ? 1 : 0)
                    : fitted[i] + residuals[rng.NextInt(residuals.Count)];
            }

            return estimator.Estimate(new EffectData(y, data.Treatment, data.Covariates, data.CovariateNames, data.Groups, data.Weights)).For(o.Estimand).Estimate;
        });
        (double mean, double sd) = MeanSd(sims);
        double bound = Math.Max(RefutationOptions.PlaceboZ * sd / Math.Sqrt(sims.Length), RefutationOptions.PlaceboSpreadShare * sd);
        RefutationVerdict verdict = sims.Length < 10 ? RefutationVerdict.Inconclusive
            : Math.Abs(mean) <= bound ? RefutationVerdict.Passed : RefutationVerdict.Failed;
        string text = verdict switch
        {
            RefutationVerdict.Inconclusive => $"Only {sims.Length} dummy-outcome simulations were run; at least 10 are needed to judge.",
            RefutationVerdict.Passed => $"On a simulated outcome that the treatment cannot affect but the covariates do, the analysis finds {mean:G3} on average (spread {sd:G3}), i.e. about zero as it should: the adjustment removes the confounding it can see.",
            _ => $"On a simulated outcome that the treatment cannot affect, the analysis still finds {mean:G3} on average (spread {sd:G3}): the covariates are not adjusted for well enough, so part of the real estimate may be confounding.",
        };
        return new Refutation(
            Refuter.DummyOutcome, estimator.Method, "On an outcome simulated from the covariates alone, the estimated effect is zero.",
            orig.Estimate, mean, sd, sims.Length, null, verdict, text);
    }

    /// <summary>
    /// Bootstrap: the effect is re-estimated on resamples of the units drawn with replacement (of whole groups when the
    /// data has groups; copies of a unit share a cross-fitting group, so a unit never predicts its own copy). Passed when
    /// the bootstrap estimates centre within <see cref="BootstrapShiftTolerance"/> standard errors of the original and
    /// their spread agrees with the reported standard error within a factor <see cref="BootstrapSpreadRatio"/>; Failed
    /// otherwise; Inconclusive with fewer than 10 resamples. No p-value.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, or the estimand was not requested.</exception>
    public static Refutation Bootstrap(IEffectEstimator estimator, EffectData data, RefutationOptions? options = null, EstimationResult? original = null)
    {
        (RefutationOptions o, EffectEstimate orig) = Prepare(estimator, data, options, ref original);
        ulong seed = unchecked((ulong)(long)o.Seed);
        int[] groupIds = data.Groups is null ? [] : [.. data.Groups.Distinct().Order()];
        var rowsOf = data.Groups is null ? null : groupIds.ToDictionary(g => g, g => Enumerable.Range(0, data.Count).Where(i => data.Groups[i] == g).ToArray());
        double[] sims = Simulate(o, s =>
        {
            var rng = new SeededRandom(SeededRandom.DeriveSeed(seed, (ulong)s));
            var rows = new List<int>(data.Count);
            var groups = new List<int>(data.Count);
            if (rowsOf is null)
            {
                for (int k = 0; k < data.Count; k++)
                {
                    int i = rng.NextInt(data.Count);
                    rows.Add(i);
                    groups.Add(i);
                }
            }
            else
            {
                for (int k = 0; k < groupIds.Length; k++)
                {
                    int g = groupIds[rng.NextInt(groupIds.Length)];
                    foreach (int i in rowsOf[g])
                    {
                        rows.Add(i);
                        groups.Add(g);
                    }
                }
            }

            int[] r = [.. rows];
            var sub = data.Subset(r);
            var resample = new EffectData(sub.Outcome, sub.Treatment, sub.Covariates, sub.CovariateNames, [.. groups], sub.Weights);
            return estimator.Estimate(resample).For(o.Estimand).Estimate;
        });
        (double mean, double sd) = MeanSd(sims);
        double shift = orig.StdError > 0 ? Math.Abs(mean - orig.Estimate) / orig.StdError : (mean == orig.Estimate ? 0 : double.PositiveInfinity);
        double ratio = orig.StdError > 0 ? sd / orig.StdError : double.PositiveInfinity;
        bool spreadOk = ratio >= 1 / BootstrapSpreadRatio && ratio <= BootstrapSpreadRatio;
        RefutationVerdict verdict = sims.Length < 10 ? RefutationVerdict.Inconclusive
            : shift <= BootstrapShiftTolerance && spreadOk ? RefutationVerdict.Passed : RefutationVerdict.Failed;
        string text = verdict switch
        {
            RefutationVerdict.Inconclusive => $"Only {sims.Length} bootstrap resamples were run; at least 10 are needed to judge.",
            RefutationVerdict.Passed => $"Re-estimated on {sims.Length} resampled datasets the effect averages {mean:G3} with spread {sd:G3}, matching the reported {orig.Estimate:G3} ± {orig.StdError:G3}: the interval is honest about the sampling error.",
            _ when !spreadOk => $"Re-estimated on {sims.Length} resampled datasets the effect varies by {sd:G3}, {ratio:F2} times the reported standard error {orig.StdError:G3}: the interval {(ratio > 1 ? "understates" : "overstates")} the uncertainty.",
            _ => $"Re-estimated on {sims.Length} resampled datasets the effect averages {mean:G3}, {shift:F2} standard errors from the reported {orig.Estimate:G3}: the estimate is sensitive to which units are in the data.",
        };
        return new Refutation(
            Refuter.Bootstrap, estimator.Method, "Bootstrap re-estimates centre on the original, with a spread equal to its standard error.",
            orig.Estimate, mean, sd, sims.Length, null, verdict, text);
    }

    /// <summary>
    /// Unobserved common cause (the idea of DoWhy's <c>add_unobserved_common_cause</c>, direct simulation): a confounder U that
    /// the analysis cannot see is simulated with correlation <see cref="UnobservedConfounder.TreatmentCorrelation"/> with the
    /// treatment (U = ρ·t̃ + √(1 − ρ²)·Z, t̃ the standardised treatment, Z ~ N(0, 1)) and added to the outcome with
    /// <see cref="UnobservedConfounder.OutcomeEffect"/> outcome standard deviations per standard deviation of U, in the direction
    /// that pulls the estimate towards zero (the direction that threatens the conclusion); the effect is re-estimated with the
    /// same covariates (U left out), so the moved estimate is what would remain if such a confounder had inflated the original. The simulated outcome is continuous, so an automatic outcome model is linear for it. Passed when the effect keeps
    /// its sign and its 95% interval (original standard error) still excludes zero at the moved estimate; Failed when a
    /// confounder this strong would explain the effect away. No p-value.
    /// </summary>
    /// <param name="estimator">The estimator being refuted.</param>
    /// <param name="data">The data.</param>
    /// <param name="confounder">The strength of the simulated confounder.</param>
    /// <param name="options">Refuter options; null for defaults.</param>
    /// <param name="original">The estimator's result on <paramref name="data"/> when already computed.</param>
    /// <exception cref="ArgumentException">Invalid options or strengths (correlation outside [0, 1), negative outcome effect), or the
    /// estimand was not requested.</exception>
    public static Refutation UnobservedCommonCause(IEffectEstimator estimator, EffectData data, UnobservedConfounder confounder, RefutationOptions? options = null, EstimationResult? original = null)
    {
        ArgumentNullException.ThrowIfNull(confounder);
        if (!(confounder.TreatmentCorrelation >= 0 && confounder.TreatmentCorrelation < 1))
        {
            throw new ArgumentException($"TreatmentCorrelation {confounder.TreatmentCorrelation} must lie in [0, 1).", nameof(confounder));
        }

        if (!(confounder.OutcomeEffect >= 0) || double.IsInfinity(confounder.OutcomeEffect))
        {
            throw new ArgumentException($"OutcomeEffect {confounder.OutcomeEffect} must be a finite number ≥ 0.", nameof(confounder));
        }

        (RefutationOptions o, EffectEstimate orig) = Prepare(estimator, data, options, ref original);
        ulong seed = unchecked((ulong)(long)o.Seed);
        (double tMean, double tSd) = MeanSd(data.Treatment);
        (_, double ySd) = MeanSd(data.Outcome);
        double rho = confounder.TreatmentCorrelation, kappa = -Math.Sign(orig.Estimate) * confounder.OutcomeEffect * ySd;
        double[] sims = Simulate(o, s =>
        {
            var rng = new SeededRandom(SeededRandom.DeriveSeed(seed, (ulong)s));
            var y = new double[data.Count];
            double scale = Math.Sqrt(1 - (rho * rho));
            for (int i = 0; i < y.Length; i++)
            {
                double u = (rho * (data.Treatment[i] - tMean) / tSd) + (scale * rng.NextNormal());
                y[i] = data.Outcome[i] + (kappa * u);
            }

            return estimator.Estimate(new EffectData(y, data.Treatment, data.Covariates, data.CovariateNames, data.Groups, data.Weights)).For(o.Estimand).Estimate;
        });
        (double mean, double sd) = MeanSd(sims);
        double z = orig.StdError > 0 ? mean / orig.StdError : double.PositiveInfinity * Math.Sign(mean);
        bool sameSign = Math.Sign(mean) == Math.Sign(orig.Estimate) && orig.Estimate != 0;
        bool stillClear = Math.Abs(z) > 1.96;
        RefutationVerdict verdict = sims.Length < 2 ? RefutationVerdict.Inconclusive
            : sameSign && stillClear ? RefutationVerdict.Passed : RefutationVerdict.Failed;
        string strength = $"a hidden confounder correlated {rho:G2} with the treatment and moving the outcome by {confounder.OutcomeEffect:G2} standard deviations";
        string text = verdict switch
        {
            RefutationVerdict.Inconclusive => $"Only {sims.Length} simulation(s) were run; at least 2 are needed.",
            RefutationVerdict.Passed => $"If {strength} had inflated the estimate, removing it would move the estimate from {orig.Estimate:G3} to about {mean:G3}; it would keep its sign and stay clearly away from zero, so a confounder this strong does not explain the effect away.",
            _ => $"If {strength} had inflated the estimate, removing it would move the estimate from {orig.Estimate:G3} to about {mean:G3}{(sameSign ? ", no longer clearly different from zero" : ", changing sign")}: a confounder this strong could explain the effect away.",
        };
        return new Refutation(
            Refuter.UnobservedCommonCause, estimator.Method,
            $"A simulated unobserved confounder (correlation {rho:G2} with the treatment, {confounder.OutcomeEffect:G2} outcome SDs) does not explain the effect away.",
            orig.Estimate, mean, sd, sims.Length, null, verdict, text);
    }

    /// <summary>
    /// The estimate's movement over a grid of confounder strengths (every treatment correlation × every outcome effect), as
    /// <see cref="UnobservedCommonCause"/> computes it for each; for a sensitivity table or heat map. Deterministic.
    /// </summary>
    /// <returns>One row per strength pair, in grid order: the strengths and the mean moved estimate.</returns>
    public static IReadOnlyList<(UnobservedConfounder Confounder, double Estimate)> UnobservedCommonCauseGrid(
        IEffectEstimator estimator, EffectData data, IReadOnlyList<double> treatmentCorrelations, IReadOnlyList<double> outcomeEffects, RefutationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(treatmentCorrelations);
        ArgumentNullException.ThrowIfNull(outcomeEffects);
        EstimationResult? original = null;
        var rows = new List<(UnobservedConfounder, double)>();
        foreach (double rho in treatmentCorrelations)
        {
            foreach (double k in outcomeEffects)
            {
                var c = new UnobservedConfounder(rho, k);
                original ??= estimator.Estimate(data);
                rows.Add((c, UnobservedCommonCause(estimator, data, c, options, original).NewEstimateMean));
            }
        }

        return rows;
    }

    // Least-squares prediction of the outcome from the covariates, fitted on the control arm (small ridge for stability). (n)
    private static double[] ControlArmPrediction(EffectData data)
    {
        int n = data.Count, p = data.Covariates.Cols + 1;
        var xtx = new double[p * p]; // (p, p) with the intercept first
        var xty = new double[p];
        var row = new double[p];
        for (int i = 0; i < n; i++)
        {
            if (data.Treatment[i] != 0)
            {
                continue;
            }

            row[0] = 1;
            data.Covariates.Row(i).CopyTo(row.AsSpan(1));
            for (int a = 0; a < p; a++)
            {
                xty[a] += row[a] * data.Outcome[i];
                for (int b = 0; b <= a; b++)
                {
                    xtx[(a * p) + b] += row[a] * row[b];
                }
            }
        }

        double ridge = 1e-8 * Math.Max(1, Enumerable.Range(0, p).Max(j => xtx[(j * p) + j]));
        for (int j = 0; j < p; j++)
        {
            xtx[(j * p) + j] += ridge;
        }

        double[] beta = Cholesky.Factor(xtx, p).Solve(xty);
        var fitted = new double[n];
        for (int i = 0; i < n; i++)
        {
            double v = beta[0];
            var r = data.Covariates.Row(i);
            for (int j = 0; j < r.Length; j++)
            {
                v += beta[j + 1] * r[j];
            }

            fitted[i] = v;
        }

        return fitted;
    }
}
