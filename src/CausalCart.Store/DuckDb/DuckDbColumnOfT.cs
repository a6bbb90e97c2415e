using System.Collections;

namespace CausalCart.Store.DuckDb;

/// <summary>
/// A typed column of a materialised result. <typeparamref name="T"/> by DuckDB type: BOOLEAN <see cref="bool"/>,
/// TINYINT <see cref="sbyte"/>, SMALLINT <see cref="short"/>, INTEGER <see cref="int"/>, BIGINT <see cref="long"/>,
/// UTINYINT <see cref="byte"/>, USMALLINT <see cref="ushort"/>, UINTEGER <see cref="uint"/>, UBIGINT <see cref="ulong"/>,
/// HUGEINT <see cref="Int128"/>, FLOAT <see cref="float"/>, DOUBLE <see cref="double"/>, VARCHAR <see cref="string"/>
/// (nullable), DATE <see cref="DateOnly"/>, TIMESTAMP <see cref="DateTime"/> (UTC), TIMESTAMP WITH TIME ZONE
/// <see cref="DateTimeOffset"/> (offset zero).
/// </summary>
/// <typeparam name="T">The CLR type of the values.</typeparam>
public sealed class DuckDbColumn<T> : DuckDbColumn
{
    private readonly Func<DuckDbChunkReader, int, int, T> _read;
    private T[] _values = [];
    private BitArray _nulls = new(0);
    private int _count;

    internal DuckDbColumn(string name, DuckDbType type, Func<DuckDbChunkReader, int, int, T> read)
        : base(name, type)
    {
        _read = read;
    }

    /// <inheritdoc />
    public override int Count => _count;

    /// <summary>All values in row order; a NULL row holds <c>default(T)</c>.</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, _count);

    /// <summary>The value at <paramref name="row"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is NULL.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not in [0, <see cref="Count"/>).</exception>
    public T this[int row] => IsNull(row)
        ? throw new InvalidOperationException($"Row {row} of column '{Name}' is NULL; check IsNull first.")
        : _values[row];

    /// <inheritdoc />
    public override bool IsNull(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, _count);
        return _nulls[row];
    }

    /// <inheritdoc />
    public override object? GetValue(int row) => IsNull(row) ? null : _values[row];

    internal override void AppendChunk(DuckDbChunkReader reader, int column)
    {
        var rows = reader.RowCount;
        var needed = checked(_count + rows);
        if (needed > _values.Length)
        {
            var capacity = Math.Max(needed, Math.Max(16, _values.Length * 2));
            Array.Resize(ref _values, capacity);
            _nulls.Length = capacity;
        }

        var anyNull = reader.HasNulls(column);
        for (var r = 0; r < rows; r++)
        {
            if (anyNull && reader.IsNull(column, r))
            {
                _nulls[_count + r] = true;
                _values[_count + r] = default!;
            }
            else
            {
                _values[_count + r] = _read(reader, column, r);
            }
        }

        _count = needed;
    }
}
