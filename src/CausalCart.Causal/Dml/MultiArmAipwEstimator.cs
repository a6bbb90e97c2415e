using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>
/// Doubly robust effects of a multi-valued treatment: for each arm a, ψ_a = m̂_a(X) + 1[A = a](Y − m̂_a(X))/ê_a(X), and
/// the effect of arm a against the reference r is the mean of ψ_a − ψ_r (Cattaneo 2010, J. Econometrics 155:138;
/// Farrell 2015). m̂_a and ê_a are cross-fitted over grouped folds with any learners.
/// </summary>
/// <remarks>
/// Generalised propensity: one-vs-rest classifiers p̂_a(X) = P(A = a | X) from <see cref="NuisanceLearners.Propensity"/>,
/// normalised to sum to 1 across arms (ê_a = p̂_a/Σ_b p̂_b), then floored at ε = <see cref="EffectOptions.PropensityClip"/>
/// (not renormalised; the share floored is reported). The K − 1 contrasts share units, so their joint covariance
/// Σ_jk = Σ_i c_ji c_ki (cluster-robust with groups) is returned for pairwise comparisons and joint tests.
/// <see cref="DmlOptions.Repetitions"/> is aggregated per contrast by the median rule; the joint covariance is the
/// median-trace split's (as in <see cref="LinearDml"/>). Deterministic for a seed.
/// </remarks>
public sealed class MultiArmAipwEstimator(EffectOptions? options = null, DmlOptions? dml = null)
{
    /// <summary>Options (folds, seed, clip, confidence level; estimands ignored: the arm contrasts are average effects).</summary>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <summary>Learners, repetitions, minimum units per fold.</summary>
    public DmlOptions Dml { get; } = dml ?? new DmlOptions();

    /// <summary>Estimates every arm's effect against <paramref name="reference"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options, a reference outside 0..K−1, or too few units of an arm in a
    /// training fold.</exception>
    public MultiArmResult Estimate(MultiArmData data, int reference = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Dml.Validate();
        int k = data.ArmCount, n = data.Count, s = Dml.Repetitions;
        if (reference < 0 || reference >= k)
        {
            throw new ArgumentException($"Reference arm {reference} is outside 0..{k - 1} ({string.Join(", ", data.ArmLabels)}).", nameof(reference));
        }

        double[] w = data.W;
        double wsum = w.Sum();
        var meanTheta = new double[k][];
        var meanVar = new double[k][];
        var effTheta = new double[k - 1][];
        var effVar = new double[k - 1][];
        for (int a = 0; a < k; a++)
        {
            meanTheta[a] = new double[s];
            meanVar[a] = new double[s];
        }

        for (int j = 0; j < k - 1; j++)
        {
            effTheta[j] = new double[s];
            effVar[j] = new double[s];
        }

        var covs = new double[s][,];
        var thetaVectors = new double[s][];
        long maxClipped = 0;
        for (int r = 0; r < s; r++)
        {
            (double[][] psi, long clipped) = Scores(data, r);
            maxClipped = Math.Max(maxClipped, clipped);
            var means = new double[k];
            for (int a = 0; a < k; a++)
            {
                for (int i = 0; i < n; i++)
                {
                    means[a] += w[i] * psi[a][i] / wsum;
                }

                var c = new double[n];
                for (int i = 0; i < n; i++)
                {
                    c[i] = w[i] * (psi[a][i] - means[a]) / wsum;
                }

                meanTheta[a][r] = means[a];
                meanVar[a][r] = ScoreInference.SumSquares(c, data.Groups);
            }

            var contributions = new double[k - 1][];
            thetaVectors[r] = new double[k - 1];
            for (int a = 0, j = 0; a < k; a++)
            {
                if (a == reference)
                {
                    continue;
                }

                double theta = means[a] - means[reference];
                var c = new double[n];
                for (int i = 0; i < n; i++)
                {
                    c[i] = w[i] * (psi[a][i] - psi[reference][i] - theta) / wsum;
                }

                contributions[j] = c;
                effTheta[j][r] = thetaVectors[r][j] = theta;
                j++;
            }

            covs[r] = ScoreInference.Covariance(contributions, data.Groups);
            for (int j = 0; j < k - 1; j++)
            {
                effVar[j][r] = covs[r][j, j];
            }
        }

        double level = Options.ConfidenceLevel;
        var armMeans = new CoefficientEstimate[k];
        for (int a = 0; a < k; a++)
        {
            (double t, double v) = ScoreInference.Aggregate(meanTheta[a], meanVar[a]);
            armMeans[a] = ScoreInference.Coefficient(data.ArmLabels[a], t, ScoreInference.StdError($"arm '{data.ArmLabels[a]}' mean", t, v), level);
        }

        var median = new double[k - 1];
        var effects = new ArmEffect[k - 1];
        double z = StandardNormal.TwoSidedCritical(level);
        for (int a = 0, j = 0; a < k; a++)
        {
            if (a == reference)
            {
                continue;
            }

            (double t, double v) = ScoreInference.Aggregate(effTheta[j], effVar[j]);
            median[j] = t;
            double se = ScoreInference.StdError($"arm '{data.ArmLabels[a]}' effect", t, v);
            double p = se > 0 ? StandardNormal.TwoSidedPValue(t / se) : 1;
            effects[j] = new ArmEffect(data.ArmLabels[a], data.ArmLabels[reference], t, se, t - (z * se), t + (z * se), p, data.ArmCounts[a]);
            j++;
        }

        double[,] cov = LinearDml.AggregateCovariance(thetaVectors, covs, median);
        var flat = new double[(k - 1) * (k - 1)];
        for (int p = 0; p < k - 1; p++)
        {
            for (int q = 0; q < k - 1; q++)
            {
                flat[(p * (k - 1)) + q] = cov[p, q];
            }
        }

        double clippedShare = (double)maxClipped / ((long)n * k);
        var warnings = new List<string>();
        if (maxClipped > 0)
        {
            warnings.Add($"{maxClipped} of {(long)n * k} unit-arm propensities ({100 * clippedShare:F1}%) were below {Options.PropensityClip} and were raised to it; " +
                "some units had almost no chance of some arms, so those comparisons lean on few comparable units.");
        }

        return new MultiArmResult(data.ArmLabels, reference, armMeans, effects, flat, level, clippedShare, warnings);
    }

