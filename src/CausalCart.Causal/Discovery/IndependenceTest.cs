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

    /// <summary>Conditional mutual information on discretised data, for nonlinear and non-Gaussian relations: every
    /// column with more than <see cref="PcOptions.Bins"/> distinct values is cut into that many equal-frequency bins, the
    /// plug-in estimate Î(X; Y | S) = Σ p̂(x, y, s) ln[p̂(s) p̂(x, y, s) / (p̂(x, s) p̂(y, s))] is computed from the counts,
    /// and 2 n Î — which is exactly the G² statistic of the binned table — is referred to χ² with the G² degrees of
    /// freedom (Kullback 1959). Chosen over kNN estimators with permutation p-values because it costs one pass over the
    /// rows per test (PC runs thousands of tests) and its null distribution needs no resampling; it loses power when
    /// the conditioning set is large relative to n (sparse strata), like any stratified test, and conditioning on a binned
    /// continuous variable blocks its path only up to the within-bin variation, so with many rows a chain a → b → c can keep
    /// a weak a — c edge (more bins reduce this; discrete variables are conditioned on exactly).</summary>
    ConditionalMutualInformation,
}
