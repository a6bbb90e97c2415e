namespace CausalCart.Sequence.Evaluation;

/// <summary>Which held-out event of the leave-one-out split is predicted.</summary>
public enum EvaluationSplit
{
    /// <summary>The second-to-last event of each user (used for early stopping).</summary>
    Validation,

    /// <summary>The last event of each user.</summary>
    Test,
}
