namespace CausalCart.Pipeline.Validation;

/// <summary>
/// The result of a coverage study: how often each method's 95% interval covered ShopSim's true effect.
/// Contains no clock readings. The same options give the same worlds, truths, coverage decisions and counts; the
/// estimates agree to about 1e-15 but not always bit for bit, because the study's price covariates are
/// floating-point sums that DuckDB aggregates in a thread-dependent order.
/// </summary>
/// <param name="SchemaVersion">Always <see cref="CoverageStudyResult.CurrentSchemaVersion"/> when produced by this version.</param>
/// <param name="Worlds">Worlds simulated.</param>
/// <param name="Users">Users simulated per world.</param>
/// <param name="Seed">Seed of world 0.</param>
/// <param name="Study">The study each world ran, in words.</param>
/// <param name="NominalCoverage">The intervals' nominal coverage (0.95).</param>
/// <param name="FailedWorlds">Worlds whose analysis refused or failed (listed with reasons in <paramref name="WorldResults"/>).</param>
/// <param name="Summaries">One row per method and estimand, naive first.</param>
/// <param name="WorldResults">Every world, in index order.</param>
public sealed record CoverageStudyResult(
    string SchemaVersion,
    int Worlds,
    int Users,
    int Seed,
    string Study,
    double NominalCoverage,
    int FailedWorlds,
    IReadOnlyList<CoverageSummary> Summaries,
    IReadOnlyList<CoverageWorld> WorldResults)
{
    /// <summary>Schema version of this record's JSON shape.</summary>
    public const string CurrentSchemaVersion = "1.0";
}
