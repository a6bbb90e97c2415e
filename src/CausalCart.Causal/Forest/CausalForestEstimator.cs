using System.Runtime.CompilerServices;
using CausalCart.Core.Results;
using CausalCart.Learners;
using CausalCart.Learners.Forests;
using CausalCart.Numerics;

namespace CausalCart.Causal.Forest;

/// <summary>
/// Causal forest in the manner of GRF (Athey, Tibshirani &amp; Wager 2019, "Generalized Random Forests", Annals of
/// Statistics 47:1148; Wager &amp; Athey 2018): heterogeneous effects τ(x) of a binary treatment with pointwise intervals,
/// and the ATE / ATT by doubly robust scores. Deterministic for a given <see cref="EffectOptions.Seed"/> whatever the
/// thread count.
/// </summary>
/// <remarks>
/// <para>1. Orthogonalisation (Robinson 1988; GRF §6.1): m̂(x) = E[Y | covariates] and ê(x) = P(T = 1 | covariates) are
/// estimated out-of-bag by forests (or cross-fitted by the learners in <see cref="CausalForestOptions"/>), and the trees
/// work on the residuals Ỹ = Y − m̂, T̃ = T − ê.</para>
/// <para>2. Trees come in little bags of <see cref="CausalForestOptions.CiGroupSize"/> that share one half-sample; each
/// tree draws <see cref="CausalForestOptions.SampleFraction"/>·n units from it without replacement and splits them
/// honestly: one part chooses the splits, the other fills the leaves.</para>
/// <para>3. Splits (GRF §2.3, gradient-based labelling): in each node P, τ_P is the residual-on-residual slope and every
/// unit is relabelled with ρ_i = (T̃_i − T̄_P)(Ỹ_i − Ȳ_P − τ_P (T̃_i − T̄_P)) / Var_P(T̃); the split maximises the
/// weighted between-children sum of squares of ρ, with each child holding at least MinNodeSize units, treated units and
/// control units, and an Alpha share of its parent.</para>
/// <para>4. Estimates (GRF eq. 2–3): the forest weights α_i(x) (the share of x's leaf that unit i fills, averaged over
/// trees) solve the local moment Σ α_i (T̃_i − T̄_α)(Ỹ_i − Ȳ_α − τ (T̃_i − T̄_α)) = 0; variance by the bootstrap of
/// little bags (<see cref="LittleBags"/>). Units get out-of-bag estimates from the bags whose half-sample left them out.</para>
/// <para>5. ATE: mean of Γ_i = τ̂_i + T(y − μ̂₁)/ê − (1 − T)(y − μ̂₀)/(1 − ê) with μ̂₀ = m̂ − ê τ̂, μ̂₁ = m̂ + (1 − ê) τ̂;
/// ATT: the AIPW ATT score of <see cref="AipwEstimator"/> with the same μ̂₀. Standard errors from the scores (cluster-robust
/// by <see cref="EffectData.Groups"/> when given); propensities in the weights are clipped as in AIPW.</para>
/// The CATE variance treats units as independent (groups are used for the ATE/ATT and the cross-fitting folds only).
/// </remarks>
public sealed class CausalForestEstimator(EffectOptions? options = null, CausalForestOptions? forestOptions = null) : IEffectEstimator
{
    /// <inheritdoc/>
    public EffectMethod Method => EffectMethod.CausalForest;

    /// <inheritdoc/>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <summary>The forest's options.</summary>
    public CausalForestOptions ForestOptions { get; } = forestOptions ?? new CausalForestOptions();

    /// <inheritdoc/>
    public EstimationResult Estimate(EffectData data) => Fit(data).Estimation;

