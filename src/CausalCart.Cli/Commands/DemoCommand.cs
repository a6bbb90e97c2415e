using System.CommandLine;
using CausalCart.Pipeline.Analysis;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart demo</c>.</summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var users = new Option<int>("--users") { Description = "Simulated users.", DefaultValueFactory = _ => 20_000 };
        var seed = CommonOptions.Seed();
        var output = new Option<string>("--out") { Description = "Directory for the world, the store and the reports.", DefaultValueFactory = _ => "causalcart-demo" };
        var simulations = CommonOptions.Simulations();
        var json = CommonOptions.Json();
        var command = new Command("demo", """
            Simulates a shop with a confounded coupon campaign, ingests it, analyses the campaign and writes
            report.html, report.md and result.json, comparing every estimate with the simulator's truth.

            Examples:
              causalcart demo
              causalcart demo --users 50000 --seed 7 --out /tmp/demo --json
            """)
        {
            users, seed, output, simulations, json,
        };
        command.SetAction((parse, ct) =>
        {
            var options = new DemoOptions
            {
                Users = parse.GetValue(users),
                Seed = parse.GetValue(seed),
                OutputDirectory = parse.GetValue(output)!,
                RefutationSimulations = parse.GetValue(simulations),
            };
            return Task.FromResult(Run(console, options, parse.GetValue(json), ct));
        });
        return command;
    }

    private static int Run(CliConsole console, DemoOptions options, bool json, CancellationToken ct)
    {
        var result = DemoService.Run(options, console.Progress(), ct);
        console.EndProgress();
        if (json)
        {
            console.WriteJson(result.Analysis);
        }
        else
        {
            ResultOutput.WriteSummary(console, result.Analysis);
            console.Line();
            console.Line($"Report:  {result.HtmlReport}");
            console.Line($"Also:    {result.MarkdownReport}, {result.JsonResult}");
            console.Line($"Store:   {result.StorePath}   Spec: {result.SpecPath} (re-run with: causalcart analyze {result.SpecPath})");
        }

        return ExitCodes.Ok;
    }
}
