using CausalCart.Causal.Dml;
using CausalCart.Core.Results;
using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal.MetaLearners;

/// <summary>
/// S-, T-, X- and R-learners for the CATE with any base learner (Künzel, Sekhon, Bickel &amp; Yu 2019, PNAS 116:4156;
/// Nie &amp; Wager 2021, Biometrika 108:299). Fitting never mutates the learner; deterministic for a seed.
/// </summary>
/// <remarks>
/// S, T and X fit their outcome models on all units and predict in sample (as in the papers); the R-learner
/// cross-fits m(x) = E[Y | x] and e(x) over grouped folds before the weighted effect regression. The ATE is the weighted
/// mean of τ̂(X_i). Its interval, when requested, is a nonparametric bootstrap (resampling units, or groups). For
/// the S-, T- and X-learners the bootstrap refits the whole procedure: they have no orthogonal score, so a plug-in
/// analytic SE, or a bootstrap that held the outcome models fixed, would ignore the nuisance error. The R-learner's
/// loss is Neyman-orthogonal in (m, e) (Nie &amp; Wager 2021), so the error of its cross-fitted nuisances is second
/// order: its bootstrap resamples the final stage only — the weighted regression of (Y − m̂)/(T − ê) on the modifiers,
/// with the cross-fitted residuals held fixed — as DoubleML's multiplier bootstrap does for its scores (Chernozhukov
/// et al. 2018). Refitting the nuisances in every replicate added their finite-sample noise a second time: on
/// 200 ShopSim worlds its SE was 20% above the spread of the errors (99.0% coverage; docs/VALIDATION.md §1). For an
/// influence-function ATE interval use <see cref="DrLearner"/>, <see cref="LinearDml"/> or <see cref="DmlIrmEstimator"/>.
/// </remarks>
public sealed class MetaLearner(MetaLearnerKind kind, MetaLearnerOptions? options = null)
{
    /// <summary>The learner.</summary>
    public MetaLearnerKind Kind { get; } = kind;

    /// <summary>The options.</summary>
    public MetaLearnerOptions Options { get; } = options ?? new MetaLearnerOptions();

    /// <summary>The method tag of the results.</summary>
    public EffectMethod Method => Kind switch
    {
        MetaLearnerKind.S => EffectMethod.SLearner,
        MetaLearnerKind.T => EffectMethod.TLearner,
        MetaLearnerKind.X => EffectMethod.XLearner,
        MetaLearnerKind.R => EffectMethod.RLearner,
        _ => throw new ArgumentException($"Unknown meta-learner {Kind}; valid: S, T, X, R.", nameof(kind)),
    };