    /// <summary>Fits the nuisances and the forest; returns the effects per unit, the ATE/ATT and the fitted model.</summary>
    /// <exception cref="ArgumentException">Invalid options, an unknown effect modifier name (the valid names are listed),
    /// no covariates, or data the method cannot use.</exception>
    /// <exception cref="InvalidOperationException">A unit's neighbourhood has no treatment variation, or a standard error
    /// is not finite (never returned as NaN).</exception>
    public CausalForestResult Fit(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        ForestOptions.Validate();
        CausalForestOptions fo = ForestOptions;
        (Matrix x, string[] names) = EffectModifierColumns(data, fo.EffectModifiers);
        if (fo.Mtry > names.Length)
        {
            throw new ArgumentException($"Mtry {fo.Mtry} exceeds the {names.Length} effect modifiers; use at most {names.Length}, or null for GRF's default.", nameof(forestOptions));
        }

        int n = data.Count;
        ulong seed = unchecked((ulong)(long)Options.Seed);
        var warnings = new List<string>();

        // 1. Nuisances and residuals.
        (double[] mHat, double[] eHat, string nuisanceNote) = CausalForestNuisance.Fit(data, Options, fo, seed, warnings);
        var yRes = new double[n]; // (n) Ỹ
        var tRes = new double[n]; // (n) T̃
        var arm = new byte[n];    // (n) T as 0/1 for the child constraints
        for (int i = 0; i < n; i++)
        {
            yRes[i] = data.Outcome[i] - mHat[i];
            tRes[i] = data.Treatment[i] - eHat[i];
            arm[i] = (byte)data.Treatment[i];
        }

        // 2–3. Trees in little bags.
        double[] w = data.W;
        int[] eligible = RowSampler.Eligible(w);
        BinnedFeatures bins = BinnedFeatures.Create(x, fo.MaxBins, fo.MaxDegreeOfParallelism, eligible);
        int bagSize = fo.CiGroupSize;
        int bags = fo.Trees / bagSize;
        int q = names.Length;
        var limits = new GrowthLimits(
            fo.Mtry ?? Math.Min((int)Math.Ceiling(Math.Sqrt(q) + 20), q),
            (2 * fo.MinNodeSize) - 1, fo.MinNodeSize, fo.MaxDepth, fo.MinNodeSize, fo.Alpha);
        var trees = new CausalTree[fo.Trees];
        var inHalf = new ulong[bags][]; // (bags)(n/64) half-sample membership bits
        ulong bagSeed = SeededRandom.DeriveSeed(seed, 103), treeSeed = SeededRandom.DeriveSeed(seed, 104);
        var po = new ParallelOptions { MaxDegreeOfParallelism = fo.MaxDegreeOfParallelism };
        Parallel.For(0, bags, po, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (g) =>
        {
            int[] half = RowSampler.Subsample(eligible, eligible.Length / 2, new SeededRandom(SeededRandom.DeriveSeed(bagSeed, (ulong)g)));
            var bits = new ulong[(n + 63) >> 6];
            foreach (int r in half)
            {
                bits[r >> 6] |= 1UL << (r & 63);
            }

            inHalf[g] = bits;
            for (int j = 0; j < bagSize; j++)
            {
                int b = (g * bagSize) + j;
                var rng = new SeededRandom(SeededRandom.DeriveSeed(treeSeed, (ulong)b));
                int size = (int)Math.Round(2 * fo.SampleFraction * half.Length);
                trees[b] = GrowTree(bins, RowSampler.Subsample(half, size, rng), w, yRes, tRes, arm, limits, fo.HonestyFraction, rng);
            }
        });

        // 4. Out-of-bag effects per unit.
        var cate = new double[n];
        var variance = new double[n];
        var allBags = new bool[n]; // (n) units left out of fewer than 2 half-samples use every bag
        byte[] codes = bins.Codes;
        const int block = 256;
        DeterministicParallel.For(n, block, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (s, e) =>
        {
            int width = trees.Length * CausalTree.Width;
            var stats = new double[(e - s) * width]; // (block, trees, 4) leaf means per unit and tree
            var used = new bool[(e - s) * bags];     // (block, bags) out-of-bag little bags per unit
            for (int i = s; i < e; i++)
            {
                Span<bool> u = used.AsSpan((i - s) * bags, bags);
                int word = i >> 6;
                ulong bit = 1UL << (i & 63);
                int outside = 0;
                for (int g = 0; g < bags; g++)
                {
                    u[g] = (inHalf[g][word] & bit) == 0;
                    outside += u[g] ? 1 : 0;
                }

                if (outside < 2)
                {
                    u.Fill(true);
                    allBags[i] = true;
                }
            }

            // Tree-major over the block keeps one tree's nodes in cache; the block's units of the tree's out-of-bag bags walk
            // it four at a time (DecisionTree.LeavesBinned).
            var rowsOut = new int[e - s]; // (block) units that use the tree
            var leaves = new int[e - s];  // (block) their leaves
            for (int b = 0; b < trees.Length; b++)
            {
                DecisionTree tree = trees[b].Tree;
                double[] leafStats = trees[b].Stats;
                int g = b / bagSize;
                int count = 0;
                for (int i = s; i < e; i++)
                {
                    rowsOut[count] = i;
                    count += used[((i - s) * bags) + g] ? 1 : 0;
                }

                tree.LeavesBinned(codes, q, rowsOut.AsSpan(0, count), leaves);
                for (int k = 0; k < count; k++)
                {
                    int from = leaves[k] * CausalTree.Width, to = ((rowsOut[k] - s) * width) + (b * CausalTree.Width);
                    stats[to] = leafStats[from];
                    stats[to + 1] = leafStats[from + 1];
                    stats[to + 2] = leafStats[from + 2];
                    stats[to + 3] = leafStats[from + 3];
                }
            }

            for (int i = s; i < e; i++)
            {
                (cate[i], variance[i]) = LittleBags.Evaluate(stats.AsSpan((i - s) * width, width), used.AsSpan((i - s) * bags, bags), bagSize);
            }
        });

        int inBagEverywhere = allBags.Count(v => v);
        if (inBagEverywhere > 0)
        {
            warnings.Add($"{inBagEverywhere} of {n} units were in all but at most one half-sample, so their effects use every tree (not out-of-bag); grow more trees.");
        }

        double z = StandardNormal.TwoSidedCritical(Options.ConfidenceLevel);
        var se = new double[n];
        var lower = new double[n];
        var upper = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(cate[i]) || !double.IsFinite(variance[i]))
            {
                throw new InvalidOperationException(
                    $"Unit {i}: the forest's neighbourhood has no treatment variation (or too few little bags), so no effect or interval can be formed; " +
                    "check overlap, or use more trees or a larger MinNodeSize.");
            }

