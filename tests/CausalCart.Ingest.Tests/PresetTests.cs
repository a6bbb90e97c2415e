using CausalCart.Core.Events;

namespace CausalCart.Ingest.Tests;

public sealed class PresetTests
{
    [Fact]
    public void Taobao_maps_behaviours_and_reads_unix_seconds()
    {
        const string text = "1,100,10,pv,1511658000\n1,101,10,cart,1511658001\n2,100,10,fav,1511658002\n2,102,11,buy,1511658003\n";
        var (counts, sink, ids) = Ingest.Read(Ingest.Options(LogFormat.Taobao), text);

        Assert.Equal(new IngestCounts(4, 4, 0), counts);
        Assert.Equal([CanonicalAction.View, CanonicalAction.Cart, CanonicalAction.Fav, CanonicalAction.Buy], sink.Events.Select(e => e.Action));
        Assert.Equal(1_511_658_000_000_000L, sink.Events[0].TimestampMicros);
        Assert.Equal(["1", "1", "2", "2"], sink.Events.Select(e => e.User));
        Assert.Equal(["10", "10", "10", "11"], sink.Events.Select(e => e.Category));
        Assert.Equal([1L, 2, 3, 4], sink.Events.Select(e => e.Line));
        Assert.All(sink.Events, e => Assert.True(double.IsNaN(e.Price)));
        Assert.All(sink.Events, e => Assert.Null(e.Session));
        Assert.Equal(2, ids.Users.Count);
        Assert.Equal(3, ids.Items.Count);
    }

    [Fact]
    public void Taobao_rejects_an_unknown_behaviour_naming_the_valid_ones()
    {
        var (_, sink, _) = Ingest.Read(Ingest.Options(LogFormat.Taobao), "1,100,10,clik,1511658000\n");

        var reject = Assert.Single(sink.Rejects);
        Assert.Equal(RejectReason.UnknownAction, reject.Reason);
        Assert.Equal("column 'behavior' (action) value 'clik' is not one of pv, cart, fav, buy", reject.Detail);
        Assert.Equal("1,100,10,clik,1511658000", reject.RawText);
    }

    [Fact]
    public void RetailRocket_reads_milliseconds_and_maps_events()
    {
        const string text = "timestamp,visitorid,event,itemid,transactionid\n" +
                            "1433221332117,257597,view,355908,\n" +
                            "1433224214164,992329,addtocart,248676,\n" +
                            "1433221999827,111016,transaction,318965,4000\n";
        var (counts, sink, _) = Ingest.Read(Ingest.Options(LogFormat.RetailRocket), text);

        Assert.Equal(new IngestCounts(3, 3, 0), counts);
        Assert.Empty(counts.Warnings);
        Assert.Equal([CanonicalAction.View, CanonicalAction.Cart, CanonicalAction.Buy], sink.Events.Select(e => e.Action));
        Assert.Equal(1_433_221_332_117_000L, sink.Events[0].TimestampMicros);
        Assert.Equal(["257597", "992329", "111016"], sink.Events.Select(e => e.User));
        Assert.All(sink.Events, e => Assert.Null(e.Category));
        Assert.Equal([2L, 3, 4], sink.Events.Select(e => e.Line));
    }

    [Fact]
    public void Rees46_reads_utc_times_prices_and_sessions()
    {
        const string text = "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n" +
                            "2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c\n" +
                            "2019-10-01 00:00:01 UTC,cart,3900821,2053013552326770905,appliances.environment.water_heater,aqua,33.20,554748717,9333dfbd-b87a-4708-9857-6336556b0fcc\n" +
                            "2019-10-01 00:00:02 UTC,remove_from_cart,3900821,2053013552326770905,,aqua,33.20,554748717,9333dfbd-b87a-4708-9857-6336556b0fcc\n" +
                            "2019-10-01 00:00:03 UTC,purchase,3900821,2053013552326770905,,aqua,33.2,554748717,\n";
        var (counts, sink, ids) = Ingest.Read(Ingest.Options(LogFormat.Rees46), text);

        Assert.Equal(new IngestCounts(4, 4, 0), counts);
        Assert.Empty(counts.Warnings);
        Assert.Equal([CanonicalAction.View, CanonicalAction.Cart, CanonicalAction.RemoveFromCart, CanonicalAction.Buy], sink.Events.Select(e => e.Action));
        Assert.Equal(Ingest.Micros("2019-10-01T00:00:00Z"), sink.Events[0].TimestampMicros);
        Assert.Equal(35.79, sink.Events[0].Price);
        Assert.Equal(33.2, sink.Events[3].Price);
        Assert.Equal("2103807459595387724", sink.Events[0].Category);
        Assert.Equal("9333dfbd-b87a-4708-9857-6336556b0fcc", sink.Events[1].Session);
        Assert.Null(sink.Events[3].Session);
        Assert.Equal(2, ids.Sessions.Count);
    }

