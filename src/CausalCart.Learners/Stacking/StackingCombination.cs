namespace CausalCart.Learners.Stacking;

/// <summary>How <see cref="StackedRegressor"/> combines its candidates' out-of-fold predictions.</summary>
public enum StackingCombination
{
    /// <summary>
    /// The super learner (van der Laan, Polley &amp; Hubbard 2007): weights α ≥ 0 by non-negative least squares of the
    /// outcome on the candidates' out-of-fold predictions, normalised to sum to 1 (as the R package SuperLearner's
    /// <c>method.NNLS</c>); only candidates with α &gt; 0 are refitted and predict.
    /// </summary>
    NonNegativeLeastSquares,

    /// <summary>The discrete super learner: the single candidate with the smallest cross-validated risk (weight 1).</summary>
    BestCandidate,
}
