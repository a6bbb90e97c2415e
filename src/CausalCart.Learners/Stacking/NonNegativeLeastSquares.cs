using CausalCart.Numerics;

namespace CausalCart.Learners.Stacking;

/// <summary>
/// Non-negative least squares min ‖Zα − y‖² subject to α ≥ 0, solved from the normal equations (G = ZᵀWZ, b = ZᵀWy)
/// by the active-set method of Lawson &amp; Hanson (1974, <i>Solving Least Squares Problems</i>, ch. 23, algorithm NNLS).
/// </summary>
/// <remarks>
/// Implementation note: the stacker has a handful of columns (one per candidate learner), so working on the k × k Gram
/// matrix costs nothing; candidates' out-of-fold predictions are strongly correlated, so each passive-set solve adds a
/// jitter of 1e-10 · max G_jj to the diagonal, which keeps the Cholesky factorisation defined when two candidates
/// predict (almost) identically without moving a well-posed solution measurably.
/// </remarks>
internal static class NonNegativeLeastSquares
{
    /// <summary>Returns α ≥ 0 (length k) minimising αᵀGα − 2bᵀα. <paramref name="gram"/> is k × k row-major, symmetric PSD.</summary>
    public static double[] Solve(ReadOnlySpan<double> gram, ReadOnlySpan<double> rhs, int k)
    {
        var alpha = new double[k];
        var passive = new bool[k];
        double maxDiag = 0, maxRhs = 0;
        for (int j = 0; j < k; j++)
        {
            maxDiag = Math.Max(maxDiag, gram[(j * k) + j]);
            maxRhs = Math.Max(maxRhs, Math.Abs(rhs[j]));
        }

        if (maxDiag <= 0)
        {
            return alpha; // every column is zero: α = 0 is optimal.
        }

        double tolerance = 1e-12 * Math.Max(maxRhs, maxDiag);
        var gradient = new double[k];
        for (int outer = 0; outer < (3 * k) + 10; outer++)
        {
            // gradient = b − Gα: the descent direction's components; a free coordinate with a positive one should enter.
            int enter = -1;
            for (int j = 0; j < k; j++)
            {
                double gj = rhs[j];
                for (int l = 0; l < k; l++)
                {
                    gj -= gram[(j * k) + l] * alpha[l];
                }

                gradient[j] = gj;
                if (!passive[j] && gj > tolerance && (enter < 0 || gj > gradient[enter]))
                {
                    enter = j;
                }
            }

            if (enter < 0)
            {
                break;
            }

            passive[enter] = true;
            for (int inner = 0; inner < (3 * k) + 10; inner++)
            {
                double[] s = SolvePassive(gram, rhs, k, passive, maxDiag);
                double step = 1;
                int leaving = -1;
                for (int j = 0; j < k; j++)
                {
                    if (passive[j] && s[j] <= 0)
                    {
                        double t = alpha[j] / (alpha[j] - s[j]);
                        if (leaving < 0 || t < step)
                        {
                            step = t;
                            leaving = j;
                        }
                    }
                }

                if (leaving < 0)
                {
                    Array.Copy(s, alpha, k);
                    break;
                }

                // Move towards s as far as feasibility allows; coordinates that reach 0 leave the passive set.
                for (int j = 0; j < k; j++)
                {
                    alpha[j] += step * (s[j] - alpha[j]);
                    if (passive[j] && (j == leaving || alpha[j] <= 1e-15))
                    {
                        passive[j] = false;
                        alpha[j] = 0;
                    }
                }
            }
        }

        return alpha;
    }

    private static double[] SolvePassive(ReadOnlySpan<double> gram, ReadOnlySpan<double> rhs, int k, bool[] passive, double maxDiag)
    {
        int[] index = Enumerable.Range(0, k).Where(j => passive[j]).ToArray();
        int m = index.Length;
        var sub = new double[m * m];
        var b = new double[m];
        for (int a = 0; a < m; a++)
        {
            b[a] = rhs[index[a]];
            for (int c = 0; c < m; c++)
            {
                sub[(a * m) + c] = gram[(index[a] * k) + index[c]];
            }

            sub[(a * m) + a] += 1e-10 * maxDiag;
        }

        double[] solved = Cholesky.Factor(sub, m, 1e-14).Solve(b);
        var s = new double[k];
        for (int a = 0; a < m; a++)
        {
            s[index[a]] = solved[a];
        }

        return s;
    }
}
