namespace CausalCart.Simulation;

/// <summary>
/// True natural direct and indirect effects of the coupon through the mediator of <see cref="MediatorOptions"/>, over
/// the eligible users; written to <c>truth.json</c> only when the mediator is on. Exact sample estimands: every user's
/// Y(0, M(0)), Y(1, M(0)) and Y(1, M(1)) were simulated from common random numbers.
/// </summary>
/// <param name="Mediator">What M is, in words.</param>
/// <param name="MeanM0">Share of eligible users with M(0) = 1.</param>
/// <param name="MeanM1">Share of eligible users with M(1) = 1.</param>
/// <param name="Outcomes">One entry per outcome: <c>any_buy</c>, <c>buy_count</c>, <c>revenue</c>.</param>
public sealed record MediationTruth(string Mediator, double MeanM0, double MeanM1, IReadOnlyList<MediationOutcomeTruth> Outcomes)
{
    /// <summary>The outcome with the given name (<c>any_buy</c>, <c>buy_count</c> or <c>revenue</c>).</summary>
    /// <exception cref="ArgumentException">No outcome of that name; the message lists the names.</exception>
    public MediationOutcomeTruth Outcome(string name) =>
        Outcomes.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"No outcome '{name}'. Outcomes: {string.Join(", ", Outcomes.Select(o => o.Name))}.", nameof(name));
}
