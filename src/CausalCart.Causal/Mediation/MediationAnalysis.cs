using CausalCart.Causal.Sensitivity;
using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal.Mediation;

/// <summary>
/// Natural direct and indirect effects (Pearl 2001; Robins &amp; Greenland 1992) of a binary treatment T on an outcome Y
/// through mediators M, adjusting for pre-treatment covariates X, with the multiply robust estimator of Tchetgen Tchetgen
/// &amp; Shpitser (2012, Ann. Statist. 40(3), Thm. 1), cross-fitted (Chernozhukov et al. 2018) and with influence-function
/// standard errors. Identification needs no unmeasured confounding of T–Y, T–M and M–Y given X, and no confounder of M–Y
/// affected by T (sequential ignorability). Deterministic given the options.
/// </summary>
/// <remarks>
/// Implementation note. For ψ(a, a′) = E[Y(a, M(a′))] the efficient influence function is
/// <c>1{A=a}·f(M|a′,X)/(f(M|a,X)·π_a(X))·(Y − μ_a(M,X)) + 1{A=a′}/π_a′(X)·(μ_a(M,X) − η_aa′(X)) + η_aa′(X) − ψ</c>,
/// with μ_a(M,X) = E[Y | A=a, M, X] and η_aa′(X) = E[μ_a(M,X) | A=a′, X]. The mediator density ratio is rewritten by Bayes'
/// rule as f(M|a′,X)/f(M|a,X) = [ρ_a′(M,X)/ρ_a(M,X)]·[π_a(X)/π_a′(X)], with ρ_a(M,X) = P(A=a | M, X) (Zheng &amp; van der Laan
/// 2012), so continuous and several mediators need only two classifiers, never a density. The estimate is consistent when
/// any one of (μ, η), (μ, ρ and π) or (π, ρ) is correctly specified. Nuisances: π and ρ logistic regressions, μ_a a
/// linear (logistic for 0/1 outcomes) regression on (X, M) within arm a, η_aa′ a linear regression of μ_a on X within arm
/// a′; each fitted on the other folds and evaluated on the held-out one. ψ̂ is the mean of the uncentred influence
/// values, and a contrast's standard error is the sample SD of the difference of its two influence values over √n.
/// </remarks>
public static class MediationAnalysis
{
    /// <summary>Estimates TE, NDE, NIE and the proportion mediated.</summary>
    /// <param name="data">Outcome, treatment (0/1) and covariates X (adjusted for in every model).</param>
    /// <param name="mediators">The mediators, one column each (rows aligned with <paramref name="data"/>).</param>
    /// <param name="mediatorNames">Their names, for the verdict.</param>
    /// <param name="options">Options; null for defaults.</param>
    /// <remarks>Folds are drawn per unit: group ids in <paramref name="data"/> are not used, so with several rows per user the
    /// standard errors ignore the clustering.</remarks>
    /// <exception cref="ArgumentException">Mismatched lengths, a NaN or infinite mediator value, no mediator, fewer than 2 folds,
    /// an arm with fewer units than folds, sample weights (not supported), or options out of range (the message names the problem).</exception>
    public static MediationResult Estimate(EffectData data, Matrix mediators, IReadOnlyList<string> mediatorNames, MediationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(mediators);
        ArgumentNullException.ThrowIfNull(mediatorNames);
        var o = options ?? new MediationOptions();
        Validate(data, mediators, mediatorNames, o);
        int n = data.Count, k = o.Folds;

        // Folds: a seeded permutation dealt round-robin.
        var fold = new int[n];
        var perm = new SeededRandom(o.Seed).Permutation(n);
        for (int r = 0; r < n; r++)
        {
            fold[perm[r]] = r % k;
        }

        var xm = Join(data.Covariates, mediators); // (n, p + q)
        var pi = new double[n];      // P(T=1 | X)
        var rho = new double[n];     // P(T=1 | M, X)
        var mu = new double[2][];    // mu[a][i] = μ_a(M_i, X_i)
        var eta = new double[2, 2][]; // eta[a, a'][i] = η_aa'(X_i)
        mu[0] = new double[n];
        mu[1] = new double[n];
        for (int a = 0; a < 2; a++)
        {
            for (int b = 0; b < 2; b++)
            {
                eta[a, b] = new double[n];
            }
        }

        bool logistic = data.OutcomeIsBinary;
        var scratch = new double[n];
        for (int f = 0; f < k; f++)
        {
            var train = new double[n];
            for (int i = 0; i < n; i++)
            {
                train[i] = fold[i] == f ? 0 : 1;
            }

            var piModel = new LogisticRegression(new LogisticRegressionOptions(o.LogisticL2)).Fit(data.Covariates, data.Treatment, train);
            piModel.PredictProbability(data.Covariates, scratch);
            CopyFold(scratch, pi, fold, f);
            var rhoModel = new LogisticRegression(new LogisticRegressionOptions(o.LogisticL2)).Fit(xm, data.Treatment, train);
            rhoModel.PredictProbability(xm, scratch);
            CopyFold(scratch, rho, fold, f);

            var muAll = new double[2][]; // μ_a on every row (training rows feed η)
            for (int a = 0; a < 2; a++)
            {
                var w = Arm(data, train, a);
                muAll[a] = new double[n];
                if (logistic)
                {
                    new LogisticRegression(new LogisticRegressionOptions(o.LogisticL2)).Fit(xm, data.Outcome, w).PredictProbability(xm, muAll[a]);
                }
                else
                {
                    new LinearRegression(new LinearRegressionOptions(o.LinearL2)).Fit(xm, data.Outcome, w).Predict(xm, muAll[a]);
                }

                CopyFold(muAll[a], mu[a], fold, f);
            }

            for (int a = 0; a < 2; a++)
            {
                for (int b = 0; b < 2; b++)
                {
                    new LinearRegression(new LinearRegressionOptions(o.LinearL2)).Fit(data.Covariates, muAll[a], Arm(data, train, b)).Predict(data.Covariates, scratch);
                    CopyFold(scratch, eta[a, b], fold, f);
                }
            }
        }

        var warnings = new List<string>();
        int clippedPi = Nuisance.Clip(pi, o.ProbabilityClip, pi), clippedRho = Nuisance.Clip(rho, o.ProbabilityClip, rho);
        if (clippedPi + clippedRho > 0)
        {
            warnings.Add($"{clippedPi} treatment and {clippedRho} treatment-given-mediator probabilities were outside [{o.ProbabilityClip}, {1 - o.ProbabilityClip}] and were clipped; the estimate leans on fewer comparable units.");
        }

        // Uncentred influence values Γ_aa'(i); ψ_aa' = mean.
        double[] Gamma(int a, int b)
        {
            var g = new double[n];
            for (int i = 0; i < n; i++)
            {
                double pa = a == 1 ? pi[i] : 1 - pi[i], pb = b == 1 ? pi[i] : 1 - pi[i];
                double ra = a == 1 ? rho[i] : 1 - rho[i], rb = b == 1 ? rho[i] : 1 - rho[i];
                double t = data.Treatment[i], y = data.Outcome[i];
                double v = eta[a, b][i];
                if (t == a)
                {
                    v += a == b ? (y - mu[a][i]) / pa : rb / (ra * pb) * (y - mu[a][i]);
                }

                if (t == b)
                {
                    v += (mu[a][i] - eta[a, b][i]) / pb;
                }

                g[i] = v;
            }

            return g;
        }

        double[] g11 = Gamma(1, 1), g10 = Gamma(1, 0), g00 = Gamma(0, 0);
        double z = Distributions.NormalQuantile(0.5 + (o.ConfidenceLevel / 2));
        var teIf = Diff(g11, g00);
        var ndeIf = Diff(g10, g00);
        var nieIf = Diff(g11, g10);
        var te = Effect(teIf, z);
        var nde = Effect(ndeIf, z);
        var nie = Effect(nieIf, z);
        MediationEffect? share = null;
        if (Math.Abs(te.Estimate) >= 2 * te.StdError && te.Estimate != 0)
        {
            double pm = nie.Estimate / te.Estimate;
            var pmIf = new double[n];
            for (int i = 0; i < n; i++)
            {
                pmIf[i] = ((nieIf[i] - nie.Estimate) - (pm * (teIf[i] - te.Estimate))) / te.Estimate;
            }

            double se = SampleSd(pmIf) / Math.Sqrt(n);
            share = new MediationEffect(pm, se, pm - (z * se), pm + (z * se));
        }

        string names = string.Join(" and ", mediatorNames);
        string verdict = share is { } s
            ? $"Of the total effect {te.Estimate:G3}, about {100 * s.Estimate:F0}% (interval {100 * s.CiLower:F0}% to {100 * s.CiUpper:F0}%) passes through {names}: the indirect effect is {nie.Estimate:G3} [{nie.CiLower:G3}, {nie.CiUpper:G3}] and the direct effect {nde.Estimate:G3} [{nde.CiLower:G3}, {nde.CiUpper:G3}]."
            : $"The total effect ({te.Estimate:G3} [{te.CiLower:G3}, {te.CiUpper:G3}]) is not clearly different from zero, so no share can be attributed to {names}; the indirect effect through it is {nie.Estimate:G3} [{nie.CiLower:G3}, {nie.CiUpper:G3}].";
        return new MediationResult(te, nde, nie, share, n, verdict, warnings);
    }

