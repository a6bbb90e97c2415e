using CausalCart.Store.Ingestion;

namespace CausalCart.Store.Tests.Ingestion;

public sealed class SourceSessionSummaryTests
{
    [Fact]
    public void Counts_first_and_last_time_and_the_user_of_the_first_event_per_session()
    {
        var summary = new SourceSessionSummary();

        // sessions:   5   -1   5   0   5   9000 (grows the arrays)
        summary.Add([5, -1, 5, 0, 5, 9000], [1, 7, 2, 3, 4, 8], [30, 1, 10, 20, 50, 40]);

        Assert.Equal(3, summary.Sessions);
        Assert.True(summary.Contains(0));
        Assert.True(summary.Contains(5));
        Assert.True(summary.Contains(9000));
        Assert.False(summary.Contains(1));
        Assert.False(summary.Contains(-1));
        Assert.False(summary.Contains(9001));
        Assert.Equal([(0, 3, 20L, 20L, 1), (5, 2, 10L, 50L, 3), (9000, 8, 40L, 40L, 1)], Rows(summary));
    }

    [Fact]
    public void The_first_user_in_ingest_order_wins_a_tie_on_the_first_time()
    {
        var summary = new SourceSessionSummary();
        summary.Add([2, 2], [7, 6], [100, 100]);
        summary.Add([2], [5], [100]);
        summary.Add([2], [4], [99]);

        var rows = Rows(summary);

        Assert.Equal([(2, 4, 99L, 100L, 4)], rows);
    }

    [Fact]
    public void Spans_of_different_lengths_are_refused()
    {
        var summary = new SourceSessionSummary();

        var ex = Assert.Throws<ArgumentException>(() => summary.Add([1, 2], [1], [1, 2]));

        Assert.Contains("differ in length", ex.Message, StringComparison.Ordinal);
    }

    private static List<(int Session, int User, long Start, long End, int Events)> Rows(SourceSessionSummary summary)
    {
        using var dir = new TempDirectory();
        using var db = CausalCart.Store.DuckDb.DuckDbDatabase.Open(dir.File("t.duckdb"));
        using var c = db.Connect();
        c.Execute("CREATE TABLE sessions(session INTEGER, user INTEGER, start_ts TIMESTAMP, end_ts TIMESTAMP, events INTEGER, origin VARCHAR)");
        using (var appender = c.CreateAppender("sessions"))
        {
            summary.WriteTo(appender);
            appender.Close();
        }

        var t = c.Query("SELECT session, user, epoch_us(start_ts) AS s, epoch_us(end_ts) AS e, events, origin FROM sessions ORDER BY rowid");
        Assert.All(t.Strings("origin"), o => Assert.Equal("source", o));
        return [.. Enumerable.Range(0, t.RowCount).Select(r =>
            (t.Column<int>("session")[r], t.Column<int>("user")[r], t.Column<long>("s")[r], t.Column<long>("e")[r], t.Column<int>("events")[r]))];
    }
}
