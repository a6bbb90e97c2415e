using System.CommandLine;
using System.Globalization;
using CausalCart.Core.Errors;
using CausalCart.Pipeline.Modeling;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart model train | evaluate | predict</c>: the behaviour model (a Transformer over event sequences).</summary>
internal static partial class ModelCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create(CliConsole console)
    {
        var command = new Command("model", """
            The behaviour model: a Transformer trained on users' event sequences that predicts the next item,
            the next action and a purchase within a horizon (see src/CausalCart.Sequence/README.md).

            Examples:
              causalcart model train --store shop.duckdb --cut 2024-03-20 --checkpoint shop.ccseq
              causalcart model evaluate --checkpoint shop.ccseq --store shop.duckdb
              causalcart model predict --checkpoint shop.ccseq --store shop.duckdb --user 42
            """)
        {
            Train(console),
            Evaluate(console),
            Predict(console),
        };
        return command;
    }

    private static Option<string> Checkpoint(string description) => new("--checkpoint") { Description = description, Required = true };

    private static Option<string?> Sequences() => new("--sequences") { Description = "A sequence file: one user per line, 'user item1 item2 …' oldest first (the amazon_sequences format)." };

    private static Option<string?> Cut() => new("--cut")
    {
        Description = "With --store: the time cut (ISO 8601, UTC unless an offset is given). Training histories are the events strictly before it; " +
            "purchase labels and the time-split next event lie after it. Default: one purchase horizon before the last event.",
    };

    private static Option<string?> OptionalStore() => new("--store") { Description = "The DuckDB event store file." };

    private static ModelDataSource Source(string? store, string? sequences, string? cut) => new()
    {
        StorePath = store,
        SequencesPath = sequences,
        Cut = cut is null ? null : ModelDataLoader.ParseCut(cut),
    };

    private static List<int> ParseCutOffs(string text)
    {
        var ks = new List<int>();
        foreach (var part in CommonOptions.SplitList(text))
        {
            if (!int.TryParse(part, NumberStyles.None, Inv, out var k) || k < 1)
            {
                throw new CausalCartException(ErrorKind.Usage, $"--k '{text}': '{part}' is not a positive integer; give e.g. 5,10,20.");
            }

            ks.Add(k);
        }

        return ks.Count == 0 ? throw new CausalCartException(ErrorKind.Usage, "--k needs at least one cut-off, e.g. 5,10,20.") : ks;
    }
}