    private static void Validate(EffectData data, Matrix mediators, IReadOnlyList<string> names, MediationOptions o)
    {
        if (mediators.Cols == 0)
        {
            throw new ArgumentException("Mediation needs at least one mediator column.", nameof(mediators));
        }

        if (mediators.Rows != data.Count)
        {
            throw new ArgumentException($"The mediators have {mediators.Rows} rows but the data has {data.Count}.", nameof(mediators));
        }

        if (names.Count != mediators.Cols)
        {
            throw new ArgumentException($"{names.Count} mediator names for {mediators.Cols} mediator columns.", nameof(names));
        }

        for (int i = 0; i < mediators.Rows; i++)
        {
            for (int j = 0; j < mediators.Cols; j++)
            {
                if (!double.IsFinite(mediators[i, j]))
                {
                    throw new ArgumentException($"Mediator '{names[j]}' has a NaN or infinite value at row {i}.", nameof(mediators));
                }
            }
        }

        if (data.Weights is not null)
        {
            throw new ArgumentException("Mediation analysis does not support sample weights; pass data without weights.", nameof(data));
        }

        if (o.Folds < 2)
        {
            throw new ArgumentException($"Folds {o.Folds} must be at least 2.", nameof(o));
        }

        if (!(o.ConfidenceLevel > 0 && o.ConfidenceLevel < 1))
        {
            throw new ArgumentException($"ConfidenceLevel {o.ConfidenceLevel} must lie in (0, 1).", nameof(o));
        }

        if (!(o.ProbabilityClip >= 0 && o.ProbabilityClip < 0.5))
        {
            throw new ArgumentException($"ProbabilityClip {o.ProbabilityClip} must lie in [0, 0.5).", nameof(o));
        }

        if (data.NTreated < o.Folds || data.NControl < o.Folds)
        {
            throw new ArgumentException($"Each arm needs at least {o.Folds} units (one per fold); got {data.NTreated} treated and {data.NControl} control.", nameof(data));
        }
    }

