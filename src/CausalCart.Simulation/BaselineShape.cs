namespace CausalCart.Simulation;

/// <summary>How untreated buying after T0 depends on the users' observed history (<see cref="BaselineOptions.Shape"/>).</summary>
public enum BaselineShape
{
    /// <summary>No dependence beyond the traits: the checkout probability p0 is the same formula before and after T0 (the default world).</summary>
    Linear,

    /// <summary>
    /// "Lapsing" users (1–3 buys in the look-back and a last visit 3–10 days before T0, the rule-based policy's win-back
    /// users) buy less after T0 unless they get the coupon: their checkout log-odds without the coupon move by
    /// <see cref="BaselineOptions.LapsingShift"/>. A box in (buys, recency), so a model linear (or logistic-linear) in the
    /// history features misfits the untreated outcome exactly where the rule-based policy treats most users.
    /// </summary>
    Rules,
}
