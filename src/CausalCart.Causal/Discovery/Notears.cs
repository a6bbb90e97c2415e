using CausalCart.Causal.Graphs;

namespace CausalCart.Causal.Discovery;

/// <summary>
/// Linear NOTEARS (Zheng, Aragam, Ravikumar &amp; Xing 2018, "DAGs with NO TEARS", NeurIPS): minimises the
/// least-squares loss (1/2n)‖X − XW‖² + λ‖W‖₁ subject to the smooth acyclicity constraint
/// h(W) = tr(e^{W∘W}) − d = 0, with the augmented Lagrangian (their Algorithm 1) and a proximal-gradient
/// (ISTA with backtracking) inner solver that handles the L1 term exactly. Columns are centred, not scaled:
/// NOTEARS relies on the data's scale, so give it data in natural units. Any cycle left after thresholding is
/// broken by dropping its weakest edge. Deterministic. O(iterations · d³) after one O(n d²) pass.
/// </summary>
public static class Notears
{
    /// <summary>Fits NOTEARS; every returned edge is directed; <see cref="GraphEdge.Confidence"/> is null.</summary>
    /// <exception cref="InvalidOperationException">The optimisation produced a non-finite value (named with the iteration).</exception>
    public static DiscoveredGraph Fit(DiscoveryData data, NotearsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new NotearsOptions();
        int d = data.Names.Count;
        var knowledge = options.Knowledge ?? BackgroundKnowledge.None;
        var allowed = knowledge.AllowedMatrix(data);
        var s = Covariance(data); // (d, d) XᵀX / n of centred data
        var w = new double[d, d];
        double rho = 1, alpha = 0, h = double.PositiveInfinity;
        for (int outer = 0; outer < options.MaxOuterIterations && h > options.Tolerance; outer++)
        {
            double hNew;
            while (true)
            {
                w = Inner(s, w, rho, alpha, options.Lambda, allowed, outer);
                hNew = H(w, out _);
                if (hNew > 0.25 * h && rho < 1e16)
                {
                    rho *= 10;
                }
                else
                {
                    break;
                }
            }

            h = hNew;
            alpha += rho * h;
            if (rho >= 1e16)
            {
                break;
            }
        }

        var keep = new bool[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                keep[i, j] = Math.Abs(w[i, j]) >= options.Threshold;
            }
        }

        foreach (var (f, t) in knowledge.RequiredIndices(data))
        {
            keep[f, t] = true;
            w[f, t] = w[f, t] == 0 ? options.Threshold : w[f, t];
        }

        // Break residual cycles by dropping the weakest edge of each.
        while (true)
        {
            var ch = Enumerable.Range(0, d).Select(i => Enumerable.Range(0, d).Where(j => keep[i, j]).ToArray()).ToArray();
            var cycle = CausalGraph.FindCycle(ch);
            if (cycle is null)
            {
                break;
            }

            int weakest = 0;
            for (int k = 1; k < cycle.Length - 1; k++)
            {
                if (Math.Abs(w[cycle[k], cycle[k + 1]]) < Math.Abs(w[cycle[weakest], cycle[weakest + 1]]))
                {
                    weakest = k;
                }
            }

            keep[cycle[weakest], cycle[weakest + 1]] = false;
        }

