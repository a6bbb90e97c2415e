using System.Globalization;
using CausalCart.Causal.Matching;
using CausalCart.Core.Results;
using CausalCart.Numerics;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests;

/// <summary>
/// Pennsylvania re-employment bonus experiment (Bilias 2000; 13,913 claimants, control tg = 0 and six randomised
/// bonus groups): outcome log(inuidur1). Every adjusted estimator must agree with the experimental contrast, i.e. the
/// difference-in-means point estimate lies inside the adjusted method's 95% interval.
/// </summary>
public class PennBonusSharedDataTests(ITestOutputHelper output)
{
    private static readonly string[] Binary =
        ["female", "black", "othrace", "q2", "q3", "q4", "q5", "q6", "recall", "agelt35", "agegt54", "durable", "nondurable", "lusd", "husd"];

    private static string SharedData() => Sensitivity.SharedData.Folder(
        $"shared/data was not found in any parent of {AppContext.BaseDirectory}; the Penn check needs shared/data/rct_penn_jae/penn_jae.dat.");

    /// <summary>Bonus group <paramref name="group"/> against the control group; covariates as DoubleML's example
    /// (dep as two dummies, q1 the reference quarter).</summary>
    private static EffectData Contrast(int group)
    {
        string path = Path.Combine(SharedData(), "rct_penn_jae", "penn_jae.dat");
        Assert.True(File.Exists(path), $"Penn file missing: {path}");
        string[] lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        string[] header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var col = header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i);
        var rows = lines.Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray())
            .Where(v => v[col["tg"]] == 0 || v[col["tg"]] == group)
            .ToList();
        var names = Binary.Concat(["dep1", "dep2"]).ToList();
        int n = rows.Count;
        var x = new Matrix(n, names.Count);
        var t = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double[] v = rows[i];
            for (int j = 0; j < Binary.Length; j++)
            {
                x[i, j] = v[col[Binary[j]]];
            }

            x[i, Binary.Length] = v[col["dep"]] == 1 ? 1 : 0;
            x[i, Binary.Length + 1] = v[col["dep"]] == 2 ? 1 : 0;
            t[i] = v[col["tg"]] == group ? 1 : 0;
            y[i] = Math.Log(v[col["inuidur1"]]);
        }

        return new EffectData(y, t, x, names);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Adjusted_estimators_agree_with_the_experimental_contrast(int group)
    {
        List<string> failures = Table(group);
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    /// <summary>Group 6 enrolled no claimant in quarters 5–6 (the controls did), so its raw difference in means is
    /// not an experimental contrast and agreement is not required; the table is still printed.</summary>
    [Fact]
    public void Group_6_is_not_comparable_unadjusted_because_it_has_no_claimants_in_quarters_5_and_6()
    {
        EffectData data = Contrast(6);
        int q5 = data.CovariateNames.ToList().IndexOf("q5"), q6 = data.CovariateNames.ToList().IndexOf("q6");
        double late1 = 0, late0 = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double late = data.Covariates[i, q5] + data.Covariates[i, q6];
            if (data.Treatment[i] == 1)
            {
                late1 += late;
            }
            else
            {
                late0 += late;
            }
        }

        Assert.Equal(0, late1);
        Assert.True(late0 / data.NControl > 0.2, $"share of controls in quarters 5–6: {late0 / data.NControl}");
        _ = Table(6);
    }

    private List<string> Table(int group)
    {
        EffectData data = Contrast(group);
        var o = new EffectOptions { Estimands = [Estimand.Ate], Seed = 7 };
        EffectEstimate dim = new NaiveEstimator(o).Estimate(data).For(Estimand.Ate);
        output.WriteLine($"| tg={group} (n={data.Count}) | Difference in means | {dim.Estimate:F4} | [{dim.CiLower:F4}, {dim.CiUpper:F4}] | — |");
        IReadOnlyList<IEffectEstimator> methods = RctEstimators.All(o);
        var failures = new List<string>();
        foreach (IEffectEstimator m in methods)
        {
            EffectEstimate e = m.Estimate(data).For(Estimand.Ate);
            bool agrees = e.Covers(dim.Estimate);
            output.WriteLine($"| tg={group} | {m.Method} | {e.Estimate:F4} | [{e.CiLower:F4}, {e.CiUpper:F4}] | {(agrees ? "yes" : "NO")} |");
            if (!agrees)
            {
                failures.Add($"{m.Method}: {e.Estimate} [{e.CiLower}, {e.CiUpper}] does not contain the difference in means {dim.Estimate}");
            }
        }

        return failures;
    }
}
