namespace CausalCart.Causal.Sensitivity;

/// <summary>A fitted ordinary-least-squares regression with classical (homoskedastic) standard errors.</summary>
/// <param name="Names">Coefficient names in order (<c>(Intercept)</c> first when fitted).</param>
/// <param name="Coefficients">β̂, one per name.</param>
/// <param name="StandardErrors">√(σ̂² [(XᵀX)⁻¹]_jj), σ̂² = RSS / dof.</param>
/// <param name="DegreesOfFreedom">Residual degrees of freedom n − p.</param>
/// <param name="ResidualSumOfSquares">Σ residual².</param>
public sealed record OlsFit(IReadOnlyList<string> Names, IReadOnlyList<double> Coefficients, IReadOnlyList<double> StandardErrors, int DegreesOfFreedom, double ResidualSumOfSquares)
{
    /// <summary>t statistic β̂_j / se_j of a named coefficient.</summary>
    /// <exception cref="ArgumentException">No coefficient has that name; the message lists the names.</exception>
    public double TStatistic(string name) => Coefficient(name) / StandardError(name);

    /// <summary>β̂ of a named coefficient.</summary>
    public double Coefficient(string name) => Coefficients[IndexOf(name)];

    /// <summary>Standard error of a named coefficient.</summary>
    public double StandardError(string name) => StandardErrors[IndexOf(name)];

    /// <summary>Partial R² of the outcome with a regressor given the others: t² / (t² + dof) (Cinelli &amp; Hazlett 2020, eq. 19).</summary>
    public double PartialR2(string name)
    {
        double t = TStatistic(name);
        return t * t / ((t * t) + DegreesOfFreedom);
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"No coefficient named '{name}'. The model has: {string.Join(", ", Names.Take(20))}{(Names.Count > 20 ? ", …" : "")}.", nameof(name));
    }
}
