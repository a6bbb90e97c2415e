namespace CausalCart.Causal;

/// <summary>Which learner models the outcome E[Y | T, covariates]. New learner families are appended.</summary>
public enum OutcomeModelKind
{
    /// <summary>Logistic when every outcome is 0/1, linear otherwise.</summary>
    Auto,

    /// <summary>Linear (ridge) regression.</summary>
    Linear,

    /// <summary>Logistic regression (outcome must be 0/1).</summary>
    Logistic,
}
