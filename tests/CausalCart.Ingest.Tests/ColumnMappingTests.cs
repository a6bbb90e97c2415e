using CausalCart.Core.Events;

namespace CausalCart.Ingest.Tests;

public sealed class ColumnMappingTests
{
    [Fact]
    public void Yaml_mapping_reads_a_custom_layout()
    {
        var mapping = ColumnMapping.FromYaml("""
            columns: { user_id: visitor, item_id: sku, action: event, timestamp: ts, price: amount }
            actions: { pageview: view, add: cart }
            timestamp: ms
            delimiter: ';'
            header: true
            """);
        const string text = "ts;visitor;sku;event;amount;note\n1714550400123;v1;s1;pageview;;a\n1714550400124;v1;s1;add;3,5;b\n1714550400125;v1;s1;cart;1;c\n1714550400126;v1;s1;zoom;1;d\n";
        var (counts, sink, _) = Ingest.Read(Ingest.Options(mapping), text);

        Assert.Equal((4L, 2L, 2L), (counts.Read, counts.Accepted, counts.Rejected));
        Assert.Equal("Columns ignored (not used by the column mapping): 'note'.", Assert.Single(counts.Warnings));
        Assert.Equal([CanonicalAction.View, CanonicalAction.Cart], sink.Events.Select(e => e.Action));
        Assert.Equal(RejectReason.UnparsableField, sink.Rejects[0].Reason);
        Assert.Equal("column 'amount' (price) value '3,5' is not a number", sink.Rejects[0].Detail);
        Assert.Equal(3, sink.Rejects[0].Line);
        Assert.Equal(RejectReason.UnknownAction, sink.Rejects[1].Reason);
        Assert.Equal(5, sink.Rejects[1].Line);
        Assert.Equal("column 'event' (action) value 'zoom' is not one of pageview, add, view, click, cart, fav, buy, search, remove_from_cart", sink.Rejects[1].Detail);
        Assert.Equal([2L, 4], sink.Events.Select(e => e.Line));
    }

    [Fact]
    public void Yaml_mapping_without_a_header_uses_one_based_positions_and_a_fixed_action()
    {
        var mapping = ColumnMapping.FromYaml("""
            columns: { user_id: "2", item_id: "3", timestamp: "1" }
            fixed_action: fav
            timestamp: iso
            header: false
            column_count: 4
            delimiter: tab
            """);
        var (counts, sink, _) = Ingest.Read(Ingest.Options(mapping), "2024-05-01T08:00:00Z\tu\ti\tnote\n2024-05-01T08:00:01Z\tu\ti\n");

        Assert.Equal((2L, 1L, 1L), (counts.Read, counts.Accepted, counts.Rejected));
        Assert.Equal(CanonicalAction.Fav, sink.Events[0].Action);
        Assert.Equal("row has 3 fields, expected 4 (column 1, column 2, column 3, column 4)", sink.Rejects[0].Detail);
    }

    [Fact]
    public void Command_line_mapping_parses_columns_and_actions()
    {
        var mapping = ColumnMapping.Parse("user_id=visitor,item_id=sku,action=event,timestamp=ts", "pageview=view,add=cart");

        Assert.Equal("visitor", mapping.Columns[EventColumn.UserId]);
        Assert.Equal("ts", mapping.Columns[EventColumn.Timestamp]);
        Assert.Equal(CanonicalAction.Cart, mapping.Actions["add"]);
        var (_, sink, _) = Ingest.Read(Ingest.Options(mapping), "visitor,sku,event,ts\nv,s,pageview,1714550400\nv,s,add,1714550400\nv,s,PAGEVIEW,1714550401\n");
        Assert.Equal([CanonicalAction.View, CanonicalAction.Cart, CanonicalAction.View], sink.Events.Select(e => e.Action));
    }

    [Fact]
    public void Unknown_yaml_key_is_named_with_the_valid_keys()
    {
        var e = Assert.Throws<FormatException>(() => ColumnMapping.FromYaml("columns: { user_id: a, item_id: b, action: c, timestamp: d }\ndelimeter: ';'\n"));

        Assert.Equal("Unknown key 'delimeter' in the column mapping. Valid keys: columns, actions, fixed_action, timestamp, delimiter, header, column_count.", e.Message);
    }

    [Fact]
    public void Unknown_role_is_named_with_the_valid_roles()
    {
        var yaml = Assert.Throws<FormatException>(() => ColumnMapping.FromYaml("columns: { user: a, item_id: b, action: c, timestamp: d }\n"));
        var text = Assert.Throws<FormatException>(() => ColumnMapping.Parse("user=a,item_id=b,action=c,timestamp=d"));

        foreach (var e in new[] { yaml, text })
        {
            Assert.Contains("Unknown column role 'user'", e.Message, StringComparison.Ordinal);
            Assert.Contains("user_id, item_id, category_id, action, timestamp, price, session_id, query", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unknown_action_target_timestamp_format_and_bad_values_are_clear_errors()
    {
        Assert.Contains("'look' maps to 'peek'", Assert.Throws<FormatException>(() => ColumnMapping.Parse("user_id=a,item_id=b,action=c,timestamp=d", "look=peek")).Message, StringComparison.Ordinal);
        Assert.Contains("Valid formats: auto, s, ms, iso", Assert.Throws<FormatException>(() => ColumnMapping.FromYaml("columns: { user_id: a, item_id: b, action: c, timestamp: d }\ntimestamp: us\n")).Message, StringComparison.Ordinal);
        Assert.Contains("header 'maybe'", Assert.Throws<FormatException>(() => ColumnMapping.FromYaml("columns: { user_id: a, item_id: b, action: c, timestamp: d }\nheader: maybe\n")).Message, StringComparison.Ordinal);
        Assert.Contains("not of the form key=value", Assert.Throws<FormatException>(() => ColumnMapping.Parse("user_id")).Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", Assert.Throws<FormatException>(() => ColumnMapping.FromYaml("columns: { user_id: a")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Incomplete_mapping_names_the_missing_role()
    {
        var e = Assert.Throws<ArgumentException>(() => ColumnMapping.Parse("user_id=a,action=c,timestamp=d"));

        Assert.Contains("no 'item_id' column", e.Message, StringComparison.Ordinal);
        Assert.Contains("neither an 'action' column", Assert.Throws<ArgumentException>(() => ColumnMapping.Parse("user_id=a,item_id=b,timestamp=d")).Message, StringComparison.Ordinal);
        Assert.Contains("1-based positions", Assert.Throws<ArgumentException>(() => ColumnMapping.FromYaml("columns: { user_id: a, item_id: b, action: c, timestamp: d }\nheader: false\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_file_is_loaded_and_a_missing_one_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mapping-{Guid.NewGuid():N}.yaml");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => ColumnMapping.LoadYaml(path)).Message, StringComparison.Ordinal);
        File.WriteAllText(path, "columns: { user_id: a, item_id: b, action: c, timestamp: d }\nbogus: 1\n");
        try
        {
            var e = Assert.Throws<FormatException>(() => ColumnMapping.LoadYaml(path));
            Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("'bogus'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
