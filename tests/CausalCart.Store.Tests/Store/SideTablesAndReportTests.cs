using System.Text.Json;
using CausalCart.Core.Events;
using CausalCart.Ingest;

namespace CausalCart.Store.Tests.Store;

public sealed class SideTablesAndReportTests : IDisposable
{
    private static readonly DateTime T0 = new(2019, 10, 1, 8, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Items_load_maps_ids_through_the_dictionaries_and_rejects_missing_and_repeated_ids()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        store.IngestEvents(Write("e", "e"), "synthetic", SyntheticReader.Events([new("u", "i2", CanonicalAction.View, T0, Category: "c1")]));
        var csv = Write("items.csv", """
            item_id,category_id,price,brand,color,stock
            i1,c1,9.99,acme,red,5
            ,c2,1.0,x,blue,1
            i2,,abc,beta,green,7
            i1,c3,2,dup,red,1
            i3,c1,3.5,,yellow,

            """);

        var result = store.LoadItems(csv);

        Assert.Equal((5L, 3L, 2L), (result.Read, result.Accepted, result.Rejected));
        Assert.True(result.Reconciles);
        Assert.Equal(SourceFileKind.Items, result.Kind);
        Assert.Equal(new Dictionary<string, long> { ["missing_field"] = 1, ["duplicate"] = 1 }, result.RejectsByReason);
        var c = store.Connection;
        var items = c.Query("SELECT i.*, d.key FROM items i JOIN ids_item d ON d.id = i.item ORDER BY d.key");
        Assert.Equal(["i1", "i2", "i3"], items.Strings("key"));
        Assert.Equal(0, items.Column<int>("item")[1]);   // i2 kept the id the events gave it
        Assert.Equal(0, items.Column<int>("category")[0]);  // c1, known from the events
        Assert.True(items["category"].IsNull(1));
        Assert.Equal(9.99, items.Column<double>("price")[0]);
        Assert.True(items["price"].IsNull(1));             // 'abc' is no price
        Assert.Equal(["acme", "beta", "<null>"], items.Strings("brand"));
        Assert.Equal(["red", "green", "yellow"], items.Strings("color"));
        Assert.Equal(5L, items.Column<long>("stock")[0]);
        Assert.True(items["stock"].IsNull(2));
        var rejects = c.Query("SELECT * FROM rejects ORDER BY line");
        Assert.Equal([3L, 5L], rejects.Column<long>("line").Values.ToArray());
        Assert.Equal(["missing_field", "duplicate"], rejects.Strings("reason"));
        Assert.Contains("blue", rejects.Column<string?>("raw")[0], StringComparison.Ordinal);
        Assert.Contains("repeats line 2", rejects.Column<string?>("detail")[1], StringComparison.Ordinal);
        Assert.True(store.LoadItems(csv).AlreadyIngested);
    }

    [Fact]
    public void Users_load_uses_the_first_column_and_a_new_file_replaces_rows()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        store.LoadUsers(Write("u1.csv", "uid,age,segment\nu1,31,a\nu2,45,b\n"));

        var second = store.LoadUsers(Write("u2.csv", "uid,age\nu2,46\nu3,20\n"));

