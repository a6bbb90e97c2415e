namespace CausalCart.Features.Study;

/// <summary>The spec's <c>who_responds</c> block.</summary>
public sealed record WhoRespondsSpec
{
    /// <summary>(<c>groups</c>) Equal-sized response groups, ranked by predicted effect: 2 to 10, default 5.</summary>
    public int Groups { get; init; } = 5;

    /// <summary>(<c>segment</c>) A column of the study's unit table (a covariate such as <c>buys_30d</c>) whose values, or
    /// quartiles when it has many, are reported as segments; null for none.</summary>
    public string? Segment { get; init; }
}