    /// <summary>Fits on binary-treatment data and returns per-unit CATE and the ATE.</summary>
    /// <exception cref="ArgumentException">Invalid options, unknown modifier, or too few units per fold (R).</exception>
    public MetaLearnerResult Fit(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        EffectMethod method = Method;
        int[] cols = Modifiers.Columns(data.CovariateNames, Options.EffectModifiers);
        Matrix modifiers = Modifiers.Select(data.Covariates, cols);
        double[] w = data.W;
        RStage? rStage = Kind == MetaLearnerKind.R ? RResiduals(data, w) : null;
        double[] cate = rStage is null ? Cate(data, modifiers, w) : rStage.Fit(Options.Learners, modifiers, w);
        double ate = WeightedMean(cate, w);
        EffectEstimate? inference = null;
        if (Options.BootstrapReplicates > 0)
        {
            int b = Options.BootstrapReplicates;
            var ates = new double[b];
            int[] groupIndex = GroupIndex(data, out int groupCount);
            for (int r = 0; r < b; r++)
            {
                // Multinomial resampling of units (or groups) expressed as integer weights: equal to refitting on a
                // resampled copy for learners that honour sample weights, without copying the covariates.
                var rng = new SeededRandom(SeededRandom.DeriveSeed(unchecked((ulong)(long)Options.Seed), 0xB007 + (ulong)r));
                var count = new int[groupCount];
                for (int k = 0; k < groupCount; k++)
                {
                    count[rng.NextInt(groupCount)]++;
                }

                var wb = new double[data.Count];
                for (int i = 0; i < wb.Length; i++)
                {
                    wb[i] = w[i] * count[groupIndex[i]];
                }

                if (!HasBothArms(data.Treatment, wb))
                {
                    throw new ArgumentException("A bootstrap resample drew no treated or no control unit; the data are too small for a bootstrap interval.", nameof(data));
                }

                double[] cateB = rStage is null ? Cate(data, modifiers, wb) : rStage.Fit(Options.Learners, modifiers, wb);
                ates[r] = WeightedMean(cateB, wb);
            }

            double mean = ates.Average();
            double se = Math.Sqrt(ates.Sum(a => (a - mean) * (a - mean)) / (b - 1));
            se = ScoreInference.StdError($"{method} bootstrap ATE", ate, se * se);
            double z = StandardNormal.TwoSidedCritical(Options.ConfidenceLevel);
            var diag = new Dictionary<string, double>
            {
                ["bootstrapReplicates"] = b,
                ["bootstrapMean"] = mean,
                ["bootstrapRefitsNuisances"] = rStage is null ? 1 : 0,
            };
            inference = new EffectEstimate(
                method, Estimand.Ate, ate, se, ate - (z * se), ate + (z * se), Options.ConfidenceLevel,
                data.Count, data.NTreated, data.NControl, diag, []);
        }

        return new MetaLearnerResult(method, cate, ate, inference);
    }

    private double[] Cate(EffectData data, Matrix modifiers, double[] w)
    {
        NuisanceLearners l = Options.Learners;
        Matrix x = data.Covariates;
        double[] t = data.Treatment, y = data.Outcome;
        int n = data.Count;
        var cate = new double[n];
        switch (Kind)
        {
            case MetaLearnerKind.S:
            {
                Matrix xt = x.AppendColumn(t); // (n, p + 1)
                IRegressionModel mu = l.Outcome().Fit(xt, y, w);
                var x1 = x.AppendColumn(Enumerable.Repeat(1.0, n).ToArray());
                var x0 = x.AppendColumn(new double[n]);
                var p1 = new double[n];
                mu.Predict(x1, p1);
                mu.Predict(x0, cate);
                for (int i = 0; i < n; i++)
                {
                    cate[i] = p1[i] - cate[i];
                }

                return cate;
            }

            case MetaLearnerKind.T:
            {
                (double[] mu1, double[] mu0) = ArmModels(l, x, y, t, w);
                for (int i = 0; i < n; i++)
                {
                    cate[i] = mu1[i] - mu0[i];
                }

                return cate;
            }

            case MetaLearnerKind.X:
            {
                (double[] mu1, double[] mu0) = ArmModels(l, x, y, t, w);
                var d = new double[n];
                var w1 = new double[n];
                var w0 = new double[n];
                for (int i = 0; i < n; i++)
                {
                    d[i] = t[i] == 1 ? y[i] - mu0[i] : mu1[i] - y[i];
                    w1[i] = t[i] == 1 ? w[i] : 0;
                    w0[i] = t[i] == 1 ? 0 : w[i];
                }

                var tau1 = new double[n];
                var tau0 = new double[n];
                l.Effect().Fit(modifiers, d, w1).Predict(modifiers, tau1);
                l.Effect().Fit(modifiers, d, w0).Predict(modifiers, tau0);
                var e = new double[n];
                l.Propensity().Fit(x, t, w).PredictProbability(x, e);
                for (int i = 0; i < n; i++)
                {
                    double g = Math.Clamp(e[i], Options.PropensityClip, 1 - Options.PropensityClip);
                    cate[i] = (g * tau0[i]) + ((1 - g) * tau1[i]);
                }

                return cate;
            }

            default:
                throw new InvalidOperationException("The R-learner is fitted through its final stage (RStage).");
        }
    }