        Assert.Equal(2, second.Accepted);
        var users = store.Connection.Query("SELECT d.key, u.age, u.segment FROM users u JOIN ids_user d ON d.id = u.user ORDER BY d.key");
        Assert.Equal(["u1", "u2", "u3"], users.Strings("key"));
        Assert.Equal([31L, 46L, 20L], users.Column<long>("age").Values.ToArray());
        Assert.Equal(["a", "b", "<null>"], users.Strings("segment"));
    }

    [Fact]
    public void Quality_report_summarises_the_store_and_round_trips_as_camel_case_json()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));
        SourceRow[] rows =
        [
            new("A", "i1", CanonicalAction.View, T0, Category: "c1"),
            new("A", "i2", CanonicalAction.Cart, T0.AddMinutes(1), Category: "c1"),
            new("A", "i2", CanonicalAction.Buy, T0.AddMinutes(2), 5.0, "c2"),
            new("B", null, CanonicalAction.Search, T0.AddHours(2), Query: "q"),
            new("B", "i1", CanonicalAction.View, T0.AddHours(3)),
            new("x", "x", CanonicalAction.View, T0, Reject: RejectReason.Duplicate),
            new("x", "x", CanonicalAction.View, T0, Reject: RejectReason.UnparsableField),
            new("C", "i3", CanonicalAction.View, T0.AddDays(1)),
        ];
        store.IngestEvents(Write("e", "e"), "synthetic", SyntheticReader.Events(rows));
        store.IngestExposures(Write("x", "x"), "generic", (d, sink, ct) =>
        {
            var batch = new ExposureBatch(16) { Count = 3 };
            for (var i = 0; i < 3; i++)
            {
                batch.User[i] = d.Users.GetOrAdd(("u" + i).AsSpan());
                batch.Campaign[i] = d.Campaigns.GetOrAdd((i == 2 ? "spring" : "nov").AsSpan());
                batch.Arm[i] = "treatment";
                batch.Item[i] = -1;
                batch.Propensity[i] = double.NaN;
                batch.SourceLine[i] = i + 2;
            }

            sink.WriteExposures(batch);
            return new IngestCounts(3, 3, 0);
        });
        store.Sessionize();

        var report = store.QualityReport();

        Assert.Equal((2L, 11L, 9L, 2L), (report.SourceFiles, report.Read, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { ["duplicate"] = 1, ["unparsable_field"] = 1 }, report.RejectsByReason);
        Assert.Equal(6, report.Events);
        Assert.Equal(3, report.EventsByAction["view"]);
        Assert.Equal(1, report.EventsByAction["buy"]);
        Assert.Equal(0, report.EventsByAction["remove_from_cart"]);
        Assert.Equal(CanonicalActions.All.Count, report.EventsByAction.Count);
        Assert.Equal(T0, report.FirstEvent);
        Assert.Equal(T0.AddDays(1), report.LastEvent);
        Assert.Equal((3L, 3L, 2L), (report.DistinctUsers, report.DistinctItems, report.DistinctCategories));
        Assert.Equal(4, report.DistinctSessions);   // A: one; B: two (1 h apart); C: one
        Assert.Equal(0, report.EventsWithoutSession);
        Assert.Equal(3, report.Exposures);
        Assert.Equal(new Dictionary<string, long> { ["nov"] = 2, ["spring"] = 1 }, report.ExposuresByCampaign);
        Assert.Equal(new CountDistribution(3, 2.0, 1, 2.0, 2.8, 2.98, 3), report.EventsPerUser with { P90 = Math.Round(report.EventsPerUser.P90, 10), P99 = Math.Round(report.EventsPerUser.P99, 10) });
        Assert.Equal(4, report.EventsPerSession.Count);
        Assert.Equal(3, report.EventsPerSession.Max);
        Assert.Equal(1.0 / 11, report.DuplicateShare, 12);

        var json = report.ToJson();
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(11, doc.RootElement.GetProperty("read").GetInt64());
        Assert.Equal(1, doc.RootElement.GetProperty("eventsByAction").GetProperty("buy").GetInt64());
        Assert.Equal(3, doc.RootElement.GetProperty("eventsPerUser").GetProperty("max").GetInt64());
        Assert.True(doc.RootElement.TryGetProperty("duplicateShare", out _));
        var back = QualityReport.FromJson(json);
        Assert.Equal(report.EventsPerUser, back.EventsPerUser);
        Assert.Equal(report.LastEvent, back.LastEvent);
        Assert.Equal(report.RejectsByReason, back.RejectsByReason);
    }

    [Fact]
    public void Quality_report_of_an_empty_store_has_zeros_and_no_time_range()
    {
        using var store = EventStore.Open(_dir.File("s.duckdb"));

        var report = store.QualityReport();

        Assert.Equal(0, report.Read);
        Assert.Null(report.FirstEvent);
        Assert.Equal(CountDistribution.Empty, report.EventsPerUser);
        Assert.Equal(0, report.DuplicateShare);
        Assert.Contains("\"eventsPerSession\"", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_to_parquet_and_back_keeps_header_rows_and_values()
    {
        var csv = Write("in.csv", "user_id,item_id,behavior,ts\n1,10,pv,2017-11-25 01:02:03\n2,,buy,2017-11-26 00:00:00\n");
        var parquet = _dir.File("out.parquet");

        Assert.Equal(2, ParquetFiles.CsvToParquet(csv, parquet));
        string text;
        string path;
        using (var back = ParquetFiles.ParquetToTemporaryCsv(parquet))
        {
            path = back.Path;
            text = File.ReadAllText(back.Path);
        }

        Assert.Equal("user_id,item_id,behavior,ts\n1,10,pv,2017-11-25 01:02:03\n2,,buy,2017-11-26 00:00:00\n", text.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(path));
        var missing = Assert.Throws<CausalCart.Store.DuckDb.DuckDbException>(() => ParquetFiles.ParquetToCsv(_dir.File("none.parquet"), _dir.File("x.csv")));
        Assert.Contains("none.parquet", missing.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, content);
        return path;
    }
}
