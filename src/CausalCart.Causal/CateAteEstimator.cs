using CausalCart.Causal.Dml;
using CausalCart.Causal.MetaLearners;
using CausalCart.Core.Results;

namespace CausalCart.Causal;

/// <summary>
/// The average effect of a CATE estimator (LinearDML, the DR-learner, or an S-, T-, X- or R-learner) seen as an
/// <see cref="IEffectEstimator"/>, so that the pipeline can put it beside the ATE estimators by name.
/// </summary>
/// <remarks>
/// LinearDML and the DR-learner carry an influence-function interval for the ATE; the meta-learners' interval is a
/// bootstrap (<paramref name="bootstrapReplicates"/> replicates): of the whole procedure for S, T and X, which have no
/// orthogonal score, and of the final stage with cross-fitted nuisances held fixed for the R-learner (see
/// <see cref="MetaLearner"/>). None
/// of them targets the ATT: requesting <see cref="Estimand.Att"/> alone is an error, and when both are requested only the
/// ATE is returned (the pipeline reports what each method returned).
/// </remarks>
/// <param name="method">One of <see cref="EffectMethod.LinearDml"/>, <see cref="EffectMethod.DrLearner"/>,
/// <see cref="EffectMethod.SLearner"/>, <see cref="EffectMethod.TLearner"/>, <see cref="EffectMethod.XLearner"/>,
/// <see cref="EffectMethod.RLearner"/>.</param>
/// <param name="options">Folds, seed, confidence level.</param>
/// <param name="learners">Nuisance and effect learners; null for the linear/logistic defaults.</param>
/// <param name="bootstrapReplicates">Bootstrap refits for the meta-learners' interval (at least 20).</param>
public sealed class CateAteEstimator(EffectMethod method, EffectOptions? options = null, NuisanceLearners? learners = null, int bootstrapReplicates = 100)
    : IEffectEstimator
{
    /// <summary>The methods this adapter serves.</summary>
    public static IReadOnlyList<EffectMethod> Methods { get; } =
        [EffectMethod.LinearDml, EffectMethod.DrLearner, EffectMethod.SLearner, EffectMethod.TLearner, EffectMethod.XLearner, EffectMethod.RLearner];

    /// <inheritdoc/>
    public EffectMethod Method { get; } = Methods.Contains(method)
        ? method
        : throw new ArgumentException($"{method} is not a CATE estimator; valid: {string.Join(", ", Methods)}.", nameof(method));

    /// <inheritdoc/>
    public EffectOptions Options { get; } = options ?? new EffectOptions { Estimands = [Estimand.Ate] };

    /// <summary>Nuisance and effect learners.</summary>
    public NuisanceLearners Learners { get; } = learners ?? NuisanceLearners.Linear;

    /// <summary>Bootstrap refits for the meta-learners' interval.</summary>
    public int BootstrapReplicates { get; } = bootstrapReplicates >= 20
        ? bootstrapReplicates
        : throw new ArgumentOutOfRangeException(nameof(bootstrapReplicates), bootstrapReplicates, "At least 20 bootstrap refits are needed for an interval.");

    /// <inheritdoc/>
    public EstimationResult Estimate(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        if (!Options.Estimands.Contains(Estimand.Ate))
        {
            throw new ArgumentException(
                $"{Method} estimates the conditional and average effect (ATE), not the effect on the treated; request the ATE, or use AIPW or DML IRM for the ATT.",
                nameof(data));
        }

        var dml = new DmlOptions { Learners = Learners };
        EffectEstimate ate = Method switch
        {
            EffectMethod.LinearDml => new LinearDml(Options, dml).Fit(data).Ate,
            EffectMethod.DrLearner => new DrLearner(Options, dml).Fit(data).Ate,
            _ => MetaLearnerAte(data),
        };
        return new EstimationResult(Method, [ate], Inference.Associate(data), null, null, null);
    }

    private EffectEstimate MetaLearnerAte(EffectData data)
    {
        MetaLearnerKind kind = Method switch
        {
            EffectMethod.SLearner => MetaLearnerKind.S,
            EffectMethod.TLearner => MetaLearnerKind.T,
            EffectMethod.XLearner => MetaLearnerKind.X,
            _ => MetaLearnerKind.R,
        };
        var metaOptions = new MetaLearnerOptions
        {
            Learners = Learners,
            BootstrapReplicates = BootstrapReplicates,
            Seed = Options.Seed,
            Folds = Options.Folds,
            PropensityClip = Options.PropensityClip,
            ConfidenceLevel = Options.ConfidenceLevel,
        };
        MetaLearnerResult fit = new MetaLearner(kind, metaOptions).Fit(data);
        return fit.AteInference
            ?? throw new InvalidOperationException($"The {Method} returned no interval although {BootstrapReplicates} bootstrap refits were requested.");
    }
}
