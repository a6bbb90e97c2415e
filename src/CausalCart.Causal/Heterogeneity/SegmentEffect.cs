namespace CausalCart.Causal.Heterogeneity;

/// <summary>The average effect within one segment of units (a group average treatment effect, GATE).</summary>
/// <param name="Segment">The segment's name (a merchant segment, or e.g. "predicted effect: top 20%").</param>
/// <param name="Units">Units in the segment.</param>
/// <param name="Estimate">Mean of the AIPW scores over the segment: the segment's average effect.</param>
/// <param name="StdError">Influence-function SE (cluster-robust with groups).</param>
/// <param name="CiLower">Lower end of the interval.</param>
/// <param name="CiUpper">Upper end.</param>
/// <param name="Summary">One plain-language sentence for the report.</param>
public sealed record SegmentEffect(string Segment, long Units, double Estimate, double StdError, double CiLower, double CiUpper, string Summary)
{
    /// <summary>Whether the interval contains <paramref name="value"/>.</summary>
    public bool Covers(double value) => CiLower <= value && value <= CiUpper;
}
