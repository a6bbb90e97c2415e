using CausalCart.Core.Results;

namespace CausalCart.Reporting;

/// <summary>Display names for the result enums, shared by the HTML and Markdown reports and the console tables.</summary>
public static class Labels
{
    /// <summary>The method's name as the estimate tables show it.</summary>
    public static string Method(EffectMethod method) => method switch
    {
        EffectMethod.Naive => "Naive difference (association only)",
        EffectMethod.Regression => "Regression adjustment",
        EffectMethod.Ipw => "Inverse probability weighting (IPW)",
        EffectMethod.Aipw => "Doubly robust (AIPW)",
        EffectMethod.DmlPlr => "Double ML, partially linear (PLR)",
        EffectMethod.DmlIrm => "Double ML, interactive (IRM)",
        EffectMethod.CausalForest => "Causal forest (GRF)",
        EffectMethod.Matching => "Nearest-neighbour matching",
        EffectMethod.Subclassification => "Propensity subclassification",
        EffectMethod.LinearDml => "Linear double ML (CATE model)",
        EffectMethod.DrLearner => "DR-learner",
        EffectMethod.SLearner => "S-learner (bootstrap interval)",
        EffectMethod.TLearner => "T-learner (bootstrap interval)",
        EffectMethod.XLearner => "X-learner (bootstrap interval)",
        EffectMethod.RLearner => "R-learner (bootstrap interval)",
        EffectMethod.MultiArmAipw => "Doubly robust, per arm (AIPW)",
        _ => method.ToString(),
    };

    /// <summary>The method's name inside a sentence (lower case), e.g. "doubly robust (AIPW)".</summary>
    public static string MethodInSentence(EffectMethod method) => method switch
    {
        EffectMethod.Naive => "naive difference",
        EffectMethod.Regression => "regression adjustment",
        EffectMethod.Ipw => "inverse probability weighting (IPW)",
        EffectMethod.Aipw => "doubly robust (AIPW)",
        EffectMethod.DmlPlr => "double ML (partially linear)",
        EffectMethod.DmlIrm => "double ML (interactive)",
        EffectMethod.CausalForest => "causal forest",
        EffectMethod.Matching => "nearest-neighbour matching",
        EffectMethod.Subclassification => "propensity subclassification",
        EffectMethod.LinearDml => "linear double ML",
        EffectMethod.DrLearner => "DR-learner",
        EffectMethod.SLearner => "S-learner",
        EffectMethod.TLearner => "T-learner",
        EffectMethod.XLearner => "X-learner",
        EffectMethod.RLearner => "R-learner",
        EffectMethod.MultiArmAipw => "doubly robust per arm (AIPW)",
        _ => method.ToString(),
    };

    /// <summary>The method's short name, as in charts and sentences.</summary>
    public static string MethodShort(EffectMethod method) => method switch
    {
        EffectMethod.Naive => "Naive",
        EffectMethod.Regression => "Regression",
        EffectMethod.Ipw => "IPW",
        EffectMethod.Aipw => "AIPW",
        EffectMethod.DmlPlr => "DML-PLR",
        EffectMethod.DmlIrm => "DML-IRM",
        EffectMethod.CausalForest => "Causal forest",
        EffectMethod.Matching => "Matching",
        EffectMethod.Subclassification => "Subclassification",
        EffectMethod.LinearDml => "LinearDML",
        EffectMethod.DrLearner => "DR-learner",
        EffectMethod.SLearner => "S-learner",
        EffectMethod.TLearner => "T-learner",
        EffectMethod.XLearner => "X-learner",
        EffectMethod.RLearner => "R-learner",
        EffectMethod.MultiArmAipw => "AIPW per arm",
        _ => method.ToString(),
    };

    /// <summary>The estimand with the units it is about, e.g. "ATE (all units)".</summary>
    public static string Estimand(Estimand estimand) => estimand switch
    {
        Core.Results.Estimand.Ate => "ATE (all units)",
        Core.Results.Estimand.Att => "ATT (treated units)",
        _ => estimand.ToString(),
    };

    /// <summary>The estimand's abbreviation, e.g. "ATE".</summary>
    public static string EstimandShort(Estimand estimand) => estimand.ToString().ToUpperInvariant();

    /// <summary>The refutation test's name as the reports show it.</summary>
    public static string Refuter(Refuter refuter) => refuter switch
    {
        Core.Results.Refuter.Placebo => "Placebo treatment",
        Core.Results.Refuter.RandomCommonCause => "Random common cause",
        Core.Results.Refuter.DataSubset => "Data subsets",
        Core.Results.Refuter.DummyOutcome => "Dummy outcome",
        Core.Results.Refuter.Bootstrap => "Bootstrap",
        Core.Results.Refuter.UnobservedCommonCause => "Simulated unobserved confounder",
        _ => refuter.ToString(),
    };

    /// <summary>What one simulation of the refuter is called, plural, for <see cref="MerchantWording.PValue"/>.</summary>
    public static string RefuterRuns(Refuter refuter) => refuter switch
    {
        Core.Results.Refuter.Placebo => "placebo runs",
        Core.Results.Refuter.RandomCommonCause => "runs with a random extra covariate",
        Core.Results.Refuter.DataSubset => "random-subset runs",
        Core.Results.Refuter.DummyOutcome => "dummy-outcome runs",
        Core.Results.Refuter.Bootstrap => "bootstrap resamples",
        Core.Results.Refuter.UnobservedCommonCause => "runs with a simulated confounder",
        _ => "runs",
    };

    /// <summary>A refutation verdict in words.</summary>
    public static string Verdict(RefutationVerdict verdict) => verdict switch
    {
        RefutationVerdict.Passed => "Passed",
        RefutationVerdict.Failed => "Failed",
        RefutationVerdict.Inconclusive => "Inconclusive",
        _ => verdict.ToString(),
    };
}
