using System.Globalization;
using CausalCart.Causal.Sensitivity;

namespace CausalCart.Causal.Tests.Sensitivity;

/// <summary>
/// Reproduces Cinelli &amp; Hazlett (2020, §5, Table 1 and the sensemakr Darfur test values): peacefactor on
/// directlyharmed with controls and village fixed effects.
/// </summary>
public sealed class DarfurSharedDataTests
{
    private static readonly string[] Controls = ["age", "farmer_dar", "herder_dar", "pastvoted", "hhsize_darfur", "female"];

    private static (OlsFit Outcome, OlsFit Treatment) Fit()
    {
        var d = SharedData.Csv(SharedData.File("sensitivity_darfur/darfur.csv"));
        double[] Num(string c) => [.. d[c].Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        var (fe, feNames) = OrdinaryLeastSquares.Dummies(d["village"], "village");
        var xCols = Controls.Select(Num).Concat(fe).ToList();
        var xNames = Controls.Concat(feNames).ToList();
        var outcome = OrdinaryLeastSquares.Fit(Num("peacefactor"), [Num("directlyharmed"), .. xCols], ["directlyharmed", .. xNames]);
        var treatment = OrdinaryLeastSquares.Fit(Num("directlyharmed"), xCols, xNames);
        return (outcome, treatment);
    }

    [Fact]
    public void Regression_matches_the_paper()
    {
        var (o, _) = Fit();
        Assert.Equal(783, o.DegreesOfFreedom);
        Assert.Equal(0.09731582, o.Coefficient("directlyharmed"), 6);
        Assert.Equal(0.02325654, o.StandardError("directlyharmed"), 6);
        Assert.Equal(4.18445, o.TStatistic("directlyharmed"), 4);
    }

    [Fact]
    public void Sensitivity_statistics_and_female_bounds_match_sensemakr()
    {
        var (o, t) = Fit();
        var benchmarks = new[] { 1.0, 2, 3 }.Select(k => new Benchmark("female", t.PartialR2("female"), o.PartialR2("female"), k, k)).ToList();
        var s = OmittedVariableBias.Analyze("directlyharmed", o.Coefficient("directlyharmed"), o.StandardError("directlyharmed"), o.DegreesOfFreedom, benchmarks);
        Assert.Equal(0.02187, s.PartialR2, 5);
        Assert.Equal(0.13878, s.RobustnessValue, 5);
        Assert.Equal(0.07626, s.RobustnessValueAlpha, 5);

        double[] r2dz = [0.00916428667504862, 0.0183285733500972, 0.0274928600251459];
        double[] r2yz = [0.12464092303637, 0.249324064199975, 0.374050471038094];
        double[] adj = [0.0752202712144491, 0.0529151723844518, 0.0303960234641548];
        double[] adjSe = [0.0218733277437572, 0.0203500620779637, 0.0186700648170924];
        double[] adjT = [3.43890386024675, 2.60024623913809, 1.62806202131271];
        for (int i = 0; i < 3; i++)
        {
            var b = s.Bounds[i];
            Assert.Equal($"{i + 1}x female", b.Label);
            Assert.Equal(r2dz[i], b.R2TreatmentWithConfounder, 8);
            Assert.Equal(r2yz[i], b.R2OutcomeWithConfounder, 8);
            Assert.Equal(adj[i], b.AdjustedEstimate, 8);
            Assert.Equal(adjSe[i], b.AdjustedStandardError, 8);
            Assert.Equal(adjT[i], b.AdjustedT, 6);
        }

        Assert.Equal(0.0323, s.Bounds[0].AdjustedLower, 4);
        Assert.True(s.Bounds[2].AdjustedLower < 0);
        Assert.Contains("13.9%", s.Verdict, StringComparison.Ordinal);
        Assert.Contains("3x female would already make it statistically insignificant", s.Verdict, StringComparison.Ordinal);

        var contour = OmittedVariableBias.Contour(s, gridSize: 11, maxR2: 0.5);
        Assert.Equal(s.Estimate, contour.AdjustedEstimate[0][0], 12);
        Assert.True(contour.AdjustedEstimate[10][10] < 0);
    }
}
