using CausalCart.Numerics;

namespace CausalCart.Numerics.Tests;

public class StudentTTests
{
    [Theory]
    // Values from scipy.stats.t (scipy 1.10): t.cdf(x, df), t.ppf(0.975, df).
    [InlineData(1.0, 1.0, 0.75)]
    [InlineData(-2.0, 5.0, 0.05096973941492914)]
    [InlineData(2.5, 30.0, 0.9909421754659666)]
    [InlineData(-8.0, 10.0, 5.887471394833078e-06)]
    public void Cdf_matches_scipy(double t, double dof, double expected)
    {
        Assert.Equal(expected, StudentT.Cdf(t, dof), expected * 1e-9);
    }

    [Theory]
    [InlineData(1.0, 12.706204736432095)]
    [InlineData(10.0, 2.2281388519649385)]
    [InlineData(1993.0, 1.9611549971240914)]
    public void Critical_values_match_scipy(double dof, double expected)
    {
        Assert.Equal(expected, StudentT.TwoSidedCritical(0.95, dof), 1e-9);
    }

    [Fact]
    public void Quantile_inverts_the_cdf_in_both_tails_and_p_values_are_symmetric()
    {
        foreach (double dof in new[] { 1.0, 3.5, 40.0, 1e5 })
        {
            foreach (double p in new[] { 1e-12, 1e-6, 0.01, 0.3, 0.5, 0.8, 0.999 })
            {
                double x = StudentT.Quantile(p, dof);
                double back = StudentT.Cdf(x, dof);
                Assert.True(Math.Abs(back - p) <= 1e-10 * Math.Min(p, 1 - p) + 1e-15, $"dof {dof}, p {p}: {back}");
            }

            Assert.Equal(StudentT.TwoSidedPValue(1.7, dof), 2 * StudentT.Cdf(-1.7, dof), 1e-15);
            Assert.Equal(StudentT.TwoSidedPValue(-1.7, dof), StudentT.TwoSidedPValue(1.7, dof));
        }

        Assert.Equal(StandardNormal.TwoSidedPValue(2.0), StudentT.TwoSidedPValue(2.0, 1e6), 1e-6);
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Cdf(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(1.5, 3));
    }
}
