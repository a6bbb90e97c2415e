using System.Runtime.CompilerServices;
using CausalCart.Numerics;

namespace CausalCart.Causal.Forest;

/// <summary>
/// The forest's point estimate and its variance by the bootstrap of little bags (Sexton &amp; Laake 2009; Athey,
/// Tibshirani &amp; Wager 2019, §4), for one target point from the per-tree leaf means S_b = (T̃, Ỹ, T̃Ỹ, T̃²).
/// </summary>
/// <remarks>
/// With Ā the mean of S_b over the trees used, τ̂ = (Ā_TY − Ā_T Ā_Y) / (Ā_TT − Ā_T²): the solution of the locally
/// weighted moment Σ α_i (T̃_i − T̄_α)(Ỹ_i − Ȳ_α − τ (T̃_i − T̄_α)) = 0 with GRF's forest weights α_i(x) (the per-tree
/// leaf means are those weights summed). Each tree's linearised contribution is
/// ψ_b = [S_TY − Ā_Y S_T − Ā_T S_Y − τ̂ (S_TT − 2 Ā_T S_T)] / D. Trees come in bags of ℓ that share one half-sample;
/// the variance of the bag means of ψ estimates Var(τ̂) (half-sampling), inflated by the within-bag Monte-Carlo noise,
/// which is estimated from the spread inside bags and removed. The difference can be negative in small forests, so as
/// in GRF it is replaced by its posterior mean under a flat prior on [0, ∞) given a normal estimate with standard
/// error max(between, noise)·√(2/G): the mean of a normal truncated at zero.
/// </remarks>
internal static class LittleBags
{
    /// <summary>
    /// Evaluates one point. <paramref name="stats"/> is (B, 4) row-major per tree; only trees of bags with
    /// <paramref name="bagUsed"/> set are read. Returns NaN for both when fewer than 2 bags are used or the weighted
    /// treatment variance is not positive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Tau, double Variance) Evaluate(ReadOnlySpan<double> stats, ReadOnlySpan<bool> bagUsed, int bagSize)
    {
        int bags = bagUsed.Length;
        int used = 0;
        double at = 0, ay = 0, aty = 0, att = 0;
        for (int g = 0; g < bags; g++)
        {
            if (!bagUsed[g])
            {
                continue;
            }

            used++;
            for (int j = 0; j < bagSize; j++)
            {
                ReadOnlySpan<double> s = stats.Slice(((g * bagSize) + j) * CausalTree.Width, CausalTree.Width);
                at += s[0];
                ay += s[1];
                aty += s[2];
                att += s[3];
            }
        }

        if (used == 0)
        {
            return (double.NaN, double.NaN);
        }

        double trees = used * bagSize;
        at /= trees;
        ay /= trees;
        aty /= trees;
        att /= trees;
        double d = att - (at * at);
        if (!(d > 1e-12 * Math.Max(att, 1e-300)))
        {
            return (double.NaN, double.NaN);
        }

        double tau = (aty - (at * ay)) / d;
        if (used < 2)
        {
            return (tau, double.NaN);
        }

        // Two passes over the bags: the mean of ψ, then between-bag and total squared deviations.
        double psiMean = 0;
        for (int g = 0; g < bags; g++)
        {
            if (bagUsed[g])
            {
                for (int j = 0; j < bagSize; j++)
                {
                    psiMean += Psi(stats, (g * bagSize) + j, at, ay, tau, d);
                }
            }
        }

        psiMean /= trees;
        double between = 0, total = 0;
        for (int g = 0; g < bags; g++)
        {
            if (!bagUsed[g])
            {
                continue;
            }

            double bagMean = 0;
            for (int j = 0; j < bagSize; j++)
            {
                double psi = Psi(stats, (g * bagSize) + j, at, ay, tau, d);
                bagMean += psi;
                total += (psi - psiMean) * (psi - psiMean);
            }

            bagMean /= bagSize;
            between += (bagMean - psiMean) * (bagMean - psiMean);
        }

        between /= used;
        total /= trees;
        double noise = (total - between) / (bagSize - 1);
        return (tau, Debias(between, noise, used));
    }

    /// <summary>Posterior mean of a variance S ≥ 0 given the estimate between − noise (see the remarks).</summary>
    public static double Debias(double between, double noise, int bags)
    {
        double estimate = between - noise;
        double se = Math.Max(between, noise) * Math.Sqrt(2.0 / bags);
        if (!(se > 0))
        {
            return Math.Max(estimate, 0);
        }

        double r = estimate / se;
        double tail = StandardNormal.Cdf(r);
        // For r far below 0 the ratio φ(r)/Φ(r) → −r, so the posterior mean tends to se²/|estimate| (positive).
        double ratio = tail > 1e-300 ? StandardNormal.Pdf(r) / tail : -r + (1 / -r);
        return estimate + (se * ratio);
    }

    private static double Psi(ReadOnlySpan<double> stats, int tree, double at, double ay, double tau, double d)
    {
        ReadOnlySpan<double> s = stats.Slice(tree * CausalTree.Width, CausalTree.Width);
        return (s[2] - (ay * s[0]) - (at * s[1]) - (tau * (s[3] - (2 * at * s[0])))) / d;
    }
}
