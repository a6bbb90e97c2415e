using System.Globalization;
using CausalCart.Core.Results;
using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal.Matching;

/// <summary>
/// Nearest-neighbour matching estimators of the ATT and ATE (Abadie &amp; Imbens 2006, Econometrica 74:235) on the
/// propensity score or the Mahalanobis distance, with optional exact-matching columns, caliper, k:1 matches, matching
/// with or without replacement, and the Abadie–Imbens (2011, JBES 29:1) regression bias correction.
/// </summary>
/// <remarks>
/// <para>Estimates. Each treated unit i is matched to the set J(i) of its M nearest controls (ties kept with
/// replacement), which impute Ŷᵢ(0) = mean_{j∈J(i)} Yⱼ; controls matched to treated units impute Ŷᵢ(1) likewise.
/// ATT = mean over matched treated of Yᵢ − Ŷᵢ(0); ATE = mean over all matched units of Ŷᵢ(1) − Ŷᵢ(0) (matching both ways).
/// With bias correction Ŷᵢ(0) = mean_{j∈J(i)} (Yⱼ + μ̂₀(Xᵢ) − μ̂₀(Xⱼ)), μ̂₀ a linear regression on all covariates
/// fitted on the controls weighted by how often each serves as a match (and μ̂₁ likewise).</para>
/// <para>Standard errors. Abadie–Imbens (2006, Theorem 7) with K(j) = Σ_{f: j∈J(f)} 1/#J(f) and
/// K₂(j) = Σ_{f: j∈J(f)} 1/#J(f)² (ties generalise the K/M and K/M² of the paper):
/// V(ATE) = N⁻² Σᵢ [(τ̂ᵢ − τ̂)² + (K(i)² + 2K(i) − K₂(i)) σ̂²(Xᵢ)],
/// V(ATT) = N₁⁻² [Σ_{treated} (τ̂ᵢ − τ̂)² + Σ_{controls} (K(j)² − K₂(j)) σ̂²(Xⱼ)].
/// σ̂²(Xᵢ) = #J'/(#J' + 1) · (Yᵢ − mean of its J' nearest same-arm units)² (their eq. 14), J' =
/// <see cref="MatchingOptions.VarianceNeighbors"/>, matched on the same distance inside the same exact cell; a unit
/// alone in its arm and cell gets the mean σ̂² of its arm. With propensity matching the score is treated as known:
/// Abadie &amp; Imbens (2016) show this is conservative for the ATE; for the ATT it can err either way. Without
/// replacement K ≤ 1, and for 1:1 the ATT variance is that of the matched-pair differences.</para>
/// <para>Greedy order without replacement: MatchIt's default — treated units by descending propensity score
/// (ties by row) for propensity matching, row order for Mahalanobis — in rounds, so every treated unit gets its
/// first match before any gets a second. Sample weights are not supported (an error says so); group ids are ignored
/// by the standard error (a warning says so). Deterministic: no random step.</para>
/// </remarks>
public sealed class MatchingEstimator(EffectOptions? options = null, MatchingOptions? matching = null) : IEffectEstimator
{
    /// <inheritdoc/>
    public EffectMethod Method => EffectMethod.Matching;

    /// <inheritdoc/>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <summary>The matching settings.</summary>
    public MatchingOptions Matching { get; } = matching ?? new MatchingOptions();

    /// <inheritdoc/>
    public EstimationResult Estimate(EffectData data) => Match(data).Estimation;

