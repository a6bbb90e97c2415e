using CausalCart.Numerics;

namespace CausalCart.Learners.Linear;

/// <summary>
/// The sufficient statistics of one weighted least-squares problem in standardised coordinates, shared by a whole
/// regularisation path: G = ZᵀWZ/Σw (q × q, Z = [1, standardised active features]), c = ZᵀWy/Σw, and the per-column
/// penalty factors. Built in one parallel Gram pass; each penalty value then costs only coordinate-descent sweeps.
/// </summary>
internal sealed class PenalizedLeastSquares
{
    public PenalizedLeastSquares(Matrix features, double[] y, double[] w, bool standardize)
    {
        Design = new StandardizedDesign(features, Standardization.Compute(features, w));
        int q = Design.Width;
        double total = 0, ySum = 0;
        for (int i = 0; i < w.Length; i++)
        {
            total += w[i];
            ySum += w[i] * y[i];
        }

        double yMean = ySum / total, ySq = 0;
        var wy = new double[y.Length];
        for (int i = 0; i < w.Length; i++)
        {
            wy[i] = w[i] * y[i];
            ySq += w[i] * (y[i] - yMean) * (y[i] - yMean);
        }

        TargetScale = Math.Sqrt(ySq / total);
        Gram = Design.Gram(w);
        Linear = Design.TransposeMultiply(wy);
        for (int k = 0; k < Gram.Length; k++)
        {
            Gram[k] /= total;
        }

        for (int j = 0; j < q; j++)
        {
            Linear[j] /= total;
        }

        // Penalty factors in standardised coordinates: 1 (glmnet) or 1/s_j, 1/s_j² (penalty on raw slopes c_j = β_j/s_j).
        L1Factor = new double[q];
        L2Factor = new double[q];
        for (int k = 1; k < q; k++)
        {
            double s = standardize ? 1 : Design.Standardization.Scales[Design.FeatureOfColumn(k)];
            L1Factor[k] = 1 / s;
            L2Factor[k] = 1 / (s * s);
        }
    }

    public StandardizedDesign Design { get; }

    /// <summary>(q, q) ZᵀWZ/Σw.</summary>
    public double[] Gram { get; }

    /// <summary>(q) ZᵀWy/Σw.</summary>
    public double[] Linear { get; }

    /// <summary>(q) per-column L1 factor (0 for the intercept).</summary>
    public double[] L1Factor { get; }

    /// <summary>(q) per-column L2 factor (0 for the intercept).</summary>
    public double[] L2Factor { get; }

    /// <summary>Weighted population standard deviation of the target (0 for a constant target).</summary>
    public double TargetScale { get; }

    /// <summary>Smallest α at which every slope is 0 for L1 share <paramref name="l1Ratio"/> (ρ = 0 is treated as 0.001, as glmnet does).</summary>
    public double AlphaMax(double l1Ratio)
    {
        double rho = Math.Max(l1Ratio, 1e-3);
        int q = Linear.Length;

        // At β = (ȳ, 0, …) the gradient of slope k is −(c_k − G_k0·ȳ); it stays 0 while |that| ≤ α·ρ·factor_k.
        double intercept = Linear[0] / Gram[0];
        double max = 0;
        for (int k = 1; k < q; k++)
        {
            max = Math.Max(max, Math.Abs(Linear[k] - (Gram[k * q] * intercept)) / L1Factor[k]);
        }

        return max / rho;
    }

    /// <summary>Solves for one α from the warm start (overwritten).</summary>
    public (int Sweeps, bool Converged) Solve(double alpha, double l1Ratio, double[] beta, double tolerance, int maxSweeps)
    {
        int q = Linear.Length;
        var l1 = new double[q];
        var l2 = new double[q];
        for (int k = 1; k < q; k++)
        {
            l1[k] = alpha * l1Ratio * L1Factor[k];
            l2[k] = alpha * (1 - l1Ratio) * L2Factor[k];
        }

        if (l1Ratio == 0 || q == 1)
        {
            // Ridge: (G + diag(l2))·β = c has a closed form.
            var a = (double[])Gram.Clone();
            for (int k = 0; k < q; k++)
            {
                a[(k * q) + k] += l2[k];
            }

            Cholesky chol;
            try
            {
                chol = Cholesky.Factor(a, q, 1e-12);
            }
            catch (MatrixNotPositiveDefiniteException e)
            {
                string which = e.Column == 0 ? "the intercept" : $"feature column {Design.FeatureOfColumn(e.Column)}";
                throw new ArgumentException(
                    $"Features are linearly dependent: {which} is (nearly) a linear combination of earlier columns. Set Alpha > 0.", "features", e);
            }

            chol.Solve(Linear, beta);
            return (0, true);
        }

        return CoordinateDescent.Minimize(Gram, Linear, l1, l2, beta, tolerance * Math.Max(TargetScale, double.Epsilon), maxSweeps);
    }
}
