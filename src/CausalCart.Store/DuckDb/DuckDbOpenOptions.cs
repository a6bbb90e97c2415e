namespace CausalCart.Store.DuckDb;

/// <summary>
/// Start-up settings of a DuckDB database. Whatever is chosen here, the binding always sets
/// <c>autoinstall_known_extensions=false</c> and <c>autoload_known_extensions=false</c>, so DuckDB never
/// reaches for the network; Parquet, JSON and ICU are built into the library.
/// </summary>
public sealed record DuckDbOpenOptions
{
    /// <summary>Worker threads DuckDB may use; null keeps DuckDB's default (the number of cores).</summary>
    public int? Threads { get; init; }

    /// <summary>Memory limit in DuckDB's notation (<c>4GB</c>, <c>512MB</c>, <c>75%</c>); null keeps DuckDB's default.</summary>
    public string? MemoryLimit { get; init; }

    /// <summary>Opens the file read-only (several processes may then read it); default false.</summary>
    public bool ReadOnly { get; init; }
}
