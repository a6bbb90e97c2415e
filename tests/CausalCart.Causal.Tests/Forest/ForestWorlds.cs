using CausalCart.Causal;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.Forest;

/// <summary>Seeded heterogeneous-effect worlds for the causal forest tests.</summary>
internal static class ForestWorlds
{
    /// <summary>
    /// x ~ U(0, 1)^p; P(T = 1 | x) = 0.25 + 0.5 x₁ (confounded through x₁); τ(x) = 1 + 2·x₀ (when
    /// <paramref name="heterogeneous"/>, else 1); Y = 2x₁ + x₂ + sin(3x₃) + T·τ(x) + N(0, 1). Returns τ(x_i) per unit.
    /// </summary>
    public static (EffectData Data, double[] Tau) Linear(int n, int p, int seed, bool heterogeneous = true)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, p);
        var y = new double[n];
        var t = new double[n];
        var tau = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                x[i, j] = rng.NextDouble();
            }

            t[i] = rng.NextDouble() < 0.25 + (0.5 * x[i, 1]) ? 1 : 0;
            tau[i] = heterogeneous ? 1 + (2 * x[i, 0]) : 1;
            y[i] = (2 * x[i, 1]) + x[i, 2] + Math.Sin(3 * x[i, 3]) + (t[i] * tau[i]) + rng.NextNormal();
        }

        return (new EffectData(y, t, x), tau);
    }

    /// <summary>
    /// The causal-forest bench's EconML-like world (bench/causal/forest): x ~ N(0, I₁₀); P(T = 1 | x) = σ(0.5 x₀ + 0.3 x₁);
    /// τ(x) = 1 + x₀ + 0.5·1{x₁ &gt; 0}; Y = x₀ + 0.5 x₂ + sin(x₃) + T·τ(x) + N(0, 1). Returns τ(x_i) per unit.
    /// </summary>
    public static (EffectData Data, double[] Tau) EconMlLike(int n, int seed)
    {
        var rng = new SeededRandom(seed);
        const int p = 10;
        var x = new Matrix(n, p);
        var y = new double[n];
        var t = new double[n];
        var tau = new double[n];
        var row = new double[p];
        for (int i = 0; i < n; i++)
        {
            rng.FillNormal(row);
            row.CopyTo(x.Data.Slice(i * p, p));
            t[i] = rng.NextDouble() < StableMath.Sigmoid((0.5 * row[0]) + (0.3 * row[1])) ? 1 : 0;
            tau[i] = 1 + row[0] + (row[1] > 0 ? 0.5 : 0);
            y[i] = row[0] + (0.5 * row[2]) + Math.Sin(row[3]) + (t[i] * tau[i]) + rng.NextNormal();
        }

        return (new EffectData(y, t, x), tau);
    }

    public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Count; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }

    public static double Rmse(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        Math.Sqrt(a.Zip(b, (u, v) => (u - v) * (u - v)).Average());
}
