using System.Globalization;
using CausalCart.Causal.DiD;

namespace CausalCart.Causal.Tests.DiD;

/// <summary>
/// The county teen-employment panel of shared/data/did_minwage/minwage_data.csv (2,693 counties × 2001–2007), one row per
/// county-year, for the <c>MinimumWage…SharedData</c> tests. Fails with the file's path when shared/data is missing.
/// </summary>
internal sealed class MinimumWageData
{
    private MinimumWageData(long[] unit, int[] year, int[] g, double[] lemp, double[] lpop, double[] lavgPay, int[] region)
    {
        (Unit, Year, FirstTreated, Lemp, Lpop, LavgPay, Region) = (unit, year, g, lemp, lpop, lavgPay, region);
    }

    public long[] Unit { get; }

    public int[] Year { get; }

    /// <summary>G: first year with a state minimum wage above the federal one, 0 = never.</summary>
    public int[] FirstTreated { get; }

    public double[] Lemp { get; }

    public double[] Lpop { get; }

    public double[] LavgPay { get; }

    /// <summary>Census region 1–4 (1 = Northeast).</summary>
    public int[] Region { get; }

    public int RowCount => Unit.Length;

    public static MinimumWageData Load()
    {
        string path = Sensitivity.SharedData.File("did_minwage/minwage_data.csv");
        var c = Sensitivity.SharedData.Csv(path);
        foreach (string name in new[] { "countyreal", "year", "G", "lemp", "lpop", "lavg_pay", "region" })
        {
            Assert.True(c.ContainsKey(name), $"column '{name}' missing from {path}");
        }

        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);
        return new MinimumWageData(
            [.. c["countyreal"].Select(s => long.Parse(s, CultureInfo.InvariantCulture))],
            [.. c["year"].Select(I)],
            [.. c["G"].Select(I)],
            [.. c["lemp"].Select(D)],
            [.. c["lpop"].Select(D)],
            [.. c["lavg_pay"].Select(D)],
            [.. c["region"].Select(I)]);
    }

    /// <summary>Each row's county value of <paramref name="column"/> in <paramref name="year"/> (a time-invariant covariate).</summary>
    public double[] ValueIn(int year, double[] column)
    {
        var byUnit = new Dictionary<long, double>();
        for (int r = 0; r < RowCount; r++)
        {
            if (Year[r] == year)
            {
                byUnit[Unit[r]] = column[r];
            }
        }

        return [.. Unit.Select(u => byUnit[u])];
    }

    /// <summary>A panel of the rows where <paramref name="keep"/> holds, with first-treated periods from <paramref name="firstTreated"/>.</summary>
    public DidPanel Panel(Func<int, bool> keep, Func<int, int> firstTreated, params (string Name, double[] Values)[] covariates)
    {
        var rows = Enumerable.Range(0, RowCount).Where(keep).ToArray();
        var columns = new DidPanelColumns(
            [.. rows.Select(r => Unit[r])],
            [.. rows.Select(r => Year[r])],
            [.. rows.Select(r => Lemp[r])],
            [.. rows.Select(firstTreated)],
            covariates.Length == 0 ? null : [.. covariates.Select(cv => new DidCovariate(cv.Name, [.. rows.Select(r => cv.Values[r])]))]);
        return DidPanel.Create(columns);
    }
}
