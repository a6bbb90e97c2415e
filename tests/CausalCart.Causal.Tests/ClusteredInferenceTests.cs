using CausalCart.Causal;
using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests;

public sealed class ClusteredInferenceTests
{
    [Fact]
    public void Duplicated_units_in_one_group_do_not_shrink_the_standard_error()
    {
        // Each unit appears twice with the same group id: the information is that of n units, not 2n.
        var (data, _, _) = Worlds.Confounded(3000, seed: 21);
        int n = data.Count;
        int p = data.Covariates.Cols;
        var x = new Matrix(2 * n, p);
        var y = new double[2 * n];
        var t = new double[2 * n];
        var groups = new int[2 * n];
        for (int i = 0; i < 2 * n; i++)
        {
            int src = i % n;
            for (int j = 0; j < p; j++)
            {
                x[i, j] = data.Covariates[src, j];
            }

            y[i] = data.Outcome[src];
            t[i] = data.Treatment[src];
            groups[i] = src;
        }

        var options = new EffectOptions { Estimands = [Estimand.Ate], Seed = 4 };
        foreach (IEffectEstimator estimator in new IEffectEstimator[] { new RegressionEstimator(options), new IpwEstimator(options), new AipwEstimator(options) })
        {
            double original = estimator.Estimate(data).For(Estimand.Ate).StdError;
            double naiveDoubled = estimator.Estimate(new EffectData(y, t, x, data.CovariateNames)).For(Estimand.Ate).StdError;
            EffectEstimate clustered = estimator.Estimate(new EffectData(y, t, x, data.CovariateNames, groups)).For(Estimand.Ate);

            // Ignoring the duplication understates the SE by about √2; clustering restores it.
            Assert.InRange(naiveDoubled / original, 0.6, 0.8);
            Assert.InRange(clustered.StdError / original, 0.85, 1.15);
            Assert.Equal(n, clustered.Diagnostics["clusters"]);
        }
    }
}
