using System.CommandLine;
using System.Text.Json;
using CausalCart.Cli.Commands;
using CausalCart.Core.Errors;
using CausalCart.Features.Study;

namespace CausalCart.Cli;

/// <summary>The <c>causalcart</c> command: builds the command tree and maps failures to exit codes.</summary>
public static class CausalCartCli
{
    /// <summary>Builds the root command for a console.</summary>
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("""
            CausalCart: causal inference on e-commerce behaviour logs.

            Examples:
              causalcart demo
              causalcart simulate --users 100000 --seed 1 --out world/
              causalcart ingest world/ --format generic --store shop.duckdb --json
              causalcart inspect --store shop.duckdb
              causalcart analyze study.yaml --report report.html
              causalcart estimate --data units.csv --treatment coupon --outcome bought --controls age,segment
              causalcart graph identify causes.dot --treatment coupon --outcome bought
            Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 input rejected, 4 not identifiable / no overlap, 5 refutation failed, 130 cancelled.
            """)
        {
            DemoCommand.Create(console),
            SimulateCommand.Create(console),
            IngestCommand.Create(console),
            InspectCommand.Create(console),
            AnalyzeCommand.Create(console),
            EstimateCommand.Create(console),
            DidCommand.Create(console),
            IvCommand.Create(console),
            ValidateCommand.Create(console),
            GraphCommand.Create(console),
            ModelCommand.Create(console),
        };
        return root;
    }

    /// <summary>Parses and runs the arguments; never throws.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var parse = Build(console).Parse(args);
            var config = new InvocationConfiguration { Output = console.Output, Error = console.Error, EnableDefaultExceptionHandler = false };
            var code = await parse.InvokeAsync(config, cancel.Token).ConfigureAwait(false);
            return parse.Errors.Count > 0 && code != 0 ? ExitCodes.Usage : code;
        }
        catch (Exception ex)
        {
            return Fail(console, ex);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Writes a failure to stderr and returns its exit code.</summary>
    public static int Fail(CliConsole console, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(ex);
        console.EndProgress();
        switch (ex)
        {
            case OperationCanceledException:
                console.Info("cancelled");
                return ExitCodes.Cancelled;
            case CausalCartException cc:
                console.Info($"error: {cc.Message}");
                return ExitCodes.For(cc.Kind);
            case StudySpecException spec:
                console.Info($"error: {spec.Message}");
                return ExitCodes.Usage;
            case FileNotFoundException or DirectoryNotFoundException or InvalidDataException or FormatException or JsonException:
                console.Info($"error: {ex.Message}");
                return ExitCodes.Usage;
            case ArgumentException arg:
                console.Info($"error: {UserMessage.Of(arg)}");
                return ExitCodes.Usage;
            default:
                console.Info($"unexpected error: {ex}");
                return ExitCodes.Unexpected;
        }
    }
}