        var edges = new List<GraphEdge>();
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                if (keep[i, j])
                {
                    edges.Add(new GraphEdge(data.Names[i], data.Names[j]));
                }
            }
        }

        return new DiscoveredGraph(data.Names, edges, $"NOTEARS linear (λ = {options.Lambda}, threshold {options.Threshold})");
    }

    /// <summary>h(W) = tr(e^{W∘W}) − d and E = e^{W∘W} (for the gradient Eᵀ ∘ 2W).</summary>
    internal static double H(double[,] w, out double[,] e)
    {
        int d = w.GetLength(0);
        var a = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                a[i, j] = w[i, j] * w[i, j];
            }
        }

        e = Expm(a);
        double tr = 0;
        for (int i = 0; i < d; i++)
        {
            tr += e[i, i];
        }

        return tr - d;
    }

    /// <summary>Matrix exponential by scaling and squaring with a degree-12 Taylor polynomial (‖A/2^s‖ ≤ 0.5, truncation below 1e-13) (inputs here are non-negative).</summary>
    internal static double[,] Expm(double[,] a)
    {
        int d = a.GetLength(0);
        double norm = 0;
        for (int i = 0; i < d; i++)
        {
            double row = 0;
            for (int j = 0; j < d; j++)
            {
                row += Math.Abs(a[i, j]);
            }

            norm = Math.Max(norm, row);
        }

        int sq = norm > 0.5 ? (int)Math.Ceiling(Math.Log2(norm / 0.5)) : 0;
        double scale = Math.Pow(2, -sq);
        var x = new double[d, d];
        var term = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            x[i, i] = 1;
            term[i, i] = 1;
        }

        for (int k = 1; k <= 12; k++)
        {
            var next = new double[d, d];
            for (int i = 0; i < d; i++)
            {
                for (int m = 0; m < d; m++)
                {
                    double t = term[i, m];
                    if (t == 0)
                    {
                        continue;
                    }

                    for (int j = 0; j < d; j++)
                    {
                        next[i, j] += t * a[m, j] * scale / k;
                    }
                }
            }

            term = next;
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    x[i, j] += term[i, j];
                }
            }
        }

        for (int s = 0; s < sq; s++)
        {
            x = Multiply(x, x);
        }

        return x;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int d = a.GetLength(0);
        var c = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int m = 0; m < d; m++)
            {
                double t = a[i, m];
                for (int j = 0; j < d; j++)
                {
                    c[i, j] += t * b[m, j];
                }
            }
        }

        return c;
    }

    /// <summary>Smooth part f(W) = ½ tr((I − W)ᵀ S (I − W)) + ρ/2 h² + α h and its gradient.</summary>
    private static double Smooth(double[,] s, double[,] w, double rho, double alpha, double[,] grad)
    {
        int d = w.GetLength(0);

        // R = S (I − W); loss = ½ tr((I − W)ᵀ R); ∇loss = −R.
        var iw = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                iw[i, j] = (i == j ? 1 : 0) - w[i, j];
            }
        }

        var r = Multiply(s, iw);
        double loss = 0;
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                loss += iw[i, j] * r[i, j];
            }
        }

        loss *= 0.5;
        double h = H(w, out var e);
        double coef = (rho * h) + alpha;
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                grad[i, j] = -r[i, j] + (coef * e[j, i] * 2 * w[i, j]);
            }
        }

        return loss + (0.5 * rho * h * h) + (alpha * h);
    }

    /// <summary>FISTA (Beck &amp; Teboulle 2009) with backtracking on the smooth part and soft-thresholding for λ‖W‖₁.</summary>
    private static double[,] Inner(double[,] s, double[,] w0, double rho, double alpha, double lambda, bool[,] allowed, int outer)
    {
        int d = w0.GetLength(0);
        var w = (double[,])w0.Clone();
        var y = (double[,])w0.Clone(); // extrapolated point
        var gy = new double[d, d];
        var gc = new double[d, d];
        double fy = Smooth(s, y, rho, alpha, gy);
        double step = 1, tk = 1;
        for (int it = 0; it < 1000; it++)
        {
            double[,] cand;
            while (true)
            {
                cand = new double[d, d];
                double quad = 0;
                for (int i = 0; i < d; i++)
                {
                    for (int j = 0; j < d; j++)
                    {
                        if (!allowed[i, j])
                        {
                            continue;
                        }

                        double z = y[i, j] - (step * gy[i, j]);
                        cand[i, j] = Math.Sign(z) * Math.Max(0, Math.Abs(z) - (step * lambda));
                        double diff = cand[i, j] - y[i, j];
                        quad += (gy[i, j] * diff) + (diff * diff / (2 * step));
                    }
                }

                double fc = Smooth(s, cand, rho, alpha, gc);
                if (double.IsFinite(fc) && (fc <= fy + quad + 1e-12 || step < 1e-20))
                {
                    break;
                }

                if (step < 1e-20)
                {
                    throw new InvalidOperationException($"NOTEARS diverged (non-finite objective) at outer iteration {outer}, inner iteration {it}, ρ = {rho}.");
                }

                step /= 2;
            }

            double tNext = (1 + Math.Sqrt(1 + (4 * tk * tk))) / 2;
            double change = 0, size = 0;
            var yNext = new double[d, d];
            for (int i = 0; i < d; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    double diff = cand[i, j] - w[i, j];
                    change = Math.Max(change, Math.Abs(diff));
                    size = Math.Max(size, Math.Abs(cand[i, j]));
                    yNext[i, j] = allowed[i, j] ? cand[i, j] + ((tk - 1) / tNext * diff) : 0;
                }
            }

            w = cand;
            tk = tNext;
            y = yNext;
            fy = Smooth(s, y, rho, alpha, gy);
            if (!double.IsFinite(fy))
            {
                // Momentum overshot into a region where e^{W∘W} overflows: restart from the last iterate.
                y = (double[,])w.Clone();
                tk = 1;
                fy = Smooth(s, y, rho, alpha, gy);
            }

            if (change <= 1e-6 * Math.Max(1, size))
            {
                break;
            }
        }

        return w;
    }

    private static double[,] Covariance(DiscoveryData data)
    {
        int d = data.Names.Count, n = data.Rows;
        var centred = data.Columns.Select(c =>
        {
            double m = c.Average();
            return c.Select(v => v - m).ToArray();
        }).ToArray();
        var s = new double[d, d];
        for (int a = 0; a < d; a++)
        {
            for (int b = a; b < d; b++)
            {
                double t = 0;
                for (int r = 0; r < n; r++)
                {
                    t += centred[a][r] * centred[b][r];
                }

                s[a, b] = s[b, a] = t / n;
            }
        }

        return s;
    }
}
