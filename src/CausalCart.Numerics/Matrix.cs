namespace CausalCart.Numerics;

/// <summary>
/// A dense matrix of <see cref="double"/> stored row-major in one contiguous array: element (i, j) lives at
/// <c>Data[i * Cols + j]</c>. Row-major suits the estimators, which stream over units (rows) in blocks.
/// </summary>
/// <remarks>
/// Implementation note: the type owns its array and exposes it as a span so kernels can read rows without
/// copying. It is mutable only through <see cref="Data"/>; the learners and estimators never write to an
/// input matrix. Instances are not thread-safe for concurrent writes; concurrent reads are safe.
/// </remarks>
public sealed class Matrix
{
    private readonly double[] _data;

    /// <summary>Creates a zero matrix of shape (<paramref name="rows"/>, <paramref name="cols"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or the element count exceeds <see cref="Array.MaxLength"/>.</exception>
    public Matrix(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        long count = (long)rows * cols;
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"A {rows} x {cols} matrix has more than {Array.MaxLength} elements.");
        }

        Rows = rows;
        Cols = cols;
        _data = new double[count];
    }

    /// <summary>Wraps an existing row-major array of length rows × cols (not copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> has the wrong length.</exception>
    public Matrix(int rows, int cols, double[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if ((long)rows * cols != data.Length)
        {
            throw new ArgumentException($"Data has {data.Length} elements; a {rows} x {cols} matrix needs {(long)rows * cols}.", nameof(data));
        }

        Rows = rows;
        Cols = cols;
        _data = data;
    }

    /// <summary>Number of rows (units).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features).</summary>
    public int Cols { get; }

    /// <summary>The row-major backing store, length <see cref="Rows"/> × <see cref="Cols"/>.</summary>
    public Span<double> Data => _data;

    /// <summary>Element (row, col).</summary>
    public double this[int row, int col]
    {
        get => _data[(row * Cols) + col];
        set => _data[(row * Cols) + col] = value;
    }

    /// <summary>Row <paramref name="row"/> as a span of length <see cref="Cols"/>.</summary>
    public ReadOnlySpan<double> Row(int row) => new(_data, row * Cols, Cols);

    /// <summary>Builds a matrix from columns of equal length (copied). Zero columns give an n × 0 matrix only when <paramref name="rows"/> is given.</summary>
    /// <exception cref="ArgumentException">Column lengths differ.</exception>
    public static Matrix FromColumns(IReadOnlyList<double[]> columns, int rows = -1)
    {
        ArgumentNullException.ThrowIfNull(columns);
        int n = columns.Count > 0 ? columns[0].Length : Math.Max(rows, 0);
        var m = new Matrix(n, columns.Count);
        for (int j = 0; j < columns.Count; j++)
        {
            double[] c = columns[j];
            if (c.Length != n)
            {
                throw new ArgumentException($"Column {j} has {c.Length} values; column 0 has {n}.", nameof(columns));
            }

            for (int i = 0; i < n; i++)
            {
                m._data[(i * m.Cols) + j] = c[i];
            }
        }

        return m;
    }

    /// <summary>Copies the listed rows, in the order given, into a new matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Rows).</exception>
    public Matrix SelectRows(ReadOnlySpan<int> rows)
    {
        var m = new Matrix(rows.Length, Cols);
        for (int r = 0; r < rows.Length; r++)
        {
            int i = rows[r];
            if ((uint)i >= (uint)Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row index {i} is outside [0, {Rows}).");
            }

            Row(i).CopyTo(m._data.AsSpan(r * Cols, Cols));
        }

        return m;
    }

    /// <summary>Returns a new matrix with one column appended (copied).</summary>
    /// <exception cref="ArgumentException"><paramref name="column"/> length differs from <see cref="Rows"/>.</exception>
    public Matrix AppendColumn(ReadOnlySpan<double> column)
    {
        if (column.Length != Rows)
        {
            throw new ArgumentException($"Column has {column.Length} values; the matrix has {Rows} rows.", nameof(column));
        }

        var m = new Matrix(Rows, Cols + 1);
        for (int i = 0; i < Rows; i++)
        {
            Row(i).CopyTo(m._data.AsSpan(i * m.Cols, Cols));
            m._data[(i * m.Cols) + Cols] = column[i];
        }

        return m;
    }

    /// <summary>Copies column <paramref name="col"/> into a new array.</summary>
    public double[] Column(int col)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(col);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(col, Cols);
        var c = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            c[i] = _data[(i * Cols) + col];
        }

        return c;
    }
}