    /// <summary>Matches and estimates; returns the matched samples and balance tables beside the estimates.</summary>
    /// <exception cref="ArgumentException">Invalid options, unknown column names, sample weights, a singular
    /// Mahalanobis covariance, or no treated (or control) unit with a match inside the caliper and exact cells.</exception>
    /// <exception cref="InvalidOperationException">A non-finite estimate or standard error.</exception>
    public MatchingResult Match(EffectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Matching.Validate();
        MatchingOptions mo = Matching;
        bool wantAte = Options.Estimands.Contains(Estimand.Ate);
        if (!mo.Replacement && wantAte)
        {
            throw new ArgumentException(
                "Matching without replacement estimates the ATT only: set EffectOptions.Estimands to [Att], or set MatchingOptions.Replacement = true for the ATE.",
                nameof(options));
        }

        if (data.Weights is { } sw && sw.Any(v => v != 1))
        {
            throw new ArgumentException("Matching does not use sample weights; pass data without weights (or use IPW/AIPW, which do).", nameof(data));
        }

        int n = data.Count;
        int[] exact = ColumnIndices(data, mo.ExactColumns, nameof(MatchingOptions.ExactColumns));
        var warnings = new List<string>();

        // Propensity: the matching score (propensity distance), the greedy order and the overlap diagnostics.
        Nuisance.Glm ps = Nuisance.FitPropensity(data, data.W, Options);
        var e = new double[n];
        for (int i = 0; i < n; i++)
        {
            e[i] = ps.Mean(data.Covariates, i);
        }

        if (!ps.Converged)
        {
            warnings.Add("The propensity model did not converge within its iteration limit.");
        }

        double[]? score = null;
        double[]? whitened = null;
        int dims = 0;
        double caliper = double.PositiveInfinity;
        if (mo.Distance == MatchingDistance.Propensity)
        {
            score = mo.PropensityScale == PropensityScale.Logit
                ? e.Select(v => Math.Log(Math.Clamp(v, 1e-15, 1 - 1e-15) / (1 - Math.Clamp(v, 1e-15, 1 - 1e-15)))).ToArray()
                : e;
            if (mo.Caliper is { } c)
            {
                caliper = c * SampleSd(score);
            }
        }
        else
        {
            int[] cols = mo.MahalanobisColumns is { } named
                ? ColumnIndices(data, named, nameof(MatchingOptions.MahalanobisColumns))
                : Enumerable.Range(0, data.Covariates.Cols).Where(j => !exact.Contains(j)).ToArray();
            if (cols.Length == 0)
            {
                throw new ArgumentException("Mahalanobis matching needs at least one covariate outside ExactColumns.", nameof(matching));
            }

            whitened = Whiten(data, cols);
            dims = cols.Length;
            caliper = mo.Caliper is { } c ? c : double.PositiveInfinity;
        }

        // Exact cells: candidates are restricted to units with identical values on the exact columns.
        List<(int[] Treated, int[] Control)> cells = Cells(data, exact);

        double radius = caliper;
        MatchWindows tc = MatchDirectionWindows(data, cells, true, score, whitened, dims, e, radius);
        if (tc.Focal.Length == 0)
        {
            throw new ArgumentException(
                $"No treated unit has a control within the caliper ({CaliperText(mo, caliper)}) and its exact cell: the arms do not overlap. " +
                "Widen or remove the caliper, drop exact columns, or check the treatment.", nameof(data));
        }

        MatchWindows? ct = null;
        if (wantAte)
        {
            ct = MatchDirectionWindows(data, cells, false, score, whitened, dims, e, radius);
            if (ct.Focal.Length == 0)
            {
                throw new ArgumentException(
                    $"No control unit has a treated unit within the caliper ({CaliperText(mo, caliper)}) and its exact cell, so the ATE cannot be estimated.", nameof(data));
            }
        }

        var tcSample = new MatchedSample(MatchDirection.TreatedToControl, tc, n);
        MatchedSample? ctSample = ct is null ? null : new MatchedSample(MatchDirection.ControlToTreated, ct, n);

        // K and K₂ per unit: controls from the treated→control matches, treated from the control→treated matches.
        var k1 = new double[n];
        var k2 = new double[n];
        tc.AccumulateUse(k1, k2);
        ct?.AccumulateUse(k1, k2);

        double[] sigma2 = ConditionalVariance(data, cells, score, whitened, dims, mo.VarianceNeighbors);

        // Bias correction: μ̂_w fitted on arm w weighted by how often each unit serves as a match.
        double[] y = data.Outcome;
        double[]? mu0 = null, mu1 = null;
        if (mo.BiasCorrection)
        {
            mu0 = FitArm(data, 0, k1, Options);
            if (ct is not null)
            {
                mu1 = FitArm(data, 1, k1, Options);
            }
        }

        // Imputed potential outcomes of the focal units.
        var yHat0 = new double[n]; // Ŷ(0) for matched treated
        var yHat1 = new double[n]; // Ŷ(1) for matched controls
        Impute(tc, y, mu0, yHat0);
        if (ct is not null)
        {
            Impute(ct, y, mu1, yHat1);
        }

        int droppedT = tc.Unmatched.Length;
        int droppedC = ct?.Unmatched.Length ?? 0;
        if (droppedT > 0)
        {
            warnings.Add($"{droppedT} of {data.NTreated} treated units had no control within the caliper or exact cell and were dropped; " +
                         "the estimates describe the matched units only.");
        }

        if (droppedC > 0)
        {
            warnings.Add($"{droppedC} of {data.NControl} control units had no treated unit within the caliper or exact cell and were dropped from the ATE.");
        }

        if (data.Groups is not null)
        {
            warnings.Add("The Abadie–Imbens standard error treats units as independent; the group ids were not used.");
        }

        double distinctUsed = 0, maxUsed = 0;
        for (int i = 0; i < n; i++)
        {
            if (data.Treatment[i] == 0 && k1[i] > 0)
            {
                distinctUsed++;
                maxUsed = Math.Max(maxUsed, k1[i]);
            }
        }

        var estimates = new List<EffectEstimate>();
        var balances = new List<MatchBalance>();
        double zc = StandardNormal.TwoSidedCritical(Options.ConfidenceLevel);
        foreach (Estimand estimand in Options.Estimands)
        {
            double tau, variance;
            long nt, nc;
            var after = new double[n];
            if (estimand == Estimand.Att)
            {
                int m = tc.Focal.Length;
                var ti = new double[m];
                for (int f = 0; f < m; f++)
                {
                    int i = tc.Focal[f];
                    ti[f] = y[i] - yHat0[i];
                    after[i] = 1;
                }

                tau = ti.Average();
                double ss = ti.Sum(v => (v - tau) * (v - tau));
                var kAtt = new double[n];
                var k2Att = new double[n];
                tc.AccumulateUse(kAtt, k2Att);
                for (int i = 0; i < n; i++)
                {
                    if (data.Treatment[i] == 0 && kAtt[i] > 0)
                    {
                        ss += ((kAtt[i] * kAtt[i]) - k2Att[i]) * sigma2[i];
                        after[i] = kAtt[i];
                    }
                }

                variance = ss / ((double)m * m);
                nt = m;
                nc = (long)distinctUsed;
            }
            else
            {
                var ti = new List<double>();
                var units = new List<int>();
                foreach (int i in tc.Focal)
                {
                    ti.Add(y[i] - yHat0[i]);
                    units.Add(i);
                }

                foreach (int i in ct!.Focal)
                {
                    ti.Add(yHat1[i] - y[i]);
                    units.Add(i);
                }

                tau = ti.Average();
                double ss = 0;
                for (int u = 0; u < units.Count; u++)
                {
                    int i = units[u];
                    ss += ((ti[u] - tau) * (ti[u] - tau)) + (((k1[i] * k1[i]) + (2 * k1[i]) - k2[i]) * sigma2[i]);
                    after[i] = 1 + k1[i];
                }

                variance = ss / ((double)units.Count * units.Count);
                nt = tc.Focal.Length;
                nc = ct.Focal.Length;
            }

            double se = Math.Sqrt(Math.Max(0, variance));
            if (!double.IsFinite(tau) || !double.IsFinite(se))
            {
                throw new InvalidOperationException($"The matching {estimand} estimate ({tau}) or its standard error ({se}) is not finite; check the outcome for extreme values.");
            }

            var diag = new Dictionary<string, double>
            {
                ["neighbors"] = mo.Neighbors,
                ["replacement"] = mo.Replacement ? 1 : 0,
                ["biasCorrected"] = mo.BiasCorrection ? 1 : 0,
                ["varianceNeighbors"] = mo.VarianceNeighbors,
                ["matchedTreated"] = tc.Focal.Length,
                ["unmatchedTreated"] = droppedT,
                ["matchedControls"] = ct?.Focal.Length ?? 0,
                ["unmatchedControls"] = droppedC,
                ["distinctControlsUsed"] = distinctUsed,
                ["maxTimesControlUsed"] = maxUsed,
            };
            if (double.IsFinite(caliper))
            {
                diag["caliperWidth"] = caliper;
            }

            estimates.Add(new EffectEstimate(
                Method, estimand, tau, se, tau - (zc * se), tau + (zc * se), Options.ConfidenceLevel,
                nt + nc, nt, nc, diag, [.. warnings]));
            balances.Add(BalanceTable.Summarise(estimand, BalanceTable.Compute(data, after), Options.BalanceThreshold));
        }

        OverlapDiagnostics overlap = Diagnostics.Overlap(e, data.Treatment, data.W, Options.ExtremeThreshold, Options.PropensityClip);
        var estimation = new EstimationResult(
            Method, estimates, Inference.Associate(data), overlap, BalanceTable.ToDiagnostics(balances[0], Options.BalanceThreshold), e);
        return new MatchingResult(estimation, tcSample, ctSample, balances, score, double.IsFinite(caliper) ? caliper : null);
    }