    /// <summary>Cross-fitted scores ψ_a (K × n) of split <paramref name="repetition"/> and the count of floored propensities.</summary>
    private (double[][] Psi, long Clipped) Scores(MultiArmData data, int repetition)
    {
        int k = data.ArmCount, n = data.Count;
        CrossFit cf = CrossFit.Create(data.Covariates, Options.Folds, Options.Seed, repetition, data.Groups, Dml.MinUnitsPerFold, null);
        var perFold = new int[Options.Folds, k];
        var foldSize = new int[Options.Folds];
        for (int i = 0; i < n; i++)
        {
            perFold[cf.Fold[i], data.Arm[i]]++;
            foldSize[cf.Fold[i]]++;
        }

        for (int f = 0; f < Options.Folds; f++)
        {
            for (int a = 0; a < k; a++)
            {
                long train = data.ArmCounts[a] - perFold[f, a];
                if (train < Dml.MinUnitsPerFold)
                {
                    throw new ArgumentException(
                        $"Cross-fitting fold {f} (split {repetition}): the other folds hold {train} units of arm '{data.ArmLabels[a]}', fewer than " +
                        $"MinUnitsPerFold = {Dml.MinUnitsPerFold}; use fewer folds or more data.", nameof(data));
                }
            }
        }

        var p = new double[k][];     // (K)(n) one-vs-rest probabilities
        var m = new double[k][];     // (K)(n) outcome regressions
        for (int a = 0; a < k; a++)
        {
            int arm = a;
            double[] indicator = data.Arm.Select(x => x == arm ? 1.0 : 0.0).ToArray();
            p[a] = k == 2 && a == 1 ? p[0].Select(v => 1 - v).ToArray() : cf.Classify(Dml.Learners.Propensity, indicator, data.W);
            m[a] = cf.Regress(Dml.Learners.Outcome, data.Outcome, data.W, i => data.Arm[i] == arm);
        }

        long clipped = 0;
        double eps = Options.PropensityClip;
        var psi = new double[k][];
        for (int a = 0; a < k; a++)
        {
            psi[a] = new double[n];
        }

        for (int i = 0; i < n; i++)
        {
            double total = 0;
            for (int a = 0; a < k; a++)
            {
                total += p[a][i];
            }

            for (int a = 0; a < k; a++)
            {
                double e = total > 0 ? p[a][i] / total : 1.0 / k;
                if (e < eps)
                {
                    e = eps;
                    clipped++;
                }

                double y = data.Outcome[i];
                psi[a][i] = m[a][i] + (data.Arm[i] == a ? (y - m[a][i]) / e : 0);
            }
        }

        return (psi, clipped);
    }
}
