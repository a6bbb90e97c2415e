using System.Text.Json;
using CausalCart.Core.Results;
using CausalCart.Core.Serialization;

namespace CausalCart.Reporting.Tests;

public sealed class JsonReportTests
{
    [Fact]
    public void The_json_is_the_record_with_its_schema_version()
    {
        string json = JsonReport.Render(SampleResults.Coupon());
        Assert.Equal(CausalCartJson.Serialize(SampleResults.Coupon()), json);
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal(SchemaVersions.Analysis, doc.RootElement.GetProperty("schemaVersion").GetString());
        Assert.Equal("aipw", doc.RootElement.GetProperty("estimates")[3].GetProperty("method").GetString());
    }

    [Fact]
    public void Parse_round_trips_to_an_equal_record()
    {
        foreach (AnalysisResult original in new[] { SampleResults.Coupon(), SampleResults.Coupon(withTruth: false), SampleResults.InsufficientOverlap(), SampleResults.Hostile() })
        {
            Deep.AssertEqual(original, JsonReport.Parse(JsonReport.Render(original)));
        }
    }

    [Fact]
    public void Parse_refuses_another_schema_version_naming_both()
    {
        string json = JsonReport.Render(SampleResults.Coupon() with { SchemaVersion = "0.9" });
        JsonException ex = Assert.Throws<JsonException>(() => JsonReport.Parse(json));
        Assert.Contains("'0.9'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'" + SchemaVersions.Analysis + "'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_equality_notices_a_changed_nested_value()
    {
        AnalysisResult original = SampleResults.Coupon();
        AnalysisResult changed = JsonReport.Parse(JsonReport.Render(original with
        {
            Balance = original.Balance! with { Covariates = original.Balance.Covariates.Select((c, i) => i == 3 ? c with { SmdAfter = 0.0501 } : c).ToList() },
        }));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Deep.AssertEqual(original, changed));
    }
}
