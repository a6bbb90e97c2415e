namespace CausalCart.Learners.Linear;

/// <summary>One row of a <see cref="CoefficientTable"/>.</summary>
/// <param name="Term">"(Intercept)" or "feature j" (the column index of the feature matrix).</param>
/// <param name="Estimate">The coefficient on the raw feature scale.</param>
/// <param name="StandardError">√ of the covariance diagonal; NaN only when <paramref name="Aliased"/>.</param>
/// <param name="Statistic">Estimate / StandardError (t or z); NaN only when aliased.</param>
/// <param name="PValue">Two-sided p-value of Estimate = 0; NaN only when aliased.</param>
/// <param name="Lower">Lower confidence limit; NaN only when aliased.</param>
/// <param name="Upper">Upper confidence limit; NaN only when aliased.</param>
/// <param name="Aliased">The term was dropped (collinear or constant): its estimate is fixed at 0 and it has no standard error.</param>
public sealed record CoefficientEstimate(
    string Term,
    double Estimate,
    double StandardError,
    double Statistic,
    double PValue,
    double Lower,
    double Upper,
    bool Aliased);
