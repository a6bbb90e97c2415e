using System.Globalization;
using System.Text;
using CausalCart.Causal.DiD;
using CausalCart.Core.Results;
using static CausalCart.Reporting.ReportNumbers;

namespace CausalCart.Reporting;

/// <summary>
/// Reports of a difference-in-differences analysis (<see cref="DidAnalysisResult"/>): a self-contained HTML page with the
/// event-study plot drawn as inline SVG (no script needed), Markdown, or the JSON record. Deterministic.
/// </summary>
public static class DidReport
{
    /// <summary>Renders <paramref name="result"/> in <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static string Render(DidAnalysisResult result, ReportFormat format) => Reports.Render(result, format, Html, Markdown);

    /// <summary>Writes the report to <paramref name="path"/> (UTF-8, replacing any file there).</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFile(DidAnalysisResult result, ReportFormat format, string path) => ReportFile.Write(path, Render(result, format));

    /// <summary>The headline in words.</summary>
    public static string Headline(DidAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        DidPoint o = result.Overall;
        string level = Pct(result.Design.ConfidenceLevel);
        bool clear = o.CiLower > 0 || o.CiUpper < 0;
        return Inv($"After treatment, '{result.Design.Outcome}' changed by {Num(o.Estimate)} on average among treated units compared with what parallel trends predict ({level} CI {Num(o.CiLower)} to {Num(o.CiUpper)})") +
            (clear ? "." : "; the interval includes zero, so the data do not rule out no effect.");
    }

    private static string Markdown(DidAnalysisResult r)
    {
        var md = new StringBuilder(8 * 1024);
        string level = Pct(r.Design.ConfidenceLevel);
        md.Append("# ").Append(MarkdownReport.Md(r.Study)).Append("\n\n**").Append(MarkdownReport.Md(Headline(r))).Append("**\n\n");
        md.Append("## Read this first\n\n");
        if (r.Warnings.Count == 0)
        {
            md.Append("No warnings were raised for this analysis.\n\n");
        }
        else
        {
            foreach (string w in r.Warnings)
            {
                md.Append("- ").Append(MarkdownReport.Md(w)).Append('\n');
            }

            md.Append('\n');
        }

        md.Append("## Design\n\n| | |\n|---|---|\n");
        foreach ((string k, string v) in DesignRows(r.Design))
        {
            md.Append("| ").Append(k).Append(" | ").Append(MarkdownReport.Md(v)).Append(" |\n");
        }

        md.Append("\n## Summary\n\n| Estimator | Estimate | Interval | Std. error |\n|---|---:|---:|---:|\n");
        md.Append("| Callaway & Sant'Anna, simple average | ").Append(Num(r.Overall.Estimate)).Append(" | ").Append(level).Append(" CI ")
            .Append(Num(r.Overall.CiLower)).Append(" to ").Append(Num(r.Overall.CiUpper)).Append(" | ").Append(Num(r.Overall.StdError)).Append(" |\n");
        foreach ((string label, DidPoint p) in Averages(r))
        {
            md.Append("| ").Append(label).Append(" | ").Append(Num(p.Estimate)).Append(" | ").Append(level).Append(" CI ")
                .Append(Num(p.CiLower)).Append(" to ").Append(Num(p.CiUpper)).Append(" | ").Append(Num(p.StdError)).Append(" |\n");
        }

        if (r.TwoWayFixedEffects is { } t)
        {
            md.Append("| Two-way fixed effects (for comparison; biased under staggered timing) | ").Append(Num(t.Estimate)).Append(" | ").Append(level)
                .Append(" CI ").Append(Num(t.CiLower)).Append(" to ").Append(Num(t.CiUpper)).Append(" | ").Append(Num(t.StdError)).Append(" |\n");
        }

        md.Append("\n## Event study\n\n").Append(MarkdownReport.Md(EventStudySentence(r))).Append("\n\n")
            .Append("| Periods since treatment | Estimate | Pointwise interval | Uniform band |\n|---:|---:|---:|---:|\n");
        foreach (DidPoint p in r.EventStudy)
        {
            md.Append(Inv($"| {p.Key} | {Num(p.Estimate)} | {Num(p.CiLower)} to {Num(p.CiUpper)} | {Num(p.BandLower)} to {Num(p.BandUpper)} |\n"));
        }

        md.Append("\n## By cohort\n\n| First treated | Estimate | Interval |\n|---:|---:|---:|\n");
        foreach (DidPoint p in r.ByCohort)
        {
            md.Append(Inv($"| {p.Key} | {Num(p.Estimate)} | {Num(p.CiLower)} to {Num(p.CiUpper)} |\n"));
        }

        md.Append("\n## Group-time effects\n\n| Cohort | Period | Since treatment | ATT(g, t) | Interval | Treated / comparison units |\n|---:|---:|---:|---:|---:|---:|\n");
        foreach (DidGroupTime g in r.GroupTime)
        {
            md.Append(Inv($"| {g.Cohort} | {g.Period} | {g.EventTime} | {Num(g.Estimate)} | {Num(g.CiLower)} to {Num(g.CiUpper)} | {g.Treated:N0} / {g.Control:N0} |\n"));
        }

        md.Append("\n## How this was produced\n\n").Append(MarkdownReport.Md(r.Manifest.Tool)).Append(", seed ").Append(r.Manifest.Seed.ToString(CultureInfo.InvariantCulture))
            .Append(", ").Append(r.Manifest.CreatedAt.ToString("u", CultureInfo.InvariantCulture)).Append(".\n");
        foreach (InputFile f in r.Manifest.Inputs)
        {
            md.Append("- ").Append(MarkdownReport.Md(f.Path)).Append(" (SHA-256 ").Append(f.Sha256).Append(")\n");
        }

        return md.ToString();
    }

