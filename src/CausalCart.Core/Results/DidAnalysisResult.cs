namespace CausalCart.Core.Results;

/// <summary>
/// A difference-in-differences analysis of a panel (<c>causalcart did</c>): Callaway &amp; Sant'Anna group-time effects,
/// their simple, event-study and per-cohort aggregations with pointwise intervals and uniform bands, and two-way fixed
/// effects beside them for comparison. The CLI's <c>--json</c> and the reports carry this record.
/// </summary>
/// <param name="SchemaVersion">Always <see cref="SchemaVersions.Did"/> when produced by this version.</param>
/// <param name="Study">The study's name (the data file's name unless given).</param>
/// <param name="Design">The panel and the estimator's settings.</param>
/// <param name="Overall">The simple aggregate: the average effect over all treated unit-periods after treatment.</param>
/// <param name="EventTimeAverage">The event-study aggregate: the mean of the event-study effects at event times 0 and later
/// (<c>did::aggte(type = "dynamic")</c>'s overall summary).</param>
/// <param name="CohortAverage">The by-cohort aggregate: the cohort-size-weighted mean of <paramref name="ByCohort"/>
/// (<c>did::aggte(type = "group")</c>'s overall summary, the headline in Callaway &amp; Sant'Anna 2021). Since schema 1.1.</param>
/// <param name="EventStudy">Effect by event time (periods since first treatment; negative: before it, a pre-trend check).</param>
/// <param name="ByCohort">Average effect by cohort (first-treated period) after treatment.</param>
/// <param name="GroupTime">Every group-time effect ATT(g, t).</param>
/// <param name="TwoWayFixedEffects">The static two-way fixed-effects coefficient on the same panel, or null when it could not be
/// computed; biased under staggered adoption with effects that change over time, shown for comparison only.</param>
/// <param name="PreTrends">Whether any pre-treatment event time's uniform band excludes zero (a warning sign for parallel trends).</param>
/// <param name="Warnings">Sentences a user should read first.</param>
/// <param name="Manifest">What ran on what.</param>
public sealed record DidAnalysisResult(
    string SchemaVersion,
    string Study,
    DidDesign Design,
    DidPoint Overall,
    DidPoint EventTimeAverage,
    DidPoint CohortAverage,
    IReadOnlyList<DidPoint> EventStudy,
    IReadOnlyList<DidPoint> ByCohort,
    IReadOnlyList<DidGroupTime> GroupTime,
    DidPoint? TwoWayFixedEffects,
    bool PreTrends,
    IReadOnlyList<string> Warnings,
    RunManifest Manifest);

/// <summary>The panel and the estimator's settings.</summary>
/// <param name="Unit">Unit column.</param>
/// <param name="Time">Period column.</param>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Treatment">How treatment timing was read: the first-treated column, or the 0/1 treatment column it was derived from.</param>
/// <param name="Covariates">Covariates used (their base-period values), possibly empty.</param>
/// <param name="ControlGroup"><c>never_treated</c> or <c>not_yet_treated</c>.</param>
/// <param name="Estimation"><c>doubly_robust</c>, <c>outcome_regression</c> or <c>ipw</c>.</param>
/// <param name="BasePeriod"><c>varying</c> (pre-treatment points are short placebo differences) or <c>universal</c> (every
/// point compares with period g − 1 − anticipation, which is the reference, 0 by construction).</param>
/// <param name="Anticipation">Periods before treatment in which units may already react.</param>
/// <param name="Units">Units analysed.</param>
/// <param name="Periods">Periods in the panel.</param>
/// <param name="Cohorts">First-treated periods of the treated cohorts, ascending.</param>
/// <param name="NeverTreated">Units never treated.</param>
/// <param name="DroppedUnits">Units dropped (e.g. treated from the first period, or with missing periods).</param>
/// <param name="ConfidenceLevel">Nominal coverage of every interval and band.</param>
/// <param name="BootstrapReplications">Multiplier-bootstrap draws behind the uniform bands (0: bands equal the pointwise intervals).</param>
public sealed record DidDesign(
    string Unit,
    string Time,
    string Outcome,
    string Treatment,
    IReadOnlyList<string> Covariates,
    string ControlGroup,
    string Estimation,
    string BasePeriod,
    int Anticipation,
    int Units,
    int Periods,
    IReadOnlyList<int> Cohorts,
    int NeverTreated,
    int DroppedUnits,
    double ConfidenceLevel,
    int BootstrapReplications);

/// <summary>One aggregated effect with its uncertainty.</summary>
/// <param name="Key">Event time (event study), cohort (by cohort), or 0 (overall, TWFE).</param>
/// <param name="Estimate">Point estimate.</param>
/// <param name="StdError">Standard error.</param>
/// <param name="CiLower">Pointwise interval, lower end.</param>
/// <param name="CiUpper">Pointwise interval, upper end.</param>
/// <param name="BandLower">Uniform band over the aggregation's points, lower end (the pointwise interval for a single number).</param>
/// <param name="BandUpper">Uniform band, upper end.</param>
public sealed record DidPoint(int Key, double Estimate, double StdError, double CiLower, double CiUpper, double BandLower, double BandUpper);

/// <summary>One group-time effect ATT(g, t).</summary>
/// <param name="Cohort">First-treated period g.</param>
/// <param name="Period">Period t.</param>
/// <param name="EventTime">t − g.</param>
/// <param name="Estimate">ATT(g, t).</param>
/// <param name="StdError">Standard error.</param>
/// <param name="CiLower">Pointwise interval, lower end.</param>
/// <param name="CiUpper">Pointwise interval, upper end.</param>
/// <param name="Treated">Units of cohort g in the comparison.</param>
/// <param name="Control">Comparison units.</param>
public sealed record DidGroupTime(int Cohort, int Period, int EventTime, double Estimate, double StdError, double CiLower, double CiUpper, int Treated, int Control);
