using CausalCart.Causal;
using CausalCart.Core.Errors;
using CausalCart.Core.Progress;
using CausalCart.Core.Results;
using CausalCart.Numerics;
using CausalCart.Pipeline.Tables;

namespace CausalCart.Pipeline.Analysis;

/// <summary>
/// Runs the requested estimators, the overlap and balance checks and the refutations on one design;
/// shared by <c>analyze</c>, <c>estimate</c> and <c>demo</c>. Refuses (exit code 4) when overlap is
/// insufficient unless <see cref="EffectAnalysisOptions.AllowPoorOverlap"/> is set.
/// </summary>
public static class EffectAnalysis
{
    /// <summary>Estimates the effect of the design's treatment on its outcome.</summary>
    /// <exception cref="CausalCartException">One arm is empty (usage), or overlap is insufficient (not identifiable).</exception>
    /// <param name="design">The units.</param>
    /// <param name="options">What to run.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="segments">The merchant's segment label per design row for the "who responds" section, or null.</param>
    public static EffectAnalysisResult Run(DesignMatrix design, EffectAnalysisOptions options, IProgress<ProgressUpdate>? progress = null, IReadOnlyList<string>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        if (options.WhoRespondsGroups != 0 && (options.WhoRespondsGroups < 2 || options.WhoRespondsGroups > 10))
        {
            throw new CausalCartException(ErrorKind.Usage, $"The number of response groups must be between 2 and 10 (got {options.WhoRespondsGroups}).");
        }

        if (segments is not null && (options.WhoRespondsGroups == 0 || segments.Count != design.RowCount))
        {
            throw new CausalCartException(ErrorKind.Usage, options.WhoRespondsGroups == 0
                ? "Segments were given but the who-responds section was not requested."
                : $"{segments.Count} segment labels were given for {design.RowCount} units.");
        }
        var treated = design.Treatment.Count(t => t == 1);
        if (treated == 0 || treated == design.RowCount)
        {
            throw new CausalCartException(ErrorKind.Usage,
                $"Every one of the {design.RowCount:N0} units is {(treated == 0 ? "untreated" : "treated")}: there is nothing to compare.");
        }

        var data = new EffectData(
            design.Outcome,
            design.Treatment,
            new Matrix(design.RowCount, design.ColumnCount, design.Covariates),
            design.CovariateNames,
            design.Groups);
        var effectOptions = new EffectOptions
        {
            Estimands = options.Estimands,
            ConfidenceLevel = options.ConfidenceLevel,
            Folds = options.Folds,
            Seed = options.Seed,
            OutcomeModel = options.OutcomeModel,
        };

        // Without chosen learners, the double-ML family, the forest's nuisances and the meta-learners model the outcome as
        // regression and AIPW do (the outcome-model setting: logistic for a 0/1 outcome under auto), not as a linear
        // probability: over 200 ShopSim worlds the linear-probability default put DML-IRM 0.026 and the S-learner 0.032
        // above the truth, AIPW with logistic outcome models 0.003.
        bool logisticOutcome = effectOptions.OutcomeModel == Causal.OutcomeModelKind.Logistic
            || (effectOptions.OutcomeModel == Causal.OutcomeModelKind.Auto && data.OutcomeIsBinary);
        var learners = options.Learners ?? Causal.Dml.NuisanceLearners.DefaultFor(logisticOutcome);
        var methods = options.Methods.Contains(EffectMethod.Naive) ? options.Methods : [EffectMethod.Naive, .. options.Methods];
        var estimates = new List<EffectEstimate>();
        var warnings = new List<string>();
        var results = new Dictionary<EffectMethod, (IEffectEstimator Estimator, EstimationResult Result)>();
        var step = 0;
        foreach (var method in methods.Distinct())
        {
            progress?.Report(new ProgressUpdate($"estimate {method.ToString().ToLowerInvariant()}", step++, methods.Count, "methods"));
            IEffectEstimator estimator = method switch
            {
                EffectMethod.Naive => new NaiveEstimator(effectOptions),
                EffectMethod.Regression => new RegressionEstimator(effectOptions),
                EffectMethod.Ipw => new IpwEstimator(effectOptions),
                EffectMethod.Aipw => new AipwEstimator(effectOptions, options.Learners),
                EffectMethod.DmlPlr => new Causal.Dml.DmlPlrEstimator(effectOptions with { Estimands = [Estimand.Ate] }, new Causal.Dml.DmlOptions { Learners = learners }),
                EffectMethod.DmlIrm => new Causal.Dml.DmlIrmEstimator(effectOptions, new Causal.Dml.DmlOptions { Learners = learners }),
                EffectMethod.CausalForest => new Causal.Forest.CausalForestEstimator(effectOptions, CausalForestOptions(learners)),
                EffectMethod.Matching => new Causal.Matching.MatchingEstimator(effectOptions),
                EffectMethod.Subclassification => new Causal.Matching.SubclassificationEstimator(effectOptions),
                EffectMethod.LinearDml or EffectMethod.DrLearner or EffectMethod.SLearner or EffectMethod.TLearner or EffectMethod.XLearner or EffectMethod.RLearner =>
                    new CateAteEstimator(method, effectOptions with { Estimands = [Estimand.Ate] }, learners),
                _ => throw new CausalCartException(ErrorKind.Usage, $"Method '{method}' is not available in this analysis."),
            };
            EstimationResult result;
            try
            {
                result = estimator.Estimate(data);
            }
            catch (ArgumentException e) when (method != EffectMethod.Naive && options.Methods.Count(m => m != EffectMethod.Naive) > 1)
            {
                // One of several methods cannot run on these data (e.g. no match within the caliper): the others still
                // answer, and the reason is reported rather than lost.
                warnings.Add($"{method} could not be estimated on these data and is left out: {UserMessage.Of(e)}");
                continue;
            }

            if (!options.AllowPoorOverlap && result.Overlap is { Verdict: OverlapVerdict.Insufficient } poor)
            {
                throw InsufficientOverlap(poor);
            }

            results[method] = (estimator, result);
            if (options.Methods.Contains(method))
            {
                estimates.AddRange(result.Estimates.Where(e => options.Estimands.Contains(e.Estimand)));
            }
        }

        var association = results[EffectMethod.Naive].Result.Association;
        var withPropensity = results.Values.Select(r => r.Result).FirstOrDefault(r => r.Overlap is not null && r.Method == EffectMethod.Aipw)
            ?? results.Values.Select(r => r.Result).FirstOrDefault(r => r.Overlap is not null);
        var overlap = withPropensity?.Overlap;
        var balance = withPropensity?.Balance;
        if (overlap is { Verdict: OverlapVerdict.Insufficient })
        {
            if (!options.AllowPoorOverlap)
            {
                throw InsufficientOverlap(overlap);
            }

            warnings.Add("Overlap is insufficient: " + overlap.Message + " The estimates are shown only because --allow-poor-overlap was given.");
        }
        else if (overlap is { Verdict: OverlapVerdict.Weak })
        {
            warnings.Add(overlap.Message);
        }

        // Each estimate carries its own warnings (clipping, association-only); the result-level list holds only what
        // concerns the analysis as a whole, so reports do not repeat a sentence once per method.
        var refutations = new List<Refutation>();
        // Refute the most trustworthy causal method that ran: AIPW, else regression, else IPW.
        var headlines = new[] { EffectMethod.Aipw, EffectMethod.Regression, EffectMethod.Ipw }
            .Where(m => options.Methods.Contains(m) && results.ContainsKey(m))
            .ToList();
        if (headlines.Count > 0)
        {
            var (estimator, original) = results[headlines[0]];
            var refutationOptions = new RefutationOptions(options.RefutationSimulations, options.Seed, 0.8, options.Estimands.Contains(Estimand.Ate) ? Estimand.Ate : Estimand.Att);
            foreach (var refuter in options.Refuters.Distinct())
            {
                progress?.Report(new ProgressUpdate($"refute {refuter}", refutations.Count, options.Refuters.Count, "tests"));
                refutations.Add(refuter switch
                {
                    Refuter.Placebo => Refuters.Placebo(estimator, data, refutationOptions, original),
                    Refuter.RandomCommonCause => Refuters.RandomCommonCause(estimator, data, refutationOptions, original),
                    Refuter.DataSubset => Refuters.DataSubset(estimator, data, refutationOptions, original),
                    Refuter.DummyOutcome => Refuters.DummyOutcome(estimator, data, refutationOptions, original),
                    Refuter.Bootstrap => Refuters.Bootstrap(estimator, data, refutationOptions, original),
                    Refuter.UnobservedCommonCause => Refuters.UnobservedCommonCause(estimator, data, new UnobservedConfounder(), refutationOptions, original),
                    _ => throw new CausalCartException(ErrorKind.Usage, $"Refuter '{refuter}' is not available."),
                });
            }
        }

        EffectHeterogeneity? heterogeneity = null;
        if (options.WhoRespondsGroups > 0)
        {
            progress?.Report(new ProgressUpdate("who responds", 0, 1, "steps"));
            heterogeneity = WhoResponds.Analyze(data, effectOptions, options, segments);
        }

        return new EffectAnalysisResult(association, estimates, overlap, balance, refutations, warnings, heterogeneity);
    }

    /// <summary>The causal forest with the analysis's nuisance learners (GLMs unless flexible ones were chosen): in our
    /// checks the forest's own default nuisance forests left a smoothing bias in the ATE that cross-fitted GLMs or boosted
    /// trees do not (bench/causal/forest/RESULTS.md).</summary>
    private static Causal.Forest.CausalForestOptions CausalForestOptions(Causal.Dml.NuisanceLearners learners) => new()
    {
        OutcomeLearner = learners.Outcome(),
        PropensityLearner = learners.Propensity(),
    };

    private static CausalCartException InsufficientOverlap(OverlapDiagnostics overlap) => new(ErrorKind.NotIdentifiable,
        "Treated and untreated units overlap too little to estimate an effect: " + overlap.Message +
        " Narrow the eligible units, or pass --allow-poor-overlap to see the estimates anyway.");
}
