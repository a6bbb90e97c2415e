using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal;

/// <summary>
/// Refutation tests (in the spirit of DoWhy's refuters, Sharma &amp; Kiciman 2020): each changes the data in a way whose
/// effect on a sound estimate is known, re-estimates many times in parallel and returns a <see cref="Refutation"/>.
/// Simulation s draws from its own generator seeded by (seed, s) and results are aggregated in simulation order, so the
/// outcome is identical whatever the thread count.
/// </summary>
public static partial class Refuters
{
    /// <summary>
    /// Placebo treatment: the treatment is randomly permuted across units (keeping the number treated), so the true
    /// effect of the placebo is 0. Verdict Passed when the placebo estimates centre on 0 relative to their spread
    /// (|mean| ≤ max(3·sd/√S, 0.5·sd): the mean is within sampling error of 0, or within half a spread of it, so a
    /// tiny finite-sample bias of a nonlinear estimator does not fail the test once S is large), Failed otherwise, Inconclusive with fewer than 10 simulations. The p-value is the permutation
    /// test of the original estimate, (1 + #{|placebo| ≥ |original|}) / (S + 1) (Phipson &amp; Smyth 2010): the chance
    /// that a random assignment produces an effect at least as large.
    /// For <see cref="RegressionEstimator"/> with a linear outcome model, each simulation re-uses the full design's
    /// Gram matrix and only sums the placebo arm's rows (see <c>RegressionEstimator.PlaceboFast</c>).
    /// </summary>
    /// <param name="estimator">The estimator being refuted.</param>
    /// <param name="data">The data.</param>
    /// <param name="options">Refuter options; null for defaults.</param>
    /// <param name="original">The estimator's result on <paramref name="data"/> when already computed (saves a fit).</param>
    /// <exception cref="ArgumentException">Invalid options, or the estimand was not requested from the estimator.</exception>
    public static Refutation Placebo(IEffectEstimator estimator, EffectData data, RefutationOptions? options = null, EstimationResult? original = null)
    {
        (RefutationOptions o, EffectEstimate orig) = Prepare(estimator, data, options, ref original);
        ulong seed = unchecked((ulong)(long)o.Seed);
        double[]? sims = estimator is RegressionEstimator reg ? reg.PlaceboFast(data, o.Estimand, o.Simulations, seed) : null;
        sims ??= Simulate(o, s =>
        {
            var rng = new SeededRandom(SeededRandom.DeriveSeed(seed, (ulong)s));
            double[] t = (double[])data.Treatment.Clone();
            rng.ShuffleInPlace<double>(t);
            return estimator.Estimate(data.WithTreatment(t)).For(o.Estimand).Estimate;
        });
        (double mean, double sd) = MeanSd(sims);
        int exceed = sims.Count(v => Math.Abs(v) >= Math.Abs(orig.Estimate));
        double p = (1.0 + exceed) / (sims.Length + 1.0);
        RefutationVerdict verdict;
        string text;
        double bound = Math.Max(RefutationOptions.PlaceboZ * sd / Math.Sqrt(sims.Length), RefutationOptions.PlaceboSpreadShare * sd);
        if (sims.Length < 10)
        {
            verdict = RefutationVerdict.Inconclusive;
            text = $"Only {sims.Length} placebo simulations were run; at least 10 are needed to judge.";
        }
        else if (Math.Abs(mean) <= bound)
        {
            verdict = RefutationVerdict.Passed;
            text = $"With the treatment randomly reassigned the estimated effect averages {mean:G3} (spread {sd:G3}), i.e. about zero as it should; " +
                   $"a random assignment produced an effect as large as the real one ({orig.Estimate:G3}) with probability {p:G2}.";
        }
        else
        {
            verdict = RefutationVerdict.Failed;
            text = $"Even with the treatment randomly reassigned the analysis finds an effect of {mean:G3} on average, far from zero: " +
                   "the estimate is driven by something other than the treatment (for example a treatment defined from the outcome).";
        }

        return new Refutation(
            Refuter.Placebo, estimator.Method, "Replacing the treatment with a random permutation makes the estimated effect zero.",
            orig.Estimate, mean, sd, sims.Length, p, verdict, text);
    }

    /// <summary>
    /// Random common cause: an independent N(0, 1) covariate is appended and the effect re-estimated. A sound estimator
    /// barely moves. Verdict Passed when the root-mean-square change is at most
    /// <see cref="RefutationOptions.RandomCommonCauseTolerance"/> original standard errors. No p-value.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, or the estimand was not requested.</exception>
    public static Refutation RandomCommonCause(IEffectEstimator estimator, EffectData data, RefutationOptions? options = null, EstimationResult? original = null)
    {
        (RefutationOptions o, EffectEstimate orig) = Prepare(estimator, data, options, ref original);
        ulong seed = unchecked((ulong)(long)o.Seed);
        string name = UniqueName(data.CovariateNames, "random_common_cause");
        string[] names = [.. data.CovariateNames, name];
        double[] sims = Simulate(o, s =>
        {
            var rng = new SeededRandom(SeededRandom.DeriveSeed(seed, (ulong)s));
            var z = new double[data.Count];
            rng.FillNormal(z);
            return estimator.Estimate(data.WithCovariates(data.Covariates.AppendColumn(z), names)).For(o.Estimand).Estimate;
        });
        (double mean, double sd) = MeanSd(sims);
        double rms = Math.Sqrt(sims.Select(v => (v - orig.Estimate) * (v - orig.Estimate)).Average());
        double inSe = orig.StdError > 0 ? rms / orig.StdError : (rms == 0 ? 0 : double.PositiveInfinity);
        RefutationVerdict verdict = sims.Length < 10 ? RefutationVerdict.Inconclusive
            : inSe <= RefutationOptions.RandomCommonCauseTolerance ? RefutationVerdict.Passed : RefutationVerdict.Failed;
        string text = verdict switch
        {
            RefutationVerdict.Inconclusive => $"Only {sims.Length} simulations were run; at least 10 are needed to judge.",
            RefutationVerdict.Passed => $"Adding a random variable that causes nothing moved the estimate by {inSe:F2} standard errors on average, as expected for a sound analysis.",
            _ => $"Adding a random variable that causes nothing moved the estimate by {inSe:F2} standard errors on average; the estimate is unstable to irrelevant covariates.",
        };
        return new Refutation(
            Refuter.RandomCommonCause, estimator.Method, "Adding an independent random covariate leaves the estimate unchanged.",
            orig.Estimate, mean, sd, sims.Length, null, verdict, text);
    }

