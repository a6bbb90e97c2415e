namespace CausalCart.Causal.MetaLearners;

/// <summary>Which meta-learner (Künzel et al. 2019, PNAS 116:4156; Nie &amp; Wager 2021, Biometrika 108:299).</summary>
public enum MetaLearnerKind
{
    /// <summary>S-learner: μ(x, t) fitted on [X, T]; τ(x) = μ(x, 1) − μ(x, 0).</summary>
    S,

    /// <summary>T-learner: μ₁ on the treated, μ₀ on the controls; τ(x) = μ₁(x) − μ₀(x).</summary>
    T,

    /// <summary>X-learner: imputed effects D¹ = Y − μ₀(X) (treated), D⁰ = μ₁(X) − Y (controls) regressed on X;
    /// τ(x) = e(x)τ₀(x) + (1 − e(x))τ₁(x).</summary>
    X,

    /// <summary>R-learner: cross-fitted m(x) = E[Y | x] and e(x); τ minimises Σ (Ỹ − τ(X)T̃)², fitted as a regression of
    /// Ỹ/T̃ on X with weights T̃².</summary>
    R,
}