            se[i] = Math.Sqrt(variance[i]);
            lower[i] = cate[i] - (z * se[i]);
            upper[i] = cate[i] + (z * se[i]);
        }

        // 5. ATE / ATT by doubly robust scores.
        EstimationResult estimation = AverageEffects(data, cate, mHat, eHat, nuisanceNote, warnings);
        double[] importance = SplitFrequencyImportance(trees, q);
        return new CausalForestResult(
            estimation, cate, se, lower, upper, mHat, names, importance, new CausalForestModel(trees, bagSize, names), [.. warnings]);
    }

    private static (Matrix X, string[] Names) EffectModifierColumns(EffectData data, IReadOnlyList<string>? requested)
    {
        if (data.Covariates.Cols == 0)
        {
            throw new ArgumentException("The causal forest needs at least one covariate to use as an effect modifier.", nameof(data));
        }

        if (requested is null)
        {
            return (data.Covariates, [.. data.CovariateNames]);
        }

        var index = new int[requested.Count];
        for (int k = 0; k < requested.Count; k++)
        {
            index[k] = -1;
            for (int j = 0; j < data.CovariateNames.Count; j++)
            {
                if (string.Equals(data.CovariateNames[j], requested[k], StringComparison.Ordinal))
                {
                    index[k] = j;
                }
            }

            if (index[k] < 0)
            {
                throw new ArgumentException(
                    $"Effect modifier '{requested[k]}' is not a covariate; valid names: {string.Join(", ", data.CovariateNames)}.", nameof(data));
            }
        }

        var columns = index.Select(data.Covariates.Column).ToArray();
        return (Matrix.FromColumns(columns), [.. requested]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CausalTree GrowTree(
        BinnedFeatures bins, int[] sample, double[] w, double[] yRes, double[] tRes, byte[] arm, GrowthLimits limits, double honesty, SeededRandom rng)
    {
        // Honest halves: a random share chooses the splits, the rest fills the leaves.
        int[] order = rng.Permutation(sample.Length);
        int k = Math.Clamp((int)Math.Round(honesty * sample.Length), 1, Math.Max(1, sample.Length - 1));
        var estimate = new int[sample.Length - k]; // in draw order
        var splitting = new bool[sample.Length];   // (m) whether sample position u chooses the splits
        for (int u = 0; u < sample.Length; u++)
        {
            if (u < k)
            {
                splitting[order[u]] = true;
            }
            else
            {
                estimate[u - k] = sample[order[u]];
            }
        }

        int[] split = RowSampler.Pick(sample, splitting, k); // ascending, as the sample is
        var weights = new double[k];
        var counts = new int[k];
        var t = new double[k]; // (k) T̃ per split position, permuted with the positions
        var y = new double[k]; // (k) Ỹ per split position
        for (int u = 0; u < k; u++)
        {
            weights[u] = w[split[u]];
            counts[u] = 1;
            t[u] = tRes[split[u]];
            y[u] = yRes[split[u]];
        }

        DecisionTree tree = TreeGrower.Grow(bins, split, weights, counts, new double[k], arm, limits, rng, Relabel, new double[bins.Cols], t, y);
        return new CausalTree(tree, LeafMeans(tree, bins, estimate, w, yRes, tRes));
    }

    /// <summary>GRF's gradient-based pseudo-outcome of every unit in one node (see the class remarks, step 3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Relabel(ReadOnlySpan<double> w, ReadOnlySpan<double> tRes, ReadOnlySpan<double> yRes, Span<double> labels)
    {
        double sw = 0, st = 0, sy = 0;
        for (int k = 0; k < w.Length; k++)
        {
            sw += w[k];
            st += w[k] * tRes[k];
            sy += w[k] * yRes[k];
        }

        double tBar = st / sw, yBar = sy / sw, vtt = 0, vty = 0;
        for (int k = 0; k < w.Length; k++)
        {
            double dt = tRes[k] - tBar;
            vtt += w[k] * dt * dt;
            vty += w[k] * dt * (yRes[k] - yBar);
        }

        if (!(vtt > 1e-12 * sw))
        {
            labels.Clear(); // no treatment variation: nothing to split on
            return;
        }

        double tau = vty / vtt, scale = sw / vtt;
        for (int k = 0; k < w.Length; k++)
        {
            double dt = tRes[k] - tBar;
            labels[k] = dt * (yRes[k] - yBar - (tau * dt)) * scale;
        }
    }

    /// <summary>Per node (nodes, 4): weighted means of T̃, Ỹ, T̃Ỹ, T̃² over the estimation units reaching it (ancestor's when none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] LeafMeans(DecisionTree tree, BinnedFeatures bins, int[] estimate, double[] w, double[] yRes, double[] tRes)
    {
        int c = tree.Count;
        const int width = CausalTree.Width;
        var sumW = new double[c];
        var sums = new double[c * width];
        var leaves = new int[estimate.Length]; // (estimation units) leaf of each
        tree.LeavesBinned(bins.Codes, bins.Cols, estimate, leaves);
        for (int u = 0; u < estimate.Length; u++)
        {
            int r = estimate[u], leaf = leaves[u];
            double wr = w[r], t = tRes[r], y = yRes[r];
            sumW[leaf] += wr;
            sums[(leaf * width) + 0] += wr * t;
            sums[(leaf * width) + 1] += wr * y;
            sums[(leaf * width) + 2] += wr * t * y;
            sums[(leaf * width) + 3] += wr * t * t;
        }

        for (int id = c - 1; id > 0; id--)
        {
            int par = tree.Parent[id];
            sumW[par] += sumW[id];
            for (int k = 0; k < width; k++)
            {
                sums[(par * width) + k] += sums[(id * width) + k];
            }
        }

        var means = new double[c * width];
        for (int id = 0; id < c; id++)
        {
            for (int k = 0; k < width; k++)
            {
                means[(id * width) + k] = sumW[id] > 0 ? sums[(id * width) + k] / sumW[id]
                    : id > 0 ? means[(tree.Parent[id] * width) + k] : 0;
            }
        }

        return means;
    }

    private EstimationResult AverageEffects(EffectData data, double[] cate, double[] mHat, double[] eHat, string nuisanceNote, List<string> warnings)
    {
        int n = data.Count;
        var ec = new double[n];
        int clipped = Nuisance.Clip(eHat, Options.PropensityClip, ec);
        var estimateWarnings = new List<string>(warnings);
        if (clipped > 0)
        {
            string clip = Nuisance.ClipWarning(clipped, n, Options.PropensityClip);
            warnings.Add(clip);
            estimateWarnings.Add(clip);
        }

        double[] w = data.W, t = data.Treatment, y = data.Outcome;
        var estimates = new List<EffectEstimate>();
        foreach (Estimand estimand in Options.Estimands)
        {
            var psi = new double[n];
            double num = 0, den = 0;
            for (int i = 0; i < n; i++)
            {
                double e = ec[i];
                double mu0 = mHat[i] - (eHat[i] * cate[i]);
                double mu1 = mHat[i] + ((1 - eHat[i]) * cate[i]);
                psi[i] = estimand == Estimand.Ate
                    ? mu1 - mu0 + (t[i] * (y[i] - mu1) / e) - ((1 - t[i]) * (y[i] - mu0) / (1 - e))
                    : (t[i] * (y[i] - mu0)) - ((1 - t[i]) * e * (y[i] - mu0) / (1 - e));
                num += w[i] * psi[i];
                den += estimand == Estimand.Ate ? w[i] : w[i] * t[i];
            }

            double theta = num / den;
            var contributions = new double[n];
            for (int i = 0; i < n; i++)
            {
                double centre = estimand == Estimand.Ate ? theta : t[i] * theta;
                contributions[i] = w[i] * (psi[i] - centre) / den;
            }

            var diagnostics = new Dictionary<string, double>
            {
                ["trees"] = ForestOptions.Trees,
                ["ciGroupSize"] = ForestOptions.CiGroupSize,
                ["clippedShare"] = (double)clipped / n,
                ["clipEpsilon"] = Options.PropensityClip,
                ["meanCate"] = cate.Average(),
                ["crossFittedNuisance"] = nuisanceNote == "cross-fitted" ? 1 : 0,
            };
            estimates.Add(Inference.Build(Method, estimand, theta, contributions, data, Options, diagnostics, estimateWarnings));
        }

        OverlapDiagnostics overlap = Diagnostics.Overlap(eHat, t, w, Options.ExtremeThreshold, Options.PropensityClip);
        BalanceDiagnostics balance = Diagnostics.Balance(data, ec, Options.BalanceThreshold);
        return new EstimationResult(Method, estimates, Inference.Associate(data), overlap, balance, eHat);
    }

    /// <summary>GRF's variable importance: split counts by depth 1–4, each depth normalised, weighted by depth⁻².</summary>
    private static double[] SplitFrequencyImportance(CausalTree[] trees, int q)
    {
        const int maxDepth = 4;
        var freq = new double[maxDepth, q];
        foreach (CausalTree ct in trees)
        {
            for (int id = 0; id < ct.Tree.Count; id++)
            {
                int feature = ct.Tree.Nodes[id].Feature;
                int depth = ct.Tree.Depth[id];
                if (feature >= 0 && depth < maxDepth)
                {
                    freq[depth, feature]++;
                }
            }
        }

        var importance = new double[q];
        double weightSum = 0;
        for (int d = 0; d < maxDepth; d++)
        {
            double total = 0;
            for (int j = 0; j < q; j++)
            {
                total += freq[d, j];
            }

            double weight = Math.Pow(d + 1, -2);
            weightSum += weight;
            for (int j = 0; j < q; j++)
            {
                importance[j] += weight * freq[d, j] / Math.Max(1, total);
            }
        }

        for (int j = 0; j < q; j++)
        {
            importance[j] /= weightSum;
        }

        return importance;
    }
}
