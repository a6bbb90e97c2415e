using CausalCart.Core.Tables;

namespace CausalCart.Features.UnitTables;

/// <summary>A study's unit table and its description.</summary>
/// <param name="Table">
/// One row per eligible unit, ordered by key. Every column is numeric: keys hold the store's dense ids,
/// <c>t0</c> holds microseconds since 1970-01-01 UTC, <c>treatment</c> is 0/1, and no value is NaN.
/// </param>
/// <param name="Description">Column roles, counts and the query.</param>
public sealed record StudyTable(UnitTable Table, StudyTableDescription Description);
