using MathNet.Numerics;

namespace CausalCart.Numerics;

/// <summary>
/// The standard Student t distribution with ν &gt; 0 degrees of freedom: CDF, two-sided p-values and quantiles in
/// double precision, for t-based inference on regression coefficients.
/// </summary>
/// <remarks>
/// Implementation note: the lower tail is P(T ≤ −|t|) = ½·I_{ν/(ν+t²)}(ν/2, ½) with MathNet.Numerics' regularised
/// incomplete beta, so small tail probabilities keep their relative accuracy (no 1 − x cancellation). The quantile
/// is found by safeguarded Newton iteration on the log of that tail, inside a bracket. For ν = ∞ use <see cref="StandardNormal"/>.
/// Pure and thread-safe.
/// </remarks>
public static class StudentT
{
    /// <summary>P(T ≤ t). NaN in gives NaN out.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreesOfFreedom"/> is not finite and positive.</exception>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        CheckDof(degreesOfFreedom);
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        double lower = LowerTail(-Math.Abs(t), degreesOfFreedom);
        return t <= 0 ? lower : 1 - lower;
    }

    /// <summary>Two-sided p-value P(|T| ≥ |t|) = 2·P(T ≤ −|t|); NaN in gives NaN out.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreesOfFreedom"/> is not finite and positive.</exception>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        CheckDof(degreesOfFreedom);
        return double.IsNaN(t) ? double.NaN : Math.Min(1, 2 * LowerTail(-Math.Abs(t), degreesOfFreedom));
    }

    /// <summary>Quantile: the t with P(T ≤ t) = <paramref name="p"/>; p = 0 gives −∞ and p = 1 gives +∞.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN, or the degrees of freedom are not finite and positive.</exception>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        CheckDof(degreesOfFreedom);
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
        }

        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        if (p == 0.5)
        {
            return 0;
        }

        // Work in the lower tail: q = min(p, 1 − p); find x < 0 with LowerTail(x) = q, then reflect. LowerTail is
        // increasing in x: bracket the root [lo, hi], then safeguarded Newton on log LowerTail(x) − log q (well scaled
        // in the far tail), bisecting whenever a step leaves the bracket.
        double q = Math.Min(p, 1 - p);
        double logQ = Math.Log(q);
        double hi = 0, lo = Math.Min(-1, StandardNormal.Quantile(q));
        while (LowerTail(lo, degreesOfFreedom) > q)
        {
            hi = lo;
            lo *= 2;
        }

        double x = 0.5 * (lo + hi);
        for (int i = 0; i < 200; i++)
        {
            double tail = LowerTail(x, degreesOfFreedom);
            if (tail > q)
            {
                hi = x;
            }
            else
            {
                lo = x;
            }

            double pdf = Pdf(x, degreesOfFreedom);
            double next = x - ((Math.Log(tail) - logQ) * tail / pdf);
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            if (Math.Abs(next - x) <= 1e-15 * Math.Abs(x))
            {
                x = next;
                break;
            }

            x = next;
        }

        return p < 0.5 ? x : -x;
    }

    /// <summary>The two-sided critical value t with P(|T| ≤ t) = <paramref name="confidenceLevel"/> (2.2281 for 0.95 at ν = 10).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is not in (0, 1), or the degrees of freedom are invalid.</exception>
    public static double TwoSidedCritical(double confidenceLevel, double degreesOfFreedom)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "A confidence level must lie in (0, 1), e.g. 0.95.");
        }

        return Quantile(0.5 + (confidenceLevel / 2), degreesOfFreedom);
    }

    /// <summary>Density Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + x²/ν)^(−(ν+1)/2).</summary>
    private static double Pdf(double x, double dof) =>
        Math.Exp(SpecialFunctions.GammaLn((dof + 1) / 2) - SpecialFunctions.GammaLn(dof / 2) - (0.5 * Math.Log(dof * Math.PI))
                 - ((dof + 1) / 2 * Math.Log(1 + (x * x / dof))));

    /// <summary>P(T ≤ x) for x ≤ 0.</summary>
    private static double LowerTail(double x, double dof) =>
        0.5 * SpecialFunctions.BetaRegularized(dof / 2, 0.5, dof / (dof + (x * x)));

    private static void CheckDof(double dof)
    {
        if (!(dof > 0) || !double.IsFinite(dof))
        {
            throw new ArgumentOutOfRangeException(nameof(dof), dof, "Degrees of freedom must be finite and > 0.");
        }
    }
}
