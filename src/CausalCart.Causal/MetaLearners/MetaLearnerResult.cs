using CausalCart.Core.Results;

namespace CausalCart.Causal.MetaLearners;

/// <summary>What a meta-learner produced. Immutable.</summary>
/// <param name="Method">S-, T-, X- or R-learner.</param>
/// <param name="Cate">τ̂(X_i) per unit (in-sample), length n.</param>
/// <param name="Ate">Weighted mean of <paramref name="Cate"/>.</param>
/// <param name="AteInference">The ATE with a bootstrap SE and normal interval when
/// <see cref="MetaLearnerOptions.BootstrapReplicates"/> &gt; 0, else null (no honest interval without it).</param>
public sealed record MetaLearnerResult(EffectMethod Method, IReadOnlyList<double> Cate, double Ate, EffectEstimate? AteInference);
