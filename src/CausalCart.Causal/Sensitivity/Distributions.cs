using CausalCart.Numerics;
using MathNet.Numerics;

namespace CausalCart.Causal.Sensitivity;

/// <summary>
/// The few distribution functions the graph, discovery, mediation and sensitivity code needs, as one short
/// facade: the standard normal and Student t come from <see cref="StandardNormal"/> and <see cref="StudentT"/>
/// (CausalCart.Numerics), the gamma and beta functions from MathNet.Numerics' special functions. Pure and
/// thread-safe.
/// </summary>
public static class Distributions
{
    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x) => SpecialFunctions.GammaLn(x);

    /// <summary>The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).</summary>
    public static double GammaQ(double a, double x) => SpecialFunctions.GammaUpperRegularized(a, x);

    /// <summary>The regularised incomplete beta function I_x(a, b).</summary>
    public static double IncompleteBeta(double x, double a, double b) => SpecialFunctions.BetaRegularized(a, b, x);

    /// <summary>Standard normal CDF Φ(x).</summary>
    public static double NormalCdf(double x) => StandardNormal.Cdf(x);

    /// <summary>Two-sided normal tail probability P(|Z| ≥ |z|).</summary>
    public static double NormalTwoSided(double z) => StandardNormal.TwoSidedPValue(z);

    /// <summary>Standard normal quantile Φ⁻¹(p).</summary>
    public static double NormalQuantile(double p) => StandardNormal.Quantile(p);

    /// <summary>Student t CDF with <paramref name="dof"/> degrees of freedom.</summary>
    public static double StudentTCdf(double t, double dof) => StudentT.Cdf(t, dof);

    /// <summary>Student t quantile with <paramref name="dof"/> degrees of freedom.</summary>
    public static double StudentTQuantile(double p, double dof) => StudentT.Quantile(p, dof);

    /// <summary>Chi-square survival function P(X ≥ x) with <paramref name="dof"/> degrees of freedom.</summary>
    public static double ChiSquareSurvival(double x, double dof) => x <= 0 ? 1 : GammaQ(dof / 2, x / 2);
}
