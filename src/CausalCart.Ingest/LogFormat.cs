namespace CausalCart.Ingest;

/// <summary>
/// The layout of an event log: one of the public data sets' own layouts, the project's generic CSV,
/// or a caller-supplied <see cref="ColumnMapping"/>. Names for files and the command line come from
/// <see cref="LogFormats"/> (<c>taobao</c>, <c>retailrocket</c>, <c>rees46</c>, <c>yoochoose</c>, <c>generic</c>, <c>custom</c>).
/// </summary>
public enum LogFormat
{
    /// <summary>
    /// The project's own CSV: a header naming <c>user_id, item_id, category_id, action, timestamp</c> and
    /// optionally <c>price, session_id, query</c>, in any order; other columns are ignored and listed in
    /// <see cref="IngestCounts.Warnings"/>. Actions are canonical names (<c>view</c>, <c>click</c>, …).
    /// Timestamps are ISO-8601 with <c>Z</c> or an offset, or unix seconds or milliseconds, told apart per
    /// value by magnitude (below 1e11 is seconds) unless <see cref="EventReaderOptions.TimestampFormat"/>
    /// fixes the unit. Ids may be any text. <c>item_id</c> may be empty only on a <c>search</c> row;
    /// an empty <c>category_id</c>, <c>price</c>, <c>session_id</c> or <c>query</c> means "absent".
    /// </summary>
    Generic,

    /// <summary>
    /// Alibaba Taobao UserBehavior: no header, five columns <c>user_id, item_id, category_id, behavior,
    /// timestamp</c>; behavior <c>pv|cart|fav|buy</c> becomes view, cart, fav, buy; timestamp in unix seconds.
    /// </summary>
    Taobao,

    /// <summary>
    /// RetailRocket <c>events.csv</c>: header <c>timestamp,visitorid,event,itemid,transactionid</c>; timestamp
    /// in unix milliseconds; event <c>view|addtocart|transaction</c> becomes view, cart, buy; the visitor is
    /// the user; <c>transactionid</c> is read past. There is no category.
    /// </summary>
    RetailRocket,

    /// <summary>
    /// REES46 multi-category store: header <c>event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session</c>;
    /// <c>event_time</c> like <c>2019-10-01 00:00:00 UTC</c>; event_type <c>view|cart|remove_from_cart|purchase</c>
    /// becomes view, cart, remove_from_cart, buy; <c>user_session</c> is the session key
    /// (<see cref="IdDictionaries.Sessions"/>); <c>category_code</c> and <c>brand</c> are read past.
    /// </summary>
    Rees46,

    /// <summary>
    /// YOOCHOOSE (RecSys Challenge 2015), no header. A clicks file has <c>session_id,timestamp,item_id,category</c>
    /// (every row a click); a buys file has <c>session_id,timestamp,item_id,price,quantity</c> (every row a buy,
    /// quantity read past). Timestamps are ISO-8601 with <c>Z</c>. The category (<c>S</c>, <c>0</c>, a category
    /// number or a brand id) is kept verbatim as the category key. The data set has no user id: the session
    /// is the user, so the session key goes to both <see cref="IdDictionaries.Users"/> and
    /// <see cref="IdDictionaries.Sessions"/>. Clicks and buys are told apart by the first row's column count
    /// (4 or 5) unless <see cref="EventReaderOptions.YoochooseFile"/> says which.
    /// </summary>
    Yoochoose,

    /// <summary>Any other layout, described by <see cref="EventReaderOptions.Mapping"/>.</summary>
    Custom,
}
