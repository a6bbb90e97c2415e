using System.Globalization;
using CausalCart.Ingest;
using CausalCart.Store.DuckDb;
using CausalCart.Store.Ingestion;

namespace CausalCart.Store;

public sealed partial class EventStore
{
    /// <summary>
    /// Loads an item side table from a CSV file with a header, read by DuckDB's <c>read_csv</c>. The id column
    /// is <c>item_id</c> (any case) or else the first column; ids map through the item dictionary into
    /// <c>items.item</c>. A <c>category_id</c> column maps through the category dictionary into <c>items.category</c>;
    /// <c>price</c> and <c>brand</c> fill their columns (values that do not convert become NULL); every other column
    /// is kept with DuckDB's sniffed type, added to <c>items</c> when new (a name that clashes with a fixed column
    /// is prefixed <c>source_</c>). Rows with an empty id are rejected as <c>missing_field</c>, repeats of an id
    /// within the file as <c>duplicate</c>. An id already in the store is replaced by the file's row in the
    /// columns the file has. Same hashing, transaction and reconciliation rules as <see cref="IngestEvents"/>.
    /// </summary>
    /// <remarks>Reject lines are the 1-based data row + 1 (the header is line 1), exact unless a quoted field holds a line break.</remarks>
    /// <exception cref="DuckDbException">DuckDB could not read the CSV; the message carries its reason.</exception>
    public FileIngestResult LoadItems(string csvPath, CancellationToken cancellationToken = default) =>
        LoadSideTable(csvPath, SourceFileKind.Items, cancellationToken);

    /// <summary>
    /// Loads a user side table from a CSV file with a header into <c>users</c>: the id column is <c>user_id</c>
    /// (any case) or else the first column, mapped through the user dictionary; other columns as in <see cref="LoadItems"/>.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB could not read the CSV; the message carries its reason.</exception>
    public FileIngestResult LoadUsers(string csvPath, CancellationToken cancellationToken = default) =>
        LoadSideTable(csvPath, SourceFileKind.Users, cancellationToken);