    private static string Html(DidAnalysisResult r)
    {
        string E(string? s) => HtmlReport.E(s);
        string level = Pct(r.Design.ConfidenceLevel);
        var html = new StringBuilder(32 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<title>").Append(E(r.Study)).Append(" · CausalCart difference-in-differences</title>\n")
            .Append("<style>\n").Append(EmbeddedAssets.ReportCss).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<header>\n<h1>").Append(E(r.Study)).Append("</h1>\n<p class=\"headline\">").Append(E(Headline(r))).Append("</p>\n</header>\n");
        if (r.Warnings.Count > 0)
        {
            html.Append("<section id=\"warnings\" class=\"warnings\" role=\"alert\">\n<h2>Read this first</h2>\n<ul>\n");
            foreach (string w in r.Warnings)
            {
                html.Append("<li>").Append(E(w)).Append("</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        html.Append("<section id=\"design\">\n<h2>Design</h2>\n<table class=\"kv\">\n");
        foreach ((string k, string v) in DesignRows(r.Design))
        {
            html.Append("<tr><th>").Append(E(k)).Append("</th><td>").Append(E(v)).Append("</td></tr>\n");
        }

        html.Append("</table>\n</section>\n<section id=\"event-study\">\n<h2>Event study</h2>\n<p class=\"lead\">").Append(E(EventStudySentence(r))).Append("</p>\n")
            .Append("<figure class=\"chart\">").Append(EventStudySvgRenderer.Render(Plot(r))).Append("</figure>\n")
            .Append("<table id=\"event-study-table\">\n<thead><tr><th class=\"num\">Periods since treatment</th><th class=\"num\">Estimate</th><th class=\"num\">")
            .Append(E(level)).Append(" interval</th><th class=\"num\">Uniform band</th></tr></thead>\n<tbody>\n");
        foreach (DidPoint p in r.EventStudy)
        {
            html.Append(Inv($"<tr><td class=\"num\">{p.Key}</td><td class=\"num\">{E(Num(p.Estimate))}</td><td class=\"num\">{E(Num(p.CiLower))} to {E(Num(p.CiUpper))}</td><td class=\"num\">{E(Num(p.BandLower))} to {E(Num(p.BandUpper))}</td></tr>\n"));
        }

        html.Append("</tbody>\n</table>\n</section>\n<section id=\"summary\">\n<h2>Summary and comparison</h2>\n<table>\n<thead><tr><th>Estimator</th><th class=\"num\">Estimate</th><th class=\"num\">")
            .Append(E(level)).Append(" interval</th></tr></thead>\n<tbody>\n")
            .Append(Inv($"<tr><td>Callaway &amp; Sant'Anna, simple average</td><td class=\"num\">{E(Num(r.Overall.Estimate))}</td><td class=\"num\">{E(Num(r.Overall.CiLower))} to {E(Num(r.Overall.CiUpper))}</td></tr>\n"));
        foreach ((string label, DidPoint p) in Averages(r))
        {
            html.Append(Inv($"<tr><td>{E(label)}</td><td class=\"num\">{E(Num(p.Estimate))}</td><td class=\"num\">{E(Num(p.CiLower))} to {E(Num(p.CiUpper))}</td></tr>\n"));
        }

        foreach (DidPoint p in r.ByCohort)
        {
            html.Append(Inv($"<tr><td>Cohort first treated in {p.Key}</td><td class=\"num\">{E(Num(p.Estimate))}</td><td class=\"num\">{E(Num(p.CiLower))} to {E(Num(p.CiUpper))}</td></tr>\n"));
        }

        if (r.TwoWayFixedEffects is { } t)
        {
            html.Append(Inv($"<tr class=\"naive\"><td>Two-way fixed effects (comparison only: biased when effects change over time under staggered timing)</td><td class=\"num\">{E(Num(t.Estimate))}</td><td class=\"num\">{E(Num(t.CiLower))} to {E(Num(t.CiUpper))}</td></tr>\n"));
        }

        html.Append("</tbody>\n</table>\n</section>\n<footer id=\"manifest\">\n<h2>How this was produced</h2>\n<p>")
            .Append(E(r.Manifest.Tool)).Append(", seed ").Append(r.Manifest.Seed.ToString(CultureInfo.InvariantCulture)).Append(", ")
            .Append(E(r.Manifest.CreatedAt.ToString("u", CultureInfo.InvariantCulture))).Append("</p>\n<ul>\n");
        foreach (InputFile f in r.Manifest.Inputs)
        {
            html.Append("<li>").Append(E(f.Path)).Append(" <span class=\"muted small\">SHA-256 ").Append(E(f.Sha256)).Append("</span></li>\n");
        }

        html.Append("</ul>\n</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The overall summaries of the event-study and by-cohort aggregations, labelled for a reader.</summary>
    private static (string Label, DidPoint Point)[] Averages(DidAnalysisResult r) =>
    [
        ("Callaway & Sant'Anna, average over periods since treatment (0 and later)", r.EventTimeAverage),
        ("Callaway & Sant'Anna, average over cohorts (weighted by cohort size)", r.CohortAverage),
    ];

    /// <summary>The event-study plot data back from the record (the reference period of a universal base is marked).</summary>
    private static EventStudyPlot Plot(DidAnalysisResult r)
    {
        int? reference = r.Design.BasePeriod == "universal" ? -1 - r.Design.Anticipation : null;
        return new EventStudyPlot(
            [.. r.EventStudy.Select(p => new EventStudyPlotPoint(p.Key, p.Estimate, p.CiLower, p.CiUpper, p.BandLower, p.BandUpper, reference == p.Key))],
            r.Design.ConfidenceLevel,
            r.Design.Anticipation,
            new Dictionary<int, double>(),
            "Effect by periods since treatment");
    }

    private static string EventStudySentence(DidAnalysisResult r)
    {
        string level = Pct(r.Design.ConfidenceLevel);
        string pre = r.PreTrends
            ? "Before treatment at least one point's uniform band excludes zero: the cohorts were already drifting apart, so parallel trends are doubtful."
            : "Before treatment every point's uniform band includes zero, as parallel trends predict.";
        return $"Each point is the average effect so many periods after (or, when negative, before) first treatment, with its {level} pointwise interval " +
            "and a uniform band that covers all points at once. " + pre;
    }

    private static IEnumerable<(string, string)> DesignRows(DidDesign d)
    {
        yield return ("Units × periods", Inv($"{d.Units:N0} units × {d.Periods} periods ('{d.Unit}' by '{d.Time}')"));
        yield return ("Outcome", d.Outcome);
        yield return ("Treatment timing", d.Treatment);
        yield return ("Cohorts (first treated)", d.Cohorts.Count == 0 ? "none" : string.Join(", ", d.Cohorts.Select(c => c.ToString(CultureInfo.InvariantCulture))));
        yield return ("Never treated units", Inv($"{d.NeverTreated:N0}"));
        yield return ("Comparison group", d.ControlGroup.Replace('_', ' '));
        yield return ("Estimation", d.Estimation.Replace('_', ' ') + (d.Covariates.Count > 0 ? " with covariates " + string.Join(", ", d.Covariates) : ", no covariates"));
        yield return ("Base period", d.BasePeriod + Inv($"; anticipation {d.Anticipation} period(s)"));
        yield return ("Uniform bands", Inv($"multiplier bootstrap, {d.BootstrapReplications:N0} draws"));
        if (d.DroppedUnits > 0)
        {
            yield return ("Dropped units", Inv($"{d.DroppedUnits:N0}"));
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
