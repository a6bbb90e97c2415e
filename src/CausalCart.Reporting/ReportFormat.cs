namespace CausalCart.Reporting;

/// <summary>A report format.</summary>
public enum ReportFormat
{
    /// <summary>One self-contained offline HTML file with charts (<see cref="HtmlReport"/>).</summary>
    Html,

    /// <summary>Markdown text with tables (<see cref="MarkdownReport"/>).</summary>
    Markdown,

    /// <summary>The result record as JSON (<see cref="JsonReport"/>).</summary>
    Json,
}
