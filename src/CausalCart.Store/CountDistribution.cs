namespace CausalCart.Store;

/// <summary>
/// Summary of a distribution of counts (events per user, events per session). Percentiles interpolate
/// linearly between order statistics (DuckDB <c>quantile_cont</c>). All values are 0 when <see cref="Count"/> is 0.
/// </summary>
/// <param name="Count">Number of units (users, sessions).</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Min">Smallest count.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest count.</param>
public sealed record CountDistribution(long Count, double Mean, long Min, double P50, double P90, double P99, long Max)
{
    /// <summary>The distribution of nothing.</summary>
    public static CountDistribution Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);
}
