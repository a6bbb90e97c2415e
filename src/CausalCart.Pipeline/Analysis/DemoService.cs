using System.Globalization;
using CausalCart.Core.Progress;
using CausalCart.Core.Results;
using CausalCart.Features.Study;
using CausalCart.Pipeline.Ingestion;
using CausalCart.Reporting;
using CausalCart.Simulation;

namespace CausalCart.Pipeline.Analysis;

/// <summary>
/// <c>causalcart demo</c>: simulates a ShopSim world with a confounded coupon campaign, ingests it into
/// a fresh store, analyses the campaign with a target-trial spec, and writes the reports, with the
/// simulator's true effects beside every estimate.
/// </summary>
public static class DemoService
{
    /// <summary>Runs the demo end to end.</summary>
    public static DemoResult Run(DemoOptions options, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.GetFullPath(options.OutputDirectory);
        var world = Path.Combine(root, "world");
        Directory.CreateDirectory(root);
        var simOptions = new ShopSimOptions { Users = options.Users, Seed = options.Seed };
        var simProgress = progress is null ? null : new Progress<SimulationProgress>(p =>
            progress.Report(new ProgressUpdate("simulate", p.UsersDone, p.UsersTotal, "users")));
        new ShopSimulator(simOptions).Run(world, simProgress, cancellationToken);

        var storePath = Path.Combine(root, "shop.duckdb");
        File.Delete(storePath);
        File.Delete(storePath + ".wal");
        IngestService.Run(new IngestRequest { Path = world, StorePath = storePath }, progress, cancellationToken);

        var specPath = Path.Combine(root, "study.yaml");
        File.WriteAllText(specPath, SpecYaml(simOptions));
        var spec = StudySpec.Load(specPath);
        var truth = SimulationTruth.Load(world).Outcome("any_buy");
        var analysis = StudyAnalysis.Run(spec, new StudyRunOptions
        {
            RefutationSimulations = options.RefutationSimulations,
            Truth = new TrueEffects(truth.Ate, truth.Att,
                $"ShopSim potential outcomes (seed {options.Seed}, {options.Users:N0} users): the same users simulated with and without the coupon"),
        }, progress);

        var html = Path.Combine(root, "report.html");
        var markdown = Path.Combine(root, "report.md");
        var json = Path.Combine(root, "result.json");
        HtmlReport.WriteFile(analysis, html);
        MarkdownReport.WriteFile(analysis, markdown);
        JsonReport.WriteFile(analysis, json);
        return new DemoResult(analysis, world, storePath, specPath, html, markdown, json);
    }

    private static string SpecYaml(ShopSimOptions sim) => string.Create(CultureInfo.InvariantCulture, $"""
        # The demo study: did ShopSim's coupon campaign make eligible shoppers buy within a week?
        study: {sim.Campaign}-demo
        data: {"{"} store: shop.duckdb {"}"}
        unit: user
        time_zero: {"{"} campaign: {sim.Campaign} {"}"}
        eligibility: {"{"} active_within: {sim.EligibilityDays}d {"}"}
        treatment: {"{"} campaign: {sim.Campaign} {"}"}
        outcome: {"{"} action: buy, within: {sim.OutcomeDays}d {"}"}
        covariates: {"{"} lookbacks: [1d, 7d, 30d, 60d], families: [action_counts, recency, price_stats, category_affinity] {"}"}
        estimators: [naive, regression, ipw, aipw]
        refuters: [placebo, random_common_cause, subset]
        nuisance: logistic
        who_responds: true
        seed: {sim.Seed}

        """);
}
