namespace CausalCart.Sequence.Baselines;

/// <summary>L2-penalised logistic regression by Newton's method (intercept unpenalised); features are standardised internally.</summary>
internal static class LogisticRegression
{
    /// <summary>Returns (mean, sd, coefficients with intercept first) packed as one array of length 3p + 1.</summary>
    public static double[] Fit(IReadOnlyList<double[]> x, IReadOnlyList<int> y, double lambda, int iterations = 25)
    {
        var n = x.Count;
        var p = n == 0 ? 0 : x[0].Length;
        var mean = new double[p];
        var sd = new double[p];
        for (var j = 0; j < p; j++)
        {
            mean[j] = n == 0 ? 0 : x.Average(r => r[j]);
            var m = mean[j];
            var v = n == 0 ? 0 : x.Average(r => (r[j] - m) * (r[j] - m));
            sd[j] = v > 1e-12 ? Math.Sqrt(v) : 1;
        }

        var k = p + 1;
        var beta = new double[k];
        var z = new double[k];
        for (var it = 0; it < iterations; it++)
        {
            var grad = new double[k];
            var hess = new double[k, k];
            for (var i = 0; i < n; i++)
            {
                Standardise(x[i], mean, sd, z);
                var eta = 0.0;
                for (var j = 0; j < k; j++)
                {
                    eta += beta[j] * z[j];
                }

                var mu = 1 / (1 + Math.Exp(-eta));
                var wgt = Math.Max(mu * (1 - mu), 1e-10);
                for (var a = 0; a < k; a++)
                {
                    grad[a] += (y[i] - mu) * z[a];
                    for (var b = 0; b < k; b++)
                    {
                        hess[a, b] += wgt * z[a] * z[b];
                    }
                }
            }

            for (var a = 1; a < k; a++)
            {
                grad[a] -= lambda * n * beta[a];
                hess[a, a] += lambda * n;
            }

            var step = Solve(hess, grad);
            var change = 0.0;
            for (var a = 0; a < k; a++)
            {
                beta[a] += step[a];
                change = Math.Max(change, Math.Abs(step[a]));
            }

            if (change < 1e-8)
            {
                break;
            }
        }

        return [.. mean, .. sd, .. beta];
    }

    /// <summary>P(y = 1 | x).</summary>
    public static double Predict(double[] model, double[] x)
    {
        var p = x.Length;
        var eta = model[2 * p];
        for (var j = 0; j < p; j++)
        {
            eta += model[(2 * p) + 1 + j] * (x[j] - model[j]) / model[p + j];
        }

        return 1 / (1 + Math.Exp(-eta));
    }

    private static void Standardise(double[] x, double[] mean, double[] sd, double[] z)
    {
        z[0] = 1;
        for (var j = 0; j < x.Length; j++)
        {
            z[j + 1] = (x[j] - mean[j]) / sd[j];
        }
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var r = (double[])b.Clone();
        for (var c = 0; c < n; c++)
        {
            var piv = c;
            for (var i = c + 1; i < n; i++)
            {
                if (Math.Abs(m[i, c]) > Math.Abs(m[piv, c]))
                {
                    piv = i;
                }
            }

            if (Math.Abs(m[piv, c]) < 1e-12)
            {
                continue;
            }

            if (piv != c)
            {
                for (var j = 0; j < n; j++)
                {
                    (m[c, j], m[piv, j]) = (m[piv, j], m[c, j]);
                }

                (r[c], r[piv]) = (r[piv], r[c]);
            }

            for (var i = c + 1; i < n; i++)
            {
                var f = m[i, c] / m[c, c];
                for (var j = c; j < n; j++)
                {
                    m[i, j] -= f * m[c, j];
                }

                r[i] -= f * r[c];
            }
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            if (Math.Abs(m[i, i]) < 1e-12)
            {
                x[i] = 0;
                continue;
            }

            var s = r[i];
            for (var j = i + 1; j < n; j++)
            {
                s -= m[i, j] * x[j];
            }

            x[i] = s / m[i, i];
        }

        return x;
    }
}
