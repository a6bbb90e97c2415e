using CausalCart.Core.Results;

namespace CausalCart.Pipeline.Analysis;

/// <summary>What the demo produced and where.</summary>
/// <param name="Analysis">The analysis, with the simulator's truth attached.</param>
/// <param name="WorldDirectory">The simulated log files.</param>
/// <param name="StorePath">The event store.</param>
/// <param name="SpecPath">The study spec, ready for <c>causalcart analyze</c>.</param>
/// <param name="HtmlReport">The HTML report.</param>
/// <param name="MarkdownReport">The Markdown report.</param>
/// <param name="JsonResult">The JSON result.</param>
public sealed record DemoResult(
    AnalysisResult Analysis,
    string WorldDirectory,
    string StorePath,
    string SpecPath,
    string HtmlReport,
    string MarkdownReport,
    string JsonResult);
