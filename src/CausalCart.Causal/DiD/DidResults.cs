namespace CausalCart.Causal.DiD;

/// <summary>One group-time average treatment effect ATT(g, t) of <see cref="CallawaySantAnna"/>.</summary>
/// <param name="Group">First-treated period g of the group.</param>
/// <param name="Period">Period t.</param>
/// <param name="BasePeriod">The period whose outcome is differenced out (t − 1 or g − 1 − anticipation; see <see cref="DidBasePeriod"/>).</param>
/// <param name="EventTime">e = t − g in period units (negative: before treatment).</param>
/// <param name="Att">The estimate: the mean outcome change of group g from the base period to t minus that of its comparison units (covariate-adjusted as requested).</param>
/// <param name="StdError">Analytical standard error from the influence function, clustered by unit (or by the panel's cluster).</param>
/// <param name="CiLower">Pointwise interval, Att ± z·StdError.</param>
/// <param name="CiUpper">Upper end of the pointwise interval.</param>
/// <param name="BandLower">Uniform band over all cells, Att ± c·BootstrapStdError with the bootstrap critical value c (the pointwise interval when the bootstrap is off).</param>
/// <param name="BandUpper">Upper end of the band.</param>
/// <param name="BootstrapStdError">Multiplier-bootstrap standard error (interquartile range / 1.349), or <see cref="StdError"/> when the bootstrap is off.</param>
/// <param name="NTreated">Units of group g used.</param>
/// <param name="NControl">Comparison units used.</param>
/// <param name="IsReference">True for the universal base period's own cell, reported as exactly 0.</param>
public sealed record GroupTimeEffect(
    int Group,
    int Period,
    int BasePeriod,
    int EventTime,
    double Att,
    double StdError,
    double CiLower,
    double CiUpper,
    double BandLower,
    double BandUpper,
    double BootstrapStdError,
    int NTreated,
    int NControl,
    bool IsReference)
{
    /// <summary>Whether the pointwise interval contains <paramref name="value"/>.</summary>
    public bool Covers(double value) => CiLower <= value && value <= CiUpper;
}

/// <summary>A summary effect with its uncertainty.</summary>
/// <param name="Estimate">Point estimate.</param>
/// <param name="StdError">Analytical influence-function standard error (clustered as the panel says).</param>
/// <param name="CiLower">Pointwise interval lower end, Estimate − z·StdError.</param>
/// <param name="CiUpper">Pointwise interval upper end.</param>
public sealed record DidEstimate(double Estimate, double StdError, double CiLower, double CiUpper)
{
    /// <summary>Whether the interval contains <paramref name="value"/>.</summary>
    public bool Covers(double value) => CiLower <= value && value <= CiUpper;
}

/// <summary>One point of an aggregation: an event time, a group or a calendar period.</summary>
/// <param name="Key">Event time e (dynamic), first-treated period g (group) or period t (calendar).</param>
/// <param name="Estimate">Point estimate.</param>
/// <param name="StdError">Analytical standard error.</param>
/// <param name="CiLower">Pointwise interval lower end.</param>
/// <param name="CiUpper">Pointwise interval upper end.</param>
/// <param name="BandLower">Uniform band over the aggregation's points (bootstrap), lower end.</param>
/// <param name="BandUpper">Uniform band upper end.</param>
/// <param name="BootstrapStdError">Multiplier-bootstrap standard error (or StdError without bootstrap).</param>
public sealed record DidAggregatePoint(
    int Key, double Estimate, double StdError, double CiLower, double CiUpper, double BandLower, double BandUpper, double BootstrapStdError)
{
    /// <summary>Whether the pointwise interval contains <paramref name="value"/>.</summary>
    public bool Covers(double value) => CiLower <= value && value <= CiUpper;

    /// <summary>Whether the uniform band contains <paramref name="value"/>.</summary>
    public bool BandCovers(double value) => BandLower <= value && value <= BandUpper;
}

/// <summary>An aggregation of group-time effects (<c>did::aggte</c>).</summary>
/// <param name="Kind">Which aggregation.</param>
/// <param name="Overall">The overall summary (see <see cref="DidAggregation"/> for its definition per kind).</param>
/// <param name="Points">Per event time, group or period, ascending; empty for <see cref="DidAggregation.Simple"/>.</param>
/// <param name="CriticalValue">Bootstrap critical value of the uniform band over <paramref name="Points"/> (z when the bootstrap is off).</param>
public sealed record DidAggregate(DidAggregation Kind, DidEstimate Overall, IReadOnlyList<DidAggregatePoint> Points, double CriticalValue);

/// <summary>Options of <see cref="CallawaySantAnnaResult.Aggregate"/> (the <c>did::aggte</c> arguments of the same meaning).</summary>
public sealed record DidAggregationOptions
{
    /// <summary>
    /// Dynamic only: keep only groups observed for at least this many periods after treatment, and event times up to it,
    /// so every event-study point averages the same groups. Null (default) keeps all.
    /// </summary>
    public int? BalanceEventTime { get; init; }

    /// <summary>Dynamic only: smallest event time reported; null = all.</summary>
    public int? MinEventTime { get; init; }

    /// <summary>Largest event time used by every aggregation (later cells are ignored); null = all.</summary>
    public int? MaxEventTime { get; init; }
}
