using CausalCart.Core.Events;
using CausalCart.Core.Results;

namespace CausalCart.Features.Study;

/// <summary>The names specs use for enum values, in one place, with look-ups that list the valid names.</summary>
internal static class StudyNames
{
    public static readonly NameTable<StudyUnit> Units = new(
        ("user", StudyUnit.User),
        ("user_item", StudyUnit.UserItem));

    public static readonly NameTable<CovariateFamily> Families = new(
        ("action_counts", CovariateFamily.ActionCounts),
        ("recency", CovariateFamily.Recency),
        ("price_stats", CovariateFamily.PriceStats),
        ("category_affinity", CovariateFamily.CategoryAffinity),
        ("sessions", CovariateFamily.Sessions));

    public static readonly NameTable<EffectMethod> Estimators = new(
        ("naive", EffectMethod.Naive),
        ("regression", EffectMethod.Regression),
        ("ipw", EffectMethod.Ipw),
        ("aipw", EffectMethod.Aipw),
        ("dml_plr", EffectMethod.DmlPlr),
        ("dml_irm", EffectMethod.DmlIrm),
        ("causal_forest", EffectMethod.CausalForest),
        ("matching", EffectMethod.Matching),
        ("subclassification", EffectMethod.Subclassification),
        ("linear_dml", EffectMethod.LinearDml),
        ("dr_learner", EffectMethod.DrLearner),
        ("s_learner", EffectMethod.SLearner),
        ("t_learner", EffectMethod.TLearner),
        ("x_learner", EffectMethod.XLearner),
        ("r_learner", EffectMethod.RLearner));

    public static readonly NameTable<IvMethod> IvEstimators = new(
        ("2sls", IvMethod.TwoStageLeastSquares),
        ("wald", IvMethod.Wald),
        ("pliv", IvMethod.PartiallyLinearIv),
        ("dr_late", IvMethod.DrLate));

    public static readonly NameTable<DidControl> DidControls = new(
        ("never", DidControl.NeverTreated),
        ("not_yet", DidControl.NotYetTreated));

    public static readonly NameTable<DidEstimationMethod> DidEstimations = new(
        ("dr", DidEstimationMethod.DoublyRobust),
        ("reg", DidEstimationMethod.OutcomeRegression),
        ("ipw", DidEstimationMethod.Ipw));

    public static readonly NameTable<DidBase> DidBases = new(
        ("varying", DidBase.Varying),
        ("universal", DidBase.Universal));

    public static readonly NameTable<NuisanceLearner> Nuisances = new(
        ("logistic", NuisanceLearner.Logistic),
        ("linear", NuisanceLearner.Linear),
        ("gbdt", NuisanceLearner.Gbdt),
        ("forest", NuisanceLearner.Forest),
        ("stack", NuisanceLearner.Stack));

    public static readonly NameTable<Refuter> Refuters = new(
        ("placebo", Refuter.Placebo),
        ("random_common_cause", Refuter.RandomCommonCause),
        ("subset", Refuter.DataSubset),
        ("dummy_outcome", Refuter.DummyOutcome),
        ("bootstrap", Refuter.Bootstrap),
        ("unobserved_common_cause", Refuter.UnobservedCommonCause));

    public static readonly NameTable<StudyGraphFormat> GraphFormats = new(
        ("auto", StudyGraphFormat.Auto),
        ("dot", StudyGraphFormat.Dot),
        ("mermaid", StudyGraphFormat.Mermaid),
        ("yaml", StudyGraphFormat.Yaml));

    public static readonly NameTable<BadControlPolicy> BadControlPolicies = new(
        ("warn", BadControlPolicy.Warn),
        ("refuse", BadControlPolicy.Refuse));

    public static readonly NameTable<OutcomeValue> OutcomeValues = new(
        ("any", OutcomeValue.Any),
        ("count", OutcomeValue.Count),
        ("revenue", OutcomeValue.Revenue));

    public static readonly NameTable<EventLogFormat> Formats = new(
        ("generic", EventLogFormat.Generic),
        ("taobao", EventLogFormat.Taobao),
        ("retailrocket", EventLogFormat.RetailRocket),
        ("rees46", EventLogFormat.Rees46),
        ("yoochoose", EventLogFormat.Yoochoose));

    public static readonly NameTable<CanonicalAction> Actions = new(
        [.. CanonicalActions.All.Select(a => (CanonicalActions.Name(a), a))]);
}
