using CausalCart.Causal.Matching;
using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Matching;

public class MatchingTests
{
    private static EffectData OneCovariate(double[] x, double[] t, double[] y) =>
        new(y, t, new Matrix(x.Length, 1, (double[])x.Clone()), ["x"]);

    [Fact]
    public void Tiny_mahalanobis_example_matches_the_hand_computed_pairs_and_effects()
    {
        // Treated at x = 0, 1, 2 match the controls at 0.1, 1.1, 1.1 (nearest); the control at 5 is never used.
        double[] x = [0, 1, 2, 0.1, 1.1, 5];
        double[] t = [1, 1, 1, 0, 0, 0];
        double[] y = [3, 5, 9, 1, 2, 10];
        var est = new MatchingEstimator(new EffectOptions { Estimands = [Estimand.Att, Estimand.Ate] }, new MatchingOptions { Distance = MatchingDistance.Mahalanobis });
        MatchingResult r = est.Match(OneCovariate(x, t, y));
        int[][] matches = Enumerable.Range(0, r.TreatedToControl.Count).Select(i => r.TreatedToControl.Matches(i).ToArray()).ToArray();
        Assert.Equal([[3], [4], [4]], matches);
        Assert.Equal((3 - 1 + 5 - 2 + 9 - 2) / 3.0, r.Estimation.For(Estimand.Att).Estimate, 12);
        Assert.Equal(2.0, r.TreatedToControl.TimesUsed[4]);
        Assert.Equal(0.0, r.TreatedToControl.TimesUsed[5]);

        // Controls: 0.1 → treated 0 (y 3), 1.1 → treated 1 (y 5), 5 → treated 2 (y 9).
        double ate = ((3 - 1) + (5 - 2) + (9 - 2) + (3 - 1) + (5 - 2) + (9 - 10)) / 6.0;
        Assert.Equal(ate, r.Estimation.For(Estimand.Ate).Estimate, 12);
    }

    [Fact]
    public void Propensity_matching_recovers_the_ate_and_att_of_a_confounded_world()
    {
        (EffectData data, double ate, double att) = Worlds.Confounded(3000, 11);
        var est = new MatchingEstimator(null, new MatchingOptions { Neighbors = 2, BiasCorrection = true });
        MatchingResult r = est.Match(data);
        EffectEstimate a = r.Estimation.For(Estimand.Ate);
        EffectEstimate b = r.Estimation.For(Estimand.Att);
        Assert.True(a.Covers(ate), $"ATE {a.Estimate} ± {a.StdError}, truth {ate}");
        Assert.True(Math.Abs(b.Estimate - att) < 3 * b.StdError, $"ATT {b.Estimate} ± {b.StdError}, truth {att}");
        Assert.True(r.Balance[1].MaxAbsSmdAfter < r.Balance[1].MaxAbsSmdBefore / 3, r.Balance[1].Message);
        Assert.Equal(Estimand.Ate, r.Balance[0].Estimand);
        Assert.NotNull(r.Estimation.Overlap);
    }

    [Fact]
    public void Mahalanobis_matching_with_bias_correction_recovers_the_ate()
    {
        (EffectData data, double ate, _) = Worlds.Confounded(3000, 12);
        var est = new MatchingEstimator(null, new MatchingOptions { Distance = MatchingDistance.Mahalanobis, BiasCorrection = true });
        EffectEstimate a = est.Estimate(data).For(Estimand.Ate);
        Assert.True(a.Covers(ate), $"ATE {a.Estimate} ± {a.StdError}, truth {ate}");
        Assert.True(a.StdError < 0.15, $"SE {a.StdError}");
    }

    [Fact]
    public void Abadie_imbens_standard_error_is_close_to_the_monte_carlo_sd()
    {
        const int reps = 150;
        var ests = new double[reps];
        var ses = new double[reps];
        var attEsts = new double[reps];
        var attSes = new double[reps];
        var est = new MatchingEstimator(null, new MatchingOptions { Distance = MatchingDistance.Mahalanobis, BiasCorrection = true });
        for (int r = 0; r < reps; r++)
        {
            (EffectData data, _, _) = Worlds.Confounded(400, 1000 + r);
            EstimationResult res = est.Estimate(data);
            ests[r] = res.For(Estimand.Ate).Estimate;
            ses[r] = res.For(Estimand.Ate).StdError;
            attEsts[r] = res.For(Estimand.Att).Estimate;
            attSes[r] = res.For(Estimand.Att).StdError;
        }

        double Sd(double[] v)
        {
            double m = v.Average();
            return Math.Sqrt(v.Sum(t => (t - m) * (t - m)) / (v.Length - 1));
        }

        double ratioAte = ses.Average() / Sd(ests);
        double ratioAtt = attSes.Average() / Sd(attEsts);
        Assert.InRange(ratioAte, 0.8, 1.25);
        Assert.InRange(ratioAtt, 0.8, 1.25);
    }

