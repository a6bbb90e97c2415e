namespace CausalCart.Core.Tables;

/// <summary>
/// A columnar table with one row per unit of analysis: one contiguous array per column. Built by the
/// study compiler (every covariate measured strictly before time zero) or read from a user's file; the
/// causal stage sees only this, never SQL or events. Immutable once built.
/// </summary>
public sealed class UnitTable
{
    private readonly Dictionary<string, UnitColumn> _byName;

    /// <summary>Creates a table from columns of equal length with distinct names.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a name repeats, or there are no columns.</exception>
    public UnitTable(IReadOnlyList<UnitColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A unit table needs at least one column.", nameof(columns));
        }

        RowCount = columns[0].Length;
        _byName = new Dictionary<string, UnitColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Length != RowCount)
            {
                throw new ArgumentException(
                    $"Column '{column.Name}' has {column.Length} rows but '{columns[0].Name}' has {RowCount}.", nameof(columns));
            }

            if (!_byName.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"Column name '{column.Name}' appears twice.", nameof(columns));
            }
        }

        Columns = [.. columns];
    }

    /// <summary>Number of rows (units).</summary>
    public int RowCount { get; }

    /// <summary>Columns in their original order.</summary>
    public IReadOnlyList<UnitColumn> Columns { get; }

    /// <summary>Whether a column of that name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The column of that name.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns there are.</exception>
    public UnitColumn this[string name] => _byName.TryGetValue(name, out var column)
        ? column
        : throw new KeyNotFoundException($"No column '{name}'. Columns: {string.Join(", ", _byName.Keys)}.");

    /// <summary>The numeric column of that name.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    /// <exception cref="InvalidOperationException">The column is categorical.</exception>
    public NumericColumn Numeric(string name) => this[name] as NumericColumn
        ?? throw new InvalidOperationException($"Column '{name}' is categorical, not numeric.");
}

/// <summary>A named column of a <see cref="UnitTable"/>.</summary>
public abstract class UnitColumn
{
    /// <summary>Creates a column.</summary>
    protected UnitColumn(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>Number of rows.</summary>
    public abstract int Length { get; }
}

/// <summary>A numeric column; <see cref="double.NaN"/> marks a missing value.</summary>
public sealed class NumericColumn : UnitColumn
{
    private readonly double[] _values;

    /// <summary>Creates a numeric column that takes ownership of <paramref name="values"/>.</summary>
    public NumericColumn(string name, double[] values)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <inheritdoc />
    public override int Length => _values.Length;

    /// <summary>The values (read-only view).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Number of missing (NaN) values.</summary>
    public int MissingCount
    {
        get
        {
            var n = 0;
            foreach (var v in _values)
            {
                if (double.IsNaN(v))
                {
                    n++;
                }
            }

            return n;
        }
    }
}

/// <summary>A categorical column: codes into <see cref="Levels"/>, -1 for missing.</summary>
public sealed class CategoricalColumn : UnitColumn
{
    private readonly int[] _codes;

    /// <summary>Creates a categorical column that takes ownership of <paramref name="codes"/>.</summary>
    /// <exception cref="ArgumentException">A code is below -1 or not a valid level index.</exception>
    public CategoricalColumn(string name, int[] codes, IReadOnlyList<string> levels)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(levels);
        foreach (var c in codes)
        {
            if (c < -1 || c >= levels.Count)
            {
                throw new ArgumentException($"Column '{name}' has code {c} but only {levels.Count} levels.", nameof(codes));
            }
        }

        _codes = codes;
        Levels = [.. levels];
    }

    /// <inheritdoc />
    public override int Length => _codes.Length;

    /// <summary>Level index per row, -1 when missing.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>The distinct values, in code order.</summary>
    public IReadOnlyList<string> Levels { get; }
}
