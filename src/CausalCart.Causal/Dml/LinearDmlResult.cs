using CausalCart.Core.Results;

namespace CausalCart.Causal.Dml;

/// <summary>
/// A fitted LinearDML: the CATE θ(x) = β₀ + x'β in the effect modifiers, with robust inference. Immutable.
/// </summary>
/// <param name="Ate">Average of θ(X_i) over the units, with an influence-function SE that includes the spread of
/// θ(X_i) (so it targets the population ATE).</param>
/// <param name="Coefficients">β₀ ("intercept") then one per effect modifier, HC1 / cluster-robust.</param>
/// <param name="EffectModifiers">Names of the modifiers, in coefficient order (after the intercept).</param>
/// <param name="Covariance">Covariance of the coefficients, row-major (d × d), d = 1 + modifiers.</param>
/// <param name="Cate">θ(X_i) per unit, length n.</param>
/// <param name="CateStdError">Pointwise SE of θ(X_i): √(φ_i'Vφ_i), length n.</param>
public sealed record LinearDmlResult(
    EffectEstimate Ate,
    IReadOnlyList<CoefficientEstimate> Coefficients,
    IReadOnlyList<string> EffectModifiers,
    IReadOnlyList<double> Covariance,
    IReadOnlyList<double> Cate,
    IReadOnlyList<double> CateStdError)
{
    /// <summary>θ(x) and its SE for one vector of modifier values (length = <see cref="EffectModifiers"/> count).</summary>
    /// <exception cref="ArgumentException">Wrong length or a non-finite value.</exception>
    public (double Effect, double StdError) EffectAt(ReadOnlySpan<double> modifiers)
    {
        int d = Coefficients.Count;
        if (modifiers.Length != d - 1)
        {
            throw new ArgumentException($"{modifiers.Length} modifier values given; the model has {d - 1} ({string.Join(", ", EffectModifiers)}).", nameof(modifiers));
        }

        var phi = new double[d];
        phi[0] = 1;
        for (int j = 0; j < modifiers.Length; j++)
        {
            if (!double.IsFinite(modifiers[j]))
            {
                throw new ArgumentException($"Modifier '{EffectModifiers[j]}' is {modifiers[j]}; values must be finite.", nameof(modifiers));
            }

            phi[j + 1] = modifiers[j];
        }

        double effect = 0, v = 0;
        for (int p = 0; p < d; p++)
        {
            effect += phi[p] * Coefficients[p].Estimate;
            for (int q = 0; q < d; q++)
            {
                v += phi[p] * Covariance[(p * d) + q] * phi[q];
            }
        }

        return (effect, Math.Sqrt(Math.Max(v, 0)));
    }
}
