using CausalCart.Causal.DiD;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.DiD;

/// <summary>
/// County teen employment and staggered state minimum-wage increases (Callaway &amp; Sant'Anna 2021; the 2001–2007 panel in
/// shared/data/did_minwage). The sample is the one used in the Mendez (2026) walk-through of the paper (the CausalAIBook
/// notebook on this file uses another, see <see cref="MinimumWageNotebookSharedDataTests"/>): years 2001–2006, cohorts
/// 2004 and 2006 plus never-treated counties, census region 1 (Northeast) dropped, giving 102, 226 and 1,417 counties.
/// Reference values are unconditional ATT(g, t) with a universal base period g − 1, computed independently from plain
/// group means in pandas (the script is in bench/causal/did/minwage_reference.py).
/// </summary>
public class MinimumWageSharedDataTests(ITestOutputHelper output)
{
    // (group, period, ATT) from bench/causal/did/minwage_reference.py, 6 decimals.
    private static readonly (int G, int T, double Att)[] Reference =
    [
        (2004, 2001, -0.026400), (2004, 2002, -0.014165), (2004, 2004, -0.032667), (2004, 2005, -0.068280), (2004, 2006, -0.123354),
        (2006, 2001, -0.047308), (2006, 2002, -0.080998), (2006, 2003, -0.034089), (2006, 2004, -0.016700), (2006, 2006, -0.019393),
    ];

    private static DidPanel LoadPanel()
    {
        var data = MinimumWageData.Load();
        return data.Panel(
            r => data.Region[r] != 1 && data.Year[r] <= 2006 && data.FirstTreated[r] is 0 or 2004 or 2006,
            r => data.FirstTreated[r]);
    }

    [Fact]
    public void Unconditional_group_time_effects_match_the_plain_group_means_reference_and_the_simple_att_is_about_minus_five_percent()
    {
        DidPanel panel = LoadPanel();
        Assert.Equal(1417 + 102 + 226, panel.UnitCount);
        Assert.Equal(6, panel.PeriodCount);

        var options = new CallawaySantAnnaOptions
        {
            ControlGroup = DidControlGroup.NeverTreated,
            Estimation = DidEstimation.OutcomeRegression,
            BasePeriod = DidBasePeriod.Universal,
            BootstrapReplications = 999,
            Seed = 7,
        };
        CallawaySantAnnaResult fit = new CallawaySantAnna(options).Fit(panel);
        foreach (var (grp, t, att) in Reference)
        {
            GroupTimeEffect e = fit.Effect(grp, t);
            output.WriteLine($"ATT({grp},{t}) = {e.Att:F4} (SE {e.StdError:F4}, band [{e.BandLower:F4}, {e.BandUpper:F4}]); reference {att:F4}");
            Assert.True(Math.Abs(e.Att - att) < 5e-6, $"ATT({grp},{t}) = {e.Att}, reference {att}");
        }

        DidAggregate simple = fit.Aggregate(DidAggregation.Simple);
        DidAggregate dynamic = fit.Aggregate(DidAggregation.Dynamic);
        DidAggregate group = fit.Aggregate(DidAggregation.Group);
        TwoWayFixedEffectsResult twfe = TwoWayFixedEffects.FitStatic(panel);
        output.WriteLine($"simple {simple.Overall}; dynamic {dynamic.Overall}; group {group.Overall}; TWFE {twfe.Static}");
        foreach (DidAggregatePoint p in dynamic.Points)
        {
            output.WriteLine($"  e = {p}");
        }

        // Post-treatment cells weighted by cohort size: (102·(a04,04 + a04,05 + a04,06) + 226·a06,06) / (3·102 + 226).
        double simpleReference = ((102 * (-0.032667 - 0.068280 - 0.123354)) + (226 * -0.019393)) / ((3 * 102) + 226);
        Assert.True(Math.Abs(simple.Overall.Estimate - simpleReference) < 1e-5, $"simple ATT {simple.Overall.Estimate}, reference {simpleReference}");
        Assert.True(simple.Overall.CiUpper < 0, $"simple ATT interval {simple.Overall} should exclude 0 (a reduction in teen employment)");

        // Static TWFE on the same panel, from the two-way within transformation in the reference script.
        Assert.NotNull(twfe.Static);
        Assert.True(Math.Abs(twfe.Static!.Estimate - -0.020075) < 5e-6, $"TWFE {twfe.Static}, reference -0.020075");
    }
}
