using System.Globalization;

namespace CausalCart.Causal.Sensitivity;

/// <summary>
/// E-values of VanderWeele &amp; Ding (2017), "Sensitivity analysis in observational research: introducing the
/// E-value", Ann. Intern. Med. 167(4): for a risk ratio RR ≥ 1, E = RR + √(RR(RR − 1)); ratios below 1 are
/// inverted first. Odds ratios of common outcomes (prevalence &gt; 15%) use RR ≈ √OR, hazard ratios
/// RR ≈ (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)), and standardised mean differences d RR ≈ exp(0.91 d) with interval
/// exp(0.91 d ± 1.78 se) (their Table 2 / VanderWeele 2017). Pure and thread-safe.
/// </summary>
public static class EValue
{
    /// <summary>E-value of a risk ratio and, when given, of its confidence limit closest to 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A ratio is not positive and finite, or the interval does not contain the estimate.</exception>
    public static EValueResult ForRiskRatio(double riskRatio, double? lower = null, double? upper = null)
    {
        Check(riskRatio, nameof(riskRatio));
        if (lower is double l)
        {
            Check(l, nameof(lower));
        }

        if (upper is double u)
        {
            Check(u, nameof(upper));
        }

        if ((lower is double lo && lo > riskRatio) || (upper is double hi && hi < riskRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(lower), "The confidence interval must contain the estimate.");
        }

        double point = OfRatio(riskRatio);
        double? limit = null;
        if (riskRatio >= 1 && lower is double lw)
        {
            limit = lw <= 1 ? 1 : OfRatio(lw);
        }
        else if (riskRatio < 1 && upper is double up)
        {
            limit = up >= 1 ? 1 : OfRatio(up);
        }

        return new EValueResult(riskRatio, point, limit, Verdict(riskRatio, point, limit));
    }

    /// <summary>E-value for an odds ratio; for a common outcome (&gt; 15% prevalence) RR ≈ √OR, otherwise RR ≈ OR.</summary>
    public static EValueResult ForOddsRatio(double oddsRatio, bool rareOutcome, double? lower = null, double? upper = null)
    {
        Func<double, double> rr = rareOutcome ? x => x : Math.Sqrt;
        Check(oddsRatio, nameof(oddsRatio));
        return ForRiskRatio(rr(oddsRatio), lower is double l ? rr(l) : null, upper is double u ? rr(u) : null);
    }

    /// <summary>E-value for a hazard ratio; for a common outcome RR ≈ (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)), otherwise RR ≈ HR.</summary>
    public static EValueResult ForHazardRatio(double hazardRatio, bool rareOutcome, double? lower = null, double? upper = null)
    {
        Func<double, double> rr = rareOutcome ? x => x : x => (1 - Math.Pow(0.5, Math.Sqrt(x))) / (1 - Math.Pow(0.5, Math.Sqrt(1 / x)));
        Check(hazardRatio, nameof(hazardRatio));
        return ForRiskRatio(rr(hazardRatio), lower is double l ? rr(l) : null, upper is double u ? rr(u) : null);
    }

    /// <summary>
    /// E-value for a difference in a continuous outcome via the standardised effect d = difference / SD(outcome):
    /// RR ≈ exp(0.91 d), limits exp(0.91 d ± 1.78 se_d) with se_d = se / SD.
    /// </summary>
    /// <param name="difference">Estimated mean difference (outcome units).</param>
    /// <param name="standardError">Its standard error (outcome units); 0 or less means no interval.</param>
    /// <param name="outcomeSd">Standard deviation of the outcome.</param>
    public static EValueResult ForDifference(double difference, double standardError, double outcomeSd)
    {
        if (!(outcomeSd > 0) || !double.IsFinite(difference))
        {
            throw new ArgumentOutOfRangeException(nameof(outcomeSd), outcomeSd, "The outcome standard deviation must be positive and the difference finite.");
        }

        double d = difference / outcomeSd, sd = standardError / outcomeSd;
        double rr = Math.Exp(0.91 * d);
        return standardError > 0
            ? ForRiskRatio(rr, Math.Exp((0.91 * d) - (1.78 * sd)), Math.Exp((0.91 * d) + (1.78 * sd)))
            : ForRiskRatio(rr);
    }

    /// <summary>RR + √(RR(RR − 1)) after inverting ratios below 1.</summary>
    public static double OfRatio(double riskRatio)
    {
        Check(riskRatio, nameof(riskRatio));
        double r = riskRatio < 1 ? 1 / riskRatio : riskRatio;
        return r + Math.Sqrt(r * (r - 1));
    }

    private static void Check(double v, string name)
    {
        if (!(v > 0) || !double.IsFinite(v))
        {
            throw new ArgumentOutOfRangeException(name, v, "Ratios must be positive and finite.");
        }
    }

    private static string Verdict(double rr, double point, double? limit)
    {
        string f(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        string s = $"A hidden factor would have to make both the treatment and the outcome {f(point)} times more likely, beyond what was measured, to explain away the estimated effect (risk ratio {f(rr)})";
        if (limit is double l)
        {
            s += l <= 1
                ? "; the confidence interval already includes no effect, so no hidden factor is needed to make it uncertain."
                : $"; {f(l)} times to make it statistically uncertain.";
        }
        else
        {
            s += ".";
        }

        return s;
    }
}
