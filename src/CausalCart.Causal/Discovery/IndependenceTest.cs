namespace CausalCart.Causal.Discovery;

/// <summary>Conditional-independence test used by <see cref="PcAlgorithm"/>.</summary>
public enum IndependenceTest
{
    /// <summary>Fisher's z on partial correlations: continuous, (approximately) linear-Gaussian data.</summary>
    FisherZ,

    /// <summary>The G² likelihood-ratio test on contingency tables (Spirtes et al. 2000, §5.4.2): discrete data
    /// coded as small non-negative integers; degrees of freedom Σ over non-empty strata of (r − 1)(c − 1) with r, c
    /// the non-empty levels in the stratum.</summary>
    GSquare,
}
