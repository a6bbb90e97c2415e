using System.CommandLine;
using System.Globalization;
using CausalCart.Causal.DiD;
using CausalCart.Core.Errors;
using CausalCart.Core.Results;
using CausalCart.Pipeline.Analysis;
using CausalCart.Reporting;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart did</c>: difference-in-differences with staggered adoption on a panel file.</summary>
internal static class DidCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "Panel file, one row per unit and period: CSV with a header, or Parquet.", Required = true };
        var unit = new Option<string>("--unit") { Description = "Unit column (numbers or text).", Required = true };
        var time = new Option<string>("--time") { Description = "Period column (whole numbers on an increasing scale: years, week numbers).", Required = true };
        var outcome = new Option<string>("--outcome") { Description = "Outcome column.", Required = true };
        var firstTreated = new Option<string?>("--first-treated") { Description = "Column with each unit's first treated period (0 = never treated)." };
        var treated = new Option<string?>("--treated") { Description = "0/1 treatment column instead of --first-treated (absorbing: once treated, always treated)." };
        var covariates = new Option<string?>("--covariates") { Description = "Comma-separated numeric covariates (their base-period values enter the comparisons)." };
        var cluster = new Option<string?>("--cluster") { Description = "Column of clusters coarser than the unit (e.g. state) for the standard errors." };
        var control = new Option<string>("--control") { Description = "Comparison units: never (never treated) or not-yet (also units not yet treated).", DefaultValueFactory = _ => "never" };
        var estimation = new Option<string>("--estimation") { Description = "dr (doubly robust), reg (outcome regression) or ipw.", DefaultValueFactory = _ => "dr" };
        var basePeriod = new Option<string>("--base-period") { Description = "varying (pre-treatment points are period-to-period placebos) or universal (all compare with g − 1).", DefaultValueFactory = _ => "varying" };
        var anticipation = new Option<int>("--anticipation") { Description = "Periods before treatment in which units may already react.", DefaultValueFactory = _ => 0 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Multiplier-bootstrap draws for the uniform bands (0 turns them off).", DefaultValueFactory = _ => 1000 };
        var dropIncomplete = new Option<bool>("--drop-incomplete-units") { Description = "Drop units with missing periods instead of refusing an unbalanced panel." };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var report = CommonOptions.Report();
        var command = new Command("did", """
            Difference-in-differences on a panel where units start treatment at different times (staggered adoption):
            Callaway & Sant'Anna group-time effects with their simple, event-study and per-cohort averages, pointwise
            intervals and uniform bands, and two-way fixed effects beside them for comparison (biased when effects change
            over time). Pre-treatment event times are a check of parallel trends.

            Examples:
              causalcart did --data panel.csv --unit store --time week --outcome sales --first-treated launch_week
              causalcart did --data panel.csv --unit region --time month --outcome orders --treated campaign_on --control not-yet --report did.html
            """)
        {
            data, unit, time, outcome, firstTreated, treated, covariates, cluster, control, estimation, basePeriod, anticipation, bootstrap,
            dropIncomplete, seed, json, report,
        };
        command.SetAction(parse =>
        {
            var request = new DidRequest
            {
                DataPath = parse.GetValue(data)!,
                Unit = parse.GetValue(unit)!,
                Time = parse.GetValue(time)!,
                Outcome = parse.GetValue(outcome)!,
                FirstTreated = parse.GetValue(firstTreated),
                Treated = parse.GetValue(treated),
                Covariates = CommonOptions.SplitList(parse.GetValue(covariates)),
                Cluster = parse.GetValue(cluster),
                DropIncompleteUnits = parse.GetValue(dropIncomplete),
                Options = Options(parse.GetValue(control)!, parse.GetValue(estimation)!, parse.GetValue(basePeriod)!, parse.GetValue(anticipation), parse.GetValue(bootstrap), parse.GetValue(seed)),
            };
            var result = DidService.Run(request);
            return Write(console, result, parse.GetValue(json), parse.GetValue(report));
        });
        return command;
    }

    /// <summary>Writes a difference-in-differences result: the optional report file, then JSON or the readable summary.</summary>
    internal static int Write(CliConsole console, DidAnalysisResult result, bool json, string? reportPath)
    {
        if (reportPath is { } path)
        {
            if (!Reports.TryGetFormat(path, out var format))
            {
                throw new CausalCartException(ErrorKind.Usage, $"--report '{path}' must end in .html, .md or .json.");
            }

            DidReport.WriteFile(result, format, path);
            console.Info($"report written to {path}");
        }

        if (json)
        {
            console.WriteJson(result);
            return ExitCodes.Ok;
        }

        var inv = CultureInfo.InvariantCulture;
        console.Line(DidReport.Headline(result));
        console.Line();
        console.Line("event time   estimate    std.err   pointwise interval        uniform band");
        foreach (var p in result.EventStudy)
        {
            console.Line(string.Create(inv, $"{p.Key,10} {p.Estimate,10:F4} {p.StdError,10:F4}   [{p.CiLower:F4}, {p.CiUpper:F4}]   [{p.BandLower:F4}, {p.BandUpper:F4}]"));
        }

        console.Line();
        foreach (var c in result.ByCohort)
        {
            console.Line(string.Create(inv, $"cohort {c.Key}: {c.Estimate:F4} [{c.CiLower:F4}, {c.CiUpper:F4}]"));
        }

        var (ev, co) = (result.EventTimeAverage, result.CohortAverage);
        console.Line(string.Create(inv, $"average over event times 0+: {ev.Estimate:F4} [{ev.CiLower:F4}, {ev.CiUpper:F4}]"));
        console.Line(string.Create(inv, $"average over cohorts (size-weighted): {co.Estimate:F4} [{co.CiLower:F4}, {co.CiUpper:F4}]"));
        if (result.TwoWayFixedEffects is { } t)
        {
            console.Line(string.Create(inv, $"two-way fixed effects (comparison only): {t.Estimate:F4} [{t.CiLower:F4}, {t.CiUpper:F4}]"));
        }

        foreach (var w in result.Warnings)
        {
            console.Warn(w);
        }

        return ExitCodes.Ok;
    }

    internal static CallawaySantAnnaOptions Options(string control, string estimation, string basePeriod, int anticipation, int bootstrap, int seed)
    {
        var options = new CallawaySantAnnaOptions
        {
            ControlGroup = control.Trim().ToLowerInvariant() switch
            {
                "never" => DidControlGroup.NeverTreated,
                "not-yet" => DidControlGroup.NotYetTreated,
                _ => throw new CausalCartException(ErrorKind.Usage, $"Unknown --control '{control}'. Valid: never, not-yet."),
            },
            Estimation = estimation.Trim().ToLowerInvariant() switch
            {
                "dr" => DidEstimation.DoublyRobust,
                "reg" => DidEstimation.OutcomeRegression,
                "ipw" => DidEstimation.Ipw,
                _ => throw new CausalCartException(ErrorKind.Usage, $"Unknown --estimation '{estimation}'. Valid: dr, reg, ipw."),
            },
            BasePeriod = basePeriod.Trim().ToLowerInvariant() switch
            {
                "varying" => DidBasePeriod.Varying,
                "universal" => DidBasePeriod.Universal,
                _ => throw new CausalCartException(ErrorKind.Usage, $"Unknown --base-period '{basePeriod}'. Valid: varying, universal."),
            },
            Anticipation = anticipation,
            BootstrapReplications = bootstrap,
            Seed = seed < 0 ? throw new CausalCartException(ErrorKind.Usage, $"--seed must be 0 or more (got {seed}).") : (ulong)seed,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CausalCartException(ErrorKind.Usage, e.Message, e);
        }

        return options;
    }
}
