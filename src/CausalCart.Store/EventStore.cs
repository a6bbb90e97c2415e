using System.Globalization;
using System.Security.Cryptography;
using CausalCart.Ingest;
using CausalCart.Store.DuckDb;

namespace CausalCart.Store;

/// <summary>
/// The event store: one DuckDB file holding canonical events, exposures, side tables, id dictionaries,
/// rejects, sessions and the list of ingested source files (schema in the project's README).
/// </summary>
/// <remarks>
/// One process may hold a store file open at a time (DuckDB's file lock). An instance is not thread-safe.
/// Every file is ingested in one transaction: a failure or a killed process leaves the store as it was
/// before the file. Implementation note: the id dictionaries are loaded once and kept between files while
/// every ingestion commits; any failure drops them so the next file reloads them from the store.
/// </remarks>
public sealed partial class EventStore : IDisposable
{
    /// <summary>The schema version this code reads and writes (<c>store_meta</c> key <c>schema_version</c>).</summary>
    public const int SchemaVersion = 1;

    private readonly DuckDbDatabase _database;
    private readonly DuckDbConnection _connection;
    private IdDictionaries? _dictionaries;

    private EventStore(DuckDbDatabase database, DuckDbConnection connection, string path, EventStoreOptions options)
    {
        _database = database;
        _connection = connection;
        Path = path;
        Options = options;
    }

    /// <summary>Full path of the store file.</summary>
    public string Path { get; }

    /// <summary>The options the store was opened with.</summary>
    public EventStoreOptions Options { get; }

    /// <summary>
    /// The store's connection, for read queries by later stages (SQL against the documented schema).
    /// Writing through it bypasses the store's guarantees.
    /// </summary>
    public DuckDbConnection Connection => _connection;

    /// <summary>
    /// Opens the store file at <paramref name="path"/>, creating it with the current schema when it does not
    /// exist or is empty.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is a DuckDB database of another schema version, or not an event store.</exception>
    /// <exception cref="DuckDbException">DuckDB could not open the file (for example another process holds it).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The inactivity gap is not positive.</exception>
    public static EventStore Open(string path, EventStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new EventStoreOptions();
        if (options.InactivityGap <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.InactivityGap, "InactivityGap must be positive.");
        }

        var fullPath = System.IO.Path.GetFullPath(path);
        var database = DuckDbDatabase.Open(fullPath, options.DuckDb);
        DuckDbConnection? connection = null;
        try
        {
            connection = database.Connect();
            EnsureSchema(connection, fullPath);
            return new EventStore(database, connection, fullPath, options);
        }
        catch
        {
            connection?.Dispose();
            database.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A fresh copy of the id dictionaries as stored (entries in id order). Changing the copy does not change the store.
    /// </summary>
    public IdDictionaries ReadDictionaries() => LoadDictionaries(_connection);

    /// <summary>Closes the store file.</summary>
    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    /// <summary>Lower-case hex SHA-256 of a file's bytes.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static string ComputeSha256(string path)
    {
        using var stream = OpenForHashing(path);
        return Sha256Hex(stream);
    }

    private static FileStream OpenForHashing(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);

    private static string Sha256Hex(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    private IdDictionaries Dictionaries => _dictionaries ??= LoadDictionaries(_connection);

    private static IdDictionaries LoadDictionaries(DuckDbConnection connection)
    {
        var dictionaries = new IdDictionaries();
        foreach (var dictionary in dictionaries.All)
        {
            using var reader = connection.ExecuteReader($"SELECT id, key FROM ids_{dictionary.Kind} ORDER BY id");
            while (reader.ReadChunk())
            {
                var ids = reader.GetValues<int>(0);
                for (var r = 0; r < reader.RowCount; r++)
                {
                    var key = reader.GetString(1, r)!;
                    var id = dictionary.GetOrAdd(key.AsSpan());
                    if (id != ids[r])
                    {
                        throw new InvalidDataException(
                            $"ids_{dictionary.Kind} is not a dense dictionary: key '{key}' has id {ids[r]} but would get id {id}. " +
                            "Ids must be 0, 1, 2, … with distinct keys.");
                    }
                }
            }
        }

        return dictionaries;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