    private FileIngestResult LoadSideTable(string csvPath, SourceFileKind kind, CancellationToken cancellationToken)
    {
        var items = kind == SourceFileKind.Items;
        var table = items ? "items" : "users";
        var key = items ? "item" : "user";
        var fullPath = System.IO.Path.GetFullPath(csvPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Side table file '{fullPath}' does not exist.", fullPath);
        }

        var described = _connection.Query($"DESCRIBE SELECT * FROM read_csv({Literal(fullPath)}, header = true)");
        var names = described.Column<string?>("column_name").Values.ToArray().Select(n => n!).ToArray();
        var types = described.Column<string?>("column_type").Values.ToArray().Select(t => t!).ToArray();
        var idColumn = Array.FindIndex(names, n => string.Equals(n, key + "_id", StringComparison.OrdinalIgnoreCase));
        idColumn = idColumn < 0 ? 0 : idColumn;
        var categoryColumn = items ? Array.FindIndex(names, n => string.Equals(n, "category_id", StringComparison.OrdinalIgnoreCase)) : -1;
        var overrides = new List<string> { $"{Literal(names[idColumn])}: 'VARCHAR'" };
        if (categoryColumn >= 0)
        {
            overrides.Add($"{Literal(names[categoryColumn])}: 'VARCHAR'");
        }

        return IngestFile(fullPath, kind, "csv", cancellationToken, singleThreaded: false, (_, dictionaries, _, rejects) =>
        {
            var typeOverrides = "{" + string.Join(", ", overrides) + "}";
            _connection.Execute($"CREATE OR REPLACE TEMP TABLE _side AS SELECT * FROM read_csv({Literal(fullPath)}, header = true, types = {typeOverrides})");
            _connection.Execute("CREATE OR REPLACE TEMP TABLE _side_map(_row BIGINT, _id INTEGER, _category INTEGER)");
            var ids = items ? dictionaries.Items : dictionaries.Users;
            var accepted = MapSideIds(Quote(names[idColumn]), categoryColumn < 0 ? null : Quote(names[categoryColumn]), key, ids, dictionaries.Categories, rejects, cancellationToken);
            var read = Convert.ToInt64(_connection.QueryScalar("SELECT count(*) FROM _side"), CultureInfo.InvariantCulture);

            var targetColumns = new List<string> { key };
            var sourceValues = new List<string> { "m._id" };
            if (items)
            {
                targetColumns.Add("category");
                sourceValues.Add("m._category");
            }

            var existing = _connection.Query($"SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = {Literal(table)} AND schema_name = 'main'");
            var existingTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var r = 0; r < existing.RowCount; r++)
            {
                existingTypes[existing.Column<string?>("column_name")[r]!] = existing.Column<string?>("data_type")[r]!;
            }

            for (var i = 0; i < names.Length; i++)
            {
                if (i == idColumn || i == categoryColumn)
                {
                    continue;
                }

                var target = names[i];
                if (string.Equals(target, key, StringComparison.OrdinalIgnoreCase) || (items && string.Equals(target, "category", StringComparison.OrdinalIgnoreCase)))
                {
                    target = "source_" + target;
                }

                if (!existingTypes.TryGetValue(target, out var targetType))
                {
                    targetType = types[i];
                    _connection.Execute($"ALTER TABLE {table} ADD COLUMN {Quote(target)} {targetType}");
                    existingTypes[target] = targetType;
                }

                targetColumns.Add(Quote(target));
                sourceValues.Add($"TRY_CAST(s.{Quote(names[i])} AS {targetType})");
            }

            _connection.Execute($"""
                INSERT OR REPLACE INTO {table} ({string.Join(", ", targetColumns)})
                SELECT {string.Join(", ", sourceValues)}
                FROM _side s JOIN _side_map m ON s.rowid = m._row
                ORDER BY m._row
                """);
            _connection.Execute("DROP TABLE _side; DROP TABLE _side_map");
            return (new IngestCounts(read, accepted, rejects.Count), accepted);
        });
    }

    private long MapSideIds(
        string idColumn, string? categoryColumn, string key, IdDictionary ids, IdDictionary categories, RejectWriter rejects, CancellationToken cancellationToken)
    {
        using var appender = _connection.CreateAppender("_side_map");
        var capacity = DuckDbAppender.ChunkCapacity;
        var rows = new long[capacity];        // (chunk) _side.rowid
        var mapped = new int[capacity];       // (chunk) dense id
        var category = new int[capacity];     // (chunk) dense category id, -1 for none
        var count = 0;
        long accepted = 0;
        var seen = new Dictionary<int, long>();   // dense id -> first line
        var missing = new List<long>();
        var duplicates = new List<(long Row, string Key, long FirstLine)>();
        // Rows created inside a transaction get row ids from a high base; the first row's id marks line 2 (after the header).
        var baseRow = _connection.QueryScalar("SELECT min(rowid) FROM _side") is long b ? b : 0;
        var select = $"SELECT rowid, {idColumn}, {categoryColumn ?? "NULL::VARCHAR"} FROM _side ORDER BY rowid";
        using (var reader = _connection.ExecuteReader(select))
        {
            while (reader.ReadChunk())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rowIds = reader.GetValues<long>(0);
                for (var r = 0; r < reader.RowCount; r++)
                {
                    var rowId = rowIds[r];
                    var text = reader.GetString(1, r);
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        missing.Add(rowId);
                        continue;
                    }

                    var id = ids.GetOrAdd(text.AsSpan());
                    if (seen.TryGetValue(id, out var firstLine))
                    {
                        duplicates.Add((rowId, text, firstLine));
                        continue;
                    }

                    seen.Add(id, rowId - baseRow + 2);
                    var categoryText = reader.GetString(2, r);
                    rows[count] = rowId;
                    mapped[count] = id;
                    category[count] = string.IsNullOrWhiteSpace(categoryText) ? -1 : categories.GetOrAdd(categoryText.AsSpan());
                    if (++count == capacity)
                    {
                        AppendMap(appender, rows, mapped, category, count);
                        accepted += count;
                        count = 0;
                    }
                }
            }
        }

        if (count > 0)
        {
            AppendMap(appender, rows, mapped, category, count);
            accepted += count;
        }

        appender.Close();
        AddSideRejects(baseRow, missing.Select(r => (r, RejectReason.MissingField, $"{key} id is empty")), rejects);
        AddSideRejects(baseRow, duplicates.Select(d => (d.Row, RejectReason.Duplicate, $"{key} id '{d.Key}' repeats line {d.FirstLine}")), rejects);
        return accepted;
    }

    private void AddSideRejects(long baseRow, IEnumerable<(long Row, RejectReason Reason, string Detail)> rows, RejectWriter rejects)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var raw = new Dictionary<long, string>();
        var inList = string.Join(", ", list.Select(r => r.Row.ToString(CultureInfo.InvariantCulture)));
        using (var reader = _connection.ExecuteReader($"SELECT rowid, CAST(s AS VARCHAR) FROM _side s WHERE rowid IN ({inList})"))
        {
            while (reader.ReadChunk())
            {
                var rowIds = reader.GetValues<long>(0);
                for (var r = 0; r < reader.RowCount; r++)
                {
                    raw[rowIds[r]] = reader.GetString(1, r) ?? string.Empty;
                }
            }
        }

        foreach (var (row, reason, detail) in list)
        {
            rejects.Add(new RejectRecord(row - baseRow + 2, reason, detail, raw.GetValueOrDefault(row, string.Empty)));
        }

    }

    private static void AppendMap(DuckDbAppender appender, long[] rows, int[] mapped, int[] category, int count)
    {
        appender.BeginChunk(count);
        appender.Write<long>(0, rows.AsSpan(0, count));
        appender.Write<int>(1, mapped.AsSpan(0, count));
        appender.Write(2, category.AsSpan(0, count), -1);
        appender.EndChunk();
    }
}
