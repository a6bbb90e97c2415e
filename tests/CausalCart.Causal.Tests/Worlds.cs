using CausalCart.Causal;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests;

/// <summary>Simulated worlds with known effects.</summary>
internal static class Worlds
{
    /// <summary>
    /// Confounded world: x ~ N(0, I₃), P(T=1|x) = σ(0.8x₁ − 0.5x₂ + 0.3x₃), Y = 1 + x₁ + 0.5x₂ + T(2 + x₁) + N(0, 1).
    /// True ATE = 2; true ATT = 2 + E[x₁ | T = 1] (returned as its sample version over the treated).
    /// </summary>
    public static (EffectData Data, double Ate, double SampleAtt) Confounded(int n, int seed, double effectSlope = 1)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 3);
        var y = new double[n];
        var t = new double[n];
        double att = 0;
        int n1 = 0;
        for (int i = 0; i < n; i++)
        {
            double x1 = rng.NextNormal(), x2 = rng.NextNormal(), x3 = rng.NextNormal();
            x[i, 0] = x1;
            x[i, 1] = x2;
            x[i, 2] = x3;
            t[i] = rng.NextDouble() < StableMath.Sigmoid((0.8 * x1) - (0.5 * x2) + (0.3 * x3)) ? 1 : 0;
            double effect = 2 + (effectSlope * x1);
            y[i] = 1 + x1 + (0.5 * x2) + (t[i] * effect) + rng.NextNormal();
            if (t[i] == 1)
            {
                att += effect;
                n1++;
            }
        }

        return (new EffectData(y, t, x, ["x1", "x2", "x3"]), 2, att / n1);
    }

    /// <summary>Binary-outcome confounded world; returns the population ATE computed by Monte-Carlo of the potential outcomes in the sample (sample ATE of the probabilities).</summary>
    public static (EffectData Data, double SampleAte) BinaryConfounded(int n, int seed)
    {
        var rng = new SeededRandom(seed);
        var x = new Matrix(n, 2);
        var y = new double[n];
        var t = new double[n];
        double ate = 0;
        for (int i = 0; i < n; i++)
        {
            double x1 = rng.NextNormal(), x2 = rng.NextNormal();
            x[i, 0] = x1;
            x[i, 1] = x2;
            t[i] = rng.NextDouble() < StableMath.Sigmoid((0.9 * x1) + (0.4 * x2)) ? 1 : 0;
            double p1 = StableMath.Sigmoid(-0.5 + x1 + 0.8), p0 = StableMath.Sigmoid(-0.5 + x1);
            ate += p1 - p0;
            y[i] = rng.NextDouble() < (t[i] == 1 ? p1 : p0) ? 1 : 0;
        }

        return (new EffectData(y, t, x, ["x1", "x2"]), ate / n);
    }
}