    private static string CaliperText(MatchingOptions mo, double width) =>
        mo.Caliper is null ? "none" : $"{mo.Caliper.Value.ToString(CultureInfo.InvariantCulture)} → width {width.ToString("G4", CultureInfo.InvariantCulture)}";

    /// <summary>Matches one direction cell by cell.</summary>
    private MatchWindows MatchDirectionWindows(
        EffectData data, List<(int[] Treated, int[] Control)> cells, bool treatedFocal, double[]? score, double[]? whitened, int dims, double[] e, double caliper)
    {
        MatchingOptions mo = Matching;
        var b = new MatchWindowsBuilder();
        foreach ((int[] treated, int[] control) in cells)
        {
            int[] focal = treatedFocal ? treated : control;
            int[] cand = treatedFocal ? control : treated;
            if (focal.Length == 0)
            {
                continue;
            }

            if (cand.Length == 0)
            {
                foreach (int r in focal)
                {
                    b.AddUnmatched(r);
                }

                continue;
            }

            if (score is not null)
            {
                if (mo.Replacement)
                {
                    ScoreMatcher.WithReplacement(b, score, focal, cand, mo.Neighbors, caliper, false);
                }
                else
                {
                    ScoreMatcher.WithoutReplacement(b, score, GreedyOrderOf(focal, e, true), cand, mo.Neighbors, caliper);
                }
            }
            else
            {
                MatchKd(b, whitened!, dims, data.Count, focal, cand, caliper, mo.Replacement ? focal : GreedyOrderOf(focal, e, false), -1);
            }
        }

        return b.Build();
    }

