namespace CausalCart.Numerics;

/// <summary>Numerically stable scalar and span functions used by the learners and estimators (double).</summary>
public static class StableMath
{
    /// <summary>Logistic σ(x) = 1/(1 + e^(−x)), computed without overflow for any finite x; σ(±∞) = 1 or 0; NaN gives NaN.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-x));
        }

        double e = Math.Exp(x);
        return e / (1.0 + e);
    }

    /// <summary>Softplus log(1 + e^x) without overflow (x for large x, e^x for very negative x).</summary>
    public static double Log1pExp(double x)
    {
        if (x > 35)
        {
            return x + Math.Exp(-x);
        }

        if (x < -35)
        {
            return Math.Exp(x);
        }

        return x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
    }

    /// <summary>
    /// log Σ exp(x_i), shifted by the maximum so no term overflows. Empty input gives −∞; a +∞ element gives +∞;
    /// any NaN gives NaN.
    /// </summary>
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        if (x.IsEmpty)
        {
            return double.NegativeInfinity;
        }

        double max = double.NegativeInfinity;
        foreach (double v in x)
        {
            if (double.IsNaN(v))
            {
                return double.NaN;
            }

            max = Math.Max(max, v);
        }

        if (double.IsInfinity(max))
        {
            return max;
        }

        double sum = 0;
        foreach (double v in x)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>Logistic loss −[y·log σ(η) + (1−y)·log(1−σ(η))] = softplus(η) − y·η, stable for any finite η.</summary>
    public static double LogisticLoss(double eta, double y) => Log1pExp(eta) - (y * eta);
}
