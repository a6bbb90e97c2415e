using System.Text.Json;
using CausalCart.Learners.Linear;

namespace CausalCart.Learners.Tests.Linear;

/// <summary>Agreement with statsmodels and scikit-learn on bench/learners/linear (reference.py) to 1e-6 relative.</summary>
public class StatsmodelsReferenceTests
{
    private const double Tol = 1e-6;

    public static TheoryData<string, string> OlsCases => new()
    {
        { "ols", "nonrobust" }, { "ols", "HC0" }, { "ols", "HC1" }, { "ols", "HC2" }, { "ols", "HC3" }, { "ols", "cluster" },
        { "wls", "nonrobust" }, { "wls", "HC0" }, { "wls", "HC1" }, { "wls", "HC2" }, { "wls", "HC3" }, { "wls", "cluster" },
    };

    private static CovarianceType Cov(string name, int[] groups) => name switch
    {
        "nonrobust" => CovarianceType.Classical,
        "HC0" => CovarianceType.HC0,
        "HC1" => CovarianceType.HC1,
        "HC2" => CovarianceType.HC2,
        "HC3" => CovarianceType.HC3,
        _ => CovarianceType.ClusterRobust(groups),
    };

    [Theory]
    [MemberData(nameof(OlsCases))]
    public void Least_squares_estimates_and_standard_errors_match_statsmodels(string model, string cov)
    {
        ReferenceData r = ReferenceData.Shared;
        double[]? w = model == "wls" ? r.W : null;
        OrdinaryLeastSquaresModel m = new OrdinaryLeastSquares().Fit(r.X, r.Y, w);
        CoefficientTable t = m.Inference(r.X, r.Y, new InferenceOptions(Cov(cov, r.Cluster)), w);
        JsonElement e = r.Json.GetProperty(model).GetProperty(cov);
        ReferenceData.Close(ReferenceData.Array(e.GetProperty("params")), t.Rows.Select(c => c.Estimate).ToArray(), Tol, $"{model} params");
        ReferenceData.Close(ReferenceData.Array(e.GetProperty("bse")), t.Rows.Select(c => c.StandardError).ToArray(), Tol, $"{model} {cov} bse");
    }

    [Fact]
    public void Least_squares_p_values_and_intervals_follow_statsmodels_defaults()
    {
        ReferenceData r = ReferenceData.Shared;
        OrdinaryLeastSquaresModel m = new OrdinaryLeastSquares().Fit(r.X, r.Y);
        foreach ((string cov, CovarianceType type) in new[] { ("nonrobust", CovarianceType.Classical), ("HC1", CovarianceType.HC1) })
        {
            CoefficientTable t = m.Inference(r.X, r.Y, new InferenceOptions(type));
            JsonElement e = r.Json.GetProperty("ols").GetProperty(cov);
            ReferenceData.Close(ReferenceData.Array(e.GetProperty("pvalues")), t.Rows.Select(c => c.PValue).ToArray(), Tol, $"{cov} p", floor: 1e-300);
            double[][] ci = e.GetProperty("conf_int").EnumerateArray().Select(ReferenceData.Array).ToArray();
            ReferenceData.Close(ci.Select(v => v[0]).ToArray(), t.Rows.Select(c => c.Lower).ToArray(), Tol, $"{cov} lower");
            ReferenceData.Close(ci.Select(v => v[1]).ToArray(), t.Rows.Select(c => c.Upper).ToArray(), Tol, $"{cov} upper");
        }
    }
}

public class LogisticReferenceTests
{
    private const double Tol = 1e-6;

    [Theory]
    [InlineData("nonrobust")]
    [InlineData("HC0")]
    [InlineData("HC1")]
    [InlineData("cluster")]
    public void Logit_estimates_and_standard_errors_match_statsmodels(string cov)
    {
        ReferenceData r = ReferenceData.Shared;
        LogisticRegressionModel m = new LogisticRegression(new LogisticRegressionOptions(L2: 0, Tolerance: 1e-12)).Fit(r.X, r.D);
        CovarianceType type = cov switch
        {
            "nonrobust" => CovarianceType.Classical,
            "HC0" => CovarianceType.HC0,
            "HC1" => CovarianceType.HC1,
            _ => CovarianceType.ClusterRobust(r.Cluster),
        };
        CoefficientTable t = m.Inference(r.X, r.D, new InferenceOptions(type));
        JsonElement e = r.Json.GetProperty("logit").GetProperty(cov);
        ReferenceData.Close(ReferenceData.Array(e.GetProperty("params")), t.Rows.Select(c => c.Estimate).ToArray(), Tol, "logit params");
        double[] bse = ReferenceData.Array(e.GetProperty("bse"));
        if (cov == "HC1")
        {
            // statsmodels 0.13.5 applies no n/(n − k) factor to Logit's HC1 (its value equals HC0); ours does.
            int n = r.D.Length, k = bse.Length;
            bse = bse.Select(v => v * Math.Sqrt(n / (double)(n - k))).ToArray();
        }

        ReferenceData.Close(bse, t.Rows.Select(c => c.StandardError).ToArray(), Tol, $"logit {cov} bse");
        if (cov == "nonrobust")
        {
            ReferenceData.Close(ReferenceData.Array(r.Json.GetProperty("logit").GetProperty("pvalues")), t.Rows.Select(c => c.PValue).ToArray(), Tol, "logit p", floor: 1e-300);
        }
    }

    [Fact]
    public void L1_logistic_regression_matches_scikit_learn_saga()
    {
        ReferenceData r = ReferenceData.Shared;
        JsonElement e = r.Json.GetProperty("logistic_l1");
        double l1 = 1 / (e.GetProperty("C").GetDouble() * e.GetProperty("n").GetDouble());
        LogisticRegressionModel m = new LogisticRegression(new LogisticRegressionOptions(L2: 0, L1: l1, Standardize: false, Tolerance: 1e-12)).Fit(r.X, r.D);
        Assert.True(m.Converged);
        double[] expected = ReferenceData.Array(e.GetProperty("coef"));
        ReferenceData.Close(expected, m.Coefficients, Tol, "logistic l1");
        Assert.Equal(e.GetProperty("intercept").GetDouble(), m.Intercept, Tol * Math.Abs(m.Intercept));
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.Equal(expected[j] == 0, m.Coefficients[j] == 0);
        }
    }
}
