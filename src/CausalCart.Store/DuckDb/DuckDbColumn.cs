namespace CausalCart.Store.DuckDb;

/// <summary>
/// One column of a materialised result (<see cref="DuckDbTable"/>): a name, a type, and one value per row
/// with NULLs tracked separately. The typed view is <see cref="DuckDbColumn{T}"/>.
/// </summary>
public abstract class DuckDbColumn
{
    private protected DuckDbColumn(string name, DuckDbType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The DuckDB type of the column.</summary>
    public DuckDbType Type { get; }

    /// <summary>Number of rows.</summary>
    public abstract int Count { get; }

    /// <summary>Whether the value at <paramref name="row"/> is NULL.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not in [0, <see cref="Count"/>).</exception>
    public abstract bool IsNull(int row);

    /// <summary>The value at <paramref name="row"/> boxed, or null when it is NULL.</summary>
    public abstract object? GetValue(int row);

    internal abstract void AppendChunk(DuckDbChunkReader reader, int column);
}