    [Fact]
    public void Yoochoose_clicks_are_detected_by_four_columns_and_the_session_is_the_user()
    {
        const string text = "1,2014-04-07T10:51:09.277Z,214536502,0\n1,2014-04-07T10:54:09.868Z,214536500,S\n2,2014-04-07T13:56:37.614Z,214662742,2058196446\n";
        var (counts, sink, ids) = Ingest.Read(Ingest.Options(LogFormat.Yoochoose), text);

        Assert.Equal(3, counts.Accepted);
        Assert.Contains(counts.Warnings, w => w.Contains("clicks", StringComparison.Ordinal));
        Assert.All(sink.Events, e => Assert.Equal(CanonicalAction.Click, e.Action));
        Assert.All(sink.Events, e => Assert.Equal(e.User, e.Session));
        Assert.Equal(["0", "S", "2058196446"], sink.Events.Select(e => e.Category));
        Assert.Equal(Ingest.Micros("2014-04-07T10:51:09.277Z"), sink.Events[0].TimestampMicros);
        Assert.Equal(2, ids.Users.Count);
        Assert.Equal(2, ids.Sessions.Count);
    }

    [Fact]
    public void Yoochoose_buys_are_detected_by_five_columns()
    {
        const string text = "420374,2014-04-06T18:44:58.314Z,214537888,12462,1\n420374,2014-04-06T18:44:58.325Z,214537850,10471,1\n";
        var (counts, sink, _) = Ingest.Read(Ingest.Options(LogFormat.Yoochoose), text);

        Assert.Equal(2, counts.Accepted);
        Assert.All(sink.Events, e => Assert.Equal(CanonicalAction.Buy, e.Action));
        Assert.Equal([12462.0, 10471.0], sink.Events.Select(e => e.Price));
        Assert.All(sink.Events, e => Assert.Null(e.Category));
    }

    [Fact]
    public void Yoochoose_file_option_overrides_detection()
    {
        var options = Ingest.Options(LogFormat.Yoochoose) with { YoochooseFile = YoochooseFile.Clicks };
        var (counts, sink, _) = Ingest.Read(options, "420374,2014-04-06T18:44:58.314Z,214537888,12462,1\n");

        Assert.Equal(1, counts.Rejected);
        Assert.Equal(RejectReason.WrongColumnCount, sink.Rejects[0].Reason);
        Assert.Empty(counts.Warnings);
    }

    [Fact]
    public void Generic_resolves_columns_in_any_order_and_warns_about_extra_columns()
    {
        const string text = "timestamp,extra,action,item_id,user_id,category_id,query,session_id,price,other\n" +
                            "2024-05-01T10:00:00+02:00,x,view,i1,u1,c1,,s1,9.5,y\n" +
                            "1714550400,x,search,,u1,,red shoes,s1,,y\n" +
                            "1714550400123,x,BUY,i1,u2,c1,,,10,y\n";
        var (counts, sink, _) = Ingest.Read(Ingest.Options(LogFormat.Generic), text);

        Assert.Equal((3L, 3L, 0L), (counts.Read, counts.Accepted, counts.Rejected));
        Assert.Equal("Columns ignored (not used by the generic format): 'extra', 'other'.", Assert.Single(counts.Warnings));
        Assert.Equal(Ingest.Micros("2024-05-01T08:00:00Z"), sink.Events[0].TimestampMicros);
        Assert.Equal(1_714_550_400_000_000L, sink.Events[1].TimestampMicros);
        Assert.Equal(1_714_550_400_123_000L, sink.Events[2].TimestampMicros);
        Assert.Equal(CanonicalAction.Search, sink.Events[1].Action);
        Assert.Null(sink.Events[1].Item);
        Assert.Null(sink.Events[1].Category);
        Assert.Equal("red shoes", sink.Events[1].Query);
        Assert.Equal(CanonicalAction.Buy, sink.Events[2].Action);
        Assert.Equal("s1", sink.Events[0].Session);
        Assert.Equal(9.5, sink.Events[0].Price);
        Assert.True(double.IsNaN(sink.Events[1].Price));
    }

