namespace CausalCart.Core.Results;

/// <summary>
/// Who responds: how the effect varies across units, for the report's "who responds" section. Every interval comes from
/// cross-fitted doubly robust (AIPW) scores, whose mean over any group of units is that group's average effect.
/// </summary>
/// <param name="Basis">How the figures were computed, in one sentence.</param>
/// <param name="ConfidenceLevel">Nominal coverage of every interval in the section, e.g. 0.95.</param>
/// <param name="SegmentColumn">The column whose values defined <paramref name="Segments"/>, or null when none was given.</param>
/// <param name="Segments">Average effect in each of the merchant's segments (largest segment first); empty when none was given.</param>
/// <param name="LearnedGroups">Average effect in equal-sized groups of units ranked by their predicted effect (out of fold),
/// lowest predicted effect first (GATES, Chernozhukov, Demirer, Duflo &amp; Fernández-Val).</param>
/// <param name="TopMinusBottom">Effect in the top learned group minus the bottom one: evidence that the ranking finds real
/// differences when its interval excludes zero.</param>
/// <param name="HeterogeneityDetected">Whether <paramref name="TopMinusBottom"/>'s interval excludes zero.</param>
/// <param name="Projection">Best linear projection of the effect on the covariates (intercept first): how the average effect
/// moves with each covariate, holding the others fixed.</param>
/// <param name="Summary">Sentences a merchant can read.</param>
public sealed record EffectHeterogeneity(
    string Basis,
    double ConfidenceLevel,
    string? SegmentColumn,
    IReadOnlyList<GroupEffect> Segments,
    IReadOnlyList<GroupEffect> LearnedGroups,
    ProjectionTerm TopMinusBottom,
    bool HeterogeneityDetected,
    IReadOnlyList<ProjectionTerm> Projection,
    IReadOnlyList<string> Summary);

/// <summary>The average effect in one group of units.</summary>
/// <param name="Label">The group's name (a segment value, or a learned group such as "top 20%").</param>
/// <param name="Units">Units in the group.</param>
/// <param name="Estimate">Average effect in the group.</param>
/// <param name="StdError">Its standard error.</param>
/// <param name="CiLower">Lower interval bound.</param>
/// <param name="CiUpper">Upper interval bound.</param>
public sealed record GroupEffect(string Label, long Units, double Estimate, double StdError, double CiLower, double CiUpper);

/// <summary>One coefficient or contrast with its inference.</summary>
/// <param name="Term">The covariate name, <c>intercept</c>, or the contrast's name.</param>
/// <param name="Estimate">The value.</param>
/// <param name="StdError">Its standard error.</param>
/// <param name="CiLower">Lower interval bound.</param>
/// <param name="CiUpper">Upper interval bound.</param>
/// <param name="PValue">Two-sided p-value against zero.</param>
public sealed record ProjectionTerm(string Term, double Estimate, double StdError, double CiLower, double CiUpper, double PValue);
