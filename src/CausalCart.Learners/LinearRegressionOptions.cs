namespace CausalCart.Learners;

/// <summary>Options of <see cref="LinearRegression"/>.</summary>
/// <param name="L2">
/// Ridge penalty λ ≥ 0 on the standardised slopes (the intercept is never penalised). The objective is
/// (1/Σw)·Σ w_i (y_i − z_i'β)² / 2 + (λ/2)·Σ_{j≥1} β_j², so λ is on the scale of a mean loss and independent of n.
/// λ = 0 is ordinary (weighted) least squares and requires full column rank.
/// </param>
public sealed record LinearRegressionOptions(double L2 = 0);