    [Fact]
    public void Generic_timestamp_unit_can_be_fixed()
    {
        var options = Ingest.Options(LogFormat.Generic) with { TimestampFormat = TimestampFormat.UnixMilliseconds };
        var (_, sink, _) = Ingest.Read(options, "user_id,item_id,category_id,action,timestamp\nu,i,c,view,1714550400123\nu,i,c,view,2024-05-01T08:00:00Z\n");

        Assert.Equal(1_714_550_400_123_000L, Assert.Single(sink.Events).TimestampMicros);
        Assert.Equal(RejectReason.UnparsableField, Assert.Single(sink.Rejects).Reason);
        Assert.Equal("column 'timestamp' value '2024-05-01T08:00:00Z' is not a unix time in milliseconds", sink.Rejects[0].Detail);
    }

    [Fact]
    public void Generic_item_may_be_empty_only_for_search()
    {
        var (_, sink, _) = Ingest.Read(Ingest.Options(LogFormat.Generic), "user_id,item_id,category_id,action,timestamp\nu,,c,view,1714550400\n");

        var reject = Assert.Single(sink.Rejects);
        Assert.Equal(RejectReason.MissingField, reject.Reason);
        Assert.Equal("column 'item_id' is empty (only a search may have no item)", reject.Detail);
        Assert.Equal(2, reject.Line);
    }

    [Fact]
    public void Header_without_a_required_column_names_it_and_lists_what_was_found()
    {
        var e = Assert.Throws<InvalidDataException>(() => Ingest.Read(Ingest.Options(LogFormat.Generic), "user_id,item_id,action,timestamp\nu,i,view,1\n"));

        Assert.Contains("no column 'category_id'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Found: 'user_id', 'item_id', 'action', 'timestamp'", e.Message, StringComparison.Ordinal);
        Assert.Contains("test.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetailRocket_header_missing_visitorid_names_it()
    {
        var e = Assert.Throws<InvalidDataException>(() => Ingest.Read(Ingest.Options(LogFormat.RetailRocket), "timestamp,visitor,event,itemid,transactionid\n"));

        Assert.Contains("no column 'visitorid'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'visitor'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.csv");
        var e = Assert.Throws<FileNotFoundException>(() => new EventReader(Ingest.Options(LogFormat.Taobao)).Read(path, new IdDictionaries(), new CountingSink()));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.FileName);
    }

    [Fact]
    public void Reading_a_file_path_gives_the_same_result_as_a_stream()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ingest-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "1,100,10,pv,1511658000\n1,101,10,cart,1511658001");
        try
        {
            var ids = new IdDictionaries();
            var sink = new CollectingSink(ids);
            var counts = new EventReader(Ingest.Options(LogFormat.Taobao)).Read(path, ids, sink);

            Assert.Equal(new IngestCounts(2, 2, 0), counts);
            Assert.Equal([1L, 2], sink.Events.Select(e => e.Line));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_empty_file_reads_nothing_and_says_so()
    {
        var (counts, _, _) = Ingest.Read(Ingest.Options(LogFormat.Generic), string.Empty);

        Assert.Equal((0L, 0L, 0L), (counts.Read, counts.Accepted, counts.Rejected));
        Assert.Contains("no rows", Assert.Single(counts.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("taobao", LogFormat.Taobao)]
    [InlineData("RetailRocket", LogFormat.RetailRocket)]
    [InlineData(" rees46 ", LogFormat.Rees46)]
    [InlineData("yoochoose", LogFormat.Yoochoose)]
    [InlineData("generic", LogFormat.Generic)]
    [InlineData("custom", LogFormat.Custom)]
    public void Format_names_parse(string name, LogFormat expected)
    {
        Assert.Equal(expected, LogFormats.Parse(name));
        Assert.Equal(expected, LogFormats.Parse(LogFormats.Name(expected)));
    }

    [Fact]
    public void Unknown_format_name_lists_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => LogFormats.Parse("tmall"));

        Assert.Contains("'tmall'", e.Message, StringComparison.Ordinal);
        Assert.Contains("taobao, retailrocket, rees46, yoochoose", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inconsistent_options_are_refused_with_the_setting_named()
    {
        var noMapping = Assert.Throws<ArgumentException>(() => new EventReader(new EventReaderOptions { Format = LogFormat.Custom }));
        Assert.Equal("Mapping", noMapping.ParamName);

        var stray = Assert.Throws<ArgumentException>(() => new EventReader(new EventReaderOptions { Format = LogFormat.Taobao, TimestampFormat = TimestampFormat.UnixMilliseconds }));
        Assert.Equal("TimestampFormat", stray.ParamName);

        var limits = Assert.Throws<ArgumentOutOfRangeException>(() => new EventReader(new EventReaderOptions { Cleaning = new CleaningRules { MaxFieldBytes = 100, MaxRowBytes = 50 } }));
        Assert.Equal("MaxRowBytes", limits.ParamName);
    }
}