    /// <summary>
    /// Data subset: the effect is re-estimated on random subsets of <see cref="RefutationOptions.SubsetFraction"/> of the
    /// units (of the groups, when the data has groups). Verdict Passed when the mean subset estimate lies within
    /// <see cref="RefutationOptions.SubsetTolerance"/> original standard errors of the original. No p-value.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, or the estimand was not requested.</exception>
    public static Refutation DataSubset(IEffectEstimator estimator, EffectData data, RefutationOptions? options = null, EstimationResult? original = null)
    {
        (RefutationOptions o, EffectEstimate orig) = Prepare(estimator, data, options, ref original);
        if (!(o.SubsetFraction > 0 && o.SubsetFraction < 1))
        {
            throw new ArgumentException($"SubsetFraction {o.SubsetFraction} must lie in (0, 1).", nameof(options));
        }

        ulong seed = unchecked((ulong)(long)o.Seed);
        int[] groupIds = data.Groups is null ? [] : data.Groups.Distinct().Order().ToArray();
        double[] sims = Simulate(o, s =>
        {
            var rng = new SeededRandom(SeededRandom.DeriveSeed(seed, (ulong)s));
            int[] rows;
            if (data.Groups is null)
            {
                int[] perm = rng.Permutation(data.Count);
                rows = perm.AsSpan(0, (int)Math.Round(o.SubsetFraction * data.Count)).ToArray();
                Array.Sort(rows);
            }
            else
            {
                int[] g = (int[])groupIds.Clone();
                rng.ShuffleInPlace<int>(g);
                var keep = g.AsSpan(0, (int)Math.Round(o.SubsetFraction * g.Length)).ToArray().ToHashSet();
                rows = Enumerable.Range(0, data.Count).Where(i => keep.Contains(data.Groups[i])).ToArray();
            }

            return estimator.Estimate(data.Subset(rows)).For(o.Estimand).Estimate;
        });
        (double mean, double sd) = MeanSd(sims);
        double shift = orig.StdError > 0 ? Math.Abs(mean - orig.Estimate) / orig.StdError : (mean == orig.Estimate ? 0 : double.PositiveInfinity);
        RefutationVerdict verdict = sims.Length < 10 ? RefutationVerdict.Inconclusive
            : shift <= RefutationOptions.SubsetTolerance ? RefutationVerdict.Passed : RefutationVerdict.Failed;
        string text = verdict switch
        {
            RefutationVerdict.Inconclusive => $"Only {sims.Length} simulations were run; at least 10 are needed to judge.",
            RefutationVerdict.Passed => $"On random {o.SubsetFraction:P0} subsets the estimate averages {mean:G3}, within {shift:F2} standard errors of the full-data {orig.Estimate:G3}.",
            _ => $"On random {o.SubsetFraction:P0} subsets the estimate averages {mean:G3}, {shift:F2} standard errors from the full-data {orig.Estimate:G3}: it depends on which units are included.",
        };
        return new Refutation(
            Refuter.DataSubset, estimator.Method, "Re-estimating on random subsets gives estimates centred on the original.",
            orig.Estimate, mean, sd, sims.Length, null, verdict, text);
    }

    private static (RefutationOptions Options, EffectEstimate Original) Prepare(IEffectEstimator estimator, EffectData data, RefutationOptions? options, ref EstimationResult? original)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(data);
        RefutationOptions o = options ?? new RefutationOptions();
        if (o.Simulations < 1)
        {
            throw new ArgumentException($"Simulations {o.Simulations} must be at least 1.", nameof(options));
        }

        if (!estimator.Options.Estimands.Contains(o.Estimand))
        {
            throw new ArgumentException($"The estimator does not estimate the {o.Estimand}; add it to EffectOptions.Estimands.", nameof(options));
        }

        original ??= estimator.Estimate(data);
        return (o, original.For(o.Estimand));
    }

    private static double[] Simulate(RefutationOptions o, Func<int, double> simulation)
    {
        var results = new double[o.Simulations];
        Parallel.For(0, o.Simulations, s => results[s] = simulation(s));
        return results;
    }

    private static (double Mean, double Sd) MeanSd(double[] values)
    {
        double mean = values.Average();
        double ss = values.Sum(v => (v - mean) * (v - mean));
        return (mean, values.Length > 1 ? Math.Sqrt(ss / (values.Length - 1)) : 0);
    }

    private static string UniqueName(IReadOnlyList<string> names, string stem)
    {
        string name = stem;
        for (int k = 1; names.Contains(name); k++)
        {
            name = $"{stem}_{k}";
        }

        return name;
    }
}
