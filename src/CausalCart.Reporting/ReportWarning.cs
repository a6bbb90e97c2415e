using CausalCart.Core.Results;

namespace CausalCart.Reporting;

/// <summary>A sentence shown at the top of a report; severe ones mean the causal estimate must not be used.</summary>
/// <param name="Text">The sentence, unescaped.</param>
/// <param name="Severe">Whether it invalidates the causal estimate (insufficient overlap, a failed refutation).</param>
internal sealed record ReportWarning(string Text, bool Severe)
{
    /// <summary>
    /// The warnings of a result in reading order: severe ones first (insufficient overlap, failed
    /// refutations), then the result's own warnings, then each estimate's (prefixed with its method),
    /// without exact duplicates.
    /// </summary>
    public static IReadOnlyList<ReportWarning> Collect(AnalysisResult result)
    {
        var list = new List<ReportWarning>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string text, bool severe)
        {
            if (!string.IsNullOrWhiteSpace(text) && seen.Add(text))
            {
                list.Add(new ReportWarning(text, severe));
            }
        }

        if (result.Overlap is { Verdict: OverlapVerdict.Insufficient } overlap)
        {
            Add(MerchantWording.Overlap(overlap.Verdict, result.Design.Unit) + " " + overlap.Message, severe: true);
        }

        foreach (Refutation failed in result.Refutations.Where(r => r.Verdict == RefutationVerdict.Failed))
        {
            Add($"The {Labels.Refuter(failed.Refuter).ToLowerInvariant()} test failed for {Labels.MethodShort(failed.Method)}: {failed.Interpretation}", severe: true);
        }

        foreach (string warning in result.Warnings)
        {
            Add(warning, severe: false);
        }

        foreach (EffectEstimate estimate in result.Estimates)
        {
            foreach (string warning in estimate.Warnings)
            {
                Add($"{Labels.MethodShort(estimate.Method)} ({Labels.EstimandShort(estimate.Estimand)}): {warning}", severe: false);
            }
        }

        return list;
    }
}