    /// <summary>k-d tree matching (Mahalanobis) of focal units in the given order; exclude = self for same-arm matching.</summary>
    private void MatchKd(MatchWindowsBuilder b, double[] x, int dims, int n, int[] focal, int[] cand, double caliper, int[] order, int k, bool sameSet = false)
    {
        MatchingOptions mo = Matching;
        var tree = new KdTree(x, dims, cand, n);
        bool replacement = mo.Replacement || sameSet;
        int kk = k > 0 ? k : mo.Neighbors;
        double r2 = double.IsPositiveInfinity(caliper) ? double.PositiveInfinity : caliper * caliper;
        if (replacement)
        {
            foreach (int row in order)
            {
                List<(double D2, int Row)> found = tree.Nearest(row, kk, r2, sameSet ? row : -1);
                if (found.Count == 0)
                {
                    b.AddUnmatched(row);
                    continue;
                }

                int start = b.OrderLength;
                foreach ((_, int r) in found)
                {
                    b.AppendOrder(r);
                }

                b.AddFocal(row, start, start + found.Count, -1);
            }

            return;
        }

        var lists = new List<int>[order.Length];
        var done = new bool[order.Length];
        for (int round = 0; round < kk; round++)
        {
            for (int f = 0; f < order.Length; f++)
            {
                if (done[f])
                {
                    continue;
                }

                List<(double D2, int Row)> found = tree.Nearest(order[f], 1, r2, -1);
                if (found.Count == 0)
                {
                    done[f] = true;
                    continue;
                }

                int r = found[0].Row;
                (lists[f] ??= []).Add(r);
                tree.Remove(r);
            }
        }

        for (int f = 0; f < order.Length; f++)
        {
            if (lists[f] is not { Count: > 0 } l)
            {
                b.AddUnmatched(order[f]);
                continue;
            }

            int start = b.AppendOrder(l.ToArray());
            b.AddFocal(order[f], start, start + l.Count, -1);
        }
    }

    private int[] GreedyOrderOf(int[] focal, double[] e, bool propensityDistance)
    {
        GreedyOrder order = Matching.Order == GreedyOrder.Auto
            ? (propensityDistance ? GreedyOrder.Descending : GreedyOrder.Data)
            : Matching.Order;
        return order switch
        {
            GreedyOrder.Descending => [.. focal.OrderByDescending(r => e[r]).ThenBy(r => r)],
            GreedyOrder.Ascending => [.. focal.OrderBy(r => e[r]).ThenBy(r => r)],
            _ => [.. focal.Order()],
        };
    }

