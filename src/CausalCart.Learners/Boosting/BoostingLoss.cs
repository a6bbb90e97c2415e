using System.Numerics.Tensors;
using CausalCart.Numerics;

namespace CausalCart.Learners.Boosting;

/// <summary>The losses boosting can minimise (the public choice is <see cref="RegressionObjective"/> or the classifier).</summary>
internal enum BoostingLoss
{
    SquaredError,
    Logistic,
    Poisson,
}

/// <summary>Per-row gradient, Hessian, starting score and loss of each <see cref="BoostingLoss"/> (raw score f).</summary>
internal static class BoostingLosses
{
    /// <summary>Poisson Hessian inflation exp(0.7) (XGBoost's default <c>max_delta_step</c> for <c>count:poisson</c>).</summary>
    private static readonly double PoissonHessianFactor = Math.Exp(0.7);

    /// <summary>The constant raw score minimising the weighted loss (mean, log-odds of the mean, log of the mean).</summary>
    public static double BaseScore(BoostingLoss loss, ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        double sw = 0, swy = 0;
        for (int i = 0; i < y.Length; i++)
        {
            sw += w[i];
            swy += w[i] * y[i];
        }

        double mean = swy / sw;
        return loss switch
        {
            BoostingLoss.SquaredError => mean,
            BoostingLoss.Logistic => Math.Log(Math.Clamp(mean, 1e-12, 1 - 1e-12) / (1 - Math.Clamp(mean, 1e-12, 1 - 1e-12))),
            _ => Math.Log(Math.Max(mean, 1e-12)),
        };
    }

    /// <summary>
    /// Writes (w·g, w·h) of rows [start, end) into <paramref name="gh"/> (n, 2); <paramref name="scratch"/> (n) holds σ(f) or
    /// e^f of the same rows, computed with SIMD first.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Gradients(BoostingLoss loss, ReadOnlySpan<double> score, ReadOnlySpan<double> y, ReadOnlySpan<double> w, Span<double> gh, Span<double> scratch, int start, int end)
    {
        Span<double> t = scratch[start..end];
        if (loss == BoostingLoss.Logistic)
        {
            TensorPrimitives.Sigmoid(score[start..end], t);
        }
        else if (loss == BoostingLoss.Poisson)
        {
            TensorPrimitives.Exp(score[start..end], t);
        }

        switch (loss)
        {
            case BoostingLoss.SquaredError:
                for (int i = start; i < end; i++)
                {
                    gh[2 * i] = w[i] * (score[i] - y[i]);
                    gh[(2 * i) + 1] = w[i];
                }

                break;
            case BoostingLoss.Logistic:
                for (int i = start; i < end; i++)
                {
                    double p = t[i - start];
                    gh[2 * i] = w[i] * (p - y[i]);
                    gh[(2 * i) + 1] = w[i] * Math.Max(p * (1 - p), 1e-16);
                }

                break;
            default:
                for (int i = start; i < end; i++)
                {
                    double mu = t[i - start];
                    gh[2 * i] = w[i] * (mu - y[i]);
                    gh[(2 * i) + 1] = w[i] * mu * PoissonHessianFactor;
                }

                break;
        }
    }

    /// <summary>Weighted mean loss: squared error (y − f)² (MSE), log-loss, or Poisson deviance up to a constant (e^f − y·f).</summary>
    public static double MeanLoss(BoostingLoss loss, ReadOnlySpan<double> score, ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        double sum = 0, sw = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double f = score[i];
            double l = loss switch
            {
                BoostingLoss.SquaredError => (y[i] - f) * (y[i] - f),
                BoostingLoss.Logistic => StableMath.LogisticLoss(f, y[i]),
                _ => Math.Exp(f) - (y[i] * f),
            };
            sum += w[i] * l;
            sw += w[i];
        }

        return sum / sw;
    }
}
