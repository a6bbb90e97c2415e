using System.Globalization;
using CausalCart.Causal.Dml;
using CausalCart.Causal.Iv;
using CausalCart.Numerics;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.Iv;

/// <summary>
/// Monte-Carlo coverage of the IV estimators on <see cref="NonComplianceWorld"/>: 200 worlds of n = 2000 for each of
/// one- and two-sided non-compliance. 2SLS (covariates as linear controls, HC1), Wald (no covariates), PLIV and DR-LATE
/// (default linear/logistic nuisances, 5 folds) must cover the true LATE in 92–98% of the 400 worlds and be nearly
/// unbiased; the naive difference in means and OLS with the covariates must be visibly biased.
/// </summary>
public class IvCoverageStudyTests(ITestOutputHelper output)
{
    private const int Worlds = 200;
    private const int Units = 2000;

    private static readonly string[] Methods = ["2SLS", "Wald", "PLIV", "DR-LATE", "naive", "OLS"];

    [Fact]
    [Trait("Category", "Slow")]
    public void Dr_late_covers_the_late_and_wald_misses_when_the_instrument_is_random_only_given_the_covariates()
    {
        const bool oneSided = false;
        double truth = NonComplianceWorld.TrueLate(oneSided);
        var rows = Methods.ToDictionary(m => m, _ => new List<(double Error, double Se, bool Covered)>());
        for (int w = 0; w < Worlds; w++)
        {
            var s = NonComplianceWorld.Draw(Units, (ulong)(200_000 + w), oneSided, instrumentDependsOnX: true);
            foreach ((string method, double estimate, double se, double lo, double hi) in Estimates(s, w))
            {
                rows[method].Add((estimate - truth, se, lo <= truth && truth <= hi));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"two-sided non-compliance, instrument P(Z=1|X) = σ(x1 − 0.5 x2): true LATE {truth:F4}; {Worlds} worlds of n = {Units}"));
        Report(rows);
        var dr = rows["DR-LATE"];
        Assert.InRange(dr.Count(x => x.Covered) / (double)dr.Count, 0.92, 0.98);
        double drMcse = Sd(dr.Select(x => x.Error)) / Math.Sqrt(dr.Count);
        Assert.True(Math.Abs(dr.Average(x => x.Error)) < 3 * drMcse, $"DR-LATE bias {dr.Average(x => x.Error)} (MC SE {drMcse})");
        var wald = rows["Wald"];
        Assert.True(wald.Count(x => x.Covered) / (double)wald.Count < 0.5, "the Wald ratio ignores that Z depends on X and should miss");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Boosted_nuisances_keep_dr_late_and_pliv_coverage_when_the_instrument_depends_on_the_covariates()
    {
        // 200 worlds (about 100 s of CPU): coverage is known to ±1.5 points; the lower bound 90 % is about 3 Monte-Carlo
        // SEs below 95 %, a little wider than the linear study's because boosting adds regularisation bias.
        const int worlds = 200;
        double truth = NonComplianceWorld.TrueLate(oneSided: false);
        var rows = new Dictionary<string, List<(double Error, double Se, bool Covered)>> { ["PLIV"] = [], ["DR-LATE"] = [] };
        for (int w = 0; w < worlds; w++)
        {
            var s = NonComplianceWorld.Draw(Units, (ulong)(300_000 + w), oneSided: false, instrumentDependsOnX: true);
            var options = new EffectOptions { Seed = w };
            var dml = new DmlOptions { Learners = FlexibleNuisances.GradientBoosting(w) };
            var pliv = new PartiallyLinearIv(options, dml).Estimate(s.Data).Effect;
            var dr = new DrLate(options, dml).Estimate(s.Data).Late;
            rows["PLIV"].Add((pliv.Estimate - truth, pliv.StdError, pliv.Covers(truth)));
            rows["DR-LATE"].Add((dr.Estimate - truth, dr.StdError, dr.Covers(truth)));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"boosted nuisances, two-sided, P(Z=1|X) = σ(x1 − 0.5 x2): true LATE {truth:F4}; {worlds} worlds of n = {Units}"));
        Report(rows);
        foreach (var r in rows.Values)
        {
            Assert.InRange(r.Count(x => x.Covered) / (double)r.Count, 0.90, 0.98);
        }

        // Boosting is not bias-free at n = 2000: DR-LATE's mean error is +0.06 here, 4 Monte-Carlo SEs from 0 but a third
        // of its standard error (bench/causal/iv/RESULTS.md). The check is that the bias stays small against the
        // sampling error, which is what keeps the intervals honest; it fails if the bias reaches half an SE.
        foreach ((string m, var r) in rows)
        {
            double bias = r.Average(x => x.Error), meanSe = r.Average(x => x.Se);
            Assert.True(Math.Abs(bias) < 0.5 * meanSe, $"{m}: bias {bias} against mean SE {meanSe}");
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Iv_estimators_cover_the_late_under_one_and_two_sided_non_compliance()
    {
        var pooled = Methods.ToDictionary(m => m, _ => new List<(double Error, double Se, bool Covered)>());
        foreach (bool oneSided in new[] { false, true })
        {
            double truth = NonComplianceWorld.TrueLate(oneSided);
            var rows = Methods.ToDictionary(m => m, _ => new List<(double Error, double Se, bool Covered)>());
            for (int w = 0; w < Worlds; w++)
            {
                var s = NonComplianceWorld.Draw(Units, (ulong)((oneSided ? 100_000 : 0) + w), oneSided);
                foreach ((string method, double estimate, double se, double lo, double hi) in Estimates(s, w))
                {
                    rows[method].Add((estimate - truth, se, lo <= truth && truth <= hi));
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(oneSided ? "one-sided" : "two-sided")} non-compliance: true LATE {truth:F4}, ATE {NonComplianceWorld.Ate:F1}, complier share {NonComplianceWorld.TrueComplierShare(oneSided):F3}; {Worlds} worlds of n = {Units}"));
            Report(rows);
            foreach (string m in Methods)
            {
                pooled[m].AddRange(rows[m]);
            }
        }

        output.WriteLine("pooled over both designs:");
        Report(pooled);
        foreach (string m in Methods[..4])
        {
            var r = pooled[m];
            double coverage = r.Count(x => x.Covered) / (double)r.Count;
            double bias = r.Average(x => x.Error);
            double mcse = Sd(r.Select(x => x.Error)) / Math.Sqrt(r.Count);
            Assert.InRange(coverage, 0.92, 0.98);
            Assert.True(Math.Abs(bias) < Math.Max(3 * mcse, 0.1 * r.Average(x => x.Se)), $"{m}: bias {bias} (MC SE {mcse})");
        }

        foreach (string m in Methods[4..])
        {
            var r = pooled[m];
            double bias = r.Average(x => x.Error);
            double mcse = Sd(r.Select(x => x.Error)) / Math.Sqrt(r.Count);
            Assert.True(Math.Abs(bias) > 10 * mcse, $"{m}: bias {bias} should be clearly non-zero (MC SE {mcse})");
            Assert.True(r.Count(x => x.Covered) / (double)r.Count < 0.5, $"{m} should miss the LATE in most worlds");
        }
    }

    private static IEnumerable<(string Method, double Estimate, double Se, double Lo, double Hi)> Estimates(NonComplianceWorld.Sample s, int seed)
    {
        var controls = NonComplianceWorld.Names.Select((name, j) => new IvColumn(name, PartiallyLinearIvTests.Column(s.X, j))).ToArray();
        var tsls = TwoStageLeastSquares.Fit(new IvColumn("y", s.Y), [new IvColumn("d", s.D)], controls, [new IvColumn("z", s.Z)])["d"];
        yield return ("2SLS", tsls.Estimate, tsls.StdError, tsls.CiLower, tsls.CiUpper);
        var wald = WaldLate.Estimate(s.Y, s.D, s.Z);
        yield return ("Wald", wald.Estimate, wald.StdError, wald.CiLower, wald.CiUpper);
        var options = new EffectOptions { Seed = seed };
        var pliv = new PartiallyLinearIv(options).Estimate(s.Data).Effect;
        yield return ("PLIV", pliv.Estimate, pliv.StdError, pliv.CiLower, pliv.CiUpper);
        var dr = new DrLate(options).Estimate(s.Data).Late;
        yield return ("DR-LATE", dr.Estimate, dr.StdError, dr.CiLower, dr.CiUpper);
        var naive = TwoStageLeastSquares.Fit(new IvColumn("y", s.Y), [new IvColumn("d", s.D)], [], [new IvColumn("d as its own instrument", s.D)])["d"];
        yield return ("naive", naive.Estimate, naive.StdError, naive.CiLower, naive.CiUpper);
        var ols = TwoStageLeastSquares.Fit(new IvColumn("y", s.Y), [new IvColumn("d", s.D)], controls, [new IvColumn("d as its own instrument", s.D)])["d"];
        yield return ("OLS", ols.Estimate, ols.StdError, ols.CiLower, ols.CiUpper);
    }

    private void Report(Dictionary<string, List<(double Error, double Se, bool Covered)>> rows)
    {
        output.WriteLine("| method | coverage | bias | MC SE of bias | sd of estimates | mean SE |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (string m in rows.Keys)
        {
            var r = rows[m];
            double sd = Sd(r.Select(x => x.Error));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m} | {r.Count(x => x.Covered) / (double)r.Count:P1} | {r.Average(x => x.Error):+0.0000;-0.0000} | {sd / Math.Sqrt(r.Count):F4} | {sd:F4} | {r.Average(x => x.Se):F4} |"));
        }
    }

    private static double Sd(IEnumerable<double> values)
    {
        double[] v = [.. values];
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }
}
