using CausalCart.Learners;
using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>
/// Effects of a continuous treatment (a dose: discount depth, price, number of e-mails): the partially linear double-ML
/// slope, and a doubly robust dose-response curve E[Y(a)] (Kennedy, Ma, McHugh &amp; Small 2017, JRSS-B 79:1229).
/// </summary>
/// <remarks>
/// <para>PLR: Y = θT + g(X) + ε, T = m(X) + v; ℓ(X) = E[Y | X] and m(X) = E[T | X] cross-fitted
/// (<see cref="NuisanceLearners.Outcome"/>, <see cref="NuisanceLearners.Treatment"/>); θ = Σ w T̃Ỹ / Σ w T̃² with the
/// SE of <see cref="DmlPlrEstimator"/>; repeated splits aggregated by the median. θ is the average slope only if the
/// dose effect is linear; otherwise it is a T̃²-weighted average of local slopes.</para>
/// <para>Dose-response: the conditional density of T is modelled as Gaussian, π̂(a | x) = φ((a − m̂(x))/σ̂)/σ̂ with m̂
/// cross-fitted and σ̂² the mean squared out-of-fold residual (homoscedastic); the outcome model μ̂(x, a) is the
/// outcome learner fitted on [X, T, T²], cross-fitted. The pseudo-outcome
/// ξ_i = (Y_i − μ̂(X_i, T_i))·π̄(T_i)/π̂(T_i | X_i) + μ̄(T_i), with π̄(a) and μ̄(a) the averages of π̂(a | x_j) and
/// μ̂(x_j, a) over a seeded reference subsample (μ̄ interpolated linearly between grid doses), is doubly robust for
/// E[Y(a)]. The curve is the local linear regression of ξ on T with a Gaussian kernel at bandwidth h; pointwise SE is
/// the local-linear sandwich e₁'D⁻¹(Σ K_i² g_i g_i' r_i²)D⁻¹e₁ (cluster-robust with groups). The intervals cover the
/// smoothed curve θ_h(a) = E[K_h-weighted Y(a)]; with h → 0 faster than n^(−1/5) they cover θ(a) (no bias correction
/// here). Density ratios are capped at <see cref="DoseResponseOptions.MaxWeight"/>. Deterministic for a seed.</para>
/// </remarks>
public sealed class ContinuousDml(EffectOptions? options = null, DmlOptions? dml = null)
{
    /// <summary>Options (folds, seed, confidence level).</summary>
    public EffectOptions Options { get; } = options ?? new EffectOptions();

    /// <summary>Learners, repetitions, minimum units per fold.</summary>
    public DmlOptions Dml { get; } = dml ?? new DmlOptions();

    /// <summary>The partially linear slope θ.</summary>
    /// <exception cref="ArgumentException">Invalid options, too few units per fold, or no residual dose variation.</exception>
    public ContinuousPlrResult EstimatePlr(ContinuousTreatmentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        Dml.Validate();
        int s = Dml.Repetitions;
        var thetas = new double[s];
        var vars = new double[s];
        for (int r = 0; r < s; r++)
        {
            PlrResiduals res = PlrResiduals.Fit(data.Outcome, data.Treatment, data.Covariates, data.W, data.Groups, binary: false, Options, Dml, r);
            (thetas[r], vars[r]) = res.Estimate(data.W, data.Groups);
        }

        (double theta, double variance) = ScoreInference.Aggregate(thetas, vars);
        double se = ScoreInference.StdError("continuous-treatment PLR", theta, variance);
        return new ContinuousPlrResult(ScoreInference.Coefficient("treatment", theta, se, Options.ConfidenceLevel), data.Count, s, thetas.Min(), thetas.Max());
    }

