using CausalCart.Core.Results;
using CausalCart.Pipeline.Analysis;

namespace CausalCart.Pipeline.Tests.Validation;

/// <summary>
/// IHDP replication 1 (Hill 2011, NPCI setting) through <see cref="EstimateService"/>, as
/// <c>bench/validation/ihdp.sh</c> runs it for all ten replications. Needs the shared data folder.
/// </summary>
public sealed class IhdpSharedDataEstimateTests
{
    private static string IhdpFile(int replication)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var data = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(data))
            {
                var path = Path.Combine(data, "ihdp", $"ihdp_npci_{replication}.csv");
                Assert.True(File.Exists(path), $"This test needs {path} (IHDP in the shared data folder, see shared/data/README.md).");
                return path;
            }
        }

        Assert.Fail($"This test needs the shared data folder ../shared/data (found by walking up from {AppContext.BaseDirectory}); it was not found.");
        return string.Empty;
    }

    [Fact]
    public void Aipw_att_on_ihdp_replication_1_through_the_estimate_service_is_within_half_a_unit_of_4()
    {
        var covariates = Enumerable.Range(1, 25).Select(j => $"x{j}").ToList();
        var result = EstimateService.Run(new EstimateRequest
        {
            DataPath = IhdpFile(1),
            ColumnNames = ["treatment", "y_factual", "y_cfactual", "mu0", "mu1", .. covariates],
            Treatment = "treatment",
            Outcome = "y_factual",
            Controls = covariates,
            Analysis = new EffectAnalysisOptions { Refuters = [], AllowPoorOverlap = true, Seed = 1 },
        });
        Assert.Equal(747, result.Design.Units);
        Assert.Equal(139, result.Design.Treated);
        var att = result.Estimates.Single(e => e.Method == EffectMethod.Aipw && e.Estimand == Estimand.Att);
        Assert.True(Math.Abs(att.Estimate - 4) < 0.5, $"AIPW ATT on IHDP replication 1 is {att.Estimate:F3} ± {att.StdError:F3}; the true ATT is 4.");
    }
}
