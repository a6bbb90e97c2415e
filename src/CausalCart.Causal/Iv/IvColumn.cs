namespace CausalCart.Causal.Iv;

/// <summary>A named numeric column (one value per row) used as an outcome, endogenous regressor, control or instrument.</summary>
/// <param name="Name">Column name, used in results and error messages.</param>
/// <param name="Values">One value per row; must be finite.</param>
public sealed record IvColumn(string Name, double[] Values);