    private static Matrix Join(Matrix x, Matrix m)
    {
        var cols = new List<double[]>();
        for (int j = 0; j < x.Cols; j++)
        {
            cols.Add(x.Column(j));
        }

        for (int j = 0; j < m.Cols; j++)
        {
            cols.Add(m.Column(j));
        }

        return Matrix.FromColumns(cols, x.Rows);
    }

    private static double[] Arm(EffectData data, double[] train, int arm)
    {
        var w = new double[data.Count];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = data.Treatment[i] == arm ? train[i] : 0;
        }

        return w;
    }

    private static void CopyFold(double[] from, double[] to, int[] fold, int f)
    {
        for (int i = 0; i < to.Length; i++)
        {
            if (fold[i] == f)
            {
                to[i] = from[i];
            }
        }
    }

    private static double[] Diff(double[] a, double[] b)
    {
        var d = new double[a.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = a[i] - b[i];
        }

        return d;
    }

    private static MediationEffect Effect(double[] influence, double z)
    {
        double mean = influence.Average();
        double se = SampleSd(influence) / Math.Sqrt(influence.Length);
        return new MediationEffect(mean, se, mean - (z * se), mean + (z * se));
    }

    private static double SampleSd(double[] v)
    {
        double mean = v.Average();
        double ss = 0;
        foreach (double x in v)
        {
            ss += (x - mean) * (x - mean);
        }

        return Math.Sqrt(ss / (v.Length - 1));
    }
}
