using CausalCart.Causal.DiD;
using CausalCart.Numerics;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.DiD;

/// <summary>
/// Covariate-conditional parallel trends (Callaway &amp; Sant'Anna 2021, Assumption 4; Sant'Anna &amp; Zhao 2020) on a world
/// where the untreated trend depends on a unit's region and a continuous covariate z, and adoption does too: unconditional
/// CS is biased, conditional CS (outcome regression, IPW, doubly robust) is not. Like the minimum-wage panel, treated units
/// live in only some regions, so the region dummies separate the logit (<see cref="PropensitySupport"/>).
/// </summary>
public class ConditionalParallelTrendsTests(ITestOutputHelper output)
{
    private const double Effect = 1.0;

    /// <summary>
    /// Units in regions 0, 1, 2; periods 1–4; cohort g = 3 or never. Untreated change from period b to t:
    /// (t − b)·(0.3 − 0.4·region + 0.5·z), so trends differ by region and z. P(treated) = sigmoid(−0.5 + 1.5 z) in regions 0
    /// and 1 (a logit, so IPW is correctly specified too), 0 in region 2. Covariates (constant over time): region1, region2 dummies and z.
    /// </summary>
    private static DidColumnsWorld World(ulong seed, int units)
    {
        var rng = new SeededRandom(seed);
        var w = new DidColumnsWorld();
        for (int i = 0; i < units; i++)
        {
            int region = rng.NextInt(3);
            double z = rng.NextNormal();
            bool treated = region < 2 && rng.NextDouble() < 1 / (1 + Math.Exp(0.5 - (1.5 * z)));
            double alpha = rng.NextNormal() + z;
            for (int t = 1; t <= 4; t++)
            {
                double trend = t * (0.3 - (0.4 * region) + (0.5 * z));
                double tau = treated && t >= 3 ? Effect : 0;
                w.Add(i, t, alpha + trend + tau + (0.3 * rng.NextNormal()), treated ? 3 : 0, region, z);
            }
        }

        return w;
    }

    private static CallawaySantAnnaResult Fit(DidPanel panel, DidEstimation estimation) =>
        new CallawaySantAnna(new CallawaySantAnnaOptions
        {
            Estimation = estimation,
            BasePeriod = DidBasePeriod.Universal,
            BootstrapReplications = 0,
        }).Fit(panel);

