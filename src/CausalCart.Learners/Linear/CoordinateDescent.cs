namespace CausalCart.Learners.Linear;

/// <summary>
/// Cyclic coordinate descent with covariance updates for the penalised quadratic
/// ½βᵀGβ − cᵀβ + Σ_j [a_j·|β_j| + ½·b_j·β_j²] (Friedman, Hastie &amp; Tibshirani 2010, "Regularization paths for
/// generalized linear models via coordinate descent", §2.2 and §2.6), used by the elastic net and by the proximal
/// Newton steps of penalised logistic regression.
/// </summary>
/// <remarks>
/// Each coordinate update is the exact minimiser β_j = S(c_j − Σ_{k≠j} G_jk β_k, a_j) / (G_jj + b_j) with S the
/// soft-threshold; the gradient vector r = c − Gβ is updated in O(q) per change (covariance updates), so a sweep costs
/// O(q²) whatever n. Active-set strategy: after a full sweep, sweep only the non-zero coordinates until they settle,
/// then confirm with a full sweep. Converged when a full sweep moves no coordinate by more than tolerance·√(1/G_jj)
/// scaled units. Deterministic (fixed order).
/// </remarks>
internal static class CoordinateDescent
{
    /// <summary>Minimises in place from the warm start <paramref name="beta"/>; returns (sweeps, converged).</summary>
    /// <param name="g">(q, q) row-major symmetric positive semi-definite.</param>
    /// <param name="c">(q) linear term.</param>
    /// <param name="l1">(q) L1 weights a_j ≥ 0.</param>
    /// <param name="l2">(q) L2 weights b_j ≥ 0.</param>
    /// <param name="beta">(q) warm start, overwritten with the solution.</param>
    /// <param name="tolerance">Largest coordinate move (in units of 1/√G_jj) of a converged full sweep.</param>
    /// <param name="maxSweeps">Sweep budget (full and active-set sweeps together).</param>
    public static (int Sweeps, bool Converged) Minimize(double[] g, double[] c, double[] l1, double[] l2, double[] beta, double tolerance, int maxSweeps)
    {
        int q = c.Length;
        var r = new double[q]; // (q) c − Gβ
        for (int j = 0; j < q; j++)
        {
            double s = c[j];
            for (int k = 0; k < q; k++)
            {
                s -= g[(j * q) + k] * beta[k];
            }

            r[j] = s;
        }

        var scale = new double[q]; // (q) √G_jj: a move δ changes the fit by about |δ|·√G_jj
        for (int j = 0; j < q; j++)
        {
            scale[j] = Math.Sqrt(Math.Max(g[(j * q) + j], 0));
        }

        int sweeps = 0;
        var active = new List<int>(q);
        while (sweeps < maxSweeps)
        {
            // Full sweep.
            double moved = Sweep(g, r, l1, l2, beta, scale, null, q);
            sweeps++;
            if (moved <= tolerance)
            {
                return (sweeps, true);
            }

            // Active-set sweeps over the non-zero coordinates until they settle.
            active.Clear();
            for (int j = 0; j < q; j++)
            {
                if (beta[j] != 0)
                {
                    active.Add(j);
                }
            }

            while (sweeps < maxSweeps)
            {
                moved = Sweep(g, r, l1, l2, beta, scale, active, q);
                sweeps++;
                if (moved <= tolerance)
                {
                    break;
                }
            }
        }

        return (sweeps, false);
    }

    private static double Sweep(double[] g, double[] r, double[] l1, double[] l2, double[] beta, double[] scale, List<int>? active, int q)
    {
        double moved = 0;
        int count = active?.Count ?? q;
        for (int t = 0; t < count; t++)
        {
            int j = active is null ? t : active[t];
            double gjj = g[(j * q) + j];
            double denominator = gjj + l2[j];
            if (!(denominator > 0))
            {
                continue; // a column with no weight and no ridge: leave it at its value (0)
            }

            double rho = r[j] + (gjj * beta[j]);
            double next = SoftThreshold(rho, l1[j]) / denominator;
            double delta = next - beta[j];
            if (delta == 0)
            {
                continue;
            }

            beta[j] = next;
            for (int k = 0; k < q; k++)
            {
                r[k] -= delta * g[(k * q) + j];
            }

            moved = Math.Max(moved, Math.Abs(delta) * scale[j]);
        }

        return moved;
    }

    /// <summary>S(z, γ) = sign(z)·max(|z| − γ, 0).</summary>
    public static double SoftThreshold(double z, double gamma) =>
        z > gamma ? z - gamma : z < -gamma ? z + gamma : 0;
}