    [Fact]
    public void Caliper_drops_the_treated_units_outside_it_and_reports_how_many()
    {
        // Controls on [0, 1]; treated at 0.5 and 0.55 match, treated at 3 and 4 have nothing within 0.25.
        double[] x = [0, 0.25, 0.5, 0.75, 1, 0.5, 0.55, 3, 4];
        double[] t = [0, 0, 0, 0, 0, 1, 1, 1, 1];
        double[] y = [0, 1, 2, 3, 4, 5, 6, 7, 8];
        var est = new MatchingEstimator(
            new EffectOptions { Estimands = [Estimand.Att] },
            new MatchingOptions { Distance = MatchingDistance.Mahalanobis, Caliper = 0.25 });
        MatchingResult r = est.Match(OneCovariate(x, t, y));
        EffectEstimate att = r.Estimation.For(Estimand.Att);
        Assert.Equal([7, 8], r.TreatedToControl.Unmatched);
        Assert.Equal(2, att.Diagnostics["unmatchedTreated"]);
        Assert.Equal(2, att.NTreated);
        Assert.Contains(att.Warnings, w => w.Contains("2 of 4 treated units", StringComparison.Ordinal));
        Assert.Equal(((5 - 2) + (6 - 2)) / 2.0, att.Estimate, 12);
    }

