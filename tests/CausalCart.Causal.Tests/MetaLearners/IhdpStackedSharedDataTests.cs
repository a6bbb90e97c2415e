using System.Globalization;
using CausalCart.Causal.Dml;
using CausalCart.Causal.MetaLearners;
using CausalCart.Numerics;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.MetaLearners;

/// <summary>
/// IHDP (Hill 2011, NPCI setting B, as distributed with CEVAE): the T-learner with the cross-validated stack as its
/// outcome learner (<see cref="FlexibleNuisances.Stacked"/>; candidate set fixed in docs/decisions/0008 before any IHDP
/// score was seen). The learners see only (y_factual, treatment, x); mu0 and mu1 are read only to score. Pins the figures
/// of bench/causal/dml/RESULTS.md (`DmlBench ihdp shared/data stack`): the fits are deterministic, so a change in the
/// numbers means a learner changed.
/// </summary>
public class IhdpStackedSharedDataTests(ITestOutputHelper output)
{
    private static (EffectData Data, double[] Tau) Replication(int rep)
    {
        string folder = Sensitivity.SharedData.Folder(
            $"shared/data was not found in any parent of {AppContext.BaseDirectory}; the IHDP check needs shared/data/ihdp/ihdp_npci_{rep}.csv.");
        string path = Path.Combine(folder, "ihdp", $"ihdp_npci_{rep}.csv");
        Assert.True(File.Exists(path), $"IHDP file missing: {path}");
        string[] lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        int n = lines.Length;
        var t = new double[n];
        var y = new double[n];
        var tau = new double[n];
        var x = new Matrix(n, 25);
        for (int i = 0; i < n; i++)
        {
            // Columns: treatment, y_factual, y_cfactual, mu0, mu1, x1..x25.
            double[] v = lines[i].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            t[i] = v[0];
            y[i] = v[1];
            tau[i] = v[4] - v[3];
            for (int j = 0; j < 25; j++)
            {
                x[i, j] = v[5 + j];
            }
        }

        return (new EffectData(y, t, x), tau);
    }

    /// <summary>(|ATE error|, in-sample √PEHE) of the stacked T-learner on one replication.</summary>
    private static (double AteError, double RootPehe) Score(int rep)
    {
        (EffectData data, double[] tau) = Replication(rep);
        var options = new MetaLearnerOptions { Seed = 1, Learners = FlexibleNuisances.Stacked(seed: 1) };
        MetaLearnerResult r = new MetaLearner(MetaLearnerKind.T, options).Fit(data);
        double pehe = Math.Sqrt(Enumerable.Range(0, tau.Length).Average(i => Math.Pow(r.Cate[i] - tau[i], 2)));
        return (Math.Abs(r.Ate - tau.Average()), pehe);
    }

    [Fact]
    public void Stacked_t_learner_on_replication_1_keeps_its_pinned_root_pehe()
    {
        (double ateError, double pehe) = Score(1);
        output.WriteLine($"IHDP 1, stacked T-learner: |ATE error| {ateError:F6}, √PEHE {pehe:F6}");
        Assert.InRange(pehe, 0.341813 - 1e-5, 0.341813 + 1e-5);
        Assert.InRange(ateError, 0.037543 - 1e-5, 0.037543 + 1e-5);
    }

    // 11–30 s on two shared cores (two stacked fits of ~40 candidate fits per replication): Slow.
    [Fact]
    [Trait("Category", "Slow")]
    public void Stacked_t_learner_over_10_replications_meets_root_pehe_1_and_ate_error_0_15()
    {
        var scores = Enumerable.Range(1, 10).Select(Score).ToArray();
        double ate = scores.Average(s => s.AteError), pehe = scores.Average(s => s.RootPehe);
        output.WriteLine($"IHDP 1-10, stacked T-learner: mean |ATE error| {ate:F6}, mean √PEHE {pehe:F6}; per replication √PEHE {string.Join(", ", scores.Select(s => s.RootPehe.ToString("F3", CultureInfo.InvariantCulture)))}");
        Assert.True(pehe <= 1.0, $"mean √PEHE {pehe} > 1.0");
        Assert.True(ate <= 0.15, $"mean |ATE error| {ate} > 0.15");
        Assert.InRange(pehe, PinnedMeanPehe - 1e-5, PinnedMeanPehe + 1e-5);
        Assert.InRange(ate, PinnedMeanAteError - 1e-5, PinnedMeanAteError + 1e-5);
    }

    // The T-learner row of `DmlBench ihdp shared/data stack` (bench/causal/dml/RESULTS.md: 0.071 and 0.793 at 3 decimals).
    private const double PinnedMeanPehe = 0.792950;
    private const double PinnedMeanAteError = 0.070738;
}