    /// <summary>The doubly robust dose-response curve (uses split 0 only).</summary>
    /// <exception cref="ArgumentException">Invalid options or too few units per fold.</exception>
    public DoseResponseCurve EstimateDoseResponse(ContinuousTreatmentData data, DoseResponseOptions? curve = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        curve ??= new DoseResponseOptions();
        Options.Validate();
        Dml.Validate();
        curve.Validate();
        int n = data.Count;
        double[] a = data.Treatment, y = data.Outcome, w = data.W;
        Matrix x = data.Covariates;
        Matrix xa = Augment(x, a); // (n, p + 2) [X, T, T²]

        // Treatment model and its residual scale.
        CrossFit cfx = CrossFit.Create(x, Options.Folds, Options.Seed, 0, data.Groups, Dml.MinUnitsPerFold, null);
        (double[] m, _) = cfx.RegressWithModels(Dml.Learners.Treatment, a, w);
        double wsum = w.Sum(), ss = 0;
        for (int i = 0; i < n; i++)
        {
            ss += w[i] * (a[i] - m[i]) * (a[i] - m[i]);
        }

        double sigma = Math.Sqrt(ss / wsum);
        if (!(sigma > 0))
        {
            throw new ArgumentException("The dose is fully explained by the covariates (no residual variation); a dose-response curve is not identified.", nameof(data));
        }

        // Outcome model μ(x, a); same folds (same seed, n, groups).
        CrossFit cfxa = CrossFit.Create(xa, Options.Folds, Options.Seed, 0, data.Groups, Dml.MinUnitsPerFold, null);
        (double[] mu, IRegressionModel[] muModels) = cfxa.RegressWithModels(Dml.Learners.Outcome, y, w);

        // Grid and reference subsample.
        double[] sorted = [.. a];
        Array.Sort(sorted);
        double lo = Quantile(sorted, curve.LowerQuantile), hi = Quantile(sorted, curve.UpperQuantile);
        if (!(hi > lo))
        {
            throw new ArgumentException($"The doses between quantiles {curve.LowerQuantile} and {curve.UpperQuantile} are all {lo}; widen the quantiles.", nameof(curve));
        }

        int g = curve.GridPoints;
        double[] grid = Enumerable.Range(0, g).Select(k => lo + ((hi - lo) * k / (g - 1))).ToArray();
        int[] reference = n <= curve.ReferenceUnits
            ? Enumerable.Range(0, n).ToArray()
            : new SeededRandom(SeededRandom.DeriveSeed(CrossFit.SplitSeed(Options.Seed, 0), 0xD05E)).Permutation(n)[..curve.ReferenceUnits];
        int mRef = reference.Length;

        // μ̄ on a fine grid spanning all observed doses (for interpolation at every T_i), each reference unit predicted by
        // the model that did not see it.
        int fine = Math.Max(2 * g, 50);
        double amin = sorted[0], amax = sorted[^1];
        double[] fineGrid = Enumerable.Range(0, fine).Select(k => amin + ((amax - amin) * k / (fine - 1))).ToArray();
        var muBar = new double[fine];
        for (int f = 0; f < Options.Folds; f++)
        {
            int[] rows = reference.Where(j => cfx.Fold[j] == f).ToArray();
            if (rows.Length == 0)
            {
                continue;
            }

            Matrix block = new(rows.Length * fine, x.Cols + 2); // (|rows|·fine, p + 2)
            for (int r = 0; r < rows.Length; r++)
            {
                ReadOnlySpan<double> xr = x.Row(rows[r]);
                for (int k = 0; k < fine; k++)
                {
                    int row = (r * fine) + k;
                    for (int c = 0; c < x.Cols; c++)
                    {
                        block[row, c] = xr[c];
                    }

                    block[row, x.Cols] = fineGrid[k];
                    block[row, x.Cols + 1] = fineGrid[k] * fineGrid[k];
                }
            }

            var pred = new double[rows.Length * fine];
            muModels[f].Predict(block, pred);
            for (int r = 0; r < rows.Length; r++)
            {
                for (int k = 0; k < fine; k++)
                {
                    muBar[k] += pred[(r * fine) + k] / mRef;
                }
            }
        }

        // Pseudo-outcomes.
        var xi = new double[n];
        int capped = 0;
        for (int i = 0; i < n; i++)
        {
            double piHat = Density(a[i], m[i], sigma);
            double piBar = 0;
            foreach (int j in reference)
            {
                piBar += Density(a[i], m[j], sigma);
            }

            piBar /= mRef;
            double ratio = piHat > 0 ? piBar / piHat : double.PositiveInfinity;
            if (ratio > curve.MaxWeight)
            {
                ratio = curve.MaxWeight;
                capped++;
            }

            xi[i] = ((y[i] - mu[i]) * ratio) + Interpolate(fineGrid, muBar, a[i]);
        }

        // Local linear smoothing.
        double h = curve.Bandwidth ?? RuleOfThumb(a, w);
        double z = StandardNormal.TwoSidedCritical(Options.ConfidenceLevel);
        var points = new DoseResponsePoint[g];
        for (int k = 0; k < g; k++)
        {
            points[k] = LocalLinear(grid[k], a, xi, w, h, data.Groups, z);
        }

        var warnings = new List<string>();
        if (capped > 0)
        {
            warnings.Add($"{capped} of {n} units had a density ratio above {curve.MaxWeight} (doses unusual for their covariates) and were capped; " +
                "the curve leans on the outcome model where doses are rare.");
        }

        if (points.Any(p => p.EffectiveUnits < 30))
        {
            warnings.Add("At some doses fewer than 30 effective units fall within the bandwidth; the curve there is imprecise.");
        }

        return new DoseResponseCurve(points, h, Options.ConfidenceLevel, (double)capped / n, warnings);
    }

