using System.Globalization;
using System.Text;
using CausalCart.Core.Results;
using static CausalCart.Reporting.ReportNumbers;

namespace CausalCart.Reporting;

/// <summary>Reports of an instrumental-variable analysis (<see cref="IvAnalysisResult"/>): HTML, Markdown or JSON. Deterministic.</summary>
public static class IvReport
{
    /// <summary>Renders <paramref name="result"/> in <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static string Render(IvAnalysisResult result, ReportFormat format) => Reports.Render(result, format, Html, Markdown);

    /// <summary>Writes the report to <paramref name="path"/> (UTF-8, replacing any file there).</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFile(IvAnalysisResult result, ReportFormat format, string path) => ReportFile.Write(path, Render(result, format));

    /// <summary>The headline: the first method's estimate beside the association.</summary>
    public static string Headline(IvAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        IvDesign d = result.Design;
        if (result.Estimates.Count == 0)
        {
            return $"No instrumental-variable estimate was computed for '{d.Treatment}' on '{d.Outcome}'.";
        }

        IvEstimate e = result.Estimates[0];
        return Inv($"Using '{d.Instrument}' as an instrument, one unit of '{d.Treatment}' changes '{d.Outcome}' by {Num(e.Estimate)} ") +
            Inv($"({Pct(d.ConfidenceLevel)} CI {Num(e.CiLower)} to {Num(e.CiUpper)}, {Label(e.Method)}); the plain association is {Num(result.Association.Estimate)}.");
    }

    private static string Markdown(IvAnalysisResult r)
    {
        var md = new StringBuilder(4 * 1024);
        md.Append("# ").Append(MarkdownReport.Md(r.Study)).Append("\n\n**").Append(MarkdownReport.Md(Headline(r))).Append("**\n\n## Read this first\n\n");
        foreach (string w in r.Warnings.DefaultIfEmpty("No warnings were raised for this analysis."))
        {
            md.Append("- ").Append(MarkdownReport.Md(w)).Append('\n');
        }

        md.Append("\n## Design\n\n| | |\n|---|---|\n");
        foreach ((string k, string v) in DesignRows(r.Design))
        {
            md.Append("| ").Append(k).Append(" | ").Append(MarkdownReport.Md(v)).Append(" |\n");
        }

        md.Append("\n## Estimates\n\n");
        AppendMarkdownEstimates(md, r);
        return md.ToString();
    }

