using CausalCart.Causal.Sensitivity;

namespace CausalCart.Causal.Tests.Sensitivity;

public sealed class OrdinaryLeastSquaresTests
{
    [Fact]
    public void Exact_fit_and_textbook_standard_errors()
    {
        // y = 1 + 2x + e with e = (+1, -1, -1, +1): β̂ = (1, 2) (e ⟂ 1, x), RSS = 4, dof 2,
        // se(slope) = √(σ̂² / Σ(x − x̄)²) = √(2 / 5).
        double[] x = [0, 1, 2, 3];
        double[] e = [1, -1, -1, 1];
        double[] y = [.. x.Select((v, i) => 1 + (2 * v) + e[i])];
        var fit = OrdinaryLeastSquares.Fit(y, [x], ["x"]);
        Assert.Equal(1, fit.Coefficient("(Intercept)"), 12);
        Assert.Equal(2, fit.Coefficient("x"), 12);
        Assert.Equal(4, fit.ResidualSumOfSquares, 12);
        Assert.Equal(Math.Sqrt(2.0 / 5), fit.StandardError("x"), 12);
        Assert.Equal(Math.Sqrt(2.0 * (1.0 / 4 + (1.5 * 1.5 / 5))), fit.StandardError("(Intercept)"), 12);
    }

    [Fact]
    public void Collinear_column_is_named()
    {
        double[] a = [1, 2, 3, 4, 5];
        double[] b = [2, 4, 6, 8, 10];
        var ex = Assert.Throws<ArgumentException>(() => OrdinaryLeastSquares.Fit([1, 0, 1, 0, 2], [a, b], ["a", "b"]));
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => OrdinaryLeastSquares.Fit([1, double.NaN, 1], [[1, 2, 3]], ["a"]));
        Assert.Throws<ArgumentException>(() => OrdinaryLeastSquares.Fit([1, 2, 3], [[1, 2, 3]], ["a"]).Coefficient("zzz"));
    }

    [Fact]
    public void Dummies_drop_the_first_level()
    {
        var (cols, names) = OrdinaryLeastSquares.Dummies(["b", "a", "c", "b"], "v");
        Assert.Equal(["v=b", "v=c"], names);
        Assert.Equal([1.0, 0, 0, 1], cols[0]);
    }
}
