using CausalCart.Numerics;

namespace CausalCart.Causal.Dml;

/// <summary>
/// Weighted least squares β = argmin Σ_i w_i (y_i − a_i φ_i'β)² with a sandwich covariance: the linear final stage of
/// LinearDML (a = T̃, y = Ỹ) and of the DR-learner / best linear projection (a = 1, y = pseudo-outcome).
/// </summary>
/// <remarks>
/// J = Σ w a² φφ', scores s_i = w_i a_i φ_i (y_i − a_i φ_i'β), V = k · J⁻¹ (Σ_i s_i s_i') J⁻¹ with k = n/(n − d) (HC1,
/// White 1980; MacKinnon &amp; White 1985); with group ids the scores are summed within groups and k = G/(G − 1)
/// (cluster-robust). Unit i's contribution to β̂ − β is J⁻¹ s_i.
/// </remarks>
internal sealed class LinearStage
{
    private readonly Cholesky _j;
    private readonly double[][] _s; // (d)(n) scores per coefficient

    private LinearStage(double[] beta, Cholesky j, double[][] s, double[,] cov)
    {
        Beta = beta;
        _j = j;
        _s = s;
        Covariance = cov;
    }

    /// <summary>β, length d.</summary>
    public double[] Beta { get; }

    /// <summary>V, (d, d).</summary>
    public double[,] Covariance { get; }

    /// <summary>Fits; <paramref name="phi"/> is (n, d) and already holds the intercept column; <paramref name="terms"/> names
    /// φ's columns after the intercept (for the error when the stage is not identified).</summary>
    public static LinearStage Fit(Matrix phi, double[] y, double[]? a, double[] w, int[]? groups, string what, IReadOnlyList<string> terms)
    {
        int n = phi.Rows, d = phi.Cols;
        var jm = new double[d * d]; // (d, d) Σ w a² φφ'
        var rhs = new double[d];    // (d) Σ w a y φ
        int used = 0;
        for (int i = 0; i < n; i++)
        {
            double ai = a?[i] ?? 1;
            double wi = w[i];
            if (wi == 0)
            {
                continue;
            }

            used++;
            ReadOnlySpan<double> r = phi.Row(i);
            for (int p = 0; p < d; p++)
            {
                double u = wi * ai * ai * r[p];
                for (int q = 0; q <= p; q++)
                {
                    jm[(p * d) + q] += u * r[q];
                }

                rhs[p] += wi * ai * y[i] * r[p];
            }
        }

        for (int p = 0; p < d; p++)
        {
            for (int q = 0; q < p; q++)
            {
                jm[(q * d) + p] = jm[(p * d) + q];
            }
        }

        if (used <= d)
        {
            throw new ArgumentException($"The {what} has {d} coefficients but only {used} units with positive weight.", "data");
        }

        Cholesky chol;
        try
        {
            chol = Cholesky.FactorEquilibrated(jm, d, 1e-10);   // modifiers in any units (a 0/1 flag beside an amount)
        }
        catch (MatrixNotPositiveDefiniteException e)
        {
            string term = e.Column == 0 ? "the intercept" : e.Column <= terms.Count ? $"'{terms[e.Column - 1]}'" : $"term {e.Column}";
            throw new ArgumentException(
                $"The {what} is not identified: {term} is (nearly) a linear combination of the terms before it or has no variation; drop that effect modifier.",
                "data", e);
        }

        double[] beta = chol.Solve(rhs);
        var s = new double[d][];
        for (int p = 0; p < d; p++)
        {
            s[p] = new double[n];
        }

        for (int i = 0; i < n; i++)
        {
            double ai = a?[i] ?? 1;
            ReadOnlySpan<double> r = phi.Row(i);
            double resid = y[i] - (ai * Kernels.Dot(r, beta));
            for (int p = 0; p < d; p++)
            {
                s[p][i] = w[i] * ai * r[p] * resid;
            }
        }

        double[,] meat = ScoreInference.Covariance(s, groups);
        if (groups is null)
        {
            double k = used / (double)(used - d);
            for (int p = 0; p < d; p++)
            {
                for (int q = 0; q < d; q++)
                {
                    meat[p, q] *= k;
                }
            }
        }

        // V = J⁻¹ M J⁻¹: solve column by column.
        var jinvM = new double[d, d];
        var col = new double[d];
        for (int q = 0; q < d; q++)
        {
            for (int p = 0; p < d; p++)
            {
                col[p] = meat[p, q];
            }

            double[] sol = chol.Solve(col);
            for (int p = 0; p < d; p++)
            {
                jinvM[p, q] = sol[p];
            }
        }

        var cov = new double[d, d];
        for (int p = 0; p < d; p++)
        {
            for (int q = 0; q < d; q++)
            {
                col[q] = jinvM[p, q];
            }

            double[] sol = chol.Solve(col);
            for (int q = 0; q < d; q++)
            {
                cov[p, q] = sol[q];
            }
        }

        for (int p = 0; p < d; p++)
        {
            for (int q = 0; q < p; q++)
            {
                double m = 0.5 * (cov[p, q] + cov[q, p]);
                cov[p, q] = cov[q, p] = m;
            }
        }

        return new LinearStage(beta, chol, s, cov);
    }

    /// <summary>Unit contributions to g'β̂ − g'β: c_i = (J⁻¹g)' s_i (not small-sample adjusted).</summary>
    public double[] Contributions(double[] g)
    {
        double[] h = _j.Solve(g);
        int n = _s[0].Length;
        var c = new double[n];
        for (int p = 0; p < h.Length; p++)
        {
            double hp = h[p];
            double[] sp = _s[p];
            for (int i = 0; i < n; i++)
            {
                c[i] += hp * sp[i];
            }
        }

        return c;
    }
}
