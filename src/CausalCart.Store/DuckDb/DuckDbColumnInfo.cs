namespace CausalCart.Store.DuckDb;

/// <summary>Name and type of one result column.</summary>
/// <param name="Name">The column name as DuckDB reports it.</param>
/// <param name="Type">The column's DuckDB type id.</param>
public sealed record DuckDbColumnInfo(string Name, DuckDbType Type);
