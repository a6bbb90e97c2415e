using System.CommandLine;
using System.Globalization;
using CausalCart.Core.Errors;
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
        var rollout = new Option<SimulatedRollout>("--rollout")
        {
            Description = "A platform campaign rolled out by region: none, or staggered (free shipping from week 3 in north, 5 in east, 7 in south; west and central never; writes rollout_panel.csv, truth_rollout.csv and the true dynamic effects in truth.json).",
            DefaultValueFactory = _ => SimulatedRollout.None,
        };
        var rolloutWeeks = new Option<string?>("--rollout-weeks")
        {
            Description = "With --rollout staggered: first treated weeks as region=week pairs (e.g. north=3,east=5,south=7); unlisted regions are never treated, listed ones keep the default effect of their position (earliest gains most).",
        };
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
              causalcart simulate --users 20000 --rollout staggered --out rollout/
              causalcart simulate --users 20000 --rollout staggered --rollout-weeks north=2,west=4,east=6 --out rollout2/
            """)
        {
            users, seed, output, historyDays, followUpDays, parquet, targeting, mediator, baseline, rollout, rolloutWeeks, json,
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
                Rollout = RolloutFrom(parse.GetValue(rollout), parse.GetValue(rolloutWeeks)),
            };
            return Task.FromResult(Run(console, options, parse.GetValue(output)!, parse.GetValue(parquet), parse.GetValue(json), ct));
        });
        return command;
    }

    /// <summary>The rollout of <c>--rollout</c> and <c>--rollout-weeks</c>; null for none.</summary>
    /// <exception cref="CausalCartException">A malformed <c>--rollout-weeks</c>, or <c>--rollout-weeks</c> without a rollout (usage).</exception>
    internal static RolloutOptions? RolloutFrom(SimulatedRollout rollout, string? weeks)
    {
        if (rollout == SimulatedRollout.None)
        {
            return string.IsNullOrWhiteSpace(weeks)
                ? null
                : throw new CausalCartException(ErrorKind.Usage, "--rollout-weeks needs --rollout staggered.");
        }

        var defaults = new RolloutOptions();
        if (string.IsNullOrWhiteSpace(weeks))
        {
            return defaults;
        }

        var pairs = new List<(string Region, int Week)>();
        foreach (var pair in CommonOptions.SplitList(weeks))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var week))
            {
                throw new CausalCartException(ErrorKind.Usage, $"--rollout-weeks entry '{pair}' is not region=week (e.g. north=3).");
            }

            pairs.Add((parts[0].ToLowerInvariant(), week));
        }

        if (pairs.Count > defaults.Cohorts.Count)
        {
            throw new CausalCartException(ErrorKind.Usage, $"--rollout-weeks lists {pairs.Count} regions; at most {defaults.Cohorts.Count} (one region must stay never treated, and each listed region takes a default effect).");
        }

        // Earliest adopters get the first (largest) default effect, so effects still differ by cohort and grow with time.
        var ordered = pairs.OrderBy(p => p.Week).ToList();
        return defaults with
        {
            Cohorts = [.. ordered.Select((p, i) => new RegionRollout(p.Region, p.Week, defaults.Cohorts[i].Level, defaults.Cohorts[i].Slope))],
        };
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
