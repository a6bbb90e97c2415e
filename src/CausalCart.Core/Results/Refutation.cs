namespace CausalCart.Core.Results;

/// <summary>
/// The outcome of one refutation test: a deliberate change to the data or the model whose effect on the
/// estimate is known in advance, and whether the estimator behaved as it should.
/// </summary>
/// <param name="Refuter">Which test.</param>
/// <param name="Method">The estimator that was refuted.</param>
/// <param name="NullHypothesis">What should happen if the analysis is sound, in words.</param>
/// <param name="OriginalEstimate">The estimate on the real data.</param>
/// <param name="NewEstimateMean">Mean of the estimates over the simulations.</param>
/// <param name="NewEstimateStdDev">Standard deviation of those estimates.</param>
/// <param name="Simulations">Number of simulations.</param>
/// <param name="PValue">Two-sided p-value of the test where one exists.</param>
/// <param name="Verdict">Passed, failed or inconclusive.</param>
/// <param name="Interpretation">One sentence a merchant can read.</param>
public sealed record Refutation(
    Refuter Refuter,
    EffectMethod Method,
    string NullHypothesis,
    double OriginalEstimate,
    double NewEstimateMean,
    double NewEstimateStdDev,
    int Simulations,
    double? PValue,
    RefutationVerdict Verdict,
    string Interpretation);

/// <summary>A refutation test.</summary>
public enum Refuter
{
    /// <summary>Replace the treatment with a random permutation: the effect should vanish.</summary>
    Placebo,

    /// <summary>Add a random covariate that causes nothing: the estimate should not move.</summary>
    RandomCommonCause,

    /// <summary>Re-estimate on random subsets: the estimate should stay within its sampling error.</summary>
    DataSubset,

    /// <summary>Replace the outcome with a simulated one that depends on the covariates but not on the treatment: the effect should vanish.</summary>
    DummyOutcome,

    /// <summary>Re-estimate on bootstrap resamples: their spread should match the reported standard error.</summary>
    Bootstrap,

    /// <summary>Simulate an unobserved confounder of given strength: how far would it move the estimate?</summary>
    UnobservedCommonCause,
}

/// <summary>The verdict of a refutation.</summary>
public enum RefutationVerdict
{
    /// <summary>The estimator behaved as a sound analysis would.</summary>
    Passed,

    /// <summary>The estimator did not; the causal estimate should not be trusted.</summary>
    Failed,

    /// <summary>The test could not decide (too few units or simulations).</summary>
    Inconclusive,
}
