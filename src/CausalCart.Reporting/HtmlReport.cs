using System.Globalization;
using System.Text;
using CausalCart.Core.Results;
using CausalCart.Core.Serialization;

namespace CausalCart.Reporting;

/// <summary>
/// Renders an <see cref="AnalysisResult"/> as one self-contained HTML file a merchant can open offline:
/// headline, warnings, study design, association beside the causal estimates, the estimates chart, the
/// overlap and balance plots, the refutation table and the run manifest.
/// </summary>
/// <remarks>
/// Implementation note: the file makes no external request. CSS, Apache ECharts (embedded in this assembly
/// at build time) and the chart code are inlined, a Content-Security-Policy forbids any fetch, and the charts
/// are drawn in the browser from the result JSON embedded in <c>&lt;script type="application/json"
/// id="causalcart-result"&gt;</c> (the same text as <see cref="JsonReport.Render"/>, with <c>&lt;</c>,
/// <c>&gt;</c> and <c>&amp;</c> written as <c>\u003c</c>, <c>\u003e</c>, <c>\u0026</c> so no string can
/// close the script element). Charts use the SVG renderer; their containers are <c>chart-estimates</c>,
/// <c>chart-overlap</c> and <c>chart-balance</c>, and each gets <c>data-rendered="true"</c> when ECharts
/// has finished drawing it (or <c>data-render-error</c> with the message if drawing failed). Every string
/// taken from the result is HTML-escaped.
/// </remarks>
public static partial class HtmlReport
{
    /// <summary>The id of the script element holding the result JSON.</summary>
    public const string ResultElementId = "causalcart-result";

    private static readonly System.Buffers.SearchValues<char> MarkupCharacters = System.Buffers.SearchValues.Create("&<>\"'");

    /// <summary>Renders the report. Deterministic: the same result gives the same text.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string Render(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder(EmbeddedAssets.EChartsScript.Length + 64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"generator\" content=\"").Append(E(result.Manifest.Tool)).Append("\">\n")
            .Append("<title>").Append(E(result.Study)).Append(" · CausalCart report</title>\n")
            .Append("<style>\n").Append(EmbeddedAssets.ReportCss).Append("</style>\n</head>\n<body>\n<main>\n");

        AppendHeader(html, result);
        AppendWarnings(html, result);
        AppendDesign(html, result);
        AppendGraph(html, result);
        AppendAssociation(html, result);
        AppendEstimates(html, result);
        AppendInstrumentalVariables(html, result);
        AppendWhoResponds(html, result);
        AppendOverlap(html, result);
        AppendBalance(html, result);
        AppendRefutations(html, result);
        AppendManifest(html, result);

        html.Append("</main>\n")
            .Append("<script type=\"application/json\" id=\"").Append(ResultElementId).Append("\">\n")
            .Append(JsonForScript(CausalCartJson.Serialize(result)))
            .Append("\n</script>\n<script>\n").Append(EmbeddedAssets.EChartsScript)
            .Append("\n</script>\n<script>\n").Append(EmbeddedAssets.ReportScript)
            .Append("\n</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes <see cref="Render"/>'s text to <paramref name="path"/> as UTF-8 (no BOM), replacing any file there.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFile(AnalysisResult result, string path) => ReportFile.Write(path, Render(result));

    /// <summary>
    /// Makes JSON safe inside a script element. In JSON these characters occur only inside strings,
    /// where the \u escapes mean the same characters, so <c>JSON.parse</c> returns the same value.
    /// </summary>
    internal static string JsonForScript(string json) => json
        .Replace("<", "\\u003c", StringComparison.Ordinal)
        .Replace(">", "\\u003e", StringComparison.Ordinal)
        .Replace("&", "\\u0026", StringComparison.Ordinal)
        .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
        .Replace("\u2029", "\\u2029", StringComparison.Ordinal);

    /// <summary>
    /// HTML-escapes text for element content and quoted attribute values: the five characters with a
    /// meaning in markup become entities; everything else stays as UTF-8 text (the page declares UTF-8).
    /// </summary>
    internal static string E(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.AsSpan().IndexOfAny(MarkupCharacters) < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '"' => sb.Append("&quot;"),
                '\'' => sb.Append("&#39;"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
