using System.Text.RegularExpressions;

namespace CausalCart.Reporting.Tests;

/// <summary>Small readers over rendered reports, for assertions.</summary>
internal static partial class ReportText
{
    /// <summary>
    /// The element with the given tag and id, from its opening tag up to the first closing tag of the same
    /// name (enough here: the report's sections, paragraphs and footer do not nest their own tag).
    /// </summary>
    public static string Section(string html, string tag, string id)
    {
        int idAt = html.IndexOf(" id=\"" + id + "\"", StringComparison.Ordinal);
        Assert.True(idAt >= 0, $"<{tag} id=\"{id}\"> is missing");
        int start = html.LastIndexOf("<" + tag + " ", idAt, StringComparison.Ordinal);
        Assert.True(start >= 0 && html.IndexOf('>', start) > idAt, $"id=\"{id}\" is not on a <{tag}> element");
        int end = html.IndexOf("</" + tag + ">", start, StringComparison.Ordinal);
        Assert.True(end > start, $"<{tag} id=\"{id}\"> is not closed");
        return html[start..end];
    }

    /// <summary>The embedded result JSON, exactly as it sits in the page.</summary>
    public static string EmbeddedJson(string html)
    {
        Match m = EmbeddedJsonPattern().Match(html);
        Assert.True(m.Success, "the result JSON script element is missing");
        return m.Groups["json"].Value;
    }

    /// <summary>
    /// The page with the bodies of its inline scripts blanked, so assertions about markup do not trip over
    /// strings inside ECharts' code (which builds, for instance, an &lt;img&gt; for its save-as-image tool).
    /// </summary>
    public static string WithoutScriptBodies(string html) =>
        ScriptBody().Replace(html, m => m.Groups["open"].Value + "</script>");

    [GeneratedRegex("(?<open><script[^>]*>).*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptBody();

    [GeneratedRegex("<script type=\"application/json\" id=\"causalcart-result\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex EmbeddedJsonPattern();
}
