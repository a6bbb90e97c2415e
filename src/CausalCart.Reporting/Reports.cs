using CausalCart.Core.Results;

namespace CausalCart.Reporting;

/// <summary>Renders or writes a result in a format chosen by <see cref="ReportFormat"/>, for callers that take the format as an option.</summary>
public static class Reports
{
    /// <summary>Renders <paramref name="result"/> in <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static string Render(AnalysisResult result, ReportFormat format) => format switch
    {
        ReportFormat.Html => HtmlReport.Render(result),
        ReportFormat.Markdown => MarkdownReport.Render(result),
        ReportFormat.Json => JsonReport.Render(result),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Valid formats: Html, Markdown, Json."),
    };

    /// <summary>Writes <paramref name="result"/> in <paramref name="format"/> to <paramref name="path"/> (UTF-8, replacing any file there).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteFile(AnalysisResult result, ReportFormat format, string path) =>
        ReportFile.Write(path, Render(result, format));

    /// <summary>Renders a result record that has its own HTML and Markdown renderers; JSON is the record itself.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    internal static string Render<T>(T result, ReportFormat format, Func<T, string> html, Func<T, string> markdown)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(result);
        return format switch
        {
            ReportFormat.Html => html(result),
            ReportFormat.Markdown => markdown(result),
            ReportFormat.Json => Core.Serialization.CausalCartJson.Serialize(result) + "\n",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Valid formats: Html, Markdown, Json."),
        };
    }

    /// <summary>
    /// The format a file name asks for by its extension: <c>.html</c>/<c>.htm</c>, <c>.md</c>/<c>.markdown</c>,
    /// <c>.json</c> (case-insensitive). False for any other extension.
    /// </summary>
    public static bool TryGetFormat(string path, out ReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(path);
        (bool found, format) = Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".HTML" or ".HTM" => (true, ReportFormat.Html),
            ".MD" or ".MARKDOWN" => (true, ReportFormat.Markdown),
            ".JSON" => (true, ReportFormat.Json),
            _ => (false, default(ReportFormat)),
        };
        return found;
    }
}
