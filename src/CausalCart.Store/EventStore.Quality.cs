using System.Globalization;
using CausalCart.Core.Events;
using CausalCart.Store.DuckDb;

namespace CausalCart.Store;

public sealed partial class EventStore
{
    /// <summary>Computes the data-quality summary of the store in SQL (see <see cref="QualityReport"/>).</summary>
    public QualityReport QualityReport()
    {
        var c = _connection;
        var totals = c.Query("SELECT count(*) AS files, coalesce(sum(read), 0)::BIGINT AS read, coalesce(sum(accepted), 0)::BIGINT AS accepted, coalesce(sum(rejected), 0)::BIGINT AS rejected FROM source_files");
        var read = totals.Column<long>("read")[0];
        var rejectsByReason = Counts(c, "SELECT reason AS k, count(*) AS n FROM rejects GROUP BY reason ORDER BY reason");

        var ev = _eventTotals is { } kept ? EventFigures(kept) : EventFigures(c);
        var byAction = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var action in CanonicalActions.All)
        {
            byAction[CanonicalActions.Name(action)] = ev.ByActionCode.GetValueOrDefault(((int)action).ToString(CultureInfo.InvariantCulture));
        }

        var unknownActions = ev.ByActionCode.Keys.Except(CanonicalActions.All.Select(a => ((int)a).ToString(CultureInfo.InvariantCulture))).ToArray();
        if (unknownActions.Length > 0)
        {
            throw new InvalidDataException($"events.action holds values that are not canonical actions: {string.Join(", ", unknownActions)}.");
        }

        // Right after a Sessionize that used the source-session summary, the sessions rows hold exactly these
        // per-session counts (gap and source sessions are distinct ids), so the GROUP BY over all events is skipped and
        // the counts are read and summarised here (1.8M sessions: ~0.02 s against ~0.1 s for the SQL quantiles).
        var perSession = _sessionsCoverEvents
            ? CountDistribution.Of(SessionEventCounts(c))
            : Distribution(c, "SELECT count(*) AS n FROM events WHERE session IS NOT NULL GROUP BY session");
        var exposures = Convert.ToInt64(c.QueryScalar("SELECT count(*) FROM exposures"), CultureInfo.InvariantCulture);
        var byCampaign = Counts(c, """
            SELECT coalesce(d.key, x.campaign::VARCHAR) AS k, count(*) AS n
            FROM exposures x LEFT JOIN ids_campaign d ON d.id = x.campaign
            GROUP BY ALL ORDER BY k
            """);
        var duplicates = rejectsByReason.GetValueOrDefault(Ingest.RejectReasons.Code(Ingest.RejectReason.Duplicate));

        return new QualityReport(
            SchemaVersion,
            totals.Column<long>("files")[0],
            read,
            totals.Column<long>("accepted")[0],
            totals.Column<long>("rejected")[0],
            rejectsByReason,
            ev.Events,
            byAction,
            ev.First,
            ev.Last,
            ev.PerUser.Count,
            ev.Items,
            ev.Categories,
            perSession.Count,
            ev.WithoutSession,
            exposures,
            byCampaign,
            ev.PerUser,
            perSession,
            read == 0 ? 0 : (double)duplicates / read);
    }

    /// <summary>The report's figures over the <c>events</c> table.</summary>
    private sealed record EventFigureSet(
        long Events, Dictionary<string, long> ByActionCode, DateTime? First, DateTime? Last, long Items, long Categories, long WithoutSession,
        CountDistribution PerUser);

    /// <summary>The event figures by scanning <c>events</c>.</summary>
    private static EventFigureSet EventFigures(DuckDbConnection c)
    {
        var byActionCode = Counts(c, "SELECT action::VARCHAR AS k, count(*) AS n FROM events GROUP BY action ORDER BY action");

        // Distinct users are the group count of the per-user distribution (user is NOT NULL), so they are not counted twice.
        var ev = c.Query("""
            SELECT count(*) AS n, min(ts) AS first, max(ts) AS last,
                   count(DISTINCT item) AS items, count(DISTINCT category) AS categories,
                   count(*) FILTER (WHERE session IS NULL) AS without_session
            FROM events
            """);
        var perUser = Distribution(c, "SELECT count(*) AS n FROM events GROUP BY user");
        return new EventFigureSet(
            ev.Column<long>("n")[0],
            byActionCode,
            ev["first"].IsNull(0) ? null : ev.Column<DateTime>("first")[0],
            ev["last"].IsNull(0) ? null : ev.Column<DateTime>("last")[0],
            ev.Column<long>("items")[0],
            ev.Column<long>("categories")[0],
            ev.Column<long>("without_session")[0],
            perUser);
    }

    /// <summary>The same figures from the totals kept while every event in the store was appended (the scans' results,
    /// without the scans; checked against them by the store tests and <c>IngestBench compare</c>).</summary>
    private static EventFigureSet EventFigures(Ingestion.EventTotals t)
    {
        var byActionCode = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var a = 0; a <= byte.MaxValue; a++)
        {
            if (t.ByAction((byte)a) is > 0 and var n)
            {
                byActionCode[a.ToString(CultureInfo.InvariantCulture)] = n;
            }
        }

        var any = t.Events > 0;
        return new EventFigureSet(
            t.Events,
            byActionCode,
            any ? DuckDbTime.FromMicros(t.FirstMicros) : null,
            any ? DuckDbTime.FromMicros(t.LastMicros) : null,
            t.Items,
            t.Categories,
            t.WithoutSession,
            t.EventsPerUser());
    }

    private static int[] SessionEventCounts(DuckDbConnection c)
    {
        var counts = new List<int>();
        using var reader = c.ExecuteReader("SELECT events FROM sessions");
        while (reader.ReadChunk())
        {
            counts.AddRange(reader.GetValues<int>(0));
        }

        return [.. counts];
    }

    private static Dictionary<string, long> Counts(DuckDbConnection c, string sql)
    {
        var table = c.Query(sql);
        var keys = table.Column<string?>("k");
        var counts = table.Column<long>("n");
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var r = 0; r < table.RowCount; r++)
        {
            result[keys[r] ?? string.Empty] = counts[r];
        }

        return result;
    }

    private static CountDistribution Distribution(DuckDbConnection c, string perUnitSql)
    {
        var t = c.Query($"""
            SELECT count(*) AS count, avg(n)::DOUBLE AS mean, min(n)::BIGINT AS min,
                   quantile_cont(n, 0.5)::DOUBLE AS p50, quantile_cont(n, 0.9)::DOUBLE AS p90, quantile_cont(n, 0.99)::DOUBLE AS p99,
                   max(n)::BIGINT AS max
            FROM ({perUnitSql}) AS per_unit
            """);
        var count = t.Column<long>("count")[0];
        return count == 0
            ? CountDistribution.Empty
            : new CountDistribution(
                count,
                t.Column<double>("mean")[0],
                t.Column<long>("min")[0],
                t.Column<double>("p50")[0],
                t.Column<double>("p90")[0],
                t.Column<double>("p99")[0],
                t.Column<long>("max")[0]);
    }
}