    /// <summary>σ̂²(Xᵢ) by matching each unit to its J nearest same-arm units in its exact cell (Abadie &amp; Imbens 2006, eq. 14).</summary>
    private double[] ConditionalVariance(EffectData data, List<(int[] Treated, int[] Control)> cells, double[]? score, double[]? whitened, int dims, int j)
    {
        int n = data.Count;
        double[] y = data.Outcome;
        var sigma2 = new double[n];
        var has = new bool[n];
        var b = new MatchWindowsBuilder();
        foreach ((int[] treated, int[] control) in cells)
        {
            foreach (int[] arm in new[] { treated, control })
            {
                if (arm.Length < 2)
                {
                    continue;
                }

                int jj = Math.Min(j, arm.Length - 1);
                if (score is not null)
                {
                    ScoreMatcher.WithReplacement(b, score, arm, arm, jj, double.PositiveInfinity, true);
                }
                else
                {
                    MatchKd(b, whitened!, dims, n, arm, arm, double.PositiveInfinity, arm, jj, sameSet: true);
                }
            }
        }

        MatchWindows w = b.Build();
        double[] prefix = w.Prefix(y);
        for (int f = 0; f < w.Focal.Length; f++)
        {
            int i = w.Focal[f];
            int size = w.Size(f);
            double d = y[i] - w.Mean(f, prefix, y);
            sigma2[i] = size / (size + 1.0) * d * d;
            has[i] = true;
        }

        // A unit alone in its arm and cell borrows the mean σ̂² of its arm.
        for (int arm = 0; arm <= 1; arm++)
        {
            double s = 0;
            int c = 0;
            for (int i = 0; i < n; i++)
            {
                if (data.Treatment[i] == arm && has[i])
                {
                    s += sigma2[i];
                    c++;
                }
            }

            double fill = c > 0 ? s / c : ArmVariance(data, arm);
            for (int i = 0; i < n; i++)
            {
                if (data.Treatment[i] == arm && !has[i])
                {
                    sigma2[i] = fill;
                }
            }
        }

        return sigma2;
    }

    private static double ArmVariance(EffectData data, int arm)
    {
        double[] v = Enumerable.Range(0, data.Count).Where(i => data.Treatment[i] == arm).Select(i => data.Outcome[i]).ToArray();
        double m = v.Average();
        return v.Sum(t => (t - m) * (t - m)) / Math.Max(1, v.Length - 1);
    }

    private static void Impute(MatchWindows w, double[] y, double[]? mu, double[] dest)
    {
        double[] py = w.Prefix(y);
        double[]? pm = mu is null ? null : w.Prefix(mu);
        for (int f = 0; f < w.Focal.Length; f++)
        {
            int i = w.Focal[f];
            double v = w.Mean(f, py, y);
            if (mu is not null)
            {
                v += mu[i] - w.Mean(f, pm!, mu);
            }

            dest[i] = v;
        }
    }

    private static double[] FitArm(EffectData data, int arm, double[] used, EffectOptions options)
    {
        int n = data.Count;
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = data.Treatment[i] == arm ? used[i] : 0;
        }

