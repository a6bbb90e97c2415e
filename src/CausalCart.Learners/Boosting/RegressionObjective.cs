namespace CausalCart.Learners.Boosting;

/// <summary>The loss a <see cref="GradientBoostedTreesRegressor"/> minimises.</summary>
public enum RegressionObjective
{
    /// <summary>Squared error ½(y − f)²; predictions are f. Gradient f − y, Hessian 1.</summary>
    SquaredError,

    /// <summary>
    /// Poisson deviance with a log link, for counts and other non-negative targets: the raw score f is log E[y], predictions
    /// are exp(f). Gradient exp(f) − y; the Hessian is inflated to exp(f + 0.7) as in XGBoost's <c>max_delta_step</c> = 0.7,
    /// which keeps Newton steps bounded where the fitted mean is near 0.
    /// </summary>
    Poisson,
}
