namespace CausalCart.Learners.Linear;

/// <summary>Which penalty <see cref="ElasticNetCV"/> picks from its cross-validation curve.</summary>
public enum AlphaRule
{
    /// <summary>The α with the smallest mean held-out error (glmnet's lambda.min).</summary>
    Minimum,

    /// <summary>The largest α whose mean error is within one standard error of the minimum (glmnet's lambda.1se): a sparser, more regularised model.</summary>
    OneStandardError,
}
