using System.Globalization;
using CausalCart.Core.Results;

namespace CausalCart.Reporting;

/// <summary>
/// Phrases numbers from a result in words a merchant can read: effects in percentage points for a binary
/// outcome and in the outcome's own units otherwise, intervals, p-values as "how often by chance", and
/// the overlap and balance verdicts. Every method is pure, culture-invariant and thread-safe.
/// </summary>
/// <remarks>
/// Implementation note: this class only formats. The one piece of arithmetic beyond scaling and
/// rounding is the share of the raw difference explained by confounding in <see cref="Confounding"/>,
/// a ratio of two numbers the result already holds; no statistic is estimated here.
/// Negative numbers are written with a true minus sign (U+2212), which reads better than a hyphen.
/// </remarks>
public static class MerchantWording
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Formats <paramref name="value"/> with thousands separators and <paramref name="decimals"/> decimals,
    /// a true minus sign for negatives, and no "−0" after rounding. NaN is written "not available",
    /// infinities "∞" and "−∞".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decimals"/> is outside 0–10.</exception>
    public static string Number(double value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 10);
        if (double.IsNaN(value))
        {
            return "not available";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "−∞";
        }

        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0; // drops the sign of −0
        }

        string text = rounded.ToString("N" + decimals.ToString(Invariant), Invariant);
        return text.StartsWith('-') ? "−" + text[1..] : text;
    }

    /// <summary>
    /// Formats a count with thousands separators, e.g. <c>48,210</c>.
    /// </summary>
    public static string Count(long value) => value.ToString("N0", Invariant).Replace('-', '−');

    /// <summary>
    /// A signed effect in display units: for a binary outcome the risk difference in percentage points
    /// ("3.1 percentage points", "−0.8 percentage points"), otherwise the number on the outcome's scale ("0.42").
    /// Decimals follow the magnitude (see <see cref="DecimalsFor"/>).
    /// </summary>
    public static string Effect(double effect, bool outcomeIsBinary)
    {
        double shown = ToDisplay(effect, outcomeIsBinary);
        return WithUnit(Number(shown, DecimalsFor(Math.Abs(shown))), outcomeIsBinary);
    }

    /// <summary>
    /// An interval, e.g. "95% CI 2.2 to 4.0" (binary outcomes in percentage points, the unit being
    /// implied by the estimate it follows). Both ends share one number of decimals, chosen from the
    /// larger end's magnitude.
    /// </summary>
    /// <param name="lower">Lower end on the outcome's scale.</param>
    /// <param name="upper">Upper end on the outcome's scale.</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1), e.g. 0.95.</param>
    /// <param name="outcomeIsBinary">Whether to show the ends in percentage points.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public static string Interval(double lower, double upper, double confidenceLevel, bool outcomeIsBinary)
    {
        int decimals = DecimalsFor(MaxAbs(ToDisplay(lower, outcomeIsBinary), ToDisplay(upper, outcomeIsBinary)));
        return IntervalWith(lower, upper, confidenceLevel, outcomeIsBinary, decimals);
    }

    /// <summary>
    /// An estimate with its interval in one phrase, e.g. "3.1 percentage points (95% CI 2.2 to 4.0)",
    /// all three numbers with the same decimals.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="estimate"/> is null.</exception>
    public static string EstimateWithInterval(EffectEstimate estimate, bool outcomeIsBinary)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        int decimals = EstimateDecimals(estimate, outcomeIsBinary);
        return WithUnit(Number(ToDisplay(estimate.Estimate, outcomeIsBinary), decimals), outcomeIsBinary)
            + " (" + IntervalWith(estimate.CiLower, estimate.CiUpper, estimate.ConfidenceLevel, outcomeIsBinary, decimals) + ")";
    }

    /// <summary>
    /// A probability or share as a percentage: one decimal ("8.4%"), two below 1% ("0.35%").
    /// </summary>
    public static string Percent(double share)
    {
        double percent = share * 100;
        return Number(percent, Math.Abs(percent) < 1 && percent != 0 ? 2 : 1) + "%";
    }

    /// <summary>
    /// A lift (treated mean ÷ control mean) as a ratio and a relative change, e.g. "1.62× (+62%)";
    /// "not defined (the control mean is zero)" when <paramref name="lift"/> is null.
    /// </summary>
    public static string Lift(double? lift)
    {
        if (lift is not { } value)
        {
            return "not defined (the control mean is zero)";
        }

        double change = (value - 1) * 100;
        string sign = change > 0 && Math.Round(change) != 0 ? "+" : string.Empty;
        return Number(value, 2) + "× (" + sign + Number(change, 0) + "%)";
    }

    /// <summary>
    /// A p-value as how often chance alone would produce the result, e.g. "a difference this large would
    /// arise by chance in fewer than 1 in 1,000 placebo runs" (p &lt; 0.001), "… in about 4 in 1,000 …"
    /// (p &lt; 0.01), "… in about 12 in 100 …", or "… in almost all …" (p ≥ 0.995).
    /// </summary>
    /// <param name="pValue">The p-value, in [0, 1].</param>
    /// <param name="runs">What a simulation is called, plural (e.g. "placebo runs").</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pValue"/> is NaN or outside [0, 1].</exception>
    /// <exception cref="ArgumentException"><paramref name="runs"/> is empty or white space.</exception>
    public static string PValue(double pValue, string runs = "placebo runs")
    {
        if (double.IsNaN(pValue) || pValue < 0 || pValue > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pValue), pValue, "A p-value must lie in [0, 1].");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(runs);
        string frequency = pValue switch
        {
            < 0.001 => "fewer than 1 in 1,000",
            < 0.01 => "about " + Number(Math.Max(1, Math.Round(pValue * 1000, MidpointRounding.AwayFromZero)), 0) + " in 1,000",
            < 0.995 => "about " + Number(Math.Max(1, Math.Round(pValue * 100, MidpointRounding.AwayFromZero)), 0) + " in 100",
            _ => "almost all",
        };
        return "a difference this large would arise by chance in " + frequency + " " + runs;
    }

    /// <summary>A short label for an overlap verdict: "Good", "Weak" or "Insufficient".</summary>
    public static string OverlapLabel(OverlapVerdict verdict) => verdict switch
    {
        OverlapVerdict.Good => "Good",
        OverlapVerdict.Weak => "Weak",
        OverlapVerdict.Insufficient => "Insufficient",
        _ => verdict.ToString(),
    };

    /// <summary>
    /// What an overlap verdict means for the merchant, in one sentence starting with the label, e.g.
    /// "Insufficient overlap: treated and untreated users are too different to compare, so no causal
    /// effect can be estimated from these data."
    /// </summary>
    /// <param name="verdict">The verdict.</param>
    /// <param name="unit">The unit of analysis as the design names it (e.g. "user"); used in the plural.</param>
    /// <exception cref="ArgumentException"><paramref name="unit"/> is empty or white space.</exception>
    public static string Overlap(OverlapVerdict verdict, string unit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        string units = Plural(unit);
        return verdict switch
        {
            OverlapVerdict.Good => $"Good overlap: treated and untreated {units} had comparable chances of being treated, so they can be compared fairly.",
            OverlapVerdict.Weak => $"Weak overlap: some {units} were almost certain to be treated (or not), so the estimate leans on a few of them; read it with care.",
            OverlapVerdict.Insufficient => $"Insufficient overlap: treated and untreated {units} are too different to compare, so no causal effect can be estimated from these data.",
            _ => $"{verdict} overlap.",
        };
    }

    /// <summary>
    /// The balance verdict in one or two sentences: how far apart the arms were before weighting, and
    /// whether every covariate is within the threshold after weighting (naming the worst one if not).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="balance"/> is null.</exception>
    public static string Balance(BalanceDiagnostics balance)
    {
        ArgumentNullException.ThrowIfNull(balance);
        if (balance.Covariates.Count == 0)
        {
            return "No covariates were adjusted for, so balance could not be checked.";
        }

        string threshold = Threshold(balance.Threshold);
        CovariateBalance worstBefore = balance.Covariates.MaxBy(c => Math.Abs(c.SmdBefore))!;
        CovariateBalance worstAfter = balance.Covariates.MaxBy(c => Math.Abs(c.SmdAfter))!;
        string before = $"Before weighting, treated and untreated groups differed by up to {Number(Math.Abs(worstBefore.SmdBefore), 2)} standard deviations ({worstBefore.Name}).";
        int imbalanced = balance.Covariates.Count(c => Math.Abs(c.SmdAfter) > balance.Threshold);
        string after = imbalanced == 0
            ? $" After weighting, every covariate is within the {threshold} threshold (largest {Number(Math.Abs(worstAfter.SmdAfter), 2)}), so the groups are comparable on what was measured."
            : $" After weighting, {Count(imbalanced)} of {Count(balance.Covariates.Count)} covariates still differ by more than {threshold} (largest {Number(Math.Abs(worstAfter.SmdAfter), 2)}: {worstAfter.Name}), so the adjustment is incomplete and the estimate may still be confounded.";
        return before + after;
    }

    /// <summary>
    /// How much of the raw association was confounding, comparing the unadjusted difference with an
    /// adjusted estimate, e.g. "The raw difference of 5.2 percentage points shrinks to 3.1 after adjustment:
    /// about 40% of the association came from who was treated (confounding), not from the treatment."
    /// </summary>
    /// <param name="association">The unadjusted comparison.</param>
    /// <param name="adjusted">The adjusted (causal) estimate to compare with.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Confounding(Association association, EffectEstimate adjusted)
    {
        ArgumentNullException.ThrowIfNull(association);
        ArgumentNullException.ThrowIfNull(adjusted);
        bool binary = association.OutcomeIsBinary;
        double raw = ToDisplay(association.Difference, binary);
        double est = ToDisplay(adjusted.Estimate, binary);
        int decimals = DecimalsFor(MaxAbs(raw, est));
        string rawText = WithUnit(Number(raw, decimals), binary);
        string estText = Number(est, decimals);
        double rawShown = Math.Round(raw, decimals);
        double estShown = Math.Round(est, decimals);
        if (!double.IsFinite(raw) || !double.IsFinite(est))
        {
            return "The raw difference and the adjusted estimate cannot be compared because one of them is not available.";
        }

        if (rawShown == 0)
        {
            return estShown == 0
                ? $"Neither the raw comparison ({rawText}) nor the adjusted estimate ({estText}) shows a difference."
                : $"The raw comparison shows almost no difference ({rawText}), but the adjusted estimate is {estText}: confounding hid the effect.";
        }

        if (estShown == 0)
        {
            return $"The raw difference of {rawText} disappears after adjustment ({estText}): the association came from who was treated (confounding), not from the treatment.";
        }

        if (Math.Sign(rawShown) != Math.Sign(estShown))
        {
            return $"The raw difference of {rawText} reverses to {estText} after adjustment: the association was confounding, and the treatment's own effect points the other way.";
        }

        if (Math.Abs(est) > Math.Abs(raw))
        {
            return $"The raw difference of {rawText} grows to {estText} after adjustment: confounding hid part of the effect rather than inflating it.";
        }

        double share = (raw - est) / raw * 100;
        return $"The raw difference of {rawText} shrinks to {estText} after adjustment: about {Number(share, 0)}% of the association came from who was treated (confounding), not from the treatment.";
    }

    /// <summary>A threshold as written in rules of thumb: up to three decimals, trailing zeros dropped ("0.1", "0.05").</summary>
    public static string Threshold(double value)
    {
        string text = Number(value, 3);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    /// <summary>
    /// Decimals for a number whose magnitude (in display units) is <paramref name="scale"/>: 0 from 100,
    /// 1 from 1, 2 from 0.1, 3 from 0.01, 4 below; 1 for zero or a non-finite scale.
    /// </summary>
    public static int DecimalsFor(double scale) => scale switch
    {
        _ when !double.IsFinite(scale) || scale == 0 => 1,
        >= 100 => 0,
        >= 1 => 1,
        >= 0.1 => 2,
        >= 0.01 => 3,
        _ => 4,
    };

    internal static int EstimateDecimals(EffectEstimate estimate, bool outcomeIsBinary) =>
        DecimalsFor(MaxAbs(
            ToDisplay(estimate.Estimate, outcomeIsBinary),
            MaxAbs(ToDisplay(estimate.CiLower, outcomeIsBinary), ToDisplay(estimate.CiUpper, outcomeIsBinary))));

    /// <summary>The value in display units: percentage points for a binary outcome, unchanged otherwise.</summary>
    internal static double ToDisplay(double value, bool outcomeIsBinary) => outcomeIsBinary ? value * 100 : value;

    internal static string WithUnit(string number, bool outcomeIsBinary) =>
        outcomeIsBinary ? number + " percentage points" : number;

    internal static string Plural(string unit) => unit.EndsWith('s') ? unit : unit + "s";

    internal static string IntervalWith(double lower, double upper, double confidenceLevel, bool outcomeIsBinary, int decimals)
    {
        if (double.IsNaN(confidenceLevel) || confidenceLevel <= 0 || confidenceLevel >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "A confidence level must lie strictly between 0 and 1.");
        }

        double percent = Math.Round(confidenceLevel * 100, 1);
        string level = Number(percent, percent % 1 == 0 ? 0 : 1);
        return $"{level}% CI {Number(ToDisplay(lower, outcomeIsBinary), decimals)} to {Number(ToDisplay(upper, outcomeIsBinary), decimals)}";
    }

    private static double MaxAbs(double a, double b)
    {
        double x = double.IsFinite(a) ? Math.Abs(a) : 0;
        double y = double.IsFinite(b) ? Math.Abs(b) : 0;
        return Math.Max(x, y);
    }
}
