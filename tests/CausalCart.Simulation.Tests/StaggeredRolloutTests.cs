using CausalCart.Simulation.Staggered;

namespace CausalCart.Simulation.Tests;

public class StaggeredRolloutTests
{
    private static readonly StaggeredRolloutOptions Small = new() { Units = 300, Weeks = 12, Seed = 5 };

    [Fact]
    public void Same_seed_gives_the_same_world_and_another_seed_a_different_one()
    {
        StaggeredRolloutWorld a = StaggeredRolloutSimulator.Simulate(Small);
        StaggeredRolloutWorld b = StaggeredRolloutSimulator.Simulate(Small);
        StaggeredRolloutWorld c = StaggeredRolloutSimulator.Simulate(Small with { Seed = 6 });
        Assert.Equal(a.Spend, b.Spend);
        Assert.Equal(a.FirstTreated, b.FirstTreated);
        Assert.NotEqual(a.Spend, c.Spend);
    }

    [Fact]
    public void Panel_is_balanced_with_a_never_treated_cohort_and_a_constant_first_week_per_unit()
    {
        StaggeredRolloutWorld w = StaggeredRolloutSimulator.Simulate(Small);
        Assert.Equal(300 * 12, w.Unit.Count);
        var byUnit = Enumerable.Range(0, w.Unit.Count).GroupBy(r => w.Unit[r]).ToList();
        Assert.Equal(300, byUnit.Count);
        Assert.All(byUnit, rows =>
        {
            Assert.Equal(Enumerable.Range(1, 12), rows.Select(r => w.Week[r]));
            Assert.Single(rows.Select(r => w.FirstTreated[r]).Distinct());
        });
        int[] groups = [.. byUnit.Select(rows => w.FirstTreated[rows.First()])];
        Assert.Contains(0, groups);
        Assert.Equal([0, 4, 7, 10], groups.Distinct().Order());
    }

    [Fact]
    public void Without_noise_spend_minus_the_untreated_path_is_exactly_the_cell_truth()
    {
        var options = Small with { UnitSd = 0, NoiseSd = 0, CohortLevelGap = 0 };
        StaggeredRolloutWorld w = StaggeredRolloutSimulator.Simulate(options);
        var truth = w.CellTruth.ToDictionary(c => (c.FirstWeek, c.Week), c => c.Att);
        for (int r = 0; r < w.Unit.Count; r++)
        {
            double untreated = options.BaseSpend + (options.WeeklyTrend * w.Week[r]);
            int g = w.FirstTreated[r];
            double expected = g > 0 && w.Week[r] >= g ? truth[(g, w.Week[r])] : 0;
            Assert.Equal(expected, w.Spend[r] - untreated, 1e-9);
        }

        // τ(4, 2) = 1.0 + 0.5·2; the effect grows with time since adoption and differs by cohort.
        Assert.Equal(2.0, truth[(4, 6)], 12);
        Assert.Equal(0.8 + (0.3 * 2), truth[(7, 9)], 12);
    }

    [Fact]
    public void Event_study_truth_weights_cohorts_by_size_and_is_zero_before_adoption()
    {
        StaggeredRolloutWorld w = StaggeredRolloutSimulator.Simulate(Small);
        IReadOnlyDictionary<int, double> es = w.EventStudyTruth();
        Assert.Equal(0, es[-1]);
        Assert.Equal(0, es[-9]);
        int n4 = w.CellTruth.First(c => c.FirstWeek == 4).Units, n7 = w.CellTruth.First(c => c.FirstWeek == 7).Units, n10 = w.CellTruth.First(c => c.FirstWeek == 10).Units;
        Assert.Equal(((n4 * 1.0) + (n7 * 0.8) + (n10 * 0.5)) / (n4 + n7 + n10), es[0], 12);
        Assert.Equal(1.0 + (0.5 * 8), es[8], 12); // only cohort 4 is seen 8 weeks after adoption
        Assert.False(es.ContainsKey(9));
        Assert.True(w.SimpleTruth() > 0);
    }

    [Fact]
    public void Csv_files_have_headers_and_one_row_per_unit_week_and_cell()
    {
        StaggeredRolloutWorld w = StaggeredRolloutSimulator.Simulate(Small with { Units = 20 });
        string dir = Path.Combine(Path.GetTempPath(), "cc-staggered-" + Guid.NewGuid().ToString("N"));
        try
        {
            w.WriteCsv(dir);
            string[] panel = File.ReadAllLines(Path.Combine(dir, "panel.csv"));
            string[] truth = File.ReadAllLines(Path.Combine(dir, "truth_did.csv"));
            Assert.Equal("unit,week,spend,first_treated", panel[0]);
            Assert.Equal(1 + (20 * 12), panel.Length);
            Assert.Equal("first_week,event_time,week,att,units", truth[0]);
            Assert.Equal(1 + w.CellTruth.Count, truth.Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(1, "outside 2")]
    [InlineData(13, "outside 2")]
    public void Cohort_outside_the_panel_is_refused_naming_the_week(int firstWeek, string message)
    {
        var options = Small with { Cohorts = [new RolloutCohort(firstWeek, 0.3, 1, 0)] };
        var ex = Assert.Throws<ArgumentException>(() => StaggeredRolloutSimulator.Simulate(options));
        Assert.Contains(message, ex.Message);
        Assert.Contains(firstWeek.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void Shares_leaving_no_never_treated_units_are_refused()
    {
        var options = Small with { Cohorts = [new RolloutCohort(3, 0.6, 1, 0), new RolloutCohort(5, 0.4, 1, 0)] };
        var ex = Assert.Throws<ArgumentException>(() => StaggeredRolloutSimulator.Simulate(options));
        Assert.Contains("never-treated", ex.Message);
    }
}
