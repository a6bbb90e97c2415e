namespace CausalCart.Numerics;

/// <summary>
/// Thrown by <see cref="Cholesky.Factor"/> when a pivot is not positive (relative to the largest diagonal
/// entry): the matrix is not positive definite, which for a Gram matrix X'WX means its columns are linearly
/// dependent (collinear or constant features, or too few rows).
/// </summary>
public sealed class MatrixNotPositiveDefiniteException : ArithmeticException
{
    /// <summary>Creates the exception for the failing pivot.</summary>
    public MatrixNotPositiveDefiniteException(int column, double pivot, double threshold)
        : base($"Matrix is not positive definite: pivot {pivot:G6} at column {column} is at or below {threshold:G6} " +
               "(the column is a linear combination of earlier columns, or the matrix is indefinite).")
    {
        Column = column;
        Pivot = pivot;
    }

    /// <summary>Creates the exception with a message.</summary>
    public MatrixNotPositiveDefiniteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public MatrixNotPositiveDefiniteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MatrixNotPositiveDefiniteException()
    {
    }

    /// <summary>Zero-based column whose pivot failed.</summary>
    public int Column { get; }

    /// <summary>The failing pivot value (the squared diagonal before the square root).</summary>
    public double Pivot { get; }
}