    private static Matrix Augment(Matrix x, double[] a)
    {
        var m = new Matrix(x.Rows, x.Cols + 2);
        for (int i = 0; i < x.Rows; i++)
        {
            ReadOnlySpan<double> r = x.Row(i);
            for (int c = 0; c < x.Cols; c++)
            {
                m[i, c] = r[c];
            }

            m[i, x.Cols] = a[i];
            m[i, x.Cols + 1] = a[i] * a[i];
        }

        return m;
    }

    private static double Density(double a, double mean, double sigma) => StandardNormal.Pdf((a - mean) / sigma) / sigma;

    private static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }

    private static double Interpolate(double[] grid, double[] values, double a)
    {
        if (a <= grid[0])
        {
            return values[0];
        }

        if (a >= grid[^1])
        {
            return values[^1];
        }

        double step = (grid[^1] - grid[0]) / (grid.Length - 1);
        int k = Math.Min((int)((a - grid[0]) / step), grid.Length - 2);
        double t = (a - grid[k]) / step;
        return values[k] + (t * (values[k + 1] - values[k]));
    }

    private static double RuleOfThumb(double[] a, double[] w)
    {
        double sw = w.Sum(), mean = 0, v = 0;
        for (int i = 0; i < a.Length; i++)
        {
            mean += w[i] * a[i] / sw;
        }

        for (int i = 0; i < a.Length; i++)
        {
            v += w[i] * (a[i] - mean) * (a[i] - mean) / sw;
        }

        return 1.06 * Math.Sqrt(v) * Math.Pow(a.Length, -0.2);
    }

    private static DoseResponsePoint LocalLinear(double at, double[] a, double[] xi, double[] w, double h, int[]? groups, double z)
    {
        int n = a.Length;
        double s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0, k1 = 0, k2 = 0;
        var kern = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = (a[i] - at) / h;
            double k = w[i] * Math.Exp(-0.5 * u * u);
            kern[i] = k;
            s0 += k;
            s1 += k * u;
            s2 += k * u * u;
            t0 += k * xi[i];
            t1 += k * u * xi[i];
            k1 += k;
            k2 += k * k;
        }

        double det = (s0 * s2) - (s1 * s1);
        if (!(det > 0))
        {
            throw new ArgumentException($"No dose variation near {at} within bandwidth {h}; use a larger bandwidth or a narrower grid.", "curve");
        }

        double b0 = ((s2 * t0) - (s1 * t1)) / det;
        double b1 = ((s0 * t1) - (s1 * t0)) / det;

        // Contribution of unit i to β̂₀: e₁'D⁻¹ g_i K_i r_i with D⁻¹ = [[s2, −s1], [−s1, s0]]/det.
        var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = (a[i] - at) / h;
            double r = xi[i] - b0 - (b1 * u);
            c[i] = ((s2 - (s1 * u)) / det) * kern[i] * r;
        }

        double se = ScoreInference.StdError($"dose-response at {at}", b0, ScoreInference.SumSquares(c, groups));
        return new DoseResponsePoint(at, b0, se, b0 - (z * se), b0 + (z * se), k1 * k1 / k2);
    }
}
