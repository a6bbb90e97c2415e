using CausalCart.Core.Results;

namespace CausalCart.Reporting;

/// <summary>
/// The one sentence a report opens with, and the estimate it is drawn from.
/// </summary>
/// <remarks>
/// Implementation note: the sentence is built as "{Treatment} raised the chance of {Outcome} by …", so it
/// reads best when <see cref="StudyDescription.Treatment"/> and <see cref="StudyDescription.Outcome"/> are
/// noun phrases ("the November coupon", "a purchase within 7 days"). The first letter of the treatment is
/// capitalised; nothing else is changed.
/// </remarks>
public static class Headline
{
    // Most trustworthy first: doubly robust, then an outcome model, then weighting. The naive difference
    // is an association and never headlines.
    private static readonly EffectMethod[] Preference = [EffectMethod.Aipw, EffectMethod.Regression, EffectMethod.Ipw];

    /// <summary>
    /// The estimate a report leads with: AIPW if present, else regression adjustment, else IPW; within a
    /// method the ATE before the ATT, then the first in list order. Null when there is no adjusted estimate.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static EffectEstimate? ChooseEstimate(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (EffectMethod method in Preference)
        {
            EffectEstimate? chosen = result.Estimates.FirstOrDefault(e => e.Method == method && e.Estimand == Estimand.Ate)
                ?? result.Estimates.FirstOrDefault(e => e.Method == method);
            if (chosen is not null)
            {
                return chosen;
            }
        }

        return null;
    }

    /// <summary>
    /// The headline, e.g. "The coupon raised the chance of a purchase within 7 days by 3.1 percentage
    /// points (95% CI 2.2 to 4.0)." It says plainly when no trustworthy estimate exists (insufficient overlap,
    /// no adjusted estimate), when the interval includes zero, when overlap is weak, and when a refutation
    /// of the chosen method failed.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string Sentence(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        StudyDescription design = result.Design;
        string treatment = Capitalise(design.Treatment);
        string units = MerchantWording.Plural(design.Unit);
        if (result.Overlap?.Verdict == OverlapVerdict.Insufficient)
        {
            return $"No trustworthy causal estimate: treated and untreated {units} are too different to compare (insufficient overlap), so the effect of {design.Treatment} on {design.Outcome} cannot be estimated from these data.";
        }

        EffectEstimate? chosen = ChooseEstimate(result);
        if (chosen is null && result.InstrumentalVariables is { Estimates.Count: > 0 } iv)
        {
            return IvReport.StudySentence(iv);
        }

        if (chosen is null)
        {
            return $"No causal effect of {design.Treatment} was estimated; only the raw association is shown below.";
        }

        bool binary = result.Association.OutcomeIsBinary;
        int decimals = MerchantWording.EstimateDecimals(chosen, binary);
        double shown = Math.Round(MerchantWording.ToDisplay(chosen.Estimate, binary), decimals);
        string magnitude = MerchantWording.WithUnit(MerchantWording.Number(Math.Abs(shown), decimals), binary);
        string interval = "(" + MerchantWording.IntervalWith(chosen.CiLower, chosen.CiUpper, chosen.ConfidenceLevel, binary, decimals) + ")";
        string scope = chosen.Estimand == Estimand.Att ? $" among treated {units}" : string.Empty;
        string sentence = (shown, binary) switch
        {
            ( > 0, true) => $"{treatment} raised the chance of {design.Outcome}{scope} by {magnitude} {interval}",
            ( < 0, true) => $"{treatment} lowered the chance of {design.Outcome}{scope} by {magnitude} {interval}",
            (_, true) => $"{treatment} did not measurably change the chance of {design.Outcome}{scope} {interval}",
            ( > 0, false) => $"{treatment} raised {design.Outcome} by {magnitude} per {design.Unit} on average{scope} {interval}",
            ( < 0, false) => $"{treatment} lowered {design.Outcome} by {magnitude} per {design.Unit} on average{scope} {interval}",
            _ => $"{treatment} did not measurably change {design.Outcome}{scope} {interval}",
        };
        if (shown != 0 && chosen.Covers(0))
        {
            sentence += ", but the interval includes zero, so the data are also consistent with no effect";
        }

        sentence += ".";
        if (result.Overlap?.Verdict == OverlapVerdict.Weak)
        {
            sentence += $" Overlap is weak, so this estimate leans on a few {units}.";
        }

        if (result.Refutations.Any(r => r.Method == chosen.Method && r.Verdict == RefutationVerdict.Failed))
        {
            sentence += " A refutation test of this estimate failed: do not act on it until that is explained.";
        }

        if (result.InstrumentalVariables is { Estimates: [var first, ..] } instrumental
            && (first.CiUpper < chosen.CiLower || first.CiLower > chosen.CiUpper))
        {
            // Adjustment assumes every confounder is measured; a valid instrument does not. Intervals that do not even
            // overlap are the report's loudest sign that an unmeasured confounder biases the adjusted estimate.
            sentence += $" The instrument ({instrumental.Design.Instrument}) gives {MerchantWording.Effect(first.Estimate, binary)} "
                + $"({MerchantWording.IntervalWith(first.CiLower, first.CiUpper, chosen.ConfidenceLevel, binary, decimals)}) among the {units} it moved; "
                + "the two intervals do not overlap, so an unmeasured confounder may bias the adjusted estimate (see Instrumental variables).";
        }

        return sentence;
    }

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
