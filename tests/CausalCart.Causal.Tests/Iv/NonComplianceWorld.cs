using CausalCart.Causal.Iv;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Iv;

/// <summary>
/// Simulated encouragement design with non-compliance and a known LATE, for the IV coverage study and unit tests.
/// </summary>
/// <remarks>
/// Covariates x₁…x₄ ~ N(0, 1); an unobserved U ~ N(0, 1) drives both take-up and the outcome; V = 0.8U + 0.6η,
/// η ~ N(0, 1), so V ~ N(0, 1). The instrument Z ~ Bernoulli(0.5) is randomised (independent of X, U). Take-up follows
/// a latent index with a nonlinear covariate shift h(X) = 0.8 sin(2x₁) + 0.5(x₂² − 1): D(z) = 1[V &lt; κ_z + h(X)] with
/// κ₁ = 0.5 and κ₀ = −1 (two-sided: always-takers, compliers, never-takers) or κ₀ = −∞ (one-sided: nobody takes the
/// treatment without encouragement). The effect τ = 1 + 0.5x₃ − 0.5V varies with X and with V (selection on gains:
/// those eager to take the treatment gain more), so ATE = 1 while LATE = E[τ | complier] = 1 − 0.5·E[V | complier].
/// Y = x₁ + 0.5x₂x₄ + cos(x₃) + U + Dτ + ε, ε ~ N(0, 1): D is confounded by U, so naive and OLS comparisons are biased.
/// The true LATE is computed by quadrature: with a = κ₀ + h, b = κ₁ + h,
/// E[V 1(a ≤ V &lt; b) | X] = φ(a) − φ(b) and P(complier | X) = Φ(b) − Φ(a), integrated over (x₁, x₂).
/// </remarks>
internal static class NonComplianceWorld
{
    private const double Kappa1 = 0.5;
    private const double Kappa0 = -1.0;

    public static readonly string[] Names = ["x1", "x2", "x3", "x4"];

    /// <summary>One simulated sample.</summary>
    public sealed record Sample(double[] Y, double[] D, double[] Z, Matrix X)
    {
        public IvData Data => new(Y, D, Z, X, Names);
    }

    /// <summary>h(X), the nonlinear covariate shift of take-up.</summary>
    private static double Shift(double x1, double x2) => (0.8 * Math.Sin(2 * x1)) + (0.5 * ((x2 * x2) - 1));

    /// <summary>Draws n units.</summary>
    /// <param name="n">Units.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="oneSided">No always-takers (κ₀ = −∞).</param>
    /// <param name="instrumentDependsOnX">Z ~ Bernoulli(σ(x₁ − 0.5x₂)) instead of Bernoulli(0.5): the instrument is
    /// as good as random only given X (a logistic propensity is correctly specified), so the Wald ratio is biased and
    /// PLIV / 2SLS target a differently weighted average of the covariate-specific LATEs.</param>
    public static Sample Draw(int n, ulong seed, bool oneSided, bool instrumentDependsOnX = false)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 4); // (n, 4)
        var y = new double[n];
        var d = new double[n];
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x1 = rng.NextNormal(), x2 = rng.NextNormal(), x3 = rng.NextNormal(), x4 = rng.NextNormal();
            double u = rng.NextNormal();
            double v = (0.8 * u) + (0.6 * rng.NextNormal());
            double pz = instrumentDependsOnX ? StableMath.Sigmoid(x1 - (0.5 * x2)) : 0.5;
            z[i] = rng.NextDouble() < pz ? 1 : 0;
            double kappa = z[i] == 1 ? Kappa1 : (oneSided ? double.NegativeInfinity : Kappa0);
            d[i] = v < kappa + Shift(x1, x2) ? 1 : 0;
            double tau = 1 + (0.5 * x3) - (0.5 * v);
            y[i] = x1 + (0.5 * x2 * x4) + Math.Cos(x3) + u + (d[i] * tau) + rng.NextNormal();
            x[i, 0] = x1;
            x[i, 1] = x2;
            x[i, 2] = x3;
            x[i, 3] = x4;
        }

        return new Sample(y, d, z, x);
    }

    /// <summary>The population LATE (midpoint quadrature on [−8, 8]² with 800² nodes; error far below 1e-6).</summary>
    public static double TrueLate(bool oneSided) => Quadrature(oneSided).Late;

    /// <summary>The population complier share P(D(1) &gt; D(0)).</summary>
    public static double TrueComplierShare(bool oneSided) => Quadrature(oneSided).Share;

    /// <summary>The average treatment effect E[τ] = 1.</summary>
    public const double Ate = 1.0;

    private static (double Late, double Share) Quadrature(bool oneSided)
    {
        const int nodes = 800;
        const double lo = -8, hi = 8;
        double step = (hi - lo) / nodes;
        double meanV = 0, share = 0;
        for (int i = 0; i < nodes; i++)
        {
            double x1 = lo + ((i + 0.5) * step);
            double w1 = StandardNormal.Pdf(x1) * step;
            for (int j = 0; j < nodes; j++)
            {
                double x2 = lo + ((j + 0.5) * step);
                double w = w1 * StandardNormal.Pdf(x2) * step;
                double h = Shift(x1, x2);
                double b = Kappa1 + h;
                double pa = oneSided ? 0 : StandardNormal.Cdf(Kappa0 + h);
                double phiA = oneSided ? 0 : StandardNormal.Pdf(Kappa0 + h);
                share += w * (StandardNormal.Cdf(b) - pa);
                meanV += w * (phiA - StandardNormal.Pdf(b));
            }
        }

        return (1 - (0.5 * meanV / share), share);
    }
}
