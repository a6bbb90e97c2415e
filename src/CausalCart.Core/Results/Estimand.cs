namespace CausalCart.Core.Results;

/// <summary>The causal quantity an estimate targets. Serialised as <c>ate</c> / <c>att</c>.</summary>
public enum Estimand
{
    /// <summary>Average treatment effect over all units: E[Y(1) − Y(0)].</summary>
    Ate,

    /// <summary>Average treatment effect on the treated: E[Y(1) − Y(0) | T = 1].</summary>
    Att,
}
