namespace CausalCart.Reporting;

/// <summary>The files embedded in this assembly at build time (see the project file), read once.</summary>
internal static class EmbeddedAssets
{
    private static readonly Lazy<string> ECharts = new(() => Read("CausalCart.Reporting.Assets.echarts.min.js"));
    private static readonly Lazy<string> Css = new(() => Read("CausalCart.Reporting.Assets.report.css"));
    private static readonly Lazy<string> Script = new(() => Read("CausalCart.Reporting.Assets.report.js"));

    /// <summary>Apache ECharts' minified browser bundle (Apache-2.0), as installed by scripts/install-report-assets.sh.</summary>
    public static string EChartsScript => ECharts.Value;

    /// <summary>The report's style sheet.</summary>
    public static string ReportCss => Css.Value;

    /// <summary>The report's chart code; reads the embedded result JSON and draws the charts.</summary>
    public static string ReportScript => Script.Value;

    private static string Read(string name)
    {
        using Stream stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from {typeof(EmbeddedAssets).Assembly.GetName().Name}; rebuild after running ./scripts/install-report-assets.sh.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
