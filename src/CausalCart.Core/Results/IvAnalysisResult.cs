namespace CausalCart.Core.Results;

/// <summary>
/// An instrumental-variable analysis of a unit table (<c>causalcart iv</c>): the effect of a treatment on an outcome
/// identified by an instrument that moves the treatment and reaches the outcome only through it. Each method's estimate
/// sits beside the association (least squares of the outcome on the treatment and controls), which an unmeasured
/// confounder of treatment and outcome would bias. The CLI's <c>--json</c> and the reports carry this record.
/// </summary>
/// <param name="SchemaVersion">Always <see cref="SchemaVersions.Iv"/> when produced by this version.</param>
/// <param name="Study">The study's name (the data file's name, or the spec's <c>study</c>).</param>
/// <param name="Design">Columns, sizes and settings.</param>
/// <param name="Association">Least squares of the outcome on the treatment and the controls: the association, not an effect
/// when the treatment is confounded.</param>
/// <param name="Estimates">One estimate per method, in the order requested.</param>
/// <param name="Warnings">Sentences a user should read first (weak instruments, full compliance, clipping).</param>
/// <param name="Manifest">What ran on what.</param>
public sealed record IvAnalysisResult(
    string SchemaVersion,
    string Study,
    IvDesign Design,
    IvEstimate Association,
    IReadOnlyList<IvEstimate> Estimates,
    IReadOnlyList<string> Warnings,
    RunManifest Manifest);

/// <summary>Columns, sizes and settings of an instrumental-variable analysis.</summary>
/// <param name="Treatment">Treatment column (binary or continuous); in a study (<c>analyze</c>), the treatment in words.</param>
/// <param name="Outcome">Outcome column; in a study, the outcome in words.</param>
/// <param name="Instrument">Instrument column (binary or continuous); in a study, the instrument in words.</param>
/// <param name="Controls">Encoded control columns (one-hot levels named <c>column=level</c>).</param>
/// <param name="Units">Rows analysed.</param>
/// <param name="RowsDropped">Rows dropped for a missing outcome, treatment or instrument.</param>
/// <param name="TreatmentIsBinary">Whether the treatment takes only the values 0 and 1.</param>
/// <param name="InstrumentIsBinary">Whether the instrument takes only the values 0 and 1.</param>
/// <param name="Nuisance">Learners of the double-ML methods' nuisance models, in words.</param>
/// <param name="ConfidenceLevel">Nominal coverage of every interval.</param>
public sealed record IvDesign(
    string Treatment,
    string Outcome,
    string Instrument,
    IReadOnlyList<string> Controls,
    int Units,
    int RowsDropped,
    bool TreatmentIsBinary,
    bool InstrumentIsBinary,
    string Nuisance,
    double ConfidenceLevel);

/// <summary>One method's effect of the treatment on the outcome.</summary>
/// <param name="Method"><c>ols</c> (association), <c>2sls</c>, <c>wald</c>, <c>pliv</c> or <c>dr_late</c>.</param>
/// <param name="Target">What it estimates, in words (e.g. the effect among compliers).</param>
/// <param name="Estimate">Point estimate.</param>
/// <param name="StdError">Standard error.</param>
/// <param name="CiLower">Interval, lower end.</param>
/// <param name="CiUpper">Interval, upper end.</param>
/// <param name="FirstStageF">Strength of the instrument (robust first-stage F; below 10 is weak), or null (association).</param>
/// <param name="ComplierShare">Share of units whose treatment the instrument moves (binary instrument and treatment), or null.</param>
/// <param name="Notes">The method's own remarks.</param>
public sealed record IvEstimate(
    string Method,
    string Target,
    double Estimate,
    double StdError,
    double CiLower,
    double CiUpper,
    double? FirstStageF,
    double? ComplierShare,
    IReadOnlyList<string> Notes)
{
    /// <summary>Whether the interval contains <paramref name="value"/>.</summary>
    public bool Covers(double value) => CiLower <= value && value <= CiUpper;
}
