namespace CausalCart.Learners.Linear;

/// <summary>Options of <see cref="QuadraticRidge"/>.</summary>
/// <param name="L2">Ridge penalty λ ≥ 0 on the standardised basis slopes, as <see cref="LinearRegressionOptions.L2"/>
/// (a mean-loss scale, independent of n). A degree-2 basis has O(p²) columns, so λ &gt; 0 is the intended use.</param>
public sealed record QuadraticRidgeOptions(double L2 = 1.0);
