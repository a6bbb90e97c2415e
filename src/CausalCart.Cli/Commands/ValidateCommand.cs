using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CausalCart.Core.Errors;
using CausalCart.Core.Progress;
using CausalCart.Core.Results;
using CausalCart.Core.Serialization;
using CausalCart.Features.Study;
using CausalCart.Pipeline.Validation;
using CausalCart.Simulation;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart validate</c>: studies that check CausalCart's statistical claims.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("validate", """
            Validation studies behind CausalCart's statistical claims (see docs/VALIDATION.md).

            Examples:
              causalcart validate coverage --worlds 200 --users 3000 --seed 1 --out coverage/
            """)
        {
            Coverage(console),
        };
        return command;
    }

    private static Command Coverage(CliConsole console)
    {
        var worlds = new Option<int>("--worlds") { Description = "Simulated worlds (world i uses seed + i).", DefaultValueFactory = _ => 200 };
        var users = new Option<int>("--users") { Description = "ShopSim users per world.", DefaultValueFactory = _ => 3_000 };
        var seed = CommonOptions.Seed();
        var parallel = new Option<int>("--parallel") { Description = "Worlds analysed at once; the result does not depend on it.", DefaultValueFactory = _ => 1 };
        var targeting = CommonOptions.Targeting("The worlds' coupon policy: linear or rules (as causalcart simulate --targeting).");
        var baseline = CommonOptions.Baseline("The worlds' untreated buying after the campaign: linear or rules (as causalcart simulate --baseline).");
        var nuisance = new Option<NuisanceLearner>("--nuisance")
        {
            Description = "The study's nuisance learners (its 'nuisance:'): logistic, linear, gbdt, forest or stack; gbdt, forest and stack change AIPW only.",
            DefaultValueFactory = _ => NuisanceLearner.Logistic,
        };
        var methods = new Option<string?>("--methods")
        {
            Description = "Comma-separated estimators of the study (its 'estimators:'), or all (every one: the meta-learners' intervals take 100 bootstrap refits each, so that is slow). Default: naive, regression, ipw, aipw.",
        };
        var json = CommonOptions.Json();
        var output = new Option<string?>("--out") { Description = "Also write coverage.json (the result record) and coverage.md (the table) to this folder." };
        var command = new Command("coverage", """
            Simulates ShopSim worlds, analyses each with the demo's study (no refutations) and reports how often each
            method's 95% interval covers the world's true ATE and ATT, with bias, RMSE and standard errors against
            the spread of the estimates. Deterministic given the seed; one progress line per world on stderr;
            temporary stores are deleted as it goes.

            Examples:
              causalcart validate coverage --worlds 200 --users 3000 --seed 1
              causalcart validate coverage --worlds 20 --users 2000 --json > coverage.json
              causalcart validate coverage --worlds 30 --users 8000 --targeting rules --baseline rules --nuisance gbdt
              causalcart validate coverage --worlds 200 --methods regression,aipw,dml_plr,matching,causal_forest
            """)
        {
            worlds, users, seed, parallel, targeting, baseline, nuisance, methods, json, output,
        };
        command.SetAction((parse, ct) =>
        {
            var options = new CoverageStudyOptions
            {
                Worlds = parse.GetValue(worlds),
                Users = parse.GetValue(users),
                Seed = parse.GetValue(seed),
                MaxDegreeOfParallelism = parse.GetValue(parallel),
                Targeting = parse.GetValue(targeting),
                Baseline = parse.GetValue(baseline),
                Nuisance = parse.GetValue(nuisance),
                Methods = CoverageMethods(parse.GetValue(methods)),
            };
            return Task.FromResult(Run(console, options, parse.GetValue(json), parse.GetValue(output), ct));
        });
        return command;
    }

    /// <summary>--methods as the study's estimators: null for the default, every one for <c>all</c>.</summary>
    private static IReadOnlyList<EffectMethod>? CoverageMethods(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return Enum.GetValues<EffectMethod>().Where(EstimatorNames.IsEstimator).ToArray();
        }

        var list = new List<EffectMethod>();
        foreach (string name in CommonOptions.SplitList(text))
        {
            list.Add(EstimatorNames.TryParse(name.ToLowerInvariant(), out var m)
                ? m
                : throw new CausalCartException(ErrorKind.Usage, $"Unknown method '{name}' in --methods. Valid methods: {EstimatorNames.Valid}, all."));
        }

        return list;
    }

    private static int Run(CliConsole console, CoverageStudyOptions options, bool json, string? output, CancellationToken ct)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        console.Info(string.Create(CultureInfo.InvariantCulture, $"coverage: {options.Worlds} worlds × {options.Users:N0} users, seeds {options.Seed}…{options.Seed + options.Worlds - 1}, targeting {options.Targeting}, baseline {options.Baseline}, nuisance {options.Nuisance}"));
        var result = CoverageStudyService.Run(options, new LineProgress(console, clock), ct);
        var table = CoverageTable.Format(result);
        console.Info(string.Create(CultureInfo.InvariantCulture, $"coverage: done in {clock.Elapsed.TotalMinutes:F1} min"));
        if (output is not null)
        {
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, "coverage.json"), CausalCartJson.Serialize(result) + "\n");
            File.WriteAllText(Path.Combine(output, "coverage.md"), table);
            console.Info($"coverage: wrote {Path.Combine(output, "coverage.json")} and {Path.Combine(output, "coverage.md")}");
        }

        if (json)
        {
            console.WriteJson(result);
        }
        else
        {
            console.Output.Write(table);
        }

        return ExitCodes.Ok;
    }

    // One line per finished world on stderr, whether or not stderr is a terminal; worlds may finish on several threads.
    private sealed class LineProgress(CliConsole console, Stopwatch clock) : IProgress<ProgressUpdate>
    {
        private readonly Lock gate = new();

        public void Report(ProgressUpdate value)
        {
            lock (gate)
            {
                console.Info(string.Create(CultureInfo.InvariantCulture, $"[{value.Done}/{value.Total} {clock.Elapsed:hh\\:mm\\:ss}] {value.Stage}"));
            }
        }
    }
}
