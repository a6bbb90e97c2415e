using System.Globalization;
using CausalCart.Causal.Iv;
using CausalCart.Learners.Linear;

namespace CausalCart.Causal.Tests.Iv;

/// <summary>2SLS against closed forms and a committed numpy/statsmodels reference (bench/causal/iv/reference_2sls.py small).</summary>
public class TwoStageLeastSquaresTests
{
    // Produced once by `/usr/bin/python3 bench/causal/iv/reference_2sls.py small` (numpy by hand; statsmodels IV2SLS
    // agrees to 1e-15): intercept, d, w — estimate, classical SE, HC1 SE.
    private static readonly double[,] Reference =
    {
        { 1.0004923597244999, 0.10297960867256191, 0.10501676721689249 },
        { 2.1736086483648616, 0.11538005111665084, 0.10410644978328377 },
        { -0.67887840304131442, 0.10038201807354218, 0.11416723489077722 },
    };

    private static Dictionary<string, double[]> SmallCsv()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "CausalCart.Causal.Tests", "Iv", "iv_small.csv");
            if (File.Exists(candidate))
            {
                string[] lines = File.ReadAllLines(candidate);
                string[] header = lines[0].Split(',');
                var cols = header.ToDictionary(h => h, _ => new double[lines.Length - 1]);
                for (int r = 1; r < lines.Length; r++)
                {
                    string[] f = lines[r].Split(',');
                    for (int j = 0; j < header.Length; j++)
                    {
                        cols[header[j]][r - 1] = double.Parse(f[j], CultureInfo.InvariantCulture);
                    }
                }

                return cols;
            }
        }

        throw new InvalidOperationException($"tests/CausalCart.Causal.Tests/Iv/iv_small.csv not found above {AppContext.BaseDirectory}.");
    }

    private static IvColumn C(Dictionary<string, double[]> d, string name) => new(name, d[name]);

    [Fact]
    public void Coefficients_classical_and_hc1_standard_errors_match_the_numpy_reference()
    {
        var d = SmallCsv();
        var classical = TwoStageLeastSquares.Fit(C(d, "y"), [C(d, "d")], [C(d, "w")], [C(d, "z1"), C(d, "z2")],
            new TwoStageLeastSquaresOptions(CovarianceType.Classical));
        var hc1 = TwoStageLeastSquares.Fit(C(d, "y"), [C(d, "d")], [C(d, "w")], [C(d, "z1"), C(d, "z2")]);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(Reference[j, 0], classical.Coefficients[j].Estimate, Reference[j, 0] * 1e-6 is var t ? Math.Abs(t) : 0);
            Assert.Equal(Reference[j, 1], classical.Coefficients[j].StdError, Reference[j, 1] * 1e-6);
            Assert.Equal(Reference[j, 2], hc1.Coefficients[j].StdError, Reference[j, 2] * 1e-6);
        }

        Assert.Equal(["intercept", "d", "w"], hc1.Coefficients.Select(c => c.Term));
        Assert.Equal(CovarianceKind.HC1, hc1.CovarianceKind);
        Assert.NotNull(hc1.Sargan);
        Assert.Equal(1, hc1.Sargan!.DegreesOfFreedom);
        Assert.InRange(hc1.Sargan.PValue, 0, 1);
        Assert.False(hc1.FirstStages[0].IsWeak);
        Assert.InRange(hc1.FirstStages[0].PartialRSquared, 0.1, 1);
        // The design makes d endogenous (u = 0.7 v + noise): the Wu–Hausman test should reject.
        Assert.True(hc1.WuHausman!.PValue < 0.01, $"Wu–Hausman p = {hc1.WuHausman!.PValue}");
    }

    [Fact]
    public void Equals_ols_when_the_instrument_is_the_regressor_itself()
    {
        var d = SmallCsv();
        double[] x = d["d"], y = d["y"];
        double mx = x.Average(), my = y.Average();
        double slope = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
        var fit = TwoStageLeastSquares.Fit(C(d, "y"), [C(d, "d")], [], [new IvColumn("d as instrument", x)]);
        Assert.Equal(slope, fit["d"].Estimate, 1e-10);
        Assert.Equal(my - (slope * mx), fit["intercept"].Estimate, 1e-10);
        Assert.Null(fit.Sargan);
        Assert.Null(fit.WuHausman);
        Assert.True(double.IsPositiveInfinity(fit.FirstStages[0].ClassicalF));
    }

    [Fact]
    public void Just_identified_2sls_equals_indirect_least_squares()
    {
        var d = SmallCsv();
        double[] z = d["z1"], x = d["d"], y = d["y"];
        double mz = z.Average();
        double reducedForm = z.Zip(y).Sum(p => (p.First - mz) * p.Second);
        double firstStage = z.Zip(x).Sum(p => (p.First - mz) * p.Second);
        var fit = TwoStageLeastSquares.Fit(C(d, "y"), [C(d, "d")], [], [C(d, "z1")]);
        Assert.Equal(reducedForm / firstStage, fit["d"].Estimate, 1e-10);
    }

    [Fact]
    public void Hc_variants_and_cluster_are_positive_and_differ_from_classical()
    {
        var d = SmallCsv();
        var groups = Enumerable.Range(0, d["y"].Length).Select(i => i % 20).ToArray();
        foreach (var cov in new[] { CovarianceType.HC0, CovarianceType.HC2, CovarianceType.HC3, CovarianceType.ClusterRobust(groups) })
        {
            var fit = TwoStageLeastSquares.Fit(C(d, "y"), [C(d, "d")], [C(d, "w")], [C(d, "z1"), C(d, "z2")], new TwoStageLeastSquaresOptions(cov));
            Assert.InRange(fit["d"].StdError, 0.05, 0.3);
            Assert.Equal(Reference[1, 0], fit["d"].Estimate, 1e-9);
        }

        var hc0 = TwoStageLeastSquares.Fit(C(d, "y"), [C(d, "d")], [C(d, "w")], [C(d, "z1"), C(d, "z2")], new TwoStageLeastSquaresOptions(CovarianceType.HC0));
        // HC1 = HC0 · n/(n−k).
        Assert.Equal(Reference[1, 2], hc0["d"].StdError * Math.Sqrt(200.0 / 197.0), 1e-9);
    }

    [Fact]
    public void Errors_name_the_problem()
    {
        var d = SmallCsv();
        var tooFew = Assert.Throws<ArgumentException>(() =>
            TwoStageLeastSquares.Fit(C(d, "y"), [C(d, "d"), C(d, "w")], [], [C(d, "z1")]));
        Assert.Contains("Not identified", tooFew.Message);

        double[] twice = d["z1"].Select(v => 2 * v).ToArray();
        var collinear = Assert.Throws<ArgumentException>(() =>
            TwoStageLeastSquares.Fit(C(d, "y"), [C(d, "d")], [], [C(d, "z1"), new IvColumn("z1 doubled", twice)]));
        Assert.Contains("'z1 doubled'", collinear.Message);

        var constant = Assert.Throws<ArgumentException>(() =>
            TwoStageLeastSquares.Fit(C(d, "y"), [C(d, "d")], [], [new IvColumn("flat", new double[200])]));
        Assert.Contains("'flat' is constant", constant.Message);

        var shortColumn = Assert.Throws<ArgumentException>(() =>
            TwoStageLeastSquares.Fit(C(d, "y"), [C(d, "d")], [], [new IvColumn("short", [1.0, 2.0])]));
        Assert.Contains("'short' has 2 rows", shortColumn.Message);
    }

    [Fact]
    public void Wald_statistics_do_not_depend_on_the_units_of_the_instruments()
    {
        // Two instruments in very different units (e.g. a 0/1 offer and a budget in micro-dollars): the robust first-stage
        // F and the Wu–Hausman statistic are invariant to rescaling, so they must not be refused as "singular".
        var d = SmallCsv();
        int n = d["y"].Length;
        double[] second = Enumerable.Range(0, n).Select(i => d["z2"][i] + Math.Sin(i * 7.1)).ToArray();
        TwoStageLeastSquaresResult Fit(double scale) => TwoStageLeastSquares.Fit(
            C(d, "y"), [C(d, "d")], [C(d, "w")], [C(d, "z1"), new IvColumn("budget", [.. second.Select(v => v * scale)])]);
        var unit = Fit(1);
        var micro = Fit(1e9);
        Assert.Equal(unit.FirstStages[0].RobustF, micro.FirstStages[0].RobustF, 1e-6 * unit.FirstStages[0].RobustF);
        Assert.Equal(unit.WuHausman!.Statistic, micro.WuHausman!.Statistic, 1e-6 * unit.WuHausman.Statistic);
        Assert.Equal(unit["d"].Estimate, micro["d"].Estimate, 1e-9);
    }

    [Fact]
    public void A_useless_instrument_raises_the_weak_instrument_note()
    {
        var d = SmallCsv();
        double[] noise = Enumerable.Range(0, 200).Select(i => Math.Sin(i * 12.9898) * 43758.5453 % 1).ToArray();
        var fit = TwoStageLeastSquares.Fit(C(d, "y"), [C(d, "d")], [], [new IvColumn("noise", noise)]);
        Assert.True(fit.FirstStages[0].IsWeak);
        Assert.Contains(fit.Notes, n => n.Contains("Staiger–Stock rule of thumb", StringComparison.Ordinal));
    }
}