    /// <summary>Cross-fits the R-learner's nuisances m(x) = E[Y | x] and e(x) once, on the analysis weights.</summary>
    private RStage RResiduals(EffectData data, double[] w)
    {
        NuisanceLearners l = Options.Learners;
        double[] t = data.Treatment, y = data.Outcome;
        int n = data.Count;
        CrossFit cf = CrossFit.Create(data.Covariates, Options.Folds, Options.Seed, 0, data.Groups, 2, t);
        double[] m = cf.Regress(l.Outcome, y, w);
        double[] e = cf.Classify(l.Propensity, t, w);
        var target = new double[n];
        var tr2 = new double[n];
        for (int i = 0; i < n; i++)
        {
            double ei = Math.Clamp(e[i], Options.PropensityClip, 1 - Options.PropensityClip);
            double tr = t[i] - ei; // |T̃| ≥ ε after clipping, so the ratio is finite
            target[i] = (y[i] - m[i]) / tr;
            tr2[i] = tr * tr;
        }

        return new RStage(target, tr2);
    }

    /// <summary>The R-learner's final stage: pseudo-outcomes (Y − m̂)/(T − ê) with weights (T − ê)², from cross-fitted
    /// nuisances. <see cref="Fit"/> minimises the R-loss Σ wᵢ (T̃ᵢ)² ((Ỹᵢ/T̃ᵢ) − τ(Xᵢ))² for any unit weights.</summary>
    private sealed record RStage(double[] Target, double[] ResidualSquare)
    {
        public double[] Fit(NuisanceLearners learners, Matrix modifiers, double[] w)
        {
            int n = Target.Length;
            var rw = new double[n];
            for (int i = 0; i < n; i++)
            {
                rw[i] = w[i] * ResidualSquare[i];
            }

            var cate = new double[n];
            learners.Effect().Fit(modifiers, Target, rw).Predict(modifiers, cate);
            return cate;
        }
    }

    private static (double[] Mu1, double[] Mu0) ArmModels(NuisanceLearners l, Matrix x, double[] y, double[] t, double[] w)
    {
        int n = y.Length;
        var w1 = new double[n];
        var w0 = new double[n];
        for (int i = 0; i < n; i++)
        {
            w1[i] = t[i] == 1 ? w[i] : 0;
            w0[i] = t[i] == 1 ? 0 : w[i];
        }

        var mu1 = new double[n];
        var mu0 = new double[n];
        l.Outcome().Fit(x, y, w1).Predict(x, mu1);
        l.Outcome().Fit(x, y, w0).Predict(x, mu0);
        return (mu1, mu0);
    }

    private static double WeightedMean(double[] v, double[] w)
    {
        double s = 0, sw = 0;
        for (int i = 0; i < v.Length; i++)
        {
            s += w[i] * v[i];
            sw += w[i];
        }

        return s / sw;
    }

    private static bool HasBothArms(double[] t, double[] w)
    {
        double w1 = 0, w0 = 0;
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i] == 1)
            {
                w1 += w[i];
            }
            else
            {
                w0 += w[i];
            }
        }

        return w1 > 0 && w0 > 0;
    }

    /// <summary>Dense index (0..G−1, in order of first appearance) of each unit's group; each unit alone without groups.</summary>
    private static int[] GroupIndex(EffectData data, out int count)
    {
        int n = data.Count;
        if (data.Groups is null)
        {
            count = n;
            return Enumerable.Range(0, n).ToArray();
        }

        var map = new Dictionary<int, int>();
        var idx = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (!map.TryGetValue(data.Groups[i], out int k))
            {
                map[data.Groups[i]] = k = map.Count;
            }

            idx[i] = k;
        }

        count = map.Count;
        return idx;
    }
}
