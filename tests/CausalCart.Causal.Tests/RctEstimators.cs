using CausalCart.Causal.Dml;
using CausalCart.Causal.Forest;
using CausalCart.Causal.Matching;
using CausalCart.Core.Results;

namespace CausalCart.Causal.Tests;

/// <summary>Every adjusted ATE estimator, configured as the pipeline runs it, for the randomised-trial agreement tables.</summary>
internal static class RctEstimators
{
    public static IReadOnlyList<IEffectEstimator> All(EffectOptions o) =>
    [
        new RegressionEstimator(o),
        new IpwEstimator(o),
        new AipwEstimator(o),
        new DmlPlrEstimator(o, new DmlOptions { Learners = NuisanceLearners.Linear }),
        new DmlIrmEstimator(o, new DmlOptions { Learners = NuisanceLearners.Linear }),
        new MatchingEstimator(o),
        new SubclassificationEstimator(o),
        new CateAteEstimator(EffectMethod.LinearDml, o),
        new CateAteEstimator(EffectMethod.DrLearner, o),
        new CateAteEstimator(EffectMethod.XLearner, o, bootstrapReplicates: 50),
        // As the pipeline runs it: the analysis's GLM nuisances (bench/causal/forest/RESULTS.md).
        new CausalForestEstimator(o, new CausalForestOptions
        {
            OutcomeLearner = NuisanceLearners.Linear.Outcome(),
            PropensityLearner = NuisanceLearners.Linear.Propensity(),
        }),
    ];
}
