using System.Xml.Linq;
using CausalCart.Causal.DiD;
using CausalCart.Numerics;

namespace CausalCart.Causal.Tests.DiD;

public class EventStudyPlotTests
{
    // 300 units, periods 1..6, cohorts 3 and 5 and never-treated; effect 0.5·(e + 1) from onset, unit and period effects.
    private static DidPanel Panel(ulong seed)
    {
        var rng = new SeededRandom(seed);
        var unit = new List<long>();
        var period = new List<int>();
        var y = new List<double>();
        var g = new List<int>();
        for (int i = 0; i < 300; i++)
        {
            int gi = (i % 3) switch { 0 => 0, 1 => 3, _ => 5 };
            double alpha = rng.NextNormal();
            for (int t = 1; t <= 6; t++)
            {
                double effect = gi > 0 && t >= gi ? 0.5 * (t - gi + 1) : 0;
                unit.Add(i);
                period.Add(t);
                y.Add(alpha + (0.3 * t) + effect + (0.2 * rng.NextNormal()));
                g.Add(gi);
            }
        }

        return DidPanel.Create(new DidPanelColumns(unit, period, y, g));
    }

    private static CallawaySantAnnaResult Fit(DidBasePeriod basePeriod) =>
        new CallawaySantAnna(new CallawaySantAnnaOptions { BasePeriod = basePeriod, BootstrapReplications = 200, Seed = 3 }).Fit(Panel(11));

    [Fact]
    public void Universal_base_marks_minus_one_as_the_reference_and_points_follow_the_dynamic_aggregation()
    {
        CallawaySantAnnaResult fit = Fit(DidBasePeriod.Universal);
        EventStudyPlot plot = EventStudyPlot.FromResult(fit);
        DidAggregate dynamic = fit.Aggregate(DidAggregation.Dynamic);

        Assert.Equal(dynamic.Points.Select(p => p.Key).Order(), plot.Points.Select(p => p.EventTime));
        EventStudyPlotPoint reference = Assert.Single(plot.Points, p => p.IsReference);
        Assert.Equal(-1, reference.EventTime);
        Assert.Equal(0, reference.Estimate);
        foreach (EventStudyPlotPoint p in plot.Points.Where(p => !p.IsReference))
        {
            DidAggregatePoint a = dynamic.Points.Single(q => q.Key == p.EventTime);
            Assert.Equal(a.Estimate, p.Estimate);
            Assert.True(p.BandLower <= p.CiLower && p.CiUpper <= p.BandUpper, $"e = {p.EventTime}: band [{p.BandLower}, {p.BandUpper}] narrower than interval [{p.CiLower}, {p.CiUpper}]");
        }

        // Post-treatment estimates near the truth 0.5·(e + 1).
        foreach (EventStudyPlotPoint p in plot.Points.Where(p => p.EventTime >= 0))
        {
            Assert.True(Math.Abs(p.Estimate - (0.5 * (p.EventTime + 1))) < 0.15, $"e = {p.EventTime}: {p.Estimate}");
        }
    }

    [Fact]
    public void Varying_base_has_no_reference_point()
    {
        EventStudyPlot plot = EventStudyPlot.FromResult(Fit(DidBasePeriod.Varying));
        Assert.DoesNotContain(plot.Points, p => p.IsReference);
        Assert.Contains(plot.Points, p => p.EventTime < 0);
    }

    [Fact]
    public void Svg_is_well_formed_deterministic_escapes_the_title_and_draws_one_marker_per_point_and_truth()
    {
        CallawaySantAnnaResult fit = Fit(DidBasePeriod.Universal);
        var truth = Enumerable.Range(0, 4).ToDictionary(e => e, e => 0.5 * (e + 1));
        EventStudyPlot plot = EventStudyPlot.FromResult(fit, truth: truth, title: "Spend <per> week & cohort");
        string svg = EventStudySvgRenderer.Render(plot);

        Assert.Equal(svg, EventStudySvgRenderer.Render(EventStudyPlot.FromResult(Fit(DidBasePeriod.Universal), truth: truth, title: "Spend <per> week & cohort")));
        XElement root = XElement.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(plot.Points.Count, root.Descendants(ns + "circle").Count());
        Assert.Equal(truth.Count(kv => plot.Points.Any(p => p.EventTime == kv.Key)), root.Descendants(ns + "path").Count());
        Assert.Contains(root.Descendants(ns + "text"), t => t.Value == "Spend <per> week & cohort");
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Empty_plot_renders_a_note_and_nan_points_are_refused_naming_the_event_time()
    {
        var empty = new EventStudyPlot([], 0.95, 0, new Dictionary<int, double>(), "t");
        Assert.Contains("no event times", EventStudySvgRenderer.Render(empty));

        var bad = new EventStudyPlot([new EventStudyPlotPoint(2, double.NaN, 0, 1, 0, 1, false)], 0.95, 0, new Dictionary<int, double>(), "t");
        var ex = Assert.Throws<ArgumentException>(() => EventStudySvgRenderer.Render(bad));
        Assert.Contains("Event time 2", ex.Message);
    }
}
