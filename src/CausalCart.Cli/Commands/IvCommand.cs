using System.CommandLine;
using CausalCart.Core.Errors;
using CausalCart.Pipeline.Analysis;
using CausalCart.Reporting;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart iv</c>: instrumental-variable estimates on a unit table.</summary>
internal static class IvCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "Unit table: CSV with a header, or Parquet.", Required = true };
        var treatment = new Option<string>("--treatment") { Description = "Treatment column (0/1 or continuous), possibly confounded.", Required = true };
        var outcome = new Option<string>("--outcome") { Description = "Outcome column.", Required = true };
        var instrument = new Option<string>("--instrument") { Description = "Instrument column: moves the treatment and reaches the outcome only through it (e.g. a randomised offer).", Required = true };
        var controls = new Option<string?>("--controls") { Description = "Comma-separated controls (text columns are one-hot encoded)." };
        var methods = new Option<string>("--methods") { Description = "Comma-separated: 2sls, wald, pliv, dr_late, or all (every one that applies: wald and dr_late need a 0/1 instrument and treatment).", DefaultValueFactory = _ => "all" };
        var nuisance = new Option<string>("--nuisance") { Description = "Nuisance learners of pliv and dr_late: glm (default), gbdt, forest or stack.", DefaultValueFactory = _ => "glm" };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var report = CommonOptions.Report();
        var command = new Command("iv", """
            Instrumental variables: the effect of a treatment that may be confounded, identified by an instrument (e.g. a
            randomised e-mail that raised take-up of an offer). Two-stage least squares with robust standard errors and
            first-stage diagnostics, the Wald LATE, double-ML partially linear IV and the doubly robust LATE, each beside
            the plain association.

            Examples:
              causalcart iv --data users.csv --treatment used_coupon --outcome spend --instrument got_email --controls tenure,segment
              causalcart iv --data card.csv --treatment educ --outcome lwage --instrument nearc4 --controls exper,black,south --methods 2sls,pliv --json
            """)
        {
            data, treatment, outcome, instrument, controls, methods, nuisance, seed, json, report,
        };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(methods)!;
            var request = new IvRequest
            {
                DataPath = parse.GetValue(data)!,
                Treatment = parse.GetValue(treatment)!,
                Outcome = parse.GetValue(outcome)!,
                Instrument = parse.GetValue(instrument)!,
                Controls = CommonOptions.SplitList(parse.GetValue(controls)),
                Methods = text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase) ? [] : [.. CommonOptions.SplitList(text).Select(m => m.ToLowerInvariant())],
                Learners = EstimateCommand.ParseNuisance(parse.GetValue(nuisance)!, parse.GetValue(seed)),
                Seed = parse.GetValue(seed),
            };
            var result = IvService.Run(request);
            if (parse.GetValue(report) is { } path)
            {
                if (!Reports.TryGetFormat(path, out var format))
                {
                    throw new CausalCartException(ErrorKind.Usage, $"--report '{path}' must end in .html, .md or .json.");
                }

                IvReport.WriteFile(result, format, path);
                console.Info($"report written to {path}");
            }

            if (parse.GetValue(json))
            {
                console.WriteJson(result);
                return ExitCodes.Ok;
            }

            console.Line(IvReport.Headline(result));
            console.Line();
            ResultOutput.WriteIvTable(console, result);
            return ExitCodes.Ok;
        });
        return command;
    }
}
