using System.Globalization;
using CausalCart.Causal.Dml;
using CausalCart.Core.Results;
using CausalCart.Numerics;

namespace CausalCart.Causal.Heterogeneity;

/// <summary>
/// Effect heterogeneity for users: group average effects (GATE) for the merchant's segments, the best linear projection
/// of the CATE, and learned segments (GATES, Chernozhukov, Demirer, Duflo &amp; Fernández-Val 2018/2023), all computed
/// from cross-fitted AIPW scores ψ_i (E[ψ | X] = τ(X)) so every interval is an influence-function interval.
/// </summary>
/// <remarks>
/// GATE of segment S: θ_S = Σ_{i∈S} wψ / Σ_{i∈S} w, contributions w_i(ψ_i − θ_S)/Σ_S w (cluster-robust with groups).
/// Learned segments: a CATE model (<see cref="NuisanceLearners.Effect"/> regressing ψ on the projection covariates) is
/// cross-fitted over a second seeded split, so each unit's predicted CATE comes from a model that never saw its score;
/// units are cut into quantile groups of that prediction and each group's GATE is computed from the scores. The scores
/// of the training units reuse nuisances fitted with the held-out fold's data (as in common practice, EconML and
/// DoubleML); this is not fully nested. Deterministic for a seed.
/// </remarks>
public sealed class HeterogeneityAnalysis(EffectOptions? options = null, DmlOptions? dml = null, HeterogeneityOptions? heterogeneity = null)
{
    /// <summary>Options (folds, seed, clip, confidence level).</summary>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <summary>Learners, repetitions (split 0 is used), effect modifiers.</summary>
    public DmlOptions Dml { get; } = dml ?? new DmlOptions();

    /// <summary>Heterogeneity options.</summary>
    public HeterogeneityOptions Heterogeneity { get; } = heterogeneity ?? new HeterogeneityOptions();

