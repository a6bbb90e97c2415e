namespace CausalCart.Features.Study;

/// <summary>The layout of an event log file named in <see cref="DataSource.Events"/>. Spec names in brackets.</summary>
public enum EventLogFormat
{
    /// <summary>(<c>generic</c>) CausalCart's own CSV layout.</summary>
    Generic,

    /// <summary>(<c>taobao</c>) Taobao user behaviour (UserBehavior.csv).</summary>
    Taobao,

    /// <summary>(<c>retailrocket</c>) RetailRocket events.csv.</summary>
    RetailRocket,

    /// <summary>(<c>rees46</c>) REES46 multi-category store logs.</summary>
    Rees46,

    /// <summary>(<c>yoochoose</c>) YOOCHOOSE clicks and buys.</summary>
    Yoochoose,
}
