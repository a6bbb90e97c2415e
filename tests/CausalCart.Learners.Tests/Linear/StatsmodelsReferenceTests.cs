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