    /// <summary>Analyses binary-treatment data.</summary>
    /// <param name="data">The units.</param>
    /// <param name="segments">Null, or one segment name per unit (e.g. the merchant's customer tiers).</param>
    /// <exception cref="ArgumentException">Invalid options, a segment list of the wrong length or with an empty name,
    /// an unknown covariate, or too few units per fold.</exception>
    /// <param name="scores">Null to fit the AIPW nuisances with <see cref="Dml"/>'s learners; or per-unit ATE scores ψ (length
    /// n, finite, E[ψ | X] = τ(X)) that another estimator already cross-fitted — e.g. <see cref="AipwEstimator.AteScores"/> —
    /// so that the section's average effect is exactly that estimator's.</param>
    public HeterogeneityResult Analyze(EffectData data, IReadOnlyList<string>? segments = null, IReadOnlyList<double>? scores = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Dml.Validate();
        Heterogeneity.Validate();
        if (segments is not null && segments.Count != data.Count)
        {
            throw new ArgumentException($"Segments have {segments.Count} labels for {data.Count} units.", nameof(segments));
        }

        if (scores is not null && (scores.Count != data.Count || scores.Any(v => !double.IsFinite(v))))
        {
            throw new ArgumentException($"Scores must be {data.Count} finite values (got {scores.Count}{(scores.Count == data.Count ? ", some not finite" : string.Empty)}).", nameof(scores));
        }

        double[] psi = scores is null ? AipwNuisances.Fit(data, Options, Dml, 0).AteScores(data) : [.. scores];
        double[] w = data.W;
        double level = Options.ConfidenceLevel;
        (double ate, double ateVar) = MeanWithVariance(psi, w, data.Groups);
        double ateSe = ScoreInference.StdError("heterogeneity ATE", ate, ateVar);
        double z = StandardNormal.TwoSidedCritical(level);
        var ateEstimate = new EffectEstimate(
            EffectMethod.DrLearner, Estimand.Ate, ate, ateSe, ate - (z * ateSe), ate + (z * ateSe), level,
            data.Count, data.NTreated, data.NControl, new Dictionary<string, double> { ["folds"] = Options.Folds }, []);

        IReadOnlyList<SegmentEffect>? merchant = segments is null ? null : SegmentEffects(psi, segments, data.Groups, w, level);

        int[] cols = Modifiers.Columns(data.CovariateNames, Heterogeneity.ProjectionCovariates ?? Dml.EffectModifiers);
        string[] names = cols.Select(c => data.CovariateNames[c]).ToArray();
        Matrix zx = Modifiers.Select(data.Covariates, cols);
        BestLinearProjection blp = Project(psi, zx, names, data.Groups, w, level);

        // Out-of-fold CATE on a second split.
        CrossFit cf = CrossFit.Create(zx, Options.Folds, unchecked((int)SeededRandom.DeriveSeed(CrossFit.SplitSeed(Options.Seed, 0), 0xCA7E)), 0, data.Groups, Dml.MinUnitsPerFold, null);
        double[] predicted = cf.Regress(Dml.Learners.Effect, psi, w);
        int q = Heterogeneity.LearnedGroups;
        int n = data.Count;
        int[] order = Enumerable.Range(0, n).OrderBy(i => predicted[i]).ThenBy(i => i).ToArray();
        var labels = new string[n];
        for (int r = 0; r < n; r++)
        {
            int group = (int)((long)r * q / n);
            labels[order[r]] = GroupName(group, q);
        }

        string[] groupNames = Enumerable.Range(0, q).Select(g => GroupName(g, q)).ToArray();
        Dictionary<string, SegmentEffect> byName = SegmentEffects(psi, labels, data.Groups, w, level).ToDictionary(s => s.Segment);
        SegmentEffect[] learned = groupNames.Select(g => byName[g]).ToArray();

        // Top minus bottom: contributions of the two GATEs differenced, so clustering is respected.
        var c = new double[n];
        double wTop = 0, wBottom = 0;
        for (int i = 0; i < n; i++)
        {
            wTop += labels[i] == groupNames[^1] ? w[i] : 0;
            wBottom += labels[i] == groupNames[0] ? w[i] : 0;
        }

        double top = learned[^1].Estimate, bottom = learned[0].Estimate;
        for (int i = 0; i < n; i++)
        {
            if (labels[i] == groupNames[^1])
            {
                c[i] = w[i] * (psi[i] - top) / wTop;
            }
            else if (labels[i] == groupNames[0])
            {
                c[i] = -w[i] * (psi[i] - bottom) / wBottom;
            }
        }

        double diff = top - bottom;
        CoefficientEstimate topMinusBottom = ScoreInference.Coefficient(
            "top minus bottom", diff, ScoreInference.StdError("top-minus-bottom", diff, ScoreInference.SumSquares(c, data.Groups)), level);

        var who = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"On average the treatment changes the outcome by {ate:+0.###;-0.###;0} ({level:P0} CI {ateEstimate.CiLower:0.###} to {ateEstimate.CiUpper:0.###})."),
        };
        who.Add(topMinusBottom.ExcludesZero
            ? string.Create(CultureInfo.InvariantCulture,
                $"The effect differs between units: the {Share(q)} predicted to respond most gain {top:0.###} on average, the {Share(q)} predicted to respond least {bottom:0.###} (difference {diff:0.###}, {level:P0} CI {topMinusBottom.CiLower:0.###} to {topMinusBottom.CiUpper:0.###}).")
            : string.Create(CultureInfo.InvariantCulture,
                $"There is no clear evidence that the effect differs between units: the {Share(q)} predicted to respond most and least differ by {diff:0.###} ({level:P0} CI {topMinusBottom.CiLower:0.###} to {topMinusBottom.CiUpper:0.###})."));
        who.AddRange(blp.Summary);
        if (merchant is not null)
        {
            SegmentEffect best = merchant.MaxBy(s => s.Estimate)!, worst = merchant.MinBy(s => s.Estimate)!;
            if (!ReferenceEquals(best, worst))
            {
                who.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Among your segments, '{best.Segment}' responds most ({best.Estimate:0.###}) and '{worst.Segment}' least ({worst.Estimate:0.###})."));
            }
        }

        return new HeterogeneityResult(ateEstimate, merchant, blp, learned, topMinusBottom, topMinusBottom.ExcludesZero, who);
    }

    /// <summary>
    /// Group average effects from any per-unit scores whose mean is the effect (AIPW scores, DR pseudo-outcomes): one
    /// <see cref="SegmentEffect"/> per distinct label, in order of first appearance.
    /// </summary>
    /// <param name="scores">ψ, length n, finite.</param>
    /// <param name="segments">Label per unit, length n, non-empty strings.</param>
    /// <param name="groups">Null or length n cluster ids.</param>
    /// <param name="weights">Null or length n weights.</param>
    /// <param name="confidenceLevel">Nominal coverage, in (0, 1).</param>
    /// <exception cref="ArgumentException">Lengths differ, a non-finite score, an empty label, or a segment with zero weight.</exception>
    public static IReadOnlyList<SegmentEffect> SegmentEffects(
        IReadOnlyList<double> scores, IReadOnlyList<string> segments, int[]? groups = null, double[]? weights = null, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(segments);
        int n = scores.Count;
        CheckInputs(scores, groups, weights, segments.Count, nameof(segments));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var seg = new int[n];
        for (int i = 0; i < n; i++)
        {
            string s = segments[i];
            if (string.IsNullOrEmpty(s))
            {
                throw new ArgumentException($"Segment label at row {i} is empty; give every unit a segment name.", nameof(segments));
            }

            if (!index.TryGetValue(s, out int k))
            {
                index[s] = k = names.Count;
                names.Add(s);
            }

            seg[i] = k;
        }

        int m = names.Count;
        var sw = new double[m];
        var swy = new double[m];
        var units = new long[m];
        for (int i = 0; i < n; i++)
        {
            double wi = weights?[i] ?? 1;
            sw[seg[i]] += wi;
            swy[seg[i]] += wi * scores[i];
            units[seg[i]]++;
        }

        double z = StandardNormal.TwoSidedCritical(confidenceLevel);
        var result = new SegmentEffect[m];
        for (int k = 0; k < m; k++)
        {
            if (!(sw[k] > 0))
            {
                throw new ArgumentException($"Segment '{names[k]}' has zero total weight.", nameof(weights));
            }

            double theta = swy[k] / sw[k];
            var c = new double[n];
            for (int i = 0; i < n; i++)
            {
                if (seg[i] == k)
                {
                    c[i] = (weights?[i] ?? 1) * (scores[i] - theta) / sw[k];
                }
            }

            double se = ScoreInference.StdError($"segment '{names[k]}'", theta, ScoreInference.SumSquares(c, groups));
            double lo = theta - (z * se), hi = theta + (z * se);
            string summary = string.Create(CultureInfo.InvariantCulture,
                $"{names[k]} ({units[k]:N0} units): the treatment changes the outcome by {theta:+0.###;-0.###;0} on average ({confidenceLevel:P0} CI {lo:0.###} to {hi:0.###}){(units[k] < 50 ? "; few units, so read this with care." : ".")}");
            result[k] = new SegmentEffect(names[k], units[k], theta, se, lo, hi, summary);
        }

        return result;
    }

    /// <summary>The best linear projection of the CATE: OLS of <paramref name="scores"/> on [1, Z] with HC1 /
    /// cluster-robust SEs (Semenova &amp; Chernozhukov 2021).</summary>
    /// <param name="scores">ψ, length n.</param>
    /// <param name="covariates">Z, shape (n, m).</param>
    /// <param name="names">m names.</param>
    /// <param name="groups">Null or cluster ids.</param>
    /// <param name="weights">Null or weights.</param>
    /// <param name="confidenceLevel">Nominal coverage.</param>
    /// <exception cref="ArgumentException">Lengths differ, non-finite values, or a covariate without variation.</exception>
    public static BestLinearProjection Project(
        IReadOnlyList<double> scores, Matrix covariates, IReadOnlyList<string> names, int[]? groups = null, double[]? weights = null, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(names);
        CheckInputs(scores, groups, weights, covariates.Rows, nameof(covariates));
        if (names.Count != covariates.Cols)
        {
            throw new ArgumentException($"{names.Count} names for {covariates.Cols} covariate columns.", nameof(names));
        }

        double[] w = weights ?? Enumerable.Repeat(1.0, scores.Count).ToArray();
        LinearStage stage = LinearStage.Fit(Modifiers.WithIntercept(covariates), [.. scores], null, w, groups, "best linear projection", names);
        var terms = new CoefficientEstimate[stage.Beta.Length];
        var summary = new List<string>();
        for (int p = 0; p < terms.Length; p++)
        {
            string term = p == 0 ? "intercept" : names[p - 1];
            terms[p] = ScoreInference.Coefficient(term, stage.Beta[p], ScoreInference.StdError($"projection term '{term}'", stage.Beta[p], stage.Covariance[p, p]), confidenceLevel);
            if (p > 0 && terms[p].ExcludesZero)
            {
                summary.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Holding the other listed covariates fixed, each unit more of {term} {(terms[p].Estimate > 0 ? "raises" : "lowers")} the effect by {Math.Abs(terms[p].Estimate):0.###} ({confidenceLevel:P0} CI {terms[p].CiLower:0.###} to {terms[p].CiUpper:0.###})."));
            }
        }

        if (summary.Count == 0)
        {
            summary.Add("None of the listed covariates shifts the effect by a clearly non-zero amount in a linear summary.");
        }

        return new BestLinearProjection(terms, summary);
    }

    private static void CheckInputs(IReadOnlyList<double> scores, int[]? groups, double[]? weights, int otherLength, string otherName)
    {
        int n = scores.Count;
        if (n == 0)
        {
            throw new ArgumentException("Scores are empty.", nameof(scores));
        }

        if (otherLength != n || (groups is not null && groups.Length != n) || (weights is not null && weights.Length != n))
        {
            throw new ArgumentException(
                $"Lengths differ: {n} scores, {otherLength} {otherName}, {groups?.Length.ToString(CultureInfo.InvariantCulture) ?? "no"} groups, {weights?.Length.ToString(CultureInfo.InvariantCulture) ?? "no"} weights.", nameof(scores));
        }

        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException($"Score is {scores[i]} at row {i}; scores must be finite.", nameof(scores));
            }

            if (weights is not null && (!double.IsFinite(weights[i]) || weights[i] < 0))
            {
                throw new ArgumentException($"Weight is {weights[i]} at row {i}; weights must be finite and >= 0.", nameof(weights));
            }
        }
    }

    /// <summary>Weighted mean of the scores and the variance of that mean from its influence contributions (clustered by group).</summary>
    private static (double Mean, double Variance) MeanWithVariance(double[] psi, double[] w, int[]? groups)
    {
        double num = 0, den = 0;
        for (int i = 0; i < psi.Length; i++)
        {
            num += w[i] * psi[i];
            den += w[i];
        }

        double mean = num / den;
        var c = new double[psi.Length];
        for (int i = 0; i < psi.Length; i++)
        {
            c[i] = w[i] * (psi[i] - mean) / den;
        }

        return (mean, ScoreInference.SumSquares(c, groups));
    }

    private static string GroupName(int g, int q) => string.Create(CultureInfo.InvariantCulture,
        $"predicted effect {100 * g / q}-{100 * (g + 1) / q}%");

    private static string Share(int q) => string.Create(CultureInfo.InvariantCulture, $"{100 / q}%");
}
