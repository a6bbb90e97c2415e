using CausalCart.Numerics;

namespace CausalCart.Causal.DiD;

/// <summary>Small dense solvers the DiD estimators need: OLS on a subset, logistic regression by Newton–Raphson, symmetric inverses.</summary>
/// <remarks>Matrices are row-major (rows, k); k is the number of covariates plus one, so everything here is O(m·k²).</remarks>
internal static class DidLinearAlgebra
{
    /// <summary>(Σ_i w_i x_i x_iᵀ) over rows with w_i ≠ 0.</summary>
    public static double[] CrossProduct(double[] x, int m, int k, Func<int, double> weight)
    {
        var a = new double[k * k]; // (k, k)
        for (int i = 0; i < m; i++)
        {
            double w = weight(i);
            if (w == 0)
            {
                continue;
            }

            int o = i * k;
            for (int r = 0; r < k; r++)
            {
                double xr = w * x[o + r];
                for (int c = 0; c <= r; c++)
                {
                    a[r * k + c] += xr * x[o + c];
                }
            }
        }

        for (int r = 0; r < k; r++)
        {
            for (int c = r + 1; c < k; c++)
            {
                a[r * k + c] = a[c * k + r];
            }
        }

        return a;
    }

    /// <summary>Inverse of a symmetric positive-definite k × k matrix; <paramref name="what"/> names it in the error.</summary>
    /// <remarks>
    /// The matrix is equilibrated first (A = D S D with D = diag(√a_jj), so S has a unit diagonal) and S is factored, so
    /// the collinearity tolerance does not depend on the covariates' units: a covariate in the millions (a squared
    /// population) beside a share between 0 and 1 is not mistaken for a collinear one. A⁻¹ = D⁻¹ S⁻¹ D⁻¹.
    /// </remarks>
    public static double[] Inverse(double[] a, int k, string what)
    {
        Cholesky chol;
        try
        {
            chol = Cholesky.FactorEquilibrated(a, k, 1e-12);
        }
        catch (MatrixNotPositiveDefiniteException e) when (e.Pivot <= 0 && a[(e.Column * k) + e.Column] == e.Pivot)
        {
            throw new InvalidOperationException(
                $"The {what} is singular (column {e.Column + 1} is zero in every row used): a covariate is constant or collinear within this comparison; drop it or use fewer covariates.", e);
        }
        catch (MatrixNotPositiveDefiniteException e)
        {
            throw new InvalidOperationException(
                $"The {what} is singular ({e.Message}): a covariate is constant or collinear within this comparison; drop it or use fewer covariates.", e);
        }

        var inv = new double[k * k];
        var unit = new double[k];
        var col = new double[k];
        for (int j = 0; j < k; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            chol.Solve(unit, col);
            for (int r = 0; r < k; r++)
            {
                inv[r * k + j] = col[r];
            }
        }

        return inv;
    }

    /// <summary>y = A·v for a k × k matrix A.</summary>
    public static double[] Multiply(double[] a, int k, ReadOnlySpan<double> v)
    {
        var y = new double[k];
        for (int r = 0; r < k; r++)
        {
            double s = 0;
            for (int c = 0; c < k; c++)
            {
                s += a[r * k + c] * v[c];
            }

            y[r] = s;
        }

        return y;
    }

    /// <summary>Least squares over rows with <paramref name="use"/>(i) true: β = (XᵀX)⁻¹Xᵀy.</summary>
    public static double[] Ols(double[] x, double[] y, int m, int k, Func<int, bool> use, string what)
    {
        var xtx = CrossProduct(x, m, k, i => use(i) ? 1 : 0);
        var xty = new double[k];
        for (int i = 0; i < m; i++)
        {
            if (use(i))
            {
                for (int c = 0; c < k; c++)
                {
                    xty[c] += x[i * k + c] * y[i];
                }
            }
        }

        return Multiply(Inverse(xtx, k, what), k, xty);
    }

    /// <summary>
    /// Maximum-likelihood logistic regression of d on x (Newton–Raphson from β = 0, stopping when the largest step is
    /// below 1e-10). Returns the coefficients and the fitted probabilities.
    /// </summary>
    /// <exception cref="InvalidOperationException">Collinear covariates (singular information matrix at β = 0), or separation: no
    /// convergence in 100 steps, coefficients beyond ±50, or an information matrix that turns singular as fitted probabilities
    /// run to 0 or 1 (the message then says the covariates separate the groups).</exception>
    public static (double[] Beta, double[] P) Logit(double[] x, bool[] d, int m, int k)
    {
        var beta = new double[k];
        var p = new double[m];
        for (int iter = 0; iter < 100; iter++)
        {
            var grad = new double[k];
            for (int i = 0; i < m; i++)
            {
                double eta = 0;
                for (int c = 0; c < k; c++)
                {
                    eta += x[i * k + c] * beta[c];
                }

                p[i] = 1 / (1 + Math.Exp(-eta));
                double r = (d[i] ? 1 : 0) - p[i];
                for (int c = 0; c < k; c++)
                {
                    grad[c] += r * x[i * k + c];
                }
            }

            var info = CrossProduct(x, m, k, i => p[i] * (1 - p[i]));
            double[] infoInverse;
            try
            {
                infoInverse = Inverse(info, k, "propensity model's information matrix");
            }
            catch (InvalidOperationException) when (iter > 0)
            {
                // Singular at β = 0 means collinear covariates (the message above says so); singular later means the fitted
                // probabilities of a block of units ran to 0 or 1 along a direction the likelihood keeps improving: separation.
                throw new InvalidOperationException(NoOverlapMessage + " (the information matrix became singular after " + iter + " Newton steps).");
            }

            var step = Multiply(infoInverse, k, grad);
            double largest = 0;
            for (int c = 0; c < k; c++)
            {
                beta[c] += step[c];
                largest = Math.Max(largest, Math.Abs(step[c]));
            }

            if (!double.IsFinite(largest) || Math.Abs(beta.Max()) > 50 || Math.Abs(beta.Min()) > 50)
            {
                break;
            }

            if (largest < 1e-10)
            {
                for (int i = 0; i < m; i++)
                {
                    double eta = 0;
                    for (int c = 0; c < k; c++)
                    {
                        eta += x[i * k + c] * beta[c];
                    }

                    p[i] = 1 / (1 + Math.Exp(-eta));
                }

                return (beta, p);
            }
        }

        throw new InvalidOperationException(NoOverlapMessage + ".");
    }

    private const string NoOverlapMessage =
        "The propensity model (logistic regression of group membership on the covariates) did not converge: the covariates " +
        "separate the treated group from its controls (no overlap; the maximum-likelihood estimate does not exist). Use fewer " +
        "covariates, coarser categories, or outcome regression";
}
