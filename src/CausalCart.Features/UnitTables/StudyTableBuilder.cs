using CausalCart.Features.Study;
using CausalCart.Store;
using CausalCart.Store.DuckDb;

namespace CausalCart.Features.UnitTables;

/// <summary>
/// Builds a study's unit table from an event store: validates the spec, compiles it
/// (<see cref="StudySqlCompiler"/>), checks that the campaign and arm it names exist, runs the query and reads
/// the result into a <see cref="StudyTable"/>.
/// </summary>
public static class StudyTableBuilder
{
    /// <summary>Builds the unit table for <paramref name="spec"/> over an event store.</summary>
    /// <param name="store">An open event store.</param>
    /// <param name="spec">The study; its <see cref="StudySpec.Data"/> is not read (the store is the data).</param>
    /// <returns>The table and its description. Deterministic for a given store and spec.</returns>
    /// <exception cref="StudySpecException">The spec is invalid.</exception>
    /// <exception cref="InvalidOperationException">The spec names a campaign or arm the store does not have; the message lists those it has.</exception>
    /// <exception cref="DuckDbException">The query failed.</exception>
    public static StudyTable Build(EventStore store, StudySpec spec)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Build(store.Connection, spec);
    }

    /// <summary>Builds the unit table for <paramref name="spec"/> over the store behind <paramref name="connection"/>.</summary>
    /// <param name="connection">An open connection to a database with the event store schema.</param>
    /// <param name="spec">The study; its <see cref="StudySpec.Data"/> is not read (the connection is the data).</param>
    /// <returns>The table and its description. Deterministic for a given store and spec.</returns>
    /// <exception cref="StudySpecException">The spec is invalid.</exception>
    /// <exception cref="InvalidOperationException">The spec names a campaign or arm the store does not have; the message lists those it has.</exception>
    /// <exception cref="DuckDbException">The query failed (for example the database lacks a store table).</exception>
    public static StudyTable Build(DuckDbConnection connection, StudySpec spec)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(spec);
        var compiled = StudySqlCompiler.Compile(spec);
        CheckCampaigns(connection, spec);

        var columns = compiled.Columns;
        var values = new List<double>[columns.Count]; // (columns) growing per-column values
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = [];
        }

        using (var statement = connection.Prepare(compiled.PositionalSql()))
        {
            for (var i = 0; i < compiled.Parameters.Count; i++)
            {
                switch (compiled.Parameters[i].Value)
                {
                    case long l:
                        statement.Bind(i + 1, l);
                        break;
                    case string s:
                        statement.Bind(i + 1, s);
                        break;
                    default:
                        throw new InvalidOperationException($"Parameter ${compiled.Parameters[i].Name} has an unsupported value type.");
                }
            }

            using var reader = statement.ExecuteReader();
            CheckShape(reader, columns);
            while (reader.ReadChunk())
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    Append(reader, c, columns[c], values[c]);
                }
            }
        }

        var tableColumns = new Core.Tables.UnitColumn[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            tableColumns[c] = new Core.Tables.NumericColumn(columns[c].Name, [.. values[c]]);
        }

        var table = new Core.Tables.UnitTable(tableColumns);
        return new StudyTable(table, Describe(spec, compiled, table));
    }

    private static void Append(DuckDbChunkReader reader, int c, StudyColumn column, List<double> destination)
    {
        var info = reader.Columns[c];
        if (reader.HasNulls(c))
        {
            for (var row = 0; row < reader.RowCount; row++)
            {
                if (reader.IsNull(c, row))
                {
                    // The query coalesces every column; a NULL means the store broke a NOT NULL promise.
                    throw new InvalidOperationException($"Column '{column.Name}' is NULL in row {destination.Count + row}; the store holds a NULL key or time.");
                }
            }
        }

        switch (info.Type)
        {
            case DuckDbType.Integer:
                foreach (var v in reader.GetValues<int>(c))
                {
                    destination.Add(v);
                }

                break;
            case DuckDbType.Timestamp:
                foreach (var v in reader.GetValues<long>(c))
                {
                    destination.Add(v);
                }

                break;
            case DuckDbType.Double:
                foreach (var v in reader.GetValues<double>(c))
                {
                    destination.Add(v);
                }

                break;
            default:
                throw new InvalidOperationException($"Column '{column.Name}' came back as {info.Type}; the compiler promises INTEGER, TIMESTAMP or DOUBLE.");
        }
    }

    private static void CheckShape(DuckDbChunkReader reader, IReadOnlyList<StudyColumn> columns)
    {
        if (reader.ColumnCount != columns.Count)
        {
            throw new InvalidOperationException($"The study query returned {reader.ColumnCount} columns but {columns.Count} were compiled.");
        }

        for (var c = 0; c < columns.Count; c++)
        {
            if (reader.Columns[c].Name != columns[c].Name)
            {
                throw new InvalidOperationException($"Result column {c} is '{reader.Columns[c].Name}' but '{columns[c].Name}' was compiled.");
            }
        }
    }

    private static void CheckCampaigns(DuckDbConnection connection, StudySpec spec)
    {
        var campaigns = new List<(string Campaign, string? Arm, string? CampaignKey, string? ArmKey)>();
        if (spec.TimeZero is CampaignTimeZero t)
        {
            campaigns.Add((t.Campaign, null, null, null));
        }

        if (spec.Treatment is CampaignTreatment c)
        {
            campaigns.Add((c.Campaign, c.Arm, null, null));
        }

        if (spec.Instrument is CampaignTreatment z)
        {
            campaigns.Add((z.Campaign, z.Arm, "instrument.campaign", "instrument.arm"));
        }

        StoreCampaigns.Require(connection, campaigns);
    }

    private static StudyTableDescription Describe(StudySpec spec, CompiledStudy compiled, Core.Tables.UnitTable table)
    {
        var treatment = table.Numeric("treatment").Values;
        var treated = 0;
        foreach (var v in treatment)
        {
            treated += v == 1.0 ? 1 : 0;
        }

        var constant = new List<string>();
        foreach (var column in compiled.Columns.Where(c => c.Role == StudyColumnRole.Covariate))
        {
            var v = table.Numeric(column.Name).Values;
            if (v.Length > 0 && !v.ContainsAnyExcept(v[0]))
            {
                constant.Add(column.Name);
            }
        }

        DateTime? shared = null;
        var t0 = table.Numeric("t0").Values;
        if (t0.Length > 0 && !t0.ContainsAnyExcept(t0[0]))
        {
            shared = DuckDbTime.FromMicros((long)t0[0]);
        }

        return new StudyTableDescription
        {
            Study = spec.Name,
            Unit = spec.Unit,
            Columns = compiled.Columns,
            RowCount = table.RowCount,
            TreatedCount = treated,
            SharedTimeZero = shared,
            ConstantCovariates = constant,
            Sql = compiled.Sql,
            Parameters = compiled.Parameters,
        };
    }
}
