namespace CausalCart.Causal.Sensitivity;

/// <summary>Rosenbaum bounds for a matched-pairs Wilcoxon signed-rank test.</summary>
/// <param name="Pairs">Pairs with a non-zero difference (zeros are dropped).</param>
/// <param name="Statistic">T: sum of the ranks of |d| over pairs where the treated unit did better.</param>
/// <param name="Gammas">The Γ values evaluated (odds of treatment within a pair differ by at most Γ).</param>
/// <param name="UpperPValues">Worst-case one-sided p-value at each Γ (large-sample normal approximation).</param>
/// <param name="CriticalGamma">The Γ at which the worst-case p-value reaches α (1 when not significant even without hidden bias).</param>
/// <param name="Alpha">Significance level.</param>
/// <param name="Verdict">One sentence a merchant can read.</param>
public sealed record RosenbaumResult(int Pairs, double Statistic, IReadOnlyList<double> Gammas, IReadOnlyList<double> UpperPValues, double CriticalGamma, double Alpha, string Verdict);
