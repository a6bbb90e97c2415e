using System.Globalization;
using CausalCart.Store.Ingestion;

namespace CausalCart.Store;

public sealed partial class EventStore
{
    private SourceSessionSummary? _sourceSessions;   // the source sessions of every event in the store; null when not known
    private bool _sourceSessionsChecked;             // whether the first events file through this instance has come
    private bool _sessionsCoverEvents;               // whether the sessions rows count every event with a session (see QualityReport)
    private EventTotals? _eventTotals;               // the quality report's event figures of every event in the store; null when not known

    /// <summary>Whether the next <see cref="Sessionize"/> can take the source sessions from the summary (for tests).</summary>
    internal bool SummarisesSourceSessions => _sourceSessions is not null;

    /// <summary>
    /// Gives a session to every event that has none (sources without session ids), and refreshes the
    /// <c>sessions</c> table. Per user, events are ordered by <c>ts</c> (ties by <c>source_file</c>, <c>source_line</c>);
    /// a new session starts at a user's first such event and whenever the gap to the previous one is longer than
    /// <see cref="EventStoreOptions.InactivityGap"/>. New sessions get the next dense ids of <c>ids_session</c>
    /// (with keys <c>~gap:&lt;id&gt;</c>) so they never collide with session ids given by sources; their rows in
    /// <c>sessions</c> have origin <c>gap</c>. Source sessions are summarised with origin <c>source</c>.
    /// Runs in one transaction; calling it again only handles events ingested since.
    /// </summary>
    /// <remarks>Only events whose <c>session</c> is NULL are considered: a later file's events are never merged into a
    /// gap session made by an earlier run.
    /// Implementation note: when every event in the store was ingested through this instance, the source
    /// sessions come from a summary kept while the events were appended (see <see cref="TrackSourceSessions"/>)
    /// instead of a <c>GROUP BY session</c> over all events; the rows are the same, in the same order.</remarks>
    public SessionizeResult Sessionize()
    {
        var gapMicros = Options.InactivityGap.Ticks / (TimeSpan.TicksPerMillisecond / 1000);
        var result = _connection.RunInTransaction(c =>
        {
            c.Execute(string.Create(CultureInfo.InvariantCulture, $"""
                CREATE OR REPLACE TEMP TABLE _gap_events AS
                WITH ordered AS (
                    SELECT rowid AS rid, user, ts, source_file, source_line,
                           CASE WHEN lag(ts) OVER w IS NULL OR epoch_us(ts) - epoch_us(lag(ts) OVER w) > {gapMicros} THEN 1 ELSE 0 END AS starts
                    FROM events
                    WHERE session IS NULL
                    WINDOW w AS (PARTITION BY user ORDER BY ts, source_file, source_line)
                )
                SELECT rid, user, ts,
                       sum(starts) OVER (PARTITION BY user ORDER BY ts, source_file, source_line ROWS UNBOUNDED PRECEDING) AS k
                FROM ordered;

                CREATE OR REPLACE TEMP TABLE _gap_sessions AS
                SELECT (SELECT coalesce(max(id) + 1, 0) FROM ids_session) + row_number() OVER (ORDER BY user, k) - 1 AS session,
                       user, k, min(ts) AS start_ts, max(ts) AS end_ts, count(*) AS events
                FROM _gap_events
                GROUP BY user, k;
                """));
            var created = Convert.ToInt32(c.QueryScalar("SELECT count(*) FROM _gap_sessions"), CultureInfo.InvariantCulture);
            var assigned = c.Execute("""
                UPDATE events SET session = g.session::INTEGER
                FROM (SELECT e.rid, s.session FROM _gap_events e JOIN _gap_sessions s USING (user, k)) AS g
                WHERE events.rowid = g.rid
                """);
            c.Execute("""
                INSERT INTO ids_session SELECT session::INTEGER, '~gap:' || session FROM _gap_sessions ORDER BY session;
                INSERT INTO sessions SELECT session::INTEGER, user, start_ts, end_ts, events::INTEGER, 'gap' FROM _gap_sessions ORDER BY session;
                DELETE FROM sessions WHERE origin = 'source';
                DROP TABLE _gap_events;
                DROP TABLE _gap_sessions;
                """);
            var summarised = _sourceSessions is { } summary && !AnyGapSessionIn(summary);
            if (summarised)
            {
                using var appender = c.CreateAppender("sessions");
                _sourceSessions!.WriteTo(appender);
                appender.Close();
            }
            else
            {
                c.Execute("""
                    INSERT INTO sessions
                    SELECT e.session, arg_min(e.user, e.ts), min(e.ts), max(e.ts), count(*)::INTEGER, 'source'
                    FROM events e
                    WHERE e.session IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sessions g WHERE g.origin = 'gap' AND g.session = e.session)
                    GROUP BY e.session
                    ORDER BY e.session
                    """);
            }

            var source = Convert.ToInt32(c.QueryScalar("SELECT count(*) FROM sessions WHERE origin = 'source'"), CultureInfo.InvariantCulture);
            return (Result: new SessionizeResult(assigned, created, source, Options.InactivityGap), Summarised: summarised);
        });
        _eventTotals?.SessionsAssigned(result.Result.EventsAssigned);

        // ids_session grew in SQL; the cached dictionaries no longer match the store.
        _dictionaries = null;
        _sessionsCoverEvents = result.Summarised;
        return result.Result;
    }

    /// <summary>
    /// Starts or continues the source-session summary and the event totals for an events file about to be ingested,
    /// and returns them; null when they would not cover every event in the store.
    /// </summary>
    /// <remarks>
    /// Implementation note: the summary starts only when the first events file through this instance goes into a
    /// store without events or sessions, and is dropped for good when a file's transaction rolls back (its events
    /// were added as they were appended). Only this instance writes the events table meanwhile (one process holds a
    /// store), and <see cref="Sessionize"/> changes only events without a session, which the summary skips.
    /// </remarks>
    private (SourceSessionSummary? Sessions, EventTotals? Totals) TrackSourceSessions()
    {
        _sessionsCoverEvents = false;
        if (!_sourceSessionsChecked)
        {
            _sourceSessionsChecked = true;
            if (Convert.ToInt64(_connection.QueryScalar("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM sessions)"), CultureInfo.InvariantCulture) == 0)
            {
                _sourceSessions = new SourceSessionSummary();
                _eventTotals = new EventTotals();
            }
        }

        return (_sourceSessions, _eventTotals);
    }

    /// <summary>Whether a gap session's id also has events whose session came from a source (a source key that
    /// happens to be <c>~gap:&lt;id&gt;</c>): the SQL leaves such events out of the source sessions, so the summary,
    /// which counts them, cannot be used.</summary>
    private bool AnyGapSessionIn(SourceSessionSummary summary)
    {
        using var reader = _connection.ExecuteReader("SELECT session FROM sessions WHERE origin = 'gap'");
        while (reader.ReadChunk())
        {
            foreach (var id in reader.GetValues<int>(0))
            {
                if (summary.Contains(id))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
