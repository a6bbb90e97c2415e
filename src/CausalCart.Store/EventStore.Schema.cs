using System.Globalization;
using CausalCart.Store.DuckDb;

namespace CausalCart.Store;

public sealed partial class EventStore
{
    /// <summary>The tables of schema version 1, as documented in README.md.</summary>
    /// <remarks>The <c>ids_*</c> tables have no PRIMARY KEY index: their ids are dense and their keys distinct by
    /// construction (the dictionaries write them, and loading checks both), and the index cost about a CPU-second
    /// per 10M-event ingest at commit. Stores created before keep their index; both read the same. See
    /// docs/decisions/0007-ingest-speed.md.</remarks>
    internal const string SchemaSql = """
        CREATE TABLE store_meta(key VARCHAR PRIMARY KEY, value VARCHAR);
        CREATE TABLE source_files(id INTEGER PRIMARY KEY, path VARCHAR, sha256 VARCHAR UNIQUE, kind VARCHAR, format VARCHAR,
                                  read BIGINT, accepted BIGINT, rejected BIGINT, ingested_at TIMESTAMP);
        CREATE TABLE events(user INTEGER NOT NULL, item INTEGER, category INTEGER, action UTINYINT NOT NULL, ts TIMESTAMP NOT NULL,
                            price DOUBLE, session INTEGER, query VARCHAR, source_file INTEGER NOT NULL, source_line BIGINT NOT NULL);
        CREATE TABLE exposures(user INTEGER NOT NULL, ts TIMESTAMP NOT NULL, campaign INTEGER NOT NULL, arm VARCHAR NOT NULL,
                               item INTEGER, propensity DOUBLE, source_file INTEGER NOT NULL, source_line BIGINT NOT NULL);
        CREATE TABLE items(item INTEGER PRIMARY KEY, category INTEGER, price DOUBLE, brand VARCHAR);
        CREATE TABLE users(user INTEGER PRIMARY KEY);
        CREATE TABLE ids_user(id INTEGER NOT NULL, key VARCHAR NOT NULL);
        CREATE TABLE ids_item(id INTEGER NOT NULL, key VARCHAR NOT NULL);
        CREATE TABLE ids_category(id INTEGER NOT NULL, key VARCHAR NOT NULL);
        CREATE TABLE ids_session(id INTEGER NOT NULL, key VARCHAR NOT NULL);
        CREATE TABLE ids_campaign(id INTEGER NOT NULL, key VARCHAR NOT NULL);
        CREATE TABLE rejects(source_file INTEGER, line BIGINT, reason VARCHAR, detail VARCHAR, raw VARCHAR);
        CREATE TABLE sessions(session INTEGER, user INTEGER, start_ts TIMESTAMP, end_ts TIMESTAMP, events INTEGER, origin VARCHAR);
        """;

    private static readonly string[] SchemaTables =
    [
        "store_meta", "source_files", "events", "exposures", "items", "users",
        "ids_user", "ids_item", "ids_category", "ids_session", "ids_campaign", "rejects", "sessions",
    ];

    private static void EnsureSchema(DuckDbConnection connection, string path)
    {
        var tables = connection.Query("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'")
            .Column<string?>("table_name").Values.ToArray();
        if (tables.Length == 0)
        {
            connection.RunInTransaction(c =>
            {
                c.Execute(SchemaSql);
                c.Execute(Invariant($"INSERT INTO store_meta VALUES ('schema_version', '{SchemaVersion}'), ('created_with', {Literal("CausalCart " + DuckDbDatabase.LibraryVersion)})"));
                return 0;
            });
            return;
        }

        if (!tables.Contains("store_meta"))
        {
            throw new InvalidDataException(
                $"'{path}' is a DuckDB database but not a CausalCart event store (it has no store_meta table). Use a new file for the store.");
        }

        var version = connection.QueryScalar("SELECT value FROM store_meta WHERE key = 'schema_version'") as string;
        if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidDataException(
                $"'{path}' is an event store of schema version {version ?? "(none)"}, but this version of CausalCart reads schema version {SchemaVersion} only. " +
                "Re-ingest the source files into a new store.");
        }

        var missing = SchemaTables.Where(t => !tables.Contains(t)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"'{path}' claims schema version {SchemaVersion} but lacks the table(s) {string.Join(", ", missing)}.");
        }
    }
}
