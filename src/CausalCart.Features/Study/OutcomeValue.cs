namespace CausalCart.Features.Study;

/// <summary>How the outcome column is measured from the outcome action's events in the outcome window.</summary>
public enum OutcomeValue
{
    /// <summary>(<c>any</c>) 1 if at least one such event occurs in the window, else 0.</summary>
    Any,

    /// <summary>(<c>count</c>) The number of such events in the window.</summary>
    Count,

    /// <summary>(<c>revenue</c>) The sum of <c>price</c> over such events in the window (a missing price counts 0).</summary>
    Revenue,
}
