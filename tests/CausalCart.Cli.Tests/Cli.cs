using System.Text.Json;
using CausalCart.Core.Serialization;

namespace CausalCart.Cli.Tests;

/// <summary>Runs the CLI in-process with captured stdout and stderr.</summary>
internal static class Cli
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CausalCartCli.RunAsync(args, new CliConsole(output, error, interactive: false));
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

/// <summary>The result of one CLI run.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public T Json<T>() => CausalCartJson.Deserialize<T>(Stdout);

    public JsonElement JsonElement() => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
