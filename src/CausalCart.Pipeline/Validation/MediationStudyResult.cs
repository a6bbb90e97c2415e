namespace CausalCart.Pipeline.Validation;

/// <summary>The result of <see cref="MediationStudyService.Run"/>.</summary>
/// <param name="SchemaVersion">Version of this record's JSON shape.</param>
/// <param name="Worlds">Worlds simulated.</param>
/// <param name="Users">Users per world.</param>
/// <param name="Seed">Seed of world 0.</param>
/// <param name="Study">The study, in words.</param>
/// <param name="TrueGraph">The mechanism's graph over the table's columns (directed and ↔ edges), as text.</param>
/// <param name="Mediation">Coverage and bias per quantity.</param>
/// <param name="Discovery">Mean discovery scores per algorithm and knowledge.</param>
/// <param name="PerWorld">Every world.</param>
public sealed record MediationStudyResult(
    string SchemaVersion,
    int Worlds,
    int Users,
    int Seed,
    string Study,
    IReadOnlyList<string> TrueGraph,
    IReadOnlyList<MediationStudySummary> Mediation,
    IReadOnlyList<DiscoverySummary> Discovery,
    IReadOnlyList<MediationStudyWorld> PerWorld)
{
    /// <summary>The schema version this build writes.</summary>
    public const string CurrentSchemaVersion = "1.0";
}
