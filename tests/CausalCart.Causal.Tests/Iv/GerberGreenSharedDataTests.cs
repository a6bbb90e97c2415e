using System.Globalization;
using CausalCart.Causal.Iv;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.Iv;

/// <summary>Gerber–Green–Imai (Imai 2005 subset): PHNTRT1 (assigned) equals PHN.C1 (contacted) on every row, so the
/// Wald machinery must report LATE = ITT = difference in means and say so.</summary>
public class GerberGreenSharedDataTests(ITestOutputHelper output)
{
    private static string Csv()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", "iv_gerber_green", "GerberGreenImai.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"shared/data was not found in any parent of {AppContext.BaseDirectory}; this check needs shared/data/iv_gerber_green/GerberGreenImai.csv.");
    }

    [Fact]
    public void Assignment_equals_contact_so_late_is_the_difference_in_means()
    {
        string[] lines = File.ReadAllLines(Csv());
        string[] header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        string[] needed = ["VOTED98", "PHN.C1", "PHNTRT1", "AGE", "MAJORPTY", "VOTE96.1", "NEW"];
        int[] idx = needed.Select(n => Array.IndexOf(header, n)).ToArray();
        var cols = needed.Select(_ => new double[lines.Length - 1]).ToArray();
        for (int r = 1; r < lines.Length; r++)
        {
            string[] f = lines[r].Split(',');
            for (int j = 0; j < needed.Length; j++)
            {
                cols[j][r - 1] = double.Parse(f[idx[j]].Trim('"'), CultureInfo.InvariantCulture);
            }
        }

        var wald = WaldLate.Estimate(cols[0], cols[1], cols[2]);
        var adjusted = TwoStageLeastSquares.Fit(new IvColumn("VOTED98", cols[0]), [new IvColumn("PHN.C1", cols[1])],
            [new IvColumn("AGE", cols[3]), new IvColumn("MAJORPTY", cols[4]), new IvColumn("VOTE96.1", cols[5]), new IvColumn("NEW", cols[6])],
            [new IvColumn("PHNTRT1", cols[2])]);
        output.WriteLine($"N={wald.Count} LATE={wald.Estimate:G6} SE={wald.StdError:G4} ITT={wald.IntentToTreat:G6} adjusted={adjusted["PHN.C1"].Estimate:G6} HC1 SE={adjusted["PHN.C1"].StdError:G4}");
        foreach (string note in wald.Notes.Concat(adjusted.Notes))
        {
            output.WriteLine(note);
        }

        Assert.Equal(10829, wald.Count);
        Assert.True(wald.InstrumentEqualsTreatment);
        // Difference in means computed with pandas: 0.647773 − 0.444245.
        Assert.Equal(0.20352833510728247, wald.Estimate, 1e-9);
        Assert.Equal(wald.IntentToTreat, wald.Estimate, 1e-12);
        Assert.Null(adjusted.WuHausman);
        Assert.InRange(adjusted["PHN.C1"].Estimate, -0.2, wald.Estimate);
    }
}
