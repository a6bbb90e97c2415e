using CausalCart.Core.Results;
using CausalCart.Core.Serialization;
using CausalCart.Pipeline.Validation;

namespace CausalCart.Pipeline.Tests.Validation;

/// <summary>A tiny coverage study (3 worlds × 800 users); the full 200-world study runs from the CLI (docs/VALIDATION.md).</summary>
public sealed class CoverageStudyServiceTests : IDisposable
{
    private static readonly Lazy<CoverageStudyResult> Tiny = new(() => CoverageStudyService.Run(new CoverageStudyOptions { Worlds = 3, Users = 800, Seed = 11 }));

    private readonly string work = Path.Combine(Path.GetTempPath(), "causalcart-coverage-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void A_tiny_study_gives_a_well_formed_record_whose_counts_add_up()
    {
        var result = Tiny.Value;
        Assert.Equal(CoverageStudyResult.CurrentSchemaVersion, result.SchemaVersion);
        Assert.Equal((3, 800, 11), (result.Worlds, result.Users, result.Seed));
        Assert.Equal([0, 1, 2], result.WorldResults.Select(w => w.Index));
        Assert.Equal([11, 12, 13], result.WorldResults.Select(w => w.Seed));
        Assert.Equal(result.WorldResults.Count(w => w.Failure is not null), result.FailedWorlds);
        var ok = result.WorldResults.Where(w => w.Failure is null).ToList();
        Assert.NotEmpty(ok);
        foreach (var world in ok)
        {
            Assert.InRange(world.Treated, 1, world.Units - 1);
            Assert.Equal(8, world.Estimates.Count);
            foreach (var e in world.Estimates)
            {
                Assert.Equal(e.Estimand == Estimand.Ate ? world.TrueAte : world.TrueAtt, e.Truth);
                Assert.Equal(e.CiLower <= e.Truth && e.Truth <= e.CiUpper, e.Covered);
                Assert.True(e.StdError > 0 && e.CiLower < e.Estimate && e.Estimate < e.CiUpper, $"{e.Method} {e.Estimand}: {e.Estimate} [{e.CiLower}, {e.CiUpper}] se {e.StdError}");
            }
        }

        var methods = new[] { EffectMethod.Naive, EffectMethod.Regression, EffectMethod.Ipw, EffectMethod.Aipw };
        Assert.Equal(methods.SelectMany(m => new[] { (m, Estimand.Ate), (m, Estimand.Att) }), result.Summaries.Select(s => (s.Method, s.Estimand)));
        foreach (var s in result.Summaries)
        {
            var rows = ok.SelectMany(w => w.Estimates).Where(e => e.Method == s.Method && e.Estimand == s.Estimand).ToList();
            Assert.Equal(ok.Count, s.Worlds);
            Assert.Equal(rows.Count(r => r.Covered), s.Covered);
            Assert.Equal((double)s.Covered / s.Worlds, s.Coverage);
            Assert.InRange(s.Coverage, s.CoverageLower, s.CoverageUpper);
            Assert.Equal(rows.Average(r => r.Estimate - r.Truth), s.MeanBias, 12);
            Assert.True(s.Rmse >= Math.Abs(s.MeanBias) - 1e-12, $"{s.Method} {s.Estimand}: RMSE {s.Rmse} below |bias| {s.MeanBias}");
        }

        var json = CausalCartJson.Serialize(result);
        Assert.Contains("\"schemaVersion\": \"1.0\"", json, StringComparison.Ordinal);
        Assert.Contains("\"method\": \"aipw\"", json, StringComparison.Ordinal);
        Assert.Equal(json, CausalCartJson.Serialize(CausalCartJson.Deserialize<CoverageStudyResult>(json)));
        var table = CoverageTable.Format(result);
        Assert.Contains("| AIPW | ATE | 3 |", table, StringComparison.Ordinal);
        Assert.Contains("target band", table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_gives_identical_results_in_parallel_and_the_work_folder_is_emptied()
    {
        var progress = new List<ProgressCount>();
        var again = CoverageStudyService.Run(
            new CoverageStudyOptions { Worlds = 3, Users = 800, Seed = 11, MaxDegreeOfParallelism = 2, WorkDirectory = work },
            new SyncProgress(u => { lock (progress) { progress.Add(new ProgressCount(u.Done, u.Total)); } }));
        AssertSameStudy(Tiny.Value, again);
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
        Assert.Equal([1L, 2L, 3L], progress.Select(p => p.Done).Order());
        Assert.All(progress, p => Assert.Equal(3L, p.Total));
    }

    [Fact]
    public void A_different_seed_gives_different_worlds()
    {
        var other = CoverageStudyService.Run(new CoverageStudyOptions { Worlds = 1, Users = 800, Seed = 12 });
        Assert.Equal(Tiny.Value.WorldResults[1].TrueAte, other.WorldResults[0].TrueAte);
        Assert.NotEqual(Tiny.Value.WorldResults[0].TrueAte, other.WorldResults[0].TrueAte);
    }

    [Fact]
    public void Chosen_methods_are_the_study_s_estimators_and_each_gets_its_rows()
    {
        var methods = new[] { EffectMethod.DmlPlr, EffectMethod.Matching, EffectMethod.CausalForest, EffectMethod.TLearner };
        var result = CoverageStudyService.Run(new CoverageStudyOptions { Worlds = 1, Users = 800, Seed = 11, Methods = methods });

        Assert.Equal(0, result.FailedWorlds);
        Assert.Equal(methods, result.Summaries.Select(s => s.Method).Distinct());
        Assert.All(result.WorldResults[0].Estimates, e => Assert.True(e.StdError > 0 && e.CiLower < e.Estimate && e.Estimate < e.CiUpper, $"{e.Method} {e.Estimand}"));
        Assert.Contains("methods dml_plr, matching, causal_forest, t_learner", result.Study, StringComparison.Ordinal);
        var table = CoverageTable.Format(result);
        Assert.Contains("| Causal forest | ATE | 1 |", table, StringComparison.Ordinal);
        Assert.Contains("T-learner ATE coverage", table, StringComparison.Ordinal);

        Assert.Equal("Methods", Assert.Throws<ArgumentException>(() => new CoverageStudyOptions { Methods = [] }.Validate()).ParamName);
        var twice = Assert.Throws<ArgumentException>(() => new CoverageStudyOptions { Methods = [EffectMethod.Aipw, EffectMethod.Aipw] }.Validate());
        Assert.Contains("aipw more than once", twice.Message, StringComparison.Ordinal);
        var notStudy = Assert.Throws<ArgumentException>(() => new CoverageStudyOptions { Methods = [EffectMethod.CallawaySantAnna] }.Validate());
        Assert.Contains("is not a method", notStudy.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 800, 1, 1, "Worlds")]
    [InlineData(3, 50, 1, 1, "Users")]
    [InlineData(3, 800, -1, 1, "Seed")]
    [InlineData(3, 800, int.MaxValue, 1, "Seed")]
    [InlineData(3, 800, 1, 0, "MaxDegreeOfParallelism")]
    public void Invalid_options_are_rejected_naming_the_setting(int worlds, int users, int seed, int parallel, string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => CoverageStudyService.Run(new CoverageStudyOptions { Worlds = worlds, Users = users, Seed = seed, MaxDegreeOfParallelism = parallel }));
        Assert.Equal(name, ex.ParamName);
    }

    // Coverage decisions, counts, truths and units must match exactly. Estimates may differ in the last bits only:
    // the unit table's price columns (view_price_mean_*, spend_*) are floating-point SUM/AVG aggregates that DuckDB
    // adds up in a thread-dependent order, so they change by ~1e-16 between builds of the same store. 1e-12 is far
    // below anything a coverage study reports and far above that noise.
    private static void AssertSameStudy(CoverageStudyResult expected, CoverageStudyResult actual)
    {
        Assert.Equal(expected.FailedWorlds, actual.FailedWorlds);
        Assert.Equal(expected.WorldResults.Count, actual.WorldResults.Count);
        for (int w = 0; w < expected.WorldResults.Count; w++)
        {
            var (a, b) = (expected.WorldResults[w], actual.WorldResults[w]);
            Assert.Equal((a.Index, a.Seed, a.Units, a.Treated, a.TrueAte, a.TrueAtt, a.Failure), (b.Index, b.Seed, b.Units, b.Treated, b.TrueAte, b.TrueAtt, b.Failure));
            Assert.Equal(a.Estimates.Count, b.Estimates.Count);
            for (int i = 0; i < a.Estimates.Count; i++)
            {
                var (x, y) = (a.Estimates[i], b.Estimates[i]);
                Assert.Equal((x.Method, x.Estimand, x.Truth, x.Covered), (y.Method, y.Estimand, y.Truth, y.Covered));
                Assert.Equal(x.Estimate, y.Estimate, 1e-12);
                Assert.Equal(x.StdError, y.StdError, 1e-12);
                Assert.Equal(x.CiLower, y.CiLower, 1e-12);
                Assert.Equal(x.CiUpper, y.CiUpper, 1e-12);
            }
        }

        Assert.Equal(expected.Summaries.Select(s => (s.Method, s.Estimand, s.Worlds, s.Covered, s.Coverage, s.CoverageLower, s.CoverageUpper, s.MeanTruth)),
            actual.Summaries.Select(s => (s.Method, s.Estimand, s.Worlds, s.Covered, s.Coverage, s.CoverageLower, s.CoverageUpper, s.MeanTruth)));
    }

    private sealed record ProgressCount(long Done, long? Total);

    private sealed class SyncProgress(Action<Core.Progress.ProgressUpdate> report) : IProgress<Core.Progress.ProgressUpdate>
    {
        public void Report(Core.Progress.ProgressUpdate value) => report(value);
    }
}
