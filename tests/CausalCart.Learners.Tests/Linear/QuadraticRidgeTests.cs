using CausalCart.Learners.Linear;
using CausalCart.Numerics;

namespace CausalCart.Learners.Tests.Linear;

public sealed class QuadraticRidgeTests
{
    [Fact]
    public void Recovers_a_quadratic_surface_with_a_binary_feature()
    {
        // y = 1 + x0² − 2·x0·x1 + 3·b − b·x1 with b binary: every term is in the basis (b² = b is left out).
        var rng = new SeededRandom(5);
        var x = new Matrix(400, 3);
        var y = new double[400];
        for (int i = 0; i < 400; i++)
        {
            double x0 = rng.NextNormal(), x1 = rng.NextNormal(), b = rng.NextDouble() < 0.4 ? 1 : 0;
            (x[i, 0], x[i, 1], x[i, 2]) = (x0, x1, b);
            y[i] = 1 + (x0 * x0) - (2 * x0 * x1) + (3 * b) - (b * x1);
        }

        QuadraticRidgeModel m = new QuadraticRidge(new QuadraticRidgeOptions(0)).Fit(x, y);
        Assert.Equal(3 + 2 + 3, m.BasisSize); // x0, x1, b; x0², x1²; x0x1, x0b, x1b
        var p = new double[400];
        m.Predict(x, p);
        for (int i = 0; i < 400; i++)
        {
            Assert.Equal(y[i], p[i], 8);
        }
    }

    [Fact]
    public void Negative_penalty_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuadraticRidge(new QuadraticRidgeOptions(-1)));
    }
}
