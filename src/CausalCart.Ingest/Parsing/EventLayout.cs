using CausalCart.Core.Events;

namespace CausalCart.Ingest.Parsing;

/// <summary>Everything an event reader needs to turn a row of one file into an event: column positions, action map, timestamp format.</summary>
internal sealed class EventLayout
{
    private const int U = (int)EventColumn.UserId;
    private const int I = (int)EventColumn.ItemId;
    private const int C = (int)EventColumn.CategoryId;
    private const int A = (int)EventColumn.Action;
    private const int T = (int)EventColumn.Timestamp;
    private const int P = (int)EventColumn.Price;
    private const int S = (int)EventColumn.SessionId;
    private const int Q = (int)EventColumn.Query;

    private static readonly string[] TaobaoColumns = ["user_id", "item_id", "category_id", "behavior", "timestamp"];
    private static readonly string[] YoochooseClickColumns = ["session_id", "timestamp", "item_id", "category"];
    private static readonly string[] YoochooseBuyColumns = ["session_id", "timestamp", "item_id", "price", "quantity"];

    private EventLayout(ColumnLayout columns, ActionMap actions, CanonicalAction? fixedAction, TimestampFormat timestamp)
    {
        Columns = columns;
        Actions = actions;
        FixedAction = fixedAction;
        Timestamp = timestamp;
    }

    public ColumnLayout Columns { get; }

    public ActionMap Actions { get; }

    public CanonicalAction? FixedAction { get; }

    public TimestampFormat Timestamp { get; }

    /// <summary>Whether the format's first row is a header.</summary>
    public static bool HasHeader(EventReaderOptions options) => options.Format switch
    {
        LogFormat.Taobao or LogFormat.Yoochoose => false,
        LogFormat.Custom => options.Mapping!.HasHeader,
        _ => true,
    };

    /// <summary>The format's delimiter byte.</summary>
    public static byte Delimiter(EventReaderOptions options) => options.Format == LogFormat.Custom ? (byte)options.Mapping!.Delimiter : (byte)',';

    /// <summary>
    /// Resolves the layout of one file from its header (formats with one) or from the first row's field
    /// count (YOOCHOOSE auto-detection).
    /// </summary>
    public static EventLayout Resolve(EventReaderOptions options, string source, string[]? header, int firstRowFields)
    {
        var roles = EventColumns.Names;
        switch (options.Format)
        {
            case LogFormat.Taobao:
                return new(
                    ColumnLayout.FromPositions(5, TaobaoColumns, roles, [new(U, "1", true), new(I, "2", true), new(C, "3", true), new(A, "4", true), new(T, "5", true)]),
                    new ActionMap([Entry("pv", CanonicalAction.View), Entry("cart", CanonicalAction.Cart), Entry("fav", CanonicalAction.Fav), Entry("buy", CanonicalAction.Buy)]),
                    null,
                    TimestampFormat.UnixSeconds);
            case LogFormat.RetailRocket:
                return new(
                    ColumnLayout.FromHeader(source, "the retailrocket format", header!, roles, [new(T, "timestamp", true), new(U, "visitorid", true), new(A, "event", true), new(I, "itemid", true)], ["transactionid"]),
                    new ActionMap([Entry("view", CanonicalAction.View), Entry("addtocart", CanonicalAction.Cart), Entry("transaction", CanonicalAction.Buy)]),
                    null,
                    TimestampFormat.UnixMilliseconds);
            case LogFormat.Rees46:
                return new(
                    ColumnLayout.FromHeader(
                        source,
                        "the rees46 format",
                        header!,
                        roles,
                        [new(T, "event_time", true), new(A, "event_type", true), new(I, "product_id", true), new(C, "category_id", true), new(P, "price", true), new(U, "user_id", true), new(S, "user_session", true)],
                        ["category_code", "brand"]),
                    new ActionMap([Entry("view", CanonicalAction.View), Entry("cart", CanonicalAction.Cart), Entry("remove_from_cart", CanonicalAction.RemoveFromCart), Entry("purchase", CanonicalAction.Buy)]),
                    null,
                    TimestampFormat.Iso8601);
            case LogFormat.Yoochoose:
                var buys = options.YoochooseFile == YoochooseFile.Buys || (options.YoochooseFile == YoochooseFile.Auto && firstRowFields == 5);
                return buys
                    ? new(
                        ColumnLayout.FromPositions(5, YoochooseBuyColumns, roles, [new(U, "1", true), new(S, "1", true), new(T, "2", true), new(I, "3", true), new(P, "4", true)]),
                        ActionMap.Canonical(),
                        CanonicalAction.Buy,
                        TimestampFormat.Iso8601)
                    : new(
                        ColumnLayout.FromPositions(4, YoochooseClickColumns, roles, [new(U, "1", true), new(S, "1", true), new(T, "2", true), new(I, "3", true), new(C, "4", true)]),
                        ActionMap.Canonical(),
                        CanonicalAction.Click,
                        TimestampFormat.Iso8601);
            case LogFormat.Custom:
                return FromMapping(options.Mapping!, source, header);
            default:
                return new(
                    ColumnLayout.FromHeader(
                        source,
                        "the generic format",
                        header!,
                        roles,
                        [new(U, "user_id", true), new(I, "item_id", true), new(C, "category_id", true), new(A, "action", true), new(T, "timestamp", true), new(P, "price", false), new(S, "session_id", false), new(Q, "query", false)],
                        []),
                    ActionMap.Canonical(),
                    null,
                    options.TimestampFormat);
        }
    }

    private static EventLayout FromMapping(ColumnMapping mapping, string source, string[]? header)
    {
        var roles = EventColumns.Names;
        var specs = mapping.Columns.Select(kv => new RoleSpec((int)kv.Key, kv.Value, true)).OrderBy(s => s.Role).ToArray();
        var columns = mapping.HasHeader
            ? ColumnLayout.FromHeader(source, "the column mapping", header!, roles, specs, [])
            : ColumnLayout.FromPositions(mapping.ColumnCount ?? specs.Max(s => int.Parse(s.Column, System.Globalization.CultureInfo.InvariantCulture)), null, roles, specs);
        return new(columns, ActionMap.WithCanonical(mapping.Actions), mapping.FixedAction, mapping.Timestamp);
    }

    private static KeyValuePair<string, CanonicalAction> Entry(string value, CanonicalAction action) => KeyValuePair.Create(value, action);
}
