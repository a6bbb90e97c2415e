namespace CausalCart.Reporting.Tests;

public sealed class ReportsTests
{
    [Theory]
    [InlineData("out/report.html", true, ReportFormat.Html)]
    [InlineData("REPORT.HTM", true, ReportFormat.Html)]
    [InlineData("report.md", true, ReportFormat.Markdown)]
    [InlineData("report.markdown", true, ReportFormat.Markdown)]
    [InlineData("result.json", true, ReportFormat.Json)]
    [InlineData("report.pdf", false, ReportFormat.Html)]
    [InlineData("report", false, ReportFormat.Html)]
    public void The_format_follows_the_extension(string path, bool found, ReportFormat expected)
    {
        Assert.Equal(found, Reports.TryGetFormat(path, out ReportFormat format));
        Assert.Equal(expected, format);
    }

    [Fact]
    public void Render_dispatches_to_each_report()
    {
        var result = SampleResults.Coupon();
        Assert.Equal(HtmlReport.Render(result), Reports.Render(result, ReportFormat.Html));
        Assert.Equal(MarkdownReport.Render(result), Reports.Render(result, ReportFormat.Markdown));
        Assert.Equal(JsonReport.Render(result), Reports.Render(result, ReportFormat.Json));
        Assert.Throws<ArgumentOutOfRangeException>(() => Reports.Render(result, (ReportFormat)42));
    }

    [Fact]
    public void WriteFile_creates_the_folder_and_replaces_an_existing_file()
    {
        string dir = Path.Combine(Path.GetTempPath(), "causalcart-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(dir, "a", "result.json");
            Reports.WriteFile(SampleResults.Coupon(), ReportFormat.Json, path);
            Reports.WriteFile(SampleResults.Revenue(), ReportFormat.Json, path);
            Assert.Equal(JsonReport.Render(SampleResults.Revenue()), File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(Path.Combine(dir, "a")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
