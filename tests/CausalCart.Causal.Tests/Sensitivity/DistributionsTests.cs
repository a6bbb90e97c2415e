using CausalCart.Causal.Sensitivity;

namespace CausalCart.Causal.Tests.Sensitivity;

public sealed class DistributionsTests
{
    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(1e-10, -6.361340902404056)]
    public void Normal_quantile_matches_reference_values(double p, double z)
    {
        Assert.Equal(z, Distributions.NormalQuantile(p), 9);
        Assert.Equal(p, Distributions.NormalCdf(z), 12);
    }

    [Theory]
    [InlineData(0.975, 1, 12.70620473617471)]
    [InlineData(0.975, 10, 2.228138851986274)]
    [InlineData(0.975, 782, 1.9630022)] // Cornish–Fisher to 1e-7
    [InlineData(0.05, 5, -2.015048372669157)]
    public void Student_t_quantile_matches_reference_values(double p, double dof, double t)
    {
        Assert.Equal(t, Distributions.StudentTQuantile(p, dof), 6);
    }

    [Fact]
    public void Chi_square_and_gamma()
    {
        Assert.Equal(0.05, Distributions.ChiSquareSurvival(3.841458820694124, 1), 10);
        Assert.Equal(0.05, Distributions.ChiSquareSurvival(18.30703805327515, 10), 10);
        Assert.Equal(Math.Log(24), Distributions.LogGamma(5), 12);
        Assert.Equal(0.5 * Math.Log(Math.PI), Distributions.LogGamma(0.5), 12);
    }
}
