namespace CausalCart.Learners.Linear;

/// <summary>A covariance estimator choice: its <see cref="Kind"/> and, for <see cref="CovarianceKind.Cluster"/>, the group of each row.</summary>
/// <remarks>Use the static members: <c>CovarianceType.HC1</c>, <c>CovarianceType.ClusterRobust(groups)</c>.</remarks>
public sealed record CovarianceType
{
    private CovarianceType(CovarianceKind kind, int[]? groups)
    {
        Kind = kind;
        Groups = groups;
    }

    /// <summary>The estimator.</summary>
    public CovarianceKind Kind { get; }

    /// <summary>Group id of each row (length n) for <see cref="CovarianceKind.Cluster"/>; null otherwise.</summary>
    public int[]? Groups { get; }

    /// <summary>Model-based covariance.</summary>
    public static CovarianceType Classical { get; } = new(CovarianceKind.Classical, null);

    /// <summary>White's HC0.</summary>
    public static CovarianceType HC0 { get; } = new(CovarianceKind.HC0, null);

    /// <summary>HC1 = HC0 × n/(n − k).</summary>
    public static CovarianceType HC1 { get; } = new(CovarianceKind.HC1, null);

    /// <summary>HC2 (leverage-corrected; least squares only).</summary>
    public static CovarianceType HC2 { get; } = new(CovarianceKind.HC2, null);

    /// <summary>HC3 (jackknife-like; least squares only).</summary>
    public static CovarianceType HC3 { get; } = new(CovarianceKind.HC3, null);

    /// <summary>Cluster-robust covariance over the given group id of each row (copied).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> is null.</exception>
    public static CovarianceType ClusterRobust(ReadOnlySpan<int> groups) => new(CovarianceKind.Cluster, groups.ToArray());
}
