namespace CausalCart.Store.DuckDb;

/// <summary>
/// A small query result held in memory, column by column. Use <see cref="DuckDbChunkReader"/> for large results.
/// </summary>
public sealed class DuckDbTable
{
    private readonly DuckDbColumn[] _columns;

    private DuckDbTable(DuckDbColumn[] columns, int rowCount)
    {
        _columns = columns;
        RowCount = rowCount;
    }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The columns in result order.</summary>
    public IReadOnlyList<DuckDbColumn> Columns => _columns;

    /// <summary>The column at <paramref name="index"/>.</summary>
    public DuckDbColumn this[int index] => _columns[index];

    /// <summary>The first column named <paramref name="name"/> (ordinal comparison).</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns.</exception>
    public DuckDbColumn this[string name] =>
        Array.Find(_columns, c => c.Name == name)
        ?? throw new KeyNotFoundException($"No column '{name}' in the result. Columns: {string.Join(", ", _columns.Select(c => c.Name))}.");

    /// <summary>The column named <paramref name="name"/> with its typed values.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    /// <exception cref="InvalidCastException">The column's values are not of type <typeparamref name="T"/>; the message names the actual type.</exception>
    public DuckDbColumn<T> Column<T>(string name)
    {
        var column = this[name];
        return column as DuckDbColumn<T>
            ?? throw new InvalidCastException($"Column '{name}' is {DuckDbTypeMap.SqlName(column.Type)}; its values are not {typeof(T).Name}.");
    }

    /// <summary>Reads every remaining chunk of <paramref name="reader"/> into memory.</summary>
    /// <exception cref="NotSupportedException">A column's type is not one this binding reads.</exception>
    /// <exception cref="DuckDbException">The query failed while producing rows.</exception>
    public static DuckDbTable Load(DuckDbChunkReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var columns = new DuckDbColumn[reader.ColumnCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = Create(reader.Columns[i], reader.Label(i));
        }

        long rows = 0;
        while (reader.ReadChunk())
        {
            rows += reader.RowCount;
            if (rows > Array.MaxLength)
            {
                throw new InvalidOperationException($"The result has more than {Array.MaxLength} rows; read it with a DuckDbChunkReader instead.");
            }

            for (var i = 0; i < columns.Length; i++)
            {
                columns[i].AppendChunk(reader, i);
            }
        }

        return new DuckDbTable(columns, (int)rows);
    }

    private static DuckDbColumn Create(DuckDbColumnInfo info, string label) => info.Type switch
    {
        DuckDbType.Boolean => Fixed<bool>(info),
        DuckDbType.TinyInt => Fixed<sbyte>(info),
        DuckDbType.SmallInt => Fixed<short>(info),
        DuckDbType.Integer => Fixed<int>(info),
        DuckDbType.BigInt => Fixed<long>(info),
        DuckDbType.UTinyInt => Fixed<byte>(info),
        DuckDbType.USmallInt => Fixed<ushort>(info),
        DuckDbType.UInteger => Fixed<uint>(info),
        DuckDbType.UBigInt => Fixed<ulong>(info),
        DuckDbType.HugeInt => Fixed<Int128>(info),
        DuckDbType.Float => Fixed<float>(info),
        DuckDbType.Double => Fixed<double>(info),
        DuckDbType.Varchar => new DuckDbColumn<string?>(info.Name, info.Type, static (r, c, row) => r.GetString(c, row)),
        DuckDbType.Date => new DuckDbColumn<DateOnly>(info.Name, info.Type, static (r, c, row) => DuckDbTime.FromDays(r.GetValues<int>(c)[row])),
        DuckDbType.Timestamp => new DuckDbColumn<DateTime>(info.Name, info.Type, static (r, c, row) => DuckDbTime.FromMicros(r.GetValues<long>(c)[row])),
        DuckDbType.TimestampTz => new DuckDbColumn<DateTimeOffset>(
            info.Name, info.Type, static (r, c, row) => new DateTimeOffset(DuckDbTime.FromMicros(r.GetValues<long>(c)[row]))),
        _ => throw new NotSupportedException(
            $"{label} has type {DuckDbTypeMap.SqlName(info.Type)}, which this binding does not read. Supported: {DuckDbTypeMap.SupportedList}. Cast the column in SQL."),
    };

    private static DuckDbColumn<T> Fixed<T>(DuckDbColumnInfo info)
        where T : unmanaged
        => new(info.Name, info.Type, static (r, c, row) => r.GetValues<T>(c)[row]);
}
