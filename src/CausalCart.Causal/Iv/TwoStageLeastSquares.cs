using System.Globalization;
using CausalCart.Causal.Dml;
using CoefficientEstimate = CausalCart.Causal.Dml.CoefficientEstimate;
using CausalCart.Learners.Linear;
using CausalCart.Numerics;
using CausalCart.Causal.Sensitivity;

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

        double[] y = outcome.Values;
        double level = options.ConfidenceLevel;
        var inference = new InferenceOptions(covariance, level, TestDistribution.Normal);

        // Designs without the intercept column (least squares adds it): X = [D, W], Z̃ = [Z, W], W.
        string[] xNames = [.. endogenous.Select(e => e.Name), .. controls.Select(c => c.Name)];
        string[] zNames = [.. instruments.Select(z => z.Name), .. controls.Select(c => c.Name)];
        double[][] zCols = [.. instruments.Select(z => z.Values), .. controls.Select(c => c.Values)];
        double[][] wCols = [.. controls.Select(c => c.Values)];
        string[] wNames = [.. controls.Select(c => c.Name)];
        var notes = new List<string>();

        // First stages: each endogenous regressor on [1, Z, W].
        var firstStages = new List<FirstStageDiagnostics>(k1);
        bool exactFirstStage = false;
        var fittedEndogenous = new List<double[]>(k1); // (k1)(n) D̂
        var firstResiduals = new List<double[]>(k1);   // (k1)(n) V̂ = D − D̂
        int[] instrumentBlock = Enumerable.Range(1, m).ToArray();
        foreach (IvColumn d in endogenous)
        {
            NamedLeastSquares full = NamedLeastSquares.Fit(zCols, zNames, d.Values, "instrument matrix [intercept, instruments, controls]");
            double rssU = SumSquares(full.Residuals);
            double rssR = kw == 0 ? CentredSumSquares(d.Values) : SumSquares(NamedLeastSquares.Fit(wCols, wNames, d.Values, "control matrix [intercept, controls]").Residuals);
            CoefficientTable table = full.Table(inference);

            // An exact first stage (the regressor is one of its instruments, i.e. treated as exogenous) has no residual
            // variance: its F statistics are +∞, reported as such rather than failing the covariance inversion.
            bool exact = rssU <= 1e-20 * rssR;
            exactFirstStage |= exact;
            double classicalF = exact ? double.PositiveInfinity : (rssR - rssU) / m / (rssU / (n - 1 - zCols.Length));
            double robustF = exact ? double.PositiveInfinity : Wald(table, instrumentBlock, zNames) / m;
            var coefs = instrumentBlock.Select(j => ScoreInference.Coefficient(zNames[j - 1], table.Rows[j].Estimate, table.Rows[j].StandardError, level)).ToArray();
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
            fittedEndogenous.Add(full.Fitted);
            firstResiduals.Add(full.Residuals);
        }

        // Second stage: β̂ = least squares of y on X̂ = [1, D̂, W]. Its covariance needs the residuals of the ORIGINAL
        // regressors, û = y − Xβ̂ = (y − V̂β̂_D) − X̂β̂. Because X̂'û = 0, least squares of ỹ = y − V̂β̂_D on X̂ returns the same
        // β̂ with residuals exactly û, so the linear learners' sandwich (bread (X̂'X̂)⁻¹, meat from û and x̂, leverage from
        // X̂) is the 2SLS covariance.
        double[][] xhat = [.. fittedEndogenous, .. wCols];
        const string secondRole = "second-stage design [intercept, fitted endogenous, controls] (the instruments do not separate the endogenous regressors)";
        NamedLeastSquares naive = NamedLeastSquares.Fit(xhat, xNames, y, secondRole);
        var adjusted = (double[])y.Clone();
        for (int j = 0; j < k1; j++)
        {
            double b = naive.Model.Coefficients[j];
            double[] v = firstResiduals[j];
            for (int r = 0; r < n; r++)
            {
                adjusted[r] -= b * v[r];
            }
        }

        NamedLeastSquares second = NamedLeastSquares.Fit(xhat, xNames, adjusted, secondRole);
        CoefficientTable secondTable = second.Table(inference);
        string[] terms = ["intercept", .. xNames];
        var coefficients = Enumerable.Range(0, k)
            .Select(j => ScoreInference.Coefficient(terms[j], secondTable.Rows[j].Estimate, secondTable.Rows[j].StandardError, level)).ToArray();
        var cov = new double[k, k];
        ReadOnlySpan<double> flat = secondTable.CovarianceMatrix;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                cov[i, j] = flat[(i * k) + j];
            }
        }

        double[] u = second.Residuals;

        // Sargan: n R² of the structural residuals on all exogenous variables.
        IvTestStatistic? sargan = null;
        if (m > k1)
        {
            double[] e = NamedLeastSquares.Fit(zCols, zNames, u, "instrument matrix").Residuals;
            double stat = n * (1 - (SumSquares(e) / CentredSumSquares(u)));
            sargan = new IvTestStatistic("Sargan overidentification (homoskedastic)", stat, m - k1, Distributions.ChiSquareSurvival(stat, m - k1));
        }

        // Wu–Hausman (control function): y on [1, D, W, V̂]; Wald test of the V̂ block with the chosen covariance.
        if (exactFirstStage)
        {
            notes.Add("An endogenous regressor is fitted exactly by its first stage (it is among its own instruments), so it is treated as exogenous and the Wu–Hausman test is not defined.");
            return new TwoStageLeastSquaresResult(coefficients, cov, covariance.Kind, n, firstStages, sargan, null, notes);
        }

        double[][] cfCols = [.. endogenous.Select(e => e.Values), .. wCols, .. firstResiduals];
        string[] cfNames = [.. xNames, .. endogenous.Select(e => $"first-stage residual of {e.Name}")];
        CoefficientTable cf = NamedLeastSquares.Fit(cfCols, cfNames, y, "control-function design").Table(inference);
        double wh = Wald(cf, Enumerable.Range(k, k1).ToArray(), cfNames);
        var wuHausman = new IvTestStatistic($"Wu–Hausman endogeneity ({covariance.Kind} Wald, control-function form)", wh, k1, Distributions.ChiSquareSurvival(wh, k1));

        return new TwoStageLeastSquaresResult(coefficients, cov, covariance.Kind, n, firstStages, sargan, wuHausman, notes);
    }

    /// <summary>Wald statistic b' V⁻¹ b for the coefficients at <paramref name="block"/> (indices into the table, 0 = intercept).</summary>
    /// <remarks>V is factored after equilibration (<see cref="Cholesky.FactorEquilibrated"/>), so the singularity check does
    /// not depend on the units of the tested variables: an instrument in micro-dollars beside a 0/1 one put V's diagonal
    /// 18 orders of magnitude apart, and a positive-definite V was refused.</remarks>
    private static double Wald(CoefficientTable table, int[] block, IReadOnlyList<string> names)
    {
        int q = block.Length, k = table.Rows.Count;
        ReadOnlySpan<double> v = table.CovarianceMatrix;
        var sub = new double[q * q]; // (q, q)
        var b = new double[q];
        for (int i = 0; i < q; i++)
        {
            b[i] = table.Rows[block[i]].Estimate;
            for (int j = 0; j < q; j++)
            {
                sub[(i * q) + j] = v[(block[i] * k) + block[j]];
            }
        }

        double[] solved;
        try
        {
            solved = Cholesky.FactorEquilibrated(sub, q).Solve(b);
        }
        catch (MatrixNotPositiveDefiniteException e)
        {
            throw new ArgumentException(
                $"The covariance of the tested coefficients ({string.Join(", ", block.Select(j => $"'{names[j - 1]}'"))}) is singular; a Wald test is not defined.", e);
        }

        double w = 0;
        for (int i = 0; i < q; i++)
        {
            w += b[i] * solved[i];
        }

        return w;
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

    private static double CentredSumSquares(double[] v)
    {
        double mean = v.Average(), s = 0;
        foreach (double x in v)
        {
            s += (x - mean) * (x - mean);
        }

        return s;
    }
}
