using System.Globalization;
using System.Text;
using CausalCart.Causal.Matching;
using CausalCart.Core.Results;
using CausalCart.Numerics;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests;

/// <summary>
/// Hillstrom MineThatData e-mail RCT (64,000 customers; arms Mens E-Mail, Womens E-Mail, No E-Mail): with random
/// assignment every consistent adjusted estimator must agree with the difference in means. "Agrees" means the
/// difference-in-means point estimate lies inside the adjusted method's 95% interval.
/// </summary>
public class HillstromSharedDataTests(ITestOutputHelper output)
{
    private static string SharedData() => Sensitivity.SharedData.Folder(
        $"shared/data was not found in any parent of {AppContext.BaseDirectory}; the Hillstrom check needs shared/data/hillstrom/hillstrom.csv.");

    /// <summary>Splits one CSV line, honouring double quotes (history_segment may hold commas).</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var cur = new StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(cur.ToString());
                cur.Clear();
            }
            else
            {
                cur.Append(c);
            }
        }

        fields.Add(cur.ToString());
        return fields;
    }

    private sealed record Rows(List<List<string>> Fields, Dictionary<string, int> Col);

    private static Rows Load()
    {
        string path = Path.Combine(SharedData(), "hillstrom", "hillstrom.csv");
        Assert.True(File.Exists(path), $"Hillstrom file missing: {path}");
        string[] lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        List<string> header = SplitCsv(lines[0]);
        var col = header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i);
        var rows = lines.Skip(1).Select(SplitCsv).ToList();
        Assert.All(rows, r => Assert.Equal(header.Count, r.Count));
        return new Rows(rows, col);
    }

    /// <summary>The data for one e-mail arm against No E-Mail with the pre-treatment covariates.</summary>
    private static EffectData Contrast(Rows d, string arm, string outcome)
    {
        var rows = d.Fields.Where(r => r[d.Col["segment"]] == arm || r[d.Col["segment"]] == "No E-Mail").ToList();
        (Matrix x, List<string> names) = Covariates(d, rows);
        double[] t = [.. rows.Select(r => r[d.Col["segment"]] == arm ? 1.0 : 0.0)];
        double[] y = [.. rows.Select(r => double.Parse(r[d.Col[outcome]], CultureInfo.InvariantCulture))];
        return new EffectData(y, t, x, names);
    }

    /// <summary>recency, history, mens, womens, newbie, zip_code and channel one-hot, history_segment one-hot (first level reference).</summary>
    private static (Matrix X, List<string> Names) Covariates(Rows d, List<List<string>> rows)
    {
        string[] segments = d.Fields.Select(r => r[d.Col["history_segment"]]).Distinct().Order(StringComparer.Ordinal).ToArray();
        var names = new List<string> { "recency", "history", "mens", "womens", "newbie", "zip_Urban", "zip_Surburban", "channel_Phone", "channel_Web" };
        names.AddRange(segments.Skip(1).Select(s => "history_segment=" + s));
        int n = rows.Count, p = names.Count;
        var x = new Matrix(n, p);
        for (int i = 0; i < n; i++)
        {
            List<string> r = rows[i];
            double Num(string c) => double.Parse(r[d.Col[c]], CultureInfo.InvariantCulture);
            x[i, 0] = Num("recency");
            x[i, 1] = Num("history");
            x[i, 2] = Num("mens");
            x[i, 3] = Num("womens");
            x[i, 4] = Num("newbie");
            x[i, 5] = r[d.Col["zip_code"]] == "Urban" ? 1 : 0;
            x[i, 6] = r[d.Col["zip_code"]] == "Surburban" ? 1 : 0;
            x[i, 7] = r[d.Col["channel"]] == "Phone" ? 1 : 0;
            x[i, 8] = r[d.Col["channel"]] == "Web" ? 1 : 0;
            for (int s = 1; s < segments.Length; s++)
            {
                x[i, 8 + s] = r[d.Col["history_segment"]] == segments[s] ? 1 : 0;
            }
        }

        return (x, names);
    }

    [Theory]
    [InlineData("visit")]
    [InlineData("conversion")]
    [InlineData("spend")]
    public void Multi_arm_aipw_on_all_three_arms_agrees_with_each_arms_difference_in_means(string outcome)
    {
        Rows d = Load();
        string[] labels = ["No E-Mail", "Mens E-Mail", "Womens E-Mail"];
        (Matrix x, List<string> names) = Covariates(d, d.Fields);
        int[] arm = [.. d.Fields.Select(r => Array.IndexOf(labels, r[d.Col["segment"]]))];
        Assert.DoesNotContain(-1, arm);
        double[] y = [.. d.Fields.Select(r => double.Parse(r[d.Col[outcome]], CultureInfo.InvariantCulture))];
        var result = new CausalCart.Causal.Dml.MultiArmAipwEstimator(new EffectOptions { Seed = 7 })
            .Estimate(new CausalCart.Causal.Dml.MultiArmData(y, arm, labels, x, names), reference: 0);
        var failures = new List<string>();
        foreach (string a in labels.Skip(1))
        {
            EffectEstimate dim = new NaiveEstimator(new EffectOptions { Estimands = [Estimand.Ate] }).Estimate(Contrast(d, a, outcome)).For(Estimand.Ate);
            CausalCart.Causal.Dml.ArmEffect e = Assert.Single(result.Effects, r => r.Arm == a);
            bool agrees = e.Covers(dim.Estimate);
            output.WriteLine($"| {a} | {outcome} | MultiArmAipw | {e.Estimate:F5} | [{e.CiLower:F5}, {e.CiUpper:F5}] | {(agrees ? "yes" : "NO")} |");
            if (!agrees)
            {
                failures.Add($"{a}: {e.Estimate} [{e.CiLower}, {e.CiUpper}] does not contain the difference in means {dim.Estimate}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Theory]
    [InlineData("Mens E-Mail", "visit")]
    [InlineData("Womens E-Mail", "visit")]
    [InlineData("Mens E-Mail", "conversion")]
    [InlineData("Womens E-Mail", "conversion")]
    [InlineData("Mens E-Mail", "spend")]
    [InlineData("Womens E-Mail", "spend")]
    public void Adjusted_estimators_agree_with_the_difference_in_means(string arm, string outcome)
    {
        EffectData data = Contrast(Load(), arm, outcome);
        Assert.Equal(data.Count, 21306 + (arm == "Mens E-Mail" ? 21307 : 21387));
        EffectEstimate dim = new NaiveEstimator(new EffectOptions { Estimands = [Estimand.Ate] }).Estimate(data).For(Estimand.Ate);
        output.WriteLine($"| {arm} | {outcome} | Difference in means | {dim.Estimate:F5} | [{dim.CiLower:F5}, {dim.CiUpper:F5}] | — |");
        var failures = new List<string>();
        foreach (IEffectEstimator m in RctEstimators.All(new EffectOptions { Estimands = [Estimand.Ate], Seed = 7 }))
        {
            EffectEstimate e = m.Estimate(data).For(Estimand.Ate);
            bool agrees = e.Covers(dim.Estimate);
            output.WriteLine($"| {arm} | {outcome} | {m.Method} | {e.Estimate:F5} | [{e.CiLower:F5}, {e.CiUpper:F5}] | {(agrees ? "yes" : "NO")} |");
            if (!agrees)
            {
                failures.Add($"{m.Method}: {e.Estimate} [{e.CiLower}, {e.CiUpper}] does not contain the difference in means {dim.Estimate}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }
}