    private static string Html(IvAnalysisResult r)
    {
        string E(string? s) => HtmlReport.E(s);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<title>").Append(E(r.Study)).Append(" · CausalCart instrumental variables</title>\n")
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

        html.Append("</table>\n</section>\n<section id=\"estimates\">\n<h2>Estimates</h2>\n");
        AppendHtmlEstimates(html, r);
        html.Append("</section>\n<footer id=\"manifest\">\n<h2>How this was produced</h2>\n<p>").Append(E(r.Manifest.Tool)).Append(", seed ")
            .Append(r.Manifest.Seed.ToString(CultureInfo.InvariantCulture)).Append("</p>\n</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The estimates table, the association first, then each method's notes (Markdown).</summary>
    internal static void AppendMarkdownEstimates(StringBuilder md, IvAnalysisResult r)
    {
        md.Append("| Method | Estimates | Estimate | Interval | Std. error | First-stage F | Complier share |\n|---|---|---:|---:|---:|---:|---:|\n");
        foreach (IvEstimate e in r.Estimates.Prepend(r.Association))
        {
            md.Append("| ").Append(Label(e.Method)).Append(" | ").Append(MarkdownReport.Md(e.Target)).Append(" | ").Append(Num(e.Estimate)).Append(" | ")
                .Append(Pct(r.Design.ConfidenceLevel)).Append(" CI ").Append(Num(e.CiLower)).Append(" to ").Append(Num(e.CiUpper)).Append(" | ")
                .Append(Num(e.StdError)).Append(" | ").Append(e.FirstStageF is { } f ? MerchantWording.Number(f, 1) : "—").Append(" | ")
                .Append(e.ComplierShare is { } c ? MerchantWording.Percent(c) : "—").Append(" |\n");
        }

        md.Append('\n');
        foreach (IvEstimate e in r.Estimates.Where(e => e.Notes.Count > 0))
        {
            md.Append("**").Append(Label(e.Method)).Append(":** ").AppendJoin(" ", e.Notes.Select(MarkdownReport.Md)).Append("\n\n");
        }
    }

    /// <summary>The estimates table (HTML), the association first with each method's notes in its last cell.</summary>
    internal static void AppendHtmlEstimates(StringBuilder html, IvAnalysisResult r)
    {
        string E(string? s) => HtmlReport.E(s);
        html.Append("<table id=\"iv-estimates\">\n<thead><tr><th>Method</th><th>Estimates</th>")
            .Append("<th class=\"num\">Estimate</th><th class=\"num\">Interval</th><th class=\"num\">Std. error</th><th class=\"num\">First-stage F</th><th class=\"num\">Complier share</th><th>Notes</th></tr></thead>\n<tbody>\n");
        foreach (IvEstimate e in r.Estimates.Prepend(r.Association))
        {
            html.Append(e.Method == "ols" ? "<tr class=\"naive\">" : "<tr>").Append("<td>").Append(E(Label(e.Method))).Append("</td><td>").Append(E(e.Target))
                .Append("</td><td class=\"num\">").Append(E(Num(e.Estimate))).Append("</td><td class=\"num\">").Append(E(Num(e.CiLower))).Append(" to ").Append(E(Num(e.CiUpper)))
                .Append("</td><td class=\"num\">").Append(E(Num(e.StdError))).Append("</td><td class=\"num\">").Append(e.FirstStageF is { } f ? E(MerchantWording.Number(f, 1)) : "—")
                .Append("</td><td class=\"num\">").Append(e.ComplierShare is { } c ? E(MerchantWording.Percent(c)) : "—").Append("</td><td class=\"details\">");
            foreach (string note in e.Notes)
            {
                html.Append("<div class=\"muted small\">").Append(E(note)).Append("</div>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>The sentence a study report's instrumental-variable section opens with (and its headline when no adjusted
    /// estimate ran): the first method's estimate beside the association, with the design's words.</summary>
    internal static string StudySentence(IvAnalysisResult result)
    {
        IvDesign d = result.Design;
        if (result.Estimates.Count == 0)
        {
            return $"No instrumental-variable estimate was computed for {d.Treatment}.";
        }

        IvEstimate e = result.Estimates[0];
        return Inv($"Using {d.Instrument} as an instrument, {d.Treatment} changed {d.Outcome} by {Num(e.Estimate)} ")
            + Inv($"({Pct(d.ConfidenceLevel)} CI {Num(e.CiLower)} to {Num(e.CiUpper)}, {Label(e.Method)}, {e.Target}); ")
            + Inv($"the plain association holding the controls fixed is {Num(result.Association.Estimate)}.");
    }

    internal static IEnumerable<(string, string)> DesignRows(IvDesign d)
    {
        yield return ("Treatment", d.Treatment + (d.TreatmentIsBinary ? " (0/1)" : " (continuous)"));
        yield return ("Outcome", d.Outcome);
        yield return ("Instrument", d.Instrument + (d.InstrumentIsBinary ? " (0/1)" : " (continuous)"));
        yield return ("Controls", d.Controls.Count == 0 ? "none" : string.Join(", ", d.Controls));
        yield return ("Units", Inv($"{d.Units:N0}") + (d.RowsDropped > 0 ? Inv($" ({d.RowsDropped:N0} rows dropped for a missing outcome, treatment or instrument)") : string.Empty));
        yield return ("Double-ML nuisance models", d.Nuisance);
    }

    private static string Label(string method) => method switch
    {
        "ols" => "Least squares (association)",
        "2sls" => "Two-stage least squares",
        "wald" => "Wald ratio (LATE)",
        "pliv" => "Double ML, partially linear IV",
        "dr_late" => "Doubly robust LATE",
        _ => method,
    };

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
