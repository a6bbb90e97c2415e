using CausalCart.Core.Results;
using CausalCart.Features.Study;

namespace CausalCart.Pipeline.Analysis;

/// <summary>An effect estimate on a unit table the user already has (one row per unit).</summary>
public sealed record EstimateRequest
{
    /// <summary>CSV (with a header unless <see cref="ColumnNames"/> is set) or Parquet file.</summary>
    public required string DataPath { get; init; }

    /// <summary>Treatment column (0/1, or two values).</summary>
    public required string Treatment { get; init; }

    /// <summary>Outcome column (numeric or 0/1).</summary>
    public required string Outcome { get; init; }

    /// <summary>Columns to adjust for; empty means every other column except the group.</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];

    /// <summary>For a two-valued categorical treatment, the value meaning treated.</summary>
    public string? TreatedValue { get; init; }

    /// <summary>Column grouping rows for cross-fitting (e.g. user id).</summary>
    public string? Group { get; init; }

    /// <summary>Names for a file without a header row.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>
    /// A causal graph over the table's columns (its treatment and outcome nodes default to <see cref="Treatment"/> and
    /// <see cref="Outcome"/>), or null. When set, the adjustment set it implies among the candidate controls is used
    /// instead of the controls themselves, or the estimate is refused when no adjustment set identifies the effect.
    /// </summary>
    public StudyGraphSpec? Graph { get; init; }

    /// <summary>
    /// A column whose values are the merchant's segments (e.g. a customer tier) for the "who responds" section, or null.
    /// Categorical columns are used level by level, numeric ones value by value when they have at most 12 values and by
    /// quartile otherwise. Setting it turns the section on (with 5 response groups unless
    /// <see cref="EffectAnalysisOptions.WhoRespondsGroups"/> says otherwise).
    /// </summary>
    public string? SegmentColumn { get; init; }

    /// <summary>
    /// An instrument column (numeric: 0/1 or continuous), or null. When set, the instrumental-variable methods of
    /// <see cref="IvMethods"/> run on the same rows and controls (<see cref="IvService"/>), and the instrument is never a control.
    /// </summary>
    public string? Instrument { get; init; }

    /// <summary>Instrumental-variable methods to run with <see cref="Instrument"/>; empty runs every one that applies.</summary>
    public IReadOnlyList<IvMethod> IvMethods { get; init; } = [];

    /// <summary>Estimation settings.</summary>
    public EffectAnalysisOptions Analysis { get; init; } = new();

    /// <summary>Known true effects to carry into the result (benchmarks).</summary>
    public TrueEffects? Truth { get; init; }
}
