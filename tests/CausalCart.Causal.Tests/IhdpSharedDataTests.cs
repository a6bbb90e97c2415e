using Xunit.Abstractions;
using System.Globalization;
using CausalCart.Causal;
using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests;

/// <summary>IHDP (Hill 2011; the NPCI simulation, replication 1): semi-synthetic with known potential outcomes.</summary>
public class IhdpSharedDataTests(ITestOutputHelper output)
{
    private static string SharedData() => Sensitivity.SharedData.Folder(
        $"shared/data was not found in any parent of {AppContext.BaseDirectory}; the IHDP check needs shared/data/ihdp/ihdp_npci_1.csv.");

    [Fact]
    public void Aipw_att_on_ihdp_replication_1_is_within_half_a_unit_of_4_and_covers_the_sample_truth()
    {
        string path = Path.Combine(SharedData(), "ihdp", "ihdp_npci_1.csv");
        Assert.True(File.Exists(path), $"IHDP file missing: {path}");
        string[] lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        int n = lines.Length;
        var t = new double[n];
        var y = new double[n];
        var x = new Matrix(n, 25);
        double attTruth = 0;
        for (int i = 0; i < n; i++)
        {
            double[] v = lines[i].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            t[i] = v[0];
            y[i] = v[1];
            for (int j = 0; j < 25; j++)
            {
                x[i, j] = v[5 + j];
            }

            if (v[0] == 1)
            {
                attTruth += v[4] - v[3];
            }
        }

        attTruth /= t.Sum();
        EstimationResult r = new AipwEstimator(new EffectOptions { Seed = 1 }).Estimate(new EffectData(y, t, x));
        EffectEstimate att = r.For(Estimand.Att);
        output.WriteLine($"IHDP 1: AIPW ATT {att.Estimate:F4} ± {att.StdError:F4} (sample truth {attTruth:F4}); ATE {r.For(Estimand.Ate).Estimate:F4} ± {r.For(Estimand.Ate).StdError:F4}; overlap {r.Overlap!.Verdict}");
        Assert.True(Math.Abs(att.Estimate - 4) < 0.5, $"AIPW ATT {att.Estimate} ± {att.StdError}; sample truth {attTruth}");
        Assert.True(Math.Abs(att.Estimate - attTruth) < 3 * att.StdError, $"AIPW ATT {att.Estimate} ± {att.StdError}; sample truth {attTruth}");
    }
}
