using System.CommandLine;
using CausalCart.Core.Progress;
using CausalCart.Simulation;
using CausalCart.Store;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart simulate</c>.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliConsole console)
    {
        var users = new Option<int>("--users") { Description = "Users to simulate.", DefaultValueFactory = _ => 20_000 };
        var seed = CommonOptions.Seed();
        var output = new Option<string>("--out") { Description = "Output directory (created if missing).", Required = true };
        var historyDays = new Option<int>("--history-days") { Description = "Days of history before the campaign.", DefaultValueFactory = _ => 60 };
        var followUpDays = new Option<int>("--follow-up-days") { Description = "Days simulated after the campaign starts.", DefaultValueFactory = _ => 14 };
        var parquet = new Option<bool>("--parquet") { Description = "Also write events.parquet (through DuckDB)." };
        var targeting = CommonOptions.Targeting("The coupon policy: linear (log-odds linear in recent buys, views and recency) or rules (a nonlinear rule set a logistic model cannot fit).");
        var mediator = new Option<SimulatedMediator>("--mediator")
        {
            Description = "A mediator of the coupon's effect: none, or cart (the coupon raises the chance of a saved cart in the outcome window, which raises buying; writes mediation_users.csv and the true direct and indirect effects in truth.json).",
            DefaultValueFactory = _ => SimulatedMediator.None,
        };
        var baseline = CommonOptions.Baseline("Untreated buying after the campaign: linear (as before it) or rules (lapsing users, 1-3 recent buys and a last visit 3-10 days ago, buy much less unless they get the coupon).");
        var json = CommonOptions.Json();
        var command = new Command("simulate", """
            Simulates a shop (ShopSim) whose causal structure is known and writes the generic format:
            events.csv, exposures.csv, items.csv, users.csv, truth.json, truth_users.csv, summary.json.

            Examples:
              causalcart simulate --users 100000 --seed 1 --out world/
              causalcart simulate --users 1000000 --out big/ --parquet --json
              causalcart simulate --users 50000 --targeting rules --out nonlinear/
              causalcart simulate --users 20000 --mediator cart --out mediated/
              causalcart simulate --users 20000 --targeting rules --baseline rules --out lapsing/
            """)
        {
            users, seed, output, historyDays, followUpDays, parquet, targeting, mediator, baseline, json,
        };
        command.SetAction((parse, ct) =>
        {
            var options = new ShopSimOptions
            {
                Users = parse.GetValue(users),
                Seed = parse.GetValue(seed),
                HistoryDays = parse.GetValue(historyDays),
                FollowUpDays = parse.GetValue(followUpDays),
                Targeting = new TargetingOptions { Shape = parse.GetValue(targeting) },
                Mediator = parse.GetValue(mediator) == SimulatedMediator.Cart ? new MediatorOptions() : null,
                Baseline = new BaselineOptions { Shape = parse.GetValue(baseline) },
            };
            return Task.FromResult(Run(console, options, parse.GetValue(output)!, parse.GetValue(parquet), parse.GetValue(json), ct));
        });
        return command;
    }

    private static int Run(CliConsole console, ShopSimOptions options, string output, bool parquet, bool json, CancellationToken ct)
    {
        var progress = console.Progress();
        var summary = new ShopSimulator(options).Run(output, new Progress<SimulationProgress>(p =>
            progress.Report(new ProgressUpdate("simulate", p.UsersDone, p.UsersTotal, "users"))), ct);
        console.EndProgress();
        if (parquet)
        {
            ParquetFiles.CsvToParquet(Path.Combine(output, ShopSimFiles.Events), Path.Combine(output, "events.parquet"));
        }

        if (json)
        {
            console.WriteJson(summary);
        }
        else
        {
            console.Line($"{summary.Events:N0} events, {summary.Users:N0} users ({summary.EligibleUsers:N0} eligible, {summary.TreatedUsers:N0} treated), {summary.Items:N0} items written to {output}");
            console.Line(string.Join(", ", summary.EventsByAction.Select(kv => $"{kv.Key} {kv.Value:N0}")));
        }

        return ExitCodes.Ok;
    }
}
