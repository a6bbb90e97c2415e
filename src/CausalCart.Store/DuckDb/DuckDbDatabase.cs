using System.Globalization;

namespace CausalCart.Store.DuckDb;

/// <summary>
/// An open DuckDB database: a file, or an in-memory database. Create connections with <see cref="Connect"/>.
/// </summary>
/// <remarks>
/// One process may open a database file for writing at a time (DuckDB locks the file); opening it a
/// second time for writing fails with DuckDB's lock error. The object is thread-safe; its connections are not.
/// Disposing the database while connections are open is allowed: the file is released when the last
/// connection is disposed too.
/// </remarks>
public sealed class DuckDbDatabase : IDisposable
{
    private readonly DatabaseHandle _handle;

    private DuckDbDatabase(DatabaseHandle handle, string? path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>Full path of the database file, or null for an in-memory database.</summary>
    public string? Path { get; }

    /// <summary>Version of the loaded DuckDB library, e.g. <c>v1.5.6</c>.</summary>
    public static string LibraryVersion
    {
        get
        {
            DuckDbNativeLibrary.EnsureLoaded();
            return NativeMethods.Utf8(NativeMethods.duckdb_library_version()) ?? string.Empty;
        }
    }

    /// <summary>
    /// Opens (creating if absent) the database file at <paramref name="path"/>, or an in-memory database
    /// when <paramref name="path"/> is null.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB refused a setting or could not open the file (for example
    /// because another process holds it); the message carries DuckDB's reason.</exception>
    /// <exception cref="DllNotFoundException">The native library is not installed (see <see cref="DuckDbNativeLibrary"/>).</exception>
    public static DuckDbDatabase Open(string? path, DuckDbOpenOptions? options = null)
    {
        DuckDbNativeLibrary.EnsureLoaded();
        options ??= new DuckDbOpenOptions();
        if (options.Threads is { } t)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(t, nameof(options) + "." + nameof(options.Threads));
        }

        var fullPath = path is null ? null : System.IO.Path.GetFullPath(path);
        if (NativeMethods.duckdb_create_config(out var config) != NativeMethods.Success)
        {
            throw new DuckDbException("Could not create a DuckDB configuration", (string?)null);
        }

        try
        {
            SetConfig(config, "autoinstall_known_extensions", "false");
            SetConfig(config, "autoload_known_extensions", "false");
            if (options.Threads is { } threads)
            {
                SetConfig(config, "threads", threads.ToString(CultureInfo.InvariantCulture));
            }

            if (options.MemoryLimit is { } memory)
            {
                SetConfig(config, "memory_limit", memory);
            }

            if (options.ReadOnly)
            {
                SetConfig(config, "access_mode", "READ_ONLY");
            }

            var state = NativeMethods.duckdb_open_ext(fullPath, out var db, config, out var error);
            var message = NativeMethods.Utf8(error);
            if (error != IntPtr.Zero)
            {
                NativeMethods.duckdb_free(error);
            }

            if (state != NativeMethods.Success)
            {
                throw new DuckDbException($"Could not open DuckDB database '{fullPath ?? ":memory:"}'", message);
            }

            return new DuckDbDatabase(new DatabaseHandle(db), fullPath);
        }
        finally
        {
            NativeMethods.duckdb_destroy_config(ref config);
        }
    }

    /// <summary>Opens a new connection. Each connection has its own transaction state.</summary>
    /// <exception cref="ObjectDisposedException">The database was disposed.</exception>
    /// <exception cref="DuckDbException">DuckDB refused the connection.</exception>
    public DuckDbConnection Connect()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            if (NativeMethods.duckdb_connect(_handle.DangerousGetHandle(), out var connection) != NativeMethods.Success)
            {
                throw new DuckDbException($"Could not connect to DuckDB database '{Path ?? ":memory:"}'", (string?)null);
            }

            return new DuckDbConnection(new ConnectionHandle(connection));
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    /// <summary>Closes the database handle (see the remarks on open connections).</summary>
    public void Dispose() => _handle.Dispose();

    private static void SetConfig(IntPtr config, string name, string value)
    {
        if (NativeMethods.duckdb_set_config(config, name, value) != NativeMethods.Success)
        {
            throw new DuckDbException($"DuckDB rejected the setting {name}='{value}'. Check the option's spelling and value format.");
        }
    }
}