    [Fact]
    public void A_caliper_with_no_overlap_is_a_clear_error()
    {
        double[] x = [0, 0.1, 0.2, 5, 5.1, 5.2];
        double[] t = [0, 0, 0, 1, 1, 1];
        double[] y = [0, 1, 2, 3, 4, 5];
        var est = new MatchingEstimator(null, new MatchingOptions { Distance = MatchingDistance.Mahalanobis, Caliper = 0.1 });
        var ex = Assert.Throws<ArgumentException>(() => est.Match(OneCovariate(x, t, y)));
        Assert.Contains("caliper", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_matching_columns_are_respected_by_every_pair()
    {
        (EffectData d, _, _) = Worlds.Confounded(800, 3);
        var x = new Matrix(d.Count, 4);
        for (int i = 0; i < d.Count; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = d.Covariates[i, j];
            }

            x[i, 3] = i % 3; // a region code
        }

        var data = new EffectData(d.Outcome, d.Treatment, x, ["x1", "x2", "x3", "region"]);
        foreach (MatchingDistance distance in new[] { MatchingDistance.Propensity, MatchingDistance.Mahalanobis })
        {
            MatchingResult r = new MatchingEstimator(null, new MatchingOptions { Distance = distance, ExactColumns = ["region"], Neighbors = 3 }).Match(data);
            foreach (MatchedSample s in new[] { r.TreatedToControl, r.ControlToTreated! })
            {
                Assert.True(s.Count > 0);
                foreach (MatchPair p in s.Pairs())
                {
                    Assert.Equal(x[p.Focal, 3], x[p.Match, 3]);
                    Assert.NotEqual(data.Treatment[p.Focal], data.Treatment[p.Match]);
                }

                for (int i = 0; i < s.Count; i++)
                {
                    Assert.True(s.Matches(i).Length >= 3);
                }
            }
        }
    }

    [Fact]
    public void Without_replacement_each_control_is_used_once_and_greedy_order_is_descending_propensity()
    {
        // Keep every control and one treated unit in three, so 1:1 greedy matching has controls to spare.
        (EffectData full, _, _) = Worlds.Confounded(3000, 5);
        int[] keep = Enumerable.Range(0, full.Count).Where(i => full.Treatment[i] == 0 || i % 3 == 0).ToArray();
        EffectData data = full.Subset(keep);
        double att = keep.Where(i => full.Treatment[i] == 1).Average(i => 2 + full.Covariates[i, 0]);
        var est = new MatchingEstimator(new EffectOptions { Estimands = [Estimand.Att] }, new MatchingOptions { Replacement = false, Neighbors = 1 });
        MatchingResult r = est.Match(data);
        int[] used = r.TreatedToControl.Pairs().Select(p => p.Match).ToArray();
        Assert.Equal(used.Length, used.Distinct().Count());
        Assert.All(r.TreatedToControl.TimesUsed, k => Assert.True(k is 0 or 1));
        EffectEstimate e = r.Estimation.For(Estimand.Att);
        Assert.True(Math.Abs(e.Estimate - att) < 4 * e.StdError, $"{e.Estimate} ± {e.StdError} vs {att}");

        // The treated unit with the largest propensity chooses first, so it gets its nearest control outright.
        double[] ps = r.Score!.ToArray();
        int top = Enumerable.Range(0, data.Count).Where(i => data.Treatment[i] == 1).OrderByDescending(i => ps[i]).First();
        int nearest = Enumerable.Range(0, data.Count).Where(i => data.Treatment[i] == 0).OrderBy(i => Math.Abs(ps[i] - ps[top])).First();
        int idx = Enumerable.Range(0, r.TreatedToControl.Count).First(i => r.TreatedToControl.FocalRow(i) == top);
        Assert.Equal(nearest, r.TreatedToControl.Matches(idx)[0]);

        var ate = new MatchingEstimator(null, new MatchingOptions { Replacement = false });
        var ex = Assert.Throws<ArgumentException>(() => ate.Match(data));
        Assert.Contains("ATT only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_and_kd_tree_matches_equal_a_brute_force_reference_with_ties()
    {
        var rng = new SeededRandom(9);
        int n = 300;
        var x = new Matrix(n, 2);
        var t = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Coarse grid values create many exact ties.
            x[i, 0] = Math.Round(rng.NextNormal() * 2) / 2;
            x[i, 1] = Math.Round(rng.NextNormal() * 2) / 2;
            t[i] = rng.NextDouble() < 0.4 ? 1 : 0;
            y[i] = rng.NextNormal();
        }

        var data = new EffectData(y, t, x, ["a", "b"]);
        foreach (MatchingDistance distance in new[] { MatchingDistance.Propensity, MatchingDistance.Mahalanobis })
        {
            MatchingResult r = new MatchingEstimator(null, new MatchingOptions { Distance = distance, Neighbors = 2 }).Match(data);
            Func<int, int, double> dist = distance == MatchingDistance.Propensity
                ? (i, j) => Math.Abs(r.Score![i] - r.Score[j])
                : MahalanobisReference(x);
            foreach (MatchedSample s in new[] { r.TreatedToControl, r.ControlToTreated! })
            {
                for (int f = 0; f < s.Count; f++)
                {
                    int row = s.FocalRow(f);
                    double[] d = Enumerable.Range(0, n).Where(j => t[j] != t[row]).Select(j => dist(row, j)).Order().ToArray();
                    double kth = d[1];
                    int[] expected = Enumerable.Range(0, n).Where(j => t[j] != t[row] && dist(row, j) <= kth * (1 + 1e-9) + 1e-12).Order().ToArray();
                    Assert.Equal(expected, s.Matches(f).ToArray().Order().ToArray());
                }
            }
        }
    }

    private static Func<int, int, double> MahalanobisReference(Matrix x)
    {
        int n = x.Rows;
        double m0 = 0, m1 = 0;
        for (int i = 0; i < n; i++)
        {
            m0 += x[i, 0];
            m1 += x[i, 1];
        }

        m0 /= n;
        m1 /= n;
        double s00 = 0, s01 = 0, s11 = 0;
        for (int i = 0; i < n; i++)
        {
            s00 += (x[i, 0] - m0) * (x[i, 0] - m0);
            s01 += (x[i, 0] - m0) * (x[i, 1] - m1);
            s11 += (x[i, 1] - m1) * (x[i, 1] - m1);
        }

        s00 /= n - 1;
        s01 /= n - 1;
        s11 /= n - 1;
        double det = (s00 * s11) - (s01 * s01);
        return (i, j) =>
        {
            double a = x[i, 0] - x[j, 0], b = x[i, 1] - x[j, 1];
            return Math.Sqrt(((s11 * a * a) - (2 * s01 * a * b) + (s00 * b * b)) / det);
        };
    }

    [Fact]
    public void Matching_is_deterministic_and_leaves_its_options_untouched()
    {
        (EffectData data, _, _) = Worlds.Confounded(600, 21);
        var mo = new MatchingOptions { Neighbors = 2, Caliper = 0.2 };
        var copy = mo with { };
        var est = new MatchingEstimator(null, mo);
        EstimationResult a = est.Estimate(data), b = est.Estimate(data);
        Assert.Equal(a.Estimates.Select(e => (e.Estimate, e.StdError)), b.Estimates.Select(e => (e.Estimate, e.StdError)));
        Assert.Equal(copy, mo);
    }

    [Fact]
    public void Bad_inputs_are_clear_errors_naming_the_problem()
    {
        (EffectData data, _, _) = Worlds.Confounded(200, 2);
        var ex = Assert.Throws<ArgumentException>(() => new MatchingEstimator(null, new MatchingOptions { ExactColumns = ["zip"] }).Match(data));
        Assert.Contains("'zip'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("x1, x2, x3", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new MatchingEstimator(null, new MatchingOptions { Neighbors = 0 }).Match(data));
        Assert.Throws<ArgumentException>(() => new MatchingEstimator(null, new MatchingOptions { Caliper = -1 }).Match(data));
        var weighted = new EffectData(data.Outcome, data.Treatment, data.Covariates, data.CovariateNames, null, Enumerable.Repeat(2.0, data.Count).ToArray());
        ex = Assert.Throws<ArgumentException>(() => new MatchingEstimator().Match(weighted));
        Assert.Contains("sample weights", ex.Message, StringComparison.Ordinal);

        var x = new Matrix(data.Count, 2);
        for (int i = 0; i < data.Count; i++)
        {
            x[i, 0] = data.Covariates[i, 0];
            x[i, 1] = 2 * data.Covariates[i, 0];
        }

        ex = Assert.Throws<ArgumentException>(() =>
            new MatchingEstimator(null, new MatchingOptions { Distance = MatchingDistance.Mahalanobis }).Match(data.WithCovariates(x, ["a", "twice_a"])));
        Assert.Contains("'twice_a'", ex.Message, StringComparison.Ordinal);
    }
}
