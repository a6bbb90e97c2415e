using System.CommandLine;
using CausalCart.Causal;
using CausalCart.Core.Errors;
using CausalCart.Core.Results;
using CausalCart.Pipeline.Analysis;

namespace CausalCart.Cli.Commands;

/// <summary><c>causalcart estimate</c>: effects on a unit table the user already has.</summary>
internal static class EstimateCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "Unit table: CSV with a header, or Parquet. Categorical columns are encoded for you.", Required = true };
        var treatment = new Option<string>("--treatment") { Description = "Treatment column (0/1 or two values).", Required = true };
        var outcome = new Option<string>("--outcome") { Description = "Outcome column.", Required = true };
        var controls = new Option<string?>("--controls") { Description = "Comma-separated columns to adjust for (default: all other columns)." };
        var treatedValue = new Option<string?>("--treated-value") { Description = "For a two-valued text treatment: the value meaning treated." };
        var group = new Option<string?>("--group") { Description = "Column grouping rows for cross-fitting (e.g. user id)." };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated column names for a CSV without a header row." };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods: naive, regression, ipw, aipw, dml_plr, dml_irm, causal_forest, matching, subclassification, linear_dml, dr_learner, s_learner, t_learner, x_learner, r_learner, or all (one of each family with an analytic interval: every one but dml_irm, which is aipw with pluggable learners, and the s/t/x/r-learners, whose interval takes 100 bootstrap refits). With --instrument also 2sls, wald, pliv, dr_late.", DefaultValueFactory = _ => "all" };
        var instrument = new Option<string?>("--instrument") { Description = "Instrument column (0/1 or continuous, e.g. a randomised e-mail): adds the instrumental-variable methods named in --methods (2sls, wald, pliv, dr_late; all of those that apply with --methods all or when none is named) on the same rows and controls. Never used as a control." };
        var estimand = new Option<string>("--estimand") { Description = "ate, att or both.", DefaultValueFactory = _ => "both" };
        var outcomeModel = new Option<string>("--outcome-model") { Description = "auto (logistic for 0/1 outcomes, else linear), linear or logistic.", DefaultValueFactory = _ => "auto" };
        var nuisance = new Option<string>("--nuisance") { Description = "Learners for AIPW's propensity and outcome models: glm (logistic/linear, the default), gbdt (boosted trees), forest (random forests) or stack (a cross-validated stack of ridge, quadratic ridge, boosted trees and a forest for the outcome, boosted trees for the propensity). Regression and IPW keep their GLMs.", DefaultValueFactory = _ => "glm" };
        var graph = new Option<string?>("--graph") { Description = "Causal graph file (DOT, or YAML edges) over the table's columns, naming the treatment and outcome columns as nodes: the adjustment set it implies among the controls is used, or the estimate is refused (exit 4) when adjustment cannot identify the effect." };
        var refuters = new Option<string>("--refuters") { Description = "Comma-separated refuters: placebo, random_common_cause, subset, dummy_outcome, bootstrap, unobserved_common_cause, or none.", DefaultValueFactory = _ => "placebo,random_common_cause,subset" };
        var whoResponds = new Option<bool>("--who-responds") { Description = "Add the \"who responds\" section: the effect in groups of units ranked by their predicted effect, its best linear projection on the controls, and the effect per segment with --segment." };
        var segment = new Option<string?>("--segment") { Description = "Column whose values are your segments (e.g. a customer tier) for the who-responds section; numeric columns with many values are cut at their quartiles. Implies --who-responds." };
        var responseGroups = new Option<int>("--response-groups") { Description = "Number of equal-sized response groups in the who-responds section (2-10).", DefaultValueFactory = _ => 5 };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var report = CommonOptions.Report();
        var allowPoorOverlap = CommonOptions.AllowPoorOverlap();
        var failOnRefutation = CommonOptions.FailOnRefutation();
        var simulations = CommonOptions.Simulations();
        var command = new Command("estimate", """
            Estimates the effect of a treatment on an outcome in a prepared unit table (one row per unit,
            covariates measured before treatment), with the association beside it, overlap and balance checks
            and refutations.

            Examples:
              causalcart estimate --data units.csv --treatment coupon --outcome bought --controls age,segment,visits_30d
              causalcart estimate --data units.parquet --treatment t --outcome y --methods aipw --estimand att --json
              causalcart estimate --data units.csv --treatment coupon --outcome bought --methods aipw --nuisance forest
              causalcart estimate --data units.csv --treatment coupon --outcome bought --graph causes.dot
              causalcart estimate --data units.csv --treatment coupon --outcome bought --methods aipw --segment tier --report who.html
              causalcart estimate --data units.csv --treatment used_coupon --outcome bought --instrument got_email --methods naive,aipw,2sls,dr_late
            """)
        {
            data, treatment, outcome, controls, treatedValue, group, columns, methods, instrument, estimand, outcomeModel, nuisance,
            graph, refuters, whoResponds, segment, responseGroups, seed, json, report, allowPoorOverlap, failOnRefutation, simulations,
        };
        command.SetAction(parse =>
        {
            var (effectMethods, ivMethods) = ParseMethods(parse.GetValue(methods)!, parse.GetValue(instrument) is not null);
            var request = new EstimateRequest
            {
                DataPath = parse.GetValue(data)!,
                Treatment = parse.GetValue(treatment)!,
                Outcome = parse.GetValue(outcome)!,
                Controls = CommonOptions.SplitList(parse.GetValue(controls)),
                TreatedValue = parse.GetValue(treatedValue),
                Group = parse.GetValue(group),
                ColumnNames = parse.GetValue(columns) is { } names ? CommonOptions.SplitList(names) : null,
                Graph = parse.GetValue(graph) is { } graphFile
                    ? new Features.Study.StudyGraphSpec { File = graphFile, TreatmentNode = parse.GetValue(treatment)!, OutcomeNode = parse.GetValue(outcome)! }
                    : null,
                Analysis = new EffectAnalysisOptions
                {
                    Methods = effectMethods,
                    Estimands = ParseEstimands(parse.GetValue(estimand)!),
                    OutcomeModel = ParseOutcomeModel(parse.GetValue(outcomeModel)!),
                    Refuters = ParseRefuters(parse.GetValue(refuters)!),
                    RefutationSimulations = parse.GetValue(simulations),
                    Seed = parse.GetValue(seed),
                    AllowPoorOverlap = parse.GetValue(allowPoorOverlap),
                    Learners = ParseNuisance(parse.GetValue(nuisance)!, parse.GetValue(seed)),
                    WhoRespondsGroups = parse.GetValue(whoResponds) || parse.GetValue(segment) is not null ? parse.GetValue(responseGroups) : 0,
                },
                SegmentColumn = parse.GetValue(segment),
                Instrument = parse.GetValue(instrument),
                IvMethods = ivMethods,
            };
            var result = EstimateService.Run(request, console.Progress());
            console.EndProgress();
            return ResultOutput.Write(console, result, parse.GetValue(json), parse.GetValue(report), parse.GetValue(failOnRefutation));
        });
        return command;
    }

    /// <summary>
    /// What <c>--methods all</c> runs: every estimator with an analytic interval, one per family. DML IRM is AIPW with
    /// pluggable learners, and the S/T/X/R-learners need a bootstrap of 100 refits each for their interval, so they run
    /// only when named.
    /// </summary>
    internal static readonly IReadOnlyList<EffectMethod> AllMethods =
    [
        EffectMethod.Naive, EffectMethod.Regression, EffectMethod.Ipw, EffectMethod.Aipw, EffectMethod.DmlPlr, EffectMethod.LinearDml,
        EffectMethod.DrLearner, EffectMethod.Matching, EffectMethod.Subclassification, EffectMethod.CausalForest,
    ];

    /// <summary>The adjustment and the instrumental-variable methods <c>--methods</c> names. <c>all</c> is <see cref="AllMethods"/>
    /// and, with an instrument, every IV method that applies (an empty IV list).</summary>
    internal static (IReadOnlyList<EffectMethod> Effects, IReadOnlyList<IvMethod> Iv) ParseMethods(string text, bool instrument)
    {
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return (AllMethods, []);
        }

        var effects = new List<EffectMethod>();
        var iv = new List<IvMethod>();
        foreach (var m in CommonOptions.SplitList(text))
        {
            if (Features.Study.EstimatorNames.TryParse(m, out var method))
            {
                effects.Add(method);
            }
            else if (Features.Study.EstimatorNames.TryParseIv(m, out var ivMethod))
            {
                iv.Add(instrument
                    ? ivMethod
                    : throw new CausalCartException(ErrorKind.Usage, $"'{m}' is an instrumental-variable method and needs an instrument column: give --instrument."));
            }
            else
            {
                throw new CausalCartException(ErrorKind.Usage, $"Unknown method '{m}'. Valid methods: {Features.Study.EstimatorNames.Valid}, all; with --instrument also {Features.Study.EstimatorNames.ValidIv}.");
            }
        }

        return (effects, iv);
    }

    internal static IReadOnlyList<Estimand> ParseEstimands(string text) => text.Trim().ToLowerInvariant() switch
    {
        "ate" => [Estimand.Ate],
        "att" => [Estimand.Att],
        "both" => [Estimand.Ate, Estimand.Att],
        _ => throw new CausalCartException(ErrorKind.Usage, $"Unknown --estimand '{text}'. Valid: ate, att, both."),
    };

    internal static OutcomeModelKind ParseOutcomeModel(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => OutcomeModelKind.Auto,
        "linear" => OutcomeModelKind.Linear,
        "logistic" => OutcomeModelKind.Logistic,
        _ => throw new CausalCartException(ErrorKind.Usage, $"Unknown --outcome-model '{text}'. Valid: auto, linear, logistic."),
    };

    /// <summary>The flexible nuisance learners named by <c>--nuisance</c>; null for the default GLMs.</summary>
    internal static Causal.Dml.NuisanceLearners? ParseNuisance(string text, int seed) => text.Trim().ToLowerInvariant() switch
    {
        "glm" => null,
        "gbdt" => Causal.Dml.FlexibleNuisances.GradientBoosting(seed),
        "forest" => Causal.Dml.FlexibleNuisances.RandomForest(seed),
        "stack" => Causal.Dml.FlexibleNuisances.Stacked(seed),
        _ => throw new CausalCartException(ErrorKind.Usage, $"Unknown --nuisance '{text}'. Valid: glm, gbdt, forest, stack."),
    };

    internal static IReadOnlyList<Refuter> ParseRefuters(string text)
    {
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        return [.. CommonOptions.SplitList(text).Select(r => r.ToLowerInvariant() switch
        {
            "placebo" => Refuter.Placebo,
            "random_common_cause" => Refuter.RandomCommonCause,
            "subset" or "data_subset" => Refuter.DataSubset,
            "dummy_outcome" => Refuter.DummyOutcome,
            "bootstrap" => Refuter.Bootstrap,
            "unobserved_common_cause" => Refuter.UnobservedCommonCause,
            _ => throw new CausalCartException(ErrorKind.Usage, $"Unknown refuter '{r}'. Valid refuters: placebo, random_common_cause, subset, dummy_outcome, bootstrap, unobserved_common_cause, none."),
        })];
    }
}
