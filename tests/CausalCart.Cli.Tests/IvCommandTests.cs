using CausalCart.Core.Results;

namespace CausalCart.Cli.Tests;

/// <summary><c>causalcart iv</c> on simulated one-sided non-compliance with an unmeasured confounder: the IV methods
/// recover the complier effect that the association misses.</summary>
public sealed class IvCommandTests
{
    [Fact]
    public async Task Every_method_recovers_the_complier_effect_the_association_misses()
    {
        using var dir = TestPaths.NewTempDir();
        var data = dir.File("offer.csv");
        var rng = new Random(23);
        var lines = new List<string> { "tenure,segment,email,used_coupon,spend" };
        double lateSum = 0;
        int compliers = 0;
        for (var i = 0; i < 6000; i++)
        {
            // Keenness u (unmeasured) raises both coupon use and spend; the e-mail is randomised; only e-mailed users can use it.
            var tenure = rng.Next(0, 10);
            var segment = rng.NextDouble() < 0.3 ? "vip" : "regular";
            var u = Normal(rng);
            var z = rng.NextDouble() < 0.5 ? 1 : 0;
            var complier = rng.NextDouble() < 1 / (1 + Math.Exp(-(-0.5 + (0.8 * u) + (0.1 * tenure))));
            var d = z == 1 && complier ? 1 : 0;
            var effect = 2 + (segment == "vip" ? 1 : 0);
            if (complier)
            {
                lateSum += effect;
                compliers++;
            }

            var spend = 5 + (0.3 * tenure) + (2 * u) + (d * effect) + Normal(rng);
            lines.Add(FormattableString.Invariant($"{tenure},{segment},{z},{d},{spend:F4}"));
        }

        File.WriteAllLines(data, lines);
        var late = lateSum / compliers;
        var run = await Cli.RunAsync("iv", "--data", data, "--treatment", "used_coupon", "--outcome", "spend", "--instrument", "email",
            "--controls", "tenure,segment", "--json", "--report", dir.File("iv.html"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<IvAnalysisResult>();
        Assert.Equal(SchemaVersions.Iv, result.SchemaVersion);
        Assert.Equal(["2sls", "wald", "pliv", "dr_late"], result.Estimates.Select(e => e.Method).ToArray());
        Assert.Equal(["tenure", "segment=vip"], result.Design.Controls);
        Assert.False(result.Association.Covers(late), $"the association {result.Association.Estimate:F3} should be confounded away from the LATE {late:F3}");
        foreach (var e in result.Estimates.Where(e => e.Method is "wald" or "dr_late"))
        {
            Assert.True(e.Covers(late), $"{e.Method} [{e.CiLower:F3}, {e.CiUpper:F3}] should cover the complier effect {late:F3}");
            Assert.InRange(e.ComplierShare!.Value, 0.3, 0.7);
        }

        Assert.All(result.Estimates, e => Assert.True(e.FirstStageF > 100, $"{e.Method}: first-stage F {e.FirstStageF}"));
        Assert.Contains("<table id=\"iv-estimates\">", File.ReadAllText(dir.File("iv.html")), StringComparison.Ordinal);

        // A continuous treatment has no complier LATE: wald is refused by name, and 'all' leaves it out.
        File.WriteAllLines(dir.File("dose.csv"), lines.Select((l, i) => i == 0 ? l : l.Replace(",1,", ",1.5,", StringComparison.Ordinal)));
        var wald = await Cli.RunAsync("iv", "--data", dir.File("dose.csv"), "--treatment", "used_coupon", "--outcome", "spend", "--instrument", "email", "--methods", "wald");
        Assert.Equal(2, wald.ExitCode);
        Assert.Contains("'wald' needs a 0/1 instrument and a 0/1 treatment", wald.Stderr, StringComparison.Ordinal);
        var unknown = await Cli.RunAsync("iv", "--data", data, "--treatment", "used_coupon", "--outcome", "spend", "--instrument", "email", "--methods", "liml");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Valid methods: 2sls, wald, pliv, dr_late", unknown.Stderr, StringComparison.Ordinal);

        // Without controls, 'all' runs the methods that need none and says so; naming one that adjusts is refused.
        var bare = await Cli.RunAsync("iv", "--data", data, "--treatment", "used_coupon", "--outcome", "spend", "--instrument", "email", "--json");
        Assert.True(bare.ExitCode == 0, bare.ToString());
        var plain = bare.Json<IvAnalysisResult>();
        Assert.Equal(["2sls", "wald"], plain.Estimates.Select(e => e.Method).ToArray());
        Assert.Contains(plain.Warnings, w => w.Contains("pliv and dr_late were left out", StringComparison.Ordinal));
        var pliv = await Cli.RunAsync("iv", "--data", data, "--treatment", "used_coupon", "--outcome", "spend", "--instrument", "email", "--methods", "pliv");
        Assert.Equal(2, pliv.ExitCode);
        Assert.Contains("'pliv' adjusts for controls and none were given", pliv.Stderr, StringComparison.Ordinal);

        // An instrument that is the treatment, or constant, cannot move the treatment: usage errors that say so.
        var self = await Cli.RunAsync("iv", "--data", data, "--treatment", "used_coupon", "--outcome", "spend", "--instrument", "used_coupon");
        Assert.Equal(2, self.ExitCode);
        Assert.Contains("is also the treatment", self.Stderr, StringComparison.Ordinal);
        File.WriteAllLines(dir.File("constant.csv"), lines.Select((l, i) => i == 0 ? l : string.Join(',', l.Split(',').Select((f, j) => j == 2 ? "1" : f))));
        var constant = await Cli.RunAsync("iv", "--data", dir.File("constant.csv"), "--treatment", "used_coupon", "--outcome", "spend", "--instrument", "email");
        Assert.Equal(2, constant.ExitCode);
        Assert.Contains("takes the single value 1 on every row used", constant.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zero_one_outcome_gets_logistic_outcome_models_in_pliv_and_dr_late()
    {
        using var dir = TestPaths.NewTempDir();
        var data = dir.File("offer.csv");
        var rng = new Random(29);
        var lines = new List<string> { "tenure,email,used_coupon,bought" };
        int n = 4000;
        double[] y = new double[n], d = new double[n], z = new double[n], tenure = new double[n];
        double lateSum = 0;
        int compliers = 0;
        for (var i = 0; i < n; i++)
        {
            // Buying is steeply non-linear in tenure (a logistic curve), so a linear probability model of E[Y | X] is wrong.
            tenure[i] = rng.Next(0, 20);
            var u = Normal(rng);
            z[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-(-1 + (0.1 * tenure[i])))) ? 1 : 0;
            var complier = rng.NextDouble() < 1 / (1 + Math.Exp(-(0.8 * u)));
            d[i] = z[i] == 1 && complier ? 1 : 0;
            double P(double t) => 1 / (1 + Math.Exp(-(-6 + (0.6 * tenure[i]) + u + (1.5 * t))));
            if (complier)
            {
                lateSum += P(1) - P(0);
                compliers++;
            }

            y[i] = rng.NextDouble() < P(d[i]) ? 1 : 0;
            lines.Add(FormattableString.Invariant($"{tenure[i]},{z[i]},{d[i]},{y[i]}"));
        }

        File.WriteAllLines(data, lines);
        var run = await Cli.RunAsync("iv", "--data", data, "--treatment", "used_coupon", "--outcome", "bought", "--instrument", "email",
            "--controls", "tenure", "--methods", "pliv,dr_late", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<IvAnalysisResult>();
        Assert.StartsWith("logistic models for 0/1 columns (outcome, treatment, instrument)", result.Design.Nuisance, StringComparison.Ordinal);

        // The same estimators with the logistic-outcome defaults give the CLI's figures exactly; linear-probability ones do not.
        var ivData = new Causal.Iv.IvData(y, d, z, new Numerics.Matrix(n, 1, tenure), ["tenure"]);
        var options = new Causal.EffectOptions { Seed = 1 };
        var logistic = new Causal.Dml.DmlOptions { Learners = Causal.Dml.NuisanceLearners.LogisticOutcome };
        var linear = new Causal.Dml.DmlOptions { Learners = Causal.Dml.NuisanceLearners.Linear };
        double drLate = result.Estimates.Single(e => e.Method == "dr_late").Estimate;
        double pliv = result.Estimates.Single(e => e.Method == "pliv").Estimate;
        Assert.Equal(new Causal.Iv.DrLate(options, logistic).Estimate(ivData).Late.Estimate, drLate, 1e-12);
        Assert.Equal(new Causal.Iv.PartiallyLinearIv(options, logistic).Estimate(ivData).Effect.Estimate, pliv, 1e-12);
        Assert.NotEqual(new Causal.Iv.DrLate(options, linear).Estimate(ivData).Late.Estimate, drLate, 1e-6);
        var late = lateSum / compliers;
        Assert.True(result.Estimates.Single(e => e.Method == "dr_late").Covers(late), $"dr_late {drLate:F3} vs complier effect {late:F3}");
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}

/// <summary><c>causalcart iv</c> on Card (1995): the textbook return to schooling (Wooldridge Example 15.4). Needs
/// shared/data/iv_card/card.csv.</summary>
public sealed class IvCommandSharedDataTests
{
    [Fact]
    public async Task Card_reproduces_the_textbook_two_stage_least_squares_estimate()
    {
        var card = TestPaths.SharedData("iv_card", "card.csv");
        var run = await Cli.RunAsync("iv", "--data", card, "--treatment", "educ", "--outcome", "lwage", "--instrument", "nearc4",
            "--controls", "exper,expersq,black,smsa,south,smsa66,reg662,reg663,reg664,reg665,reg666,reg667,reg668,reg669", "--methods", "2sls", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<IvAnalysisResult>();
        var tsls = Assert.Single(result.Estimates);
        Assert.Equal(0.1315038, tsls.Estimate, 6);
        Assert.Equal(0.0541, tsls.StdError, 4); // HC1; the classical SE is 0.0550 (textbook)
        Assert.Equal(3010, result.Design.Units);
        Assert.Equal(0.0747, result.Association.Estimate, 4); // OLS return to schooling with the same controls
    }
}
