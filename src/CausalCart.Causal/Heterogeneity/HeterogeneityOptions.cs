namespace CausalCart.Causal.Heterogeneity;

/// <summary>Options of <see cref="HeterogeneityAnalysis"/>. Immutable.</summary>
/// <param name="LearnedGroups">Number of learned segments: quantile groups of the out-of-fold predicted CATE (default 5,
/// GATES-style quintiles; 2 to 20).</param>
/// <param name="ProjectionCovariates">Covariates of the best linear projection by name (null: the effect modifiers of
/// the <c>DmlOptions</c>, or all covariates).</param>
public sealed record HeterogeneityOptions(int LearnedGroups = 5, IReadOnlyList<string>? ProjectionCovariates = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (LearnedGroups < 2 || LearnedGroups > 20)
        {
            throw new ArgumentException($"LearnedGroups {LearnedGroups} must lie in 2..20.", nameof(LearnedGroups));
        }
    }
}