        LinearRegressionModel m = new LinearRegression(new LinearRegressionOptions(options.LinearL2)).Fit(data.Covariates, data.Outcome, w);
        var mu = new double[n];
        m.Predict(data.Covariates, mu);
        return mu;
    }

    private static List<(int[] Treated, int[] Control)> Cells(EffectData data, int[] exact)
    {
        int n = data.Count;
        if (exact.Length == 0)
        {
            int[] all = Enumerable.Range(0, n).ToArray();
            return [(all.Where(i => data.Treatment[i] == 1).ToArray(), all.Where(i => data.Treatment[i] == 0).ToArray())];
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var treated = new List<List<int>>();
        var control = new List<List<int>>();
        var key = new System.Text.StringBuilder();
        for (int i = 0; i < n; i++)
        {
            key.Clear();
            foreach (int j in exact)
            {
                key.Append(BitConverter.DoubleToInt64Bits(data.Covariates[i, j] + 0.0).ToString("x", CultureInfo.InvariantCulture)).Append('|');
            }

            string k = key.ToString();
            if (!index.TryGetValue(k, out int c))
            {
                c = index.Count;
                index[k] = c;
                treated.Add([]);
                control.Add([]);
            }

            (data.Treatment[i] == 1 ? treated[c] : control[c]).Add(i);
        }

        return [.. treated.Select((t, c) => (t.ToArray(), control[c].ToArray()))];
    }

    private static int[] ColumnIndices(EffectData data, IReadOnlyList<string> names, string option)
    {
        var result = new int[names.Count];
        for (int k = 0; k < names.Count; k++)
        {
            int j = -1;
            for (int c = 0; c < data.CovariateNames.Count; c++)
            {
                if (string.Equals(data.CovariateNames[c], names[k], StringComparison.Ordinal))
                {
                    j = c;
                }
            }

            if (j < 0)
            {
                throw new ArgumentException(
                    $"{option} names '{names[k]}', which is not a covariate; valid names: {string.Join(", ", data.CovariateNames)}.", option);
            }

            result[k] = j;
        }

        return result;
    }

    /// <summary>Whitened coordinates L⁻¹(x − x̄) with S = LLᵀ the full-sample covariance of the columns, row-major (n, d).</summary>
    private static double[] Whiten(EffectData data, int[] cols)
    {
        int n = data.Count, d = cols.Length;
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < d; a++)
            {
                mean[a] += data.Covariates[i, cols[a]];
            }
        }

        for (int a = 0; a < d; a++)
        {
            mean[a] /= n;
        }

        var s = new double[d * d];
        var z = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < d; a++)
            {
                z[(i * d) + a] = data.Covariates[i, cols[a]] - mean[a];
            }

            for (int a = 0; a < d; a++)
            {
                for (int c = 0; c <= a; c++)
                {
                    s[(a * d) + c] += z[(i * d) + a] * z[(i * d) + c];
                }
            }
        }

        for (int k = 0; k < s.Length; k++)
        {
            s[k] /= n - 1;
        }

        double[] lower = LowerFactor(s, d, out int failed);
        if (failed >= 0)
        {
            throw new ArgumentException(
                $"Mahalanobis column '{data.CovariateNames[cols[failed]]}' is constant or a linear combination of the other Mahalanobis columns; drop it or match on it exactly.",
                nameof(data));
        }

        // L⁻¹ by forward substitution on the unit vectors (d is small), then w = L⁻¹ z row by row.
        var linv = new double[d * d]; // (d, d) L⁻¹, lower triangular
        for (int c = 0; c < d; c++)
        {
            for (int a = 0; a < d; a++)
            {
                double v = a == c ? 1 : 0;
                for (int t = 0; t < a; t++)
                {
                    v -= lower[(a * d) + t] * linv[(t * d) + c];
                }

                linv[(a * d) + c] = v / lower[(a * d) + a];
            }
        }

        var w = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < d; a++)
            {
                double v = 0;
                for (int c = 0; c <= a; c++)
                {
                    v += linv[(a * d) + c] * z[(i * d) + c];
                }

                w[(i * d) + a] = v;
            }
        }

        return w;
    }

    /// <summary>The lower Cholesky factor of s (lower triangle read); <paramref name="failed"/> is the first column whose
    /// pivot is ≤ 1e-10 of its diagonal (constant or collinear), else −1.</summary>
    private static double[] LowerFactor(double[] s, int d, out int failed)
    {
        failed = -1;
        var l = new double[d * d];
        for (int j = 0; j < d; j++)
        {
            double v = s[(j * d) + j];
            for (int t = 0; t < j; t++)
            {
                v -= l[(j * d) + t] * l[(j * d) + t];
            }

            if (!(v > 1e-10 * s[(j * d) + j]))
            {
                failed = j;
                return l;
            }

            l[(j * d) + j] = Math.Sqrt(v);
            for (int i = j + 1; i < d; i++)
            {
                double u = s[(i * d) + j];
                for (int t = 0; t < j; t++)
                {
                    u -= l[(i * d) + t] * l[(j * d) + t];
                }

                l[(i * d) + j] = u / l[(j * d) + j];
            }
        }

        return l;
    }

    private static double SampleSd(double[] v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Sum(t => (t - m) * (t - m)) / Math.Max(1, v.Length - 1));
    }
}