    [Fact]
    public void Unconditional_cs_is_biased_and_each_covariate_adjusted_estimator_recovers_the_effect()
    {
        var world = World(11, 4000);
        double unconditional = Fit(world.Panel(withCovariates: false), DidEstimation.OutcomeRegression).Effect(3, 4).Att;
        output.WriteLine($"unconditional ATT(3,4) = {unconditional:F4} (truth {Effect})");
        Assert.True(unconditional - Effect > 0.3, $"unconditional {unconditional} should be biased upwards (treated units have high z and low region codes, hence steep trends)");

        DidPanel panel = world.Panel(withCovariates: true);
        foreach (DidEstimation method in Enum.GetValues<DidEstimation>())
        {
            CallawaySantAnnaResult fit = Fit(panel, method);
            foreach (int t in new[] { 3, 4 })
            {
                GroupTimeEffect e = fit.Effect(3, t);
                output.WriteLine($"{method} ATT(3,{t}) = {e.Att:F4} (SE {e.StdError:F4})");
                Assert.True(Math.Abs(e.Att - Effect) < 3 * e.StdError, $"{method} ATT(3,{t}) = {e.Att} (SE {e.StdError}), truth {Effect}");
                Assert.True(e.StdError < 0.1, $"{method} SE {e.StdError} implausibly large");
            }

            // Pre-period placebo (1 against base 2) is zero under conditional parallel trends.
            GroupTimeEffect pre = fit.Effect(3, 1);
            Assert.True(Math.Abs(pre.Att) < 3 * pre.StdError, $"{method} placebo ATT(3,1) = {pre.Att} (SE {pre.StdError})");
            if (method != DidEstimation.OutcomeRegression)
            {
                Assert.Contains(fit.Warnings, w => w.Contains("propensity 0", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Ipw_with_a_separating_region_dummy_equals_ipw_on_the_regions_that_hold_treated_units()
    {
        // The limit of the logit puts p = 0 on region 2, so normalised IPW ignores those units exactly: dropping them (and the
        // then constant region-2 dummy) must give the same ATT and standard error.
        var world = World(12, 1500);
        CallawaySantAnnaResult all = Fit(world.Panel(withCovariates: true), DidEstimation.Ipw);
        CallawaySantAnnaResult without = Fit(world.Panel(withCovariates: true, dropRegion2: true), DidEstimation.Ipw);
        foreach (int t in new[] { 1, 3, 4 })
        {
            GroupTimeEffect a = all.Effect(3, t), b = without.Effect(3, t);
            output.WriteLine($"ATT(3,{t}): all regions {a.Att:F6} ({a.StdError:F6}), regions 0-1 {b.Att:F6} ({b.StdError:F6}); controls {a.NControl} vs {b.NControl}");
            Assert.True(a.NControl > b.NControl);
            Assert.Equal(b.Att, a.Att, 1e-9);
            Assert.Equal(b.StdError, a.StdError, 1e-9);
        }

        Assert.DoesNotContain(without.Warnings, w => w.Contains("propensity 0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_region_dummy_level_holding_only_treated_units_is_still_refused_as_no_overlap()
    {
        // Flip the roles: region 2 units all treated, so treated units there have no comparison. That is not fixable by
        // dropping comparison units, so the logit's separation error stands (outcome regression already fails earlier: no
        // comparison unit has region2 = 1, so its design is singular).
        var world = World(13, 800).WithRegion2Treated();
        var e = Assert.Throws<InvalidOperationException>(() => Fit(world.Panel(withCovariates: true), DidEstimation.Ipw));
        Assert.Contains("separate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimates_do_not_depend_on_the_units_of_the_covariates()
    {
        // z in units 10⁴ times smaller (a population in persons instead of tens of thousands) and its square (~10⁸) beside
        // 0/1 region dummies: the same model, so the same estimates; the covariate matrices must not be refused as singular
        // because their diagonals span fifteen orders of magnitude.
        var world = World(14, 1500);
        foreach (DidEstimation method in Enum.GetValues<DidEstimation>())
        {
            CallawaySantAnnaResult unit = Fit(world.Panel(withCovariates: true, zScale: 1, withSquare: true), method);
            CallawaySantAnnaResult scaled = Fit(world.Panel(withCovariates: true, zScale: 1e4, withSquare: true), method);
            foreach (int t in new[] { 1, 3, 4 })
            {
                GroupTimeEffect a = unit.Effect(3, t), b = scaled.Effect(3, t);
                output.WriteLine($"{method} ATT(3,{t}): z in units {a.Att:F8} ({a.StdError:F8}), z × 10⁴ {b.Att:F8} ({b.StdError:F8})");
                Assert.Equal(a.Att, b.Att, 1e-7);
                Assert.Equal(a.StdError, b.StdError, 1e-7);
            }
        }
    }

    /// <summary>Long-format rows of the synthetic world.</summary>
    private sealed class DidColumnsWorld
    {
        private readonly List<(long Unit, int Period, double Y, int G, int Region, double Z)> _rows = [];

        public void Add(long unit, int period, double y, int g, int region, double z) => _rows.Add((unit, period, y, g, region, z));

        public DidColumnsWorld WithRegion2Treated()
        {
            var w = new DidColumnsWorld();
            foreach (var r in _rows)
            {
                w._rows.Add(r.Region == 2 ? r with { G = 3 } : r);
            }

            return w;
        }

        public DidPanel Panel(bool withCovariates, bool dropRegion2 = false, double zScale = 1, bool withSquare = false)
        {
            var rows = _rows.Where(r => !dropRegion2 || r.Region != 2).ToList();
            var covariates = new List<DidCovariate>();
            if (withCovariates)
            {
                covariates.Add(new DidCovariate("region1", [.. rows.Select(r => r.Region == 1 ? 1.0 : 0.0)]));
                if (!dropRegion2)
                {
                    covariates.Add(new DidCovariate("region2", [.. rows.Select(r => r.Region == 2 ? 1.0 : 0.0)]));
                }

                covariates.Add(new DidCovariate("z", [.. rows.Select(r => r.Z * zScale)]));
                if (withSquare)
                {
                    covariates.Add(new DidCovariate("z2", [.. rows.Select(r => r.Z * zScale * r.Z * zScale)]));
                }
            }

            return DidPanel.Create(new DidPanelColumns(
                [.. rows.Select(r => r.Unit)], [.. rows.Select(r => r.Period)], [.. rows.Select(r => r.Y)], [.. rows.Select(r => r.G)],
                covariates.Count == 0 ? null : covariates));
        }
    }
}
