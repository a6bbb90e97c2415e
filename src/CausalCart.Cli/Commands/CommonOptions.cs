using System.CommandLine;

namespace CausalCart.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Write the result record as JSON to stdout (with its schema version)." };

    public static Option<int> Seed(int defaultValue = 1) => new("--seed")
    {
        Description = "Seed of every stochastic step; the same seed gives the same result.",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<string> Store(bool required) => new("--store")
    {
        Description = "The DuckDB event store file.",
        Required = required,
    };

    public static Option<bool> AllowPoorOverlap() => new("--allow-poor-overlap")
    {
        Description = "Show estimates (with warnings) even when treated and control units overlap too little; otherwise exit code 4.",
    };

    public static Option<bool> FailOnRefutation() => new("--fail-on-refutation")
    {
        Description = "Exit with code 5 when a refutation test fails.",
    };

    public static Option<int> Simulations() => new("--refutation-simulations")
    {
        Description = "Simulations per refutation test.",
        DefaultValueFactory = _ => 50,
    };

    public static Option<string?> Report() => new("--report") { Description = "Write the report to this file: .html (self-contained, offline), .md or .json." };

    /// <summary>ShopSim's coupon policy option (<c>--targeting linear|rules</c>).</summary>
    public static Option<Simulation.TargetingShape> Targeting(string description) => new("--targeting")
    {
        Description = description,
        DefaultValueFactory = _ => Simulation.TargetingShape.Linear,
    };

    /// <summary>ShopSim's untreated-buying option (<c>--baseline linear|rules</c>).</summary>
    public static Option<Simulation.BaselineShape> Baseline(string description) => new("--baseline")
    {
        Description = description,
        DefaultValueFactory = _ => Simulation.BaselineShape.Linear,
    };

    public static List<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
