using System.Globalization;
using CausalCart.Causal.Dml;
using CoefficientEstimate = CausalCart.Causal.Dml.CoefficientEstimate;
using CausalCart.Learners.Linear;
using CausalCart.Numerics;
using static CausalCart.Causal.Iv.IvLinearAlgebra;

namespace CausalCart.Causal.Iv;

/// <summary>
/// Two-stage least squares: Y = α + D'β + W'γ + u with endogenous regressors D, controls W and excluded instruments Z,
/// E[u | Z, W] = 0. An intercept is always included. See Iv/README.md for the formulas.
/// </summary>
/// <remarks>
/// Implementation note: β̂ = (X̂'X̂)⁻¹X̂'y with X̂ = P_[1,Z,W] X. The covariance is the sandwich with bread (X̂'X̂)⁻¹ and
/// meat Σ û² x̂ x̂' where the residuals û = y − Xβ̂ use the ORIGINAL endogenous regressors (using X̂ there is the classic
/// hand-rolled-2SLS mistake). Deterministic; no randomness.
/// </remarks>
public static class TwoStageLeastSquares
{
    /// <summary>Fits 2SLS.</summary>
    /// <param name="outcome">Outcome Y.</param>
    /// <param name="endogenous">Endogenous regressors D (at least one).</param>
    /// <param name="controls">Exogenous controls W (may be empty); they instrument themselves.</param>
    /// <param name="instruments">Excluded instruments Z; at least as many as endogenous regressors.</param>
    /// <param name="options">Options; <c>null</c> for defaults (HC1, 95%).</param>
    /// <returns>Coefficients (intercept, D, W), first-stage diagnostics, Sargan and Wu–Hausman tests.</returns>
    /// <exception cref="ArgumentException">Mismatched lengths, non-finite values, too few instruments, a constant or
    /// collinear column (named), a bad confidence level.</exception>
    public static TwoStageLeastSquaresResult Fit(
        IvColumn outcome,
        IReadOnlyList<IvColumn> endogenous,
        IReadOnlyList<IvColumn> controls,
        IReadOnlyList<IvColumn> instruments,
        TwoStageLeastSquaresOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(endogenous);
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(instruments);
        options ??= new TwoStageLeastSquaresOptions();
        CovarianceType covariance = options.Covariance ?? CovarianceType.HC1;
        if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
        {
            throw new ArgumentException($"ConfidenceLevel must be in (0, 1); got {options.ConfidenceLevel}.", nameof(options));
        }

        if (endogenous.Count == 0)
        {
            throw new ArgumentException("At least one endogenous regressor is needed.", nameof(endogenous));
        }

        if (instruments.Count < endogenous.Count)
        {
            throw new ArgumentException(
                $"Not identified: {instruments.Count} instrument(s) ({string.Join(", ", instruments.Select(i => i.Name))}) for "
                + $"{endogenous.Count} endogenous regressor(s) ({string.Join(", ", endogenous.Select(e => e.Name))}); "
                + "2SLS needs at least one excluded instrument per endogenous regressor.", nameof(instruments));
        }

        int n = outcome.Values.Length;
        foreach (IvColumn c in endogenous.Concat(controls).Concat(instruments).Prepend(outcome))
        {
            if (c.Values.Length != n)
            {
                throw new ArgumentException($"Column '{c.Name}' has {c.Values.Length} rows but the outcome '{outcome.Name}' has {n}.");
            }

            for (int r = 0; r < n; r++)
            {
                if (!double.IsFinite(c.Values[r]))
                {
                    throw new ArgumentException($"Column '{c.Name}' has a non-finite value ({c.Values[r]}) at row {r}.");
                }
            }
        }

        foreach (IvColumn c in endogenous.Concat(controls).Concat(instruments))
        {
            if (c.Values.All(v => v == c.Values[0]))
            {
                throw new ArgumentException($"Column '{c.Name}' is constant ({c.Values[0]}); the intercept already covers a constant. Drop it.");
            }
        }

        int k1 = endogenous.Count, kw = controls.Count, m = instruments.Count;
        int k = 1 + k1 + kw;
        if (n <= 1 + kw + m)
        {
            throw new ArgumentException($"Too few rows: {n} rows for {1 + kw + m} exogenous columns (intercept, controls, instruments).");
        }

        var ones = Enumerable.Repeat(1.0, n).ToArray();
        double[] y = outcome.Values;

        // X (n, k) = [1, D, W]; Zfull (n, 1+m+kw) = [1, Z, W]; Wr (n, 1+kw) = [1, W].
        var xCols = new List<double[]> { ones };
        xCols.AddRange(endogenous.Select(e => e.Values));
        xCols.AddRange(controls.Select(c => c.Values));
        var xNames = new List<string> { "intercept" };
        xNames.AddRange(endogenous.Select(e => e.Name));
        xNames.AddRange(controls.Select(c => c.Name));

        var zCols = new List<double[]> { ones };
        zCols.AddRange(instruments.Select(z => z.Values));
        zCols.AddRange(controls.Select(c => c.Values));
        var zNames = new List<string> { "intercept" };
        zNames.AddRange(instruments.Select(z => z.Name));
        zNames.AddRange(controls.Select(c => c.Name));

        var wCols = new List<double[]> { ones };
        wCols.AddRange(controls.Select(c => c.Values));
        var wNames = new List<string> { "intercept" };
        wNames.AddRange(controls.Select(c => c.Name));

        double z2 = StandardNormal.TwoSidedCritical(options.ConfidenceLevel);
        var notes = new List<string>();

        // First stages: each endogenous regressor on [1, Z, W].
        var firstStages = new List<FirstStageDiagnostics>(k1);
        bool exactFirstStage = false;
        var fittedEndogenous = new List<double[]>(k1);
        var firstResiduals = new List<double[]>(k1);
        int[] instrumentBlock = Enumerable.Range(1, m).ToArray();
        foreach (IvColumn d in endogenous)
        {
            var (b, inv, res) = Ols(zCols, d.Values, zNames, "instrument matrix [intercept, instruments, controls]");
            var (_, _, resR) = Ols(wCols, d.Values, wNames, "control matrix [intercept, controls]");
            double rssU = SumSquares(res), rssR = SumSquares(resR);
            int kz = zCols.Count;
            double[,] v = Sandwich(zCols, res, inv, covariance);

            // An exact first stage (the regressor is one of its instruments, i.e. treated as exogenous) has no residual
            // variance: its F statistics are +∞, reported as such rather than failing the covariance inversion.
            bool exact = rssU <= 1e-20 * rssR;
            exactFirstStage |= exact;
            double classicalF = exact ? double.PositiveInfinity : (rssR - rssU) / m / (rssU / (n - kz));
            double robustF = exact ? double.PositiveInfinity : Wald(b, v, instrumentBlock, zNames) / m;
            var coefs = instrumentBlock.Select(j => Coefficient(zNames[j], b[j], v[j, j], z2)).ToArray();
            double minF = Math.Min(classicalF, robustF);
            bool weak = minF < options.WeakInstrumentF;
            string note = weak
                ? string.Create(CultureInfo.InvariantCulture,
                    $"Weak instruments for '{d.Name}': first-stage F = {minF:G4} < {options.WeakInstrumentF:G4} (Staiger–Stock rule of thumb, not a formal test); 2SLS may be biased towards OLS and its intervals unreliable.")
                : string.Create(CultureInfo.InvariantCulture,
                    $"First-stage F for '{d.Name}' = {minF:G4} ≥ {options.WeakInstrumentF:G4} (Staiger–Stock rule of thumb).");
            if (weak)
            {
                notes.Add(note);
            }

            firstStages.Add(new FirstStageDiagnostics(d.Name, coefs, (rssR - rssU) / rssR, classicalF, robustF, weak, note));
            fittedEndogenous.Add(Fitted(zCols, b));
            firstResiduals.Add(res);
        }

        // Second stage: X̂ = [1, D̂, W].
        var xhat = new List<double[]> { ones };
        xhat.AddRange(fittedEndogenous);
        xhat.AddRange(controls.Select(c => c.Values));
        double[,] bread = InverseSpd(Cross(xhat, xhat), xNames, "second-stage design [intercept, fitted endogenous, controls] (the instruments do not separate the endogenous regressors)");
        double[,] xhy = Cross(xhat, [y]);
        double[] beta = Times(bread, Enumerable.Range(0, k).Select(i => xhy[i, 0]).ToArray());
        double[] fit = Fitted(xCols, beta);
        var u = new double[n];
        for (int r = 0; r < n; r++)
        {
            u[r] = y[r] - fit[r];
        }

        double[,] cov = Sandwich(xhat, u, bread, covariance);
        var coefficients = Enumerable.Range(0, k).Select(j => Coefficient(xNames[j], beta[j], cov[j, j], z2)).ToArray();

        // Sargan: n R² of the structural residuals on all exogenous variables (uncentred residual mean is 0 here up to
        // rounding because the intercept is an instrument).
        IvTestStatistic? sargan = null;
        if (m > k1)
        {
            var (_, _, e) = Ols(zCols, u, zNames, "instrument matrix");
            double mean = u.Average();
            double tss = u.Sum(t => (t - mean) * (t - mean));
            double stat = n * (1 - (SumSquares(e) / tss));
            sargan = new IvTestStatistic("Sargan overidentification (homoskedastic)", stat, m - k1, ChiSquareSurvival(stat, m - k1));
        }

        // Wu–Hausman (control function): y on [X, V̂]; Wald test of the V̂ block with the chosen covariance.
        if (exactFirstStage)
        {
            notes.Add("An endogenous regressor is fitted exactly by its first stage (it is among its own instruments), so it is treated as exogenous and the Wu–Hausman test is not defined.");
            return new TwoStageLeastSquaresResult(coefficients, cov, covariance.Kind, n, firstStages, sargan, null, notes);
        }

        var cfCols = new List<double[]>(xCols);
        cfCols.AddRange(firstResiduals);
        var cfNames = new List<string>(xNames);
        cfNames.AddRange(endogenous.Select(e => $"first-stage residual of {e.Name}"));
        var (cb, cinv, cres) = Ols(cfCols, y, cfNames, "control-function design");
        double[,] cv = Sandwich(cfCols, cres, cinv, covariance);
        double wh = Wald(cb, cv, Enumerable.Range(k, k1).ToArray(), cfNames);
        var wuHausman = new IvTestStatistic($"Wu–Hausman endogeneity ({covariance.Kind} Wald, control-function form)", wh, k1, ChiSquareSurvival(wh, k1));

        return new TwoStageLeastSquaresResult(coefficients, cov, covariance.Kind, n, firstStages, sargan, wuHausman, notes);
    }

    private static CoefficientEstimate Coefficient(string term, double estimate, double variance, double z)
    {
        double se = Math.Sqrt(variance);
        return new CoefficientEstimate(term, estimate, se, estimate - (z * se), estimate + (z * se), StandardNormal.TwoSidedPValue(estimate / se));
    }

    private static double SumSquares(double[] v)
    {
        double s = 0;
        foreach (double x in v)
        {
            s += x * x;
        }

        return s;
    }
}
