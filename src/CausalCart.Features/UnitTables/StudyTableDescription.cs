using CausalCart.Features.Study;

namespace CausalCart.Features.UnitTables;

/// <summary>
/// What a built unit table holds: each column's role and meaning, row counts, and the exact query that
/// produced it (for a report's appendix).
/// </summary>
public sealed record StudyTableDescription
{
    /// <summary>The study's name.</summary>
    public required string Study { get; init; }

    /// <summary>The unit of analysis.</summary>
    public required StudyUnit Unit { get; init; }

    /// <summary>Every column in table order with its role.</summary>
    public required IReadOnlyList<StudyColumn> Columns { get; init; }

    /// <summary>Rows (eligible units).</summary>
    public required int RowCount { get; init; }

    /// <summary>Rows with treatment 1.</summary>
    public required int TreatedCount { get; init; }

    /// <summary>Rows with treatment 0.</summary>
    public int ControlCount => RowCount - TreatedCount;

    /// <summary>The time zero shared by every unit (fixed or campaign designs), or null when units differ or there are none.</summary>
    public DateTime? SharedTimeZero { get; init; }

    /// <summary>
    /// Covariates that take one value in every row (for example a missing indicator that is never 1). Their
    /// names stay in the table so the column set depends only on the spec; learners may drop them.
    /// </summary>
    public required IReadOnlyList<string> ConstantCovariates { get; init; }

    /// <summary>The query, with <c>$name</c> parameters.</summary>
    public required string Sql { get; init; }

    /// <summary>The parameter values the query ran with.</summary>
    public required IReadOnlyList<StudySqlParameter> Parameters { get; init; }

    /// <summary>Names of the key columns (<c>user</c>, and <c>item</c> for a user–item unit).</summary>
    public IReadOnlyList<string> Keys => Named(StudyColumnRole.Key);

    /// <summary>Names of the covariate columns, in table order.</summary>
    public IReadOnlyList<string> Covariates => Named(StudyColumnRole.Covariate);

    private string[] Named(StudyColumnRole role) => [.. Columns.Where(c => c.Role == role).Select(c => c.Name)];
}
