using CausalCart.Core.Results;
using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>A fitted DR-learner. Immutable.</summary>
/// <param name="Ate">Mean of the cross-fitted AIPW pseudo-outcomes with its influence-function SE (the AIPW ATE).</param>
/// <param name="Cate">Final-stage prediction τ̂(X_i) per unit, length n.</param>
/// <param name="PseudoOutcomes">Cross-fitted AIPW pseudo-outcomes ψ_i (averaged over splits), length n.</param>
/// <param name="LinearProjection">OLS of ψ on [1, X] with HC1 / cluster-robust SEs: the coefficients of the linear
/// final stage (equal to the final model when it is an unpenalised linear regression; otherwise the best linear
/// projection of the CATE, Semenova &amp; Chernozhukov 2021).</param>
/// <param name="EffectModifiers">Names of X in column order.</param>
/// <param name="EffectModel">The final-stage model τ̂(x) on the modifiers.</param>
public sealed record DrLearnerResult(
    EffectEstimate Ate,
    IReadOnlyList<double> Cate,
    IReadOnlyList<double> PseudoOutcomes,
    IReadOnlyList<CoefficientEstimate> LinearProjection,
    IReadOnlyList<string> EffectModifiers,
    IRegressionModel EffectModel)
{
    /// <summary>τ̂(x) for new rows of modifier values, shape (m, <see cref="EffectModifiers"/> count).</summary>
    public double[] Predict(Matrix modifiers)
    {
        ArgumentNullException.ThrowIfNull(modifiers);
        var dest = new double[modifiers.Rows];
        EffectModel.Predict(modifiers, dest);
        return dest;
    }
}
