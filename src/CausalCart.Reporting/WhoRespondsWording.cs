using System.Globalization;
using CausalCart.Core.Results;

namespace CausalCart.Reporting;

/// <summary>The "who responds" section's sentences and cells, shared by the HTML and Markdown reports.</summary>
internal static class WhoRespondsWording
{
    /// <summary>Projection terms named in the sentences at most (the strongest, by |estimate / SE|).</summary>
    private const int MaxNamedCovariates = 3;

    /// <summary>Sentences a merchant can read, binary outcomes in percentage points.</summary>
    public static IReadOnlyList<string> Sentences(EffectHeterogeneity h, bool binary)
    {
        ArgumentNullException.ThrowIfNull(h);
        var sentences = new List<string>();
        GroupEffect bottom = h.LearnedGroups[0], top = h.LearnedGroups[^1];
        string share = Share(h.LearnedGroups.Count);
        string diff = EffectWithInterval(h.TopMinusBottom.Estimate, h.TopMinusBottom.CiLower, h.TopMinusBottom.CiUpper, h.ConfidenceLevel, binary);
        sentences.Add(h.HeterogeneityDetected
            ? $"The effect differs between customers: the {share} predicted to respond most gain {MerchantWording.Effect(top.Estimate, binary)}, " +
              $"the {share} predicted to respond least {MerchantWording.Effect(bottom.Estimate, binary)}; the difference, {diff}, is clear of zero."
            : $"There is no clear evidence that some customers respond more than others: the {share} predicted to respond most and least " +
              $"differ by {diff}, an interval that includes zero.");

        if (h.Segments.Count > 1)
        {
            GroupEffect best = h.Segments.MaxBy(s => s.Estimate)!, worst = h.Segments.MinBy(s => s.Estimate)!;
            bool separated = best.CiLower > worst.CiUpper;
            sentences.Add($"Among your segments of '{h.SegmentColumn ?? "segment"}', '{best.Label}' responds most, " +
                $"{EffectWithInterval(best.Estimate, best.CiLower, best.CiUpper, h.ConfidenceLevel, binary)}, and '{worst.Label}' least, " +
                $"{EffectWithInterval(worst.Estimate, worst.CiLower, worst.CiUpper, h.ConfidenceLevel, binary)}" +
                (separated ? "; their intervals do not overlap." : "; their intervals overlap, so the data cannot tell them apart with confidence."));
        }

        double alpha = 1 - h.ConfidenceLevel;
        var strong = h.Projection
            .Where(t => !t.Term.Equals("intercept", StringComparison.OrdinalIgnoreCase) && t.PValue < alpha && t.StdError > 0)
            .OrderByDescending(t => Math.Abs(t.Estimate / t.StdError))
            .Take(MaxNamedCovariates)
            .ToList();
        if (strong.Count == 0)
        {
            sentences.Add("No single covariate clearly moves the effect, holding the others fixed (best linear projection).");
        }
        else
        {
            sentences.Add("Holding the other covariates fixed, the effect is " + string.Join("; ", strong.Select(t => Movement(t, binary))) + ".");
        }

        return sentences;
    }

    /// <summary>A p-value as the tables show it: three decimals, "&lt; 0.001" below that.</summary>
    public static string PValue(double p) => p < 0.001 ? "< 0.001" : MerchantWording.Number(p, 3);

    /// <summary>How one projection term moves the effect. One-hot terms (<c>column=level</c>) compare a level with the
    /// column's reference level; numeric terms are per unit of the covariate.</summary>
    private static string Movement(ProjectionTerm t, bool binary)
    {
        string direction = t.Estimate > 0 ? "larger" : "smaller";
        string size = MerchantWording.Effect(Math.Abs(t.Estimate), binary);
        int eq = t.Term.IndexOf('=', StringComparison.Ordinal);
        return eq > 0
            ? $"{direction} for {t.Term[..eq]} '{t.Term[(eq + 1)..]}' than for the reference level (by {size})"
            : $"{direction} where '{t.Term}' is higher (by {size} per unit)";
    }

    /// <summary>"3.1 percentage points (95% CI 2.2 to 4.0)".</summary>
    public static string EffectWithInterval(double estimate, double lower, double upper, double level, bool binary) =>
        MerchantWording.Effect(estimate, binary) + " (" + MerchantWording.Interval(lower, upper, level, binary) + ")";

    /// <summary>The learned group's label in words: "lowest 20% of predicted effect" … "highest 20%".</summary>
    public static string GroupLabel(int index, int count)
    {
        int lo = 100 * index / count, hi = 100 * (index + 1) / count;
        return index == 0 ? $"lowest {Share(count)} of predicted effect"
            : index == count - 1 ? $"highest {Share(count)} of predicted effect"
            : string.Create(CultureInfo.InvariantCulture, $"{lo}–{hi}% of predicted effect");
    }

    private static string Share(int count) => string.Create(CultureInfo.InvariantCulture, $"{100 / count}%");
}
