using CausalCart.Core.Errors;
using CausalCart.Core.Tables;
using CausalCart.Store;

namespace CausalCart.Pipeline.Tables;

/// <summary>Reads a unit table from a user's file: CSV (with a header unless names are given) or Parquet.</summary>
public static class UnitTableFiles
{
    /// <summary>Reads <paramref name="path"/>; a <c>.parquet</c> file goes through DuckDB to CSV first.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columnNames">Names for a CSV without a header row, or null.</param>
    /// <exception cref="CausalCartException">The file does not exist, or it cannot be parsed (usage; the message says where).</exception>
    public static UnitTable Read(string path, IReadOnlyList<string>? columnNames = null)
    {
        if (!File.Exists(path))
        {
            throw new CausalCartException(ErrorKind.Usage, $"Data file '{path}' does not exist.");
        }

        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            using var csv = ParquetFiles.ParquetToTemporaryCsv(path);
            return UnitTableCsv.Read(csv.Path);
        }

        return UnitTableCsv.Read(path, ',', columnNames);
    }
}
