using CausalCart.Store.DuckDb;

namespace CausalCart.Store;

/// <summary>
/// Converts between Parquet and CSV through an in-memory DuckDB, so the pipeline can take and produce Parquet
/// while its readers parse CSV.
/// </summary>
public static class ParquetFiles
{
    /// <summary>
    /// Writes all rows of a Parquet file to a CSV file with a header line (comma-separated, DuckDB's quoting;
    /// timestamps as <c>YYYY-MM-DD HH:MM:SS[.ffffff]</c>). Returns the number of rows written.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB could not read the Parquet file or write the CSV; the message carries its reason.</exception>
    public static long ParquetToCsv(string parquetPath, string csvPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parquetPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(csvPath);
        return Copy($"SELECT * FROM read_parquet({Literal(parquetPath)})", csvPath, "(HEADER, DELIMITER ',')");
    }

    /// <summary>
    /// Exports a Parquet file to a new temporary CSV file with a header; the file is deleted when the returned
    /// object is disposed. Row n of the Parquet file is line n + 1 of the CSV unless a text value holds a line break.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB could not read the Parquet file.</exception>
    public static TemporaryFile ParquetToTemporaryCsv(string parquetPath)
    {
        var file = new TemporaryFile(".csv");
        try
        {
            ParquetToCsv(parquetPath, file.Path);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes a CSV file with a header (types sniffed by DuckDB's <c>read_csv</c>) as a Parquet file. Returns the number of rows written.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB could not read the CSV or write the Parquet file.</exception>
    public static long CsvToParquet(string csvPath, string parquetPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(csvPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(parquetPath);
        return Copy($"SELECT * FROM read_csv({Literal(csvPath)}, header = true)", parquetPath, "(FORMAT parquet)");
    }

    private static long Copy(string select, string target, string options)
    {
        using var db = DuckDbDatabase.Open(null);
        using var connection = db.Connect();
        return connection.Execute($"COPY ({select}) TO {Literal(target)} {options}");
    }

    private static string Literal(string text) => "'" + System.IO.Path.GetFullPath(text).Replace("'", "''", StringComparison.Ordinal) + "'";
}
