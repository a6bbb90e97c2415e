using System.Text;

namespace CausalCart.Ingest.Tests;

public sealed class ExposureReaderTests
{
    private sealed class Sink : IExposureSink
    {
        public List<(int User, long Micros, int Campaign, string Arm, int Item, double Propensity, long Line)> Rows { get; } = [];

        public List<RejectRecord> Rejects { get; } = [];

        public void WriteExposures(ExposureBatch batch)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                Rows.Add((batch.User[i], batch.TimestampMicros[i], batch.Campaign[i], batch.Arm[i]!, batch.Item[i], batch.Propensity[i], batch.SourceLine[i]));
            }
        }

        public void WriteReject(RejectRecord reject) => Rejects.Add(reject);
    }

    private static (IngestCounts Counts, Sink Sink, IdDictionaries Ids) Read(string text)
    {
        var ids = new IdDictionaries();
        var sink = new Sink();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var counts = new ExposureReader(new ExposureReaderOptions { Cleaning = Ingest.Rules }).Read(stream, "exposures.csv", ids, sink);
        Assert.True(counts.Reconciles);
        Assert.Equal(counts.Accepted, sink.Rows.Count);
        Assert.Equal(counts.Rejected, sink.Rejects.Count);
        return (counts, sink, ids);
    }

    [Fact]
    public void Exposures_with_optional_item_and_propensity_are_read()
    {
        const string text = "arm,user_id,campaign,timestamp,propensity,item_id,note\n" +
                            "treatment,u1,nov_coupon,2024-11-01T00:00:00Z,0.5,,x\n" +
                            "control,u2,nov_coupon,1730419200,,i9,x\n" +
                            "treatment,u3,recs,1730419200000,1,i9,x\n";
        var (counts, sink, ids) = Read(text);

        Assert.Equal((3L, 3L, 0L), (counts.Read, counts.Accepted, counts.Rejected));
        Assert.Equal("Columns ignored (not used by an exposures file): 'note'.", Assert.Single(counts.Warnings));
        Assert.Equal(["treatment", "control", "treatment"], sink.Rows.Select(r => r.Arm));
        Assert.Same(sink.Rows[0].Arm, sink.Rows[2].Arm);
        Assert.Equal(0.5, sink.Rows[0].Propensity);
        Assert.True(double.IsNaN(sink.Rows[1].Propensity));
        Assert.Equal(-1, sink.Rows[0].Item);
        Assert.Equal(sink.Rows[1].Item, sink.Rows[2].Item);
        Assert.Equal(1_730_419_200_000_000L, sink.Rows[0].Micros);
        Assert.Equal(sink.Rows[0].Micros, sink.Rows[1].Micros);
        Assert.Equal(["nov_coupon", "recs"], [ids.Campaigns.KeyOf(0), ids.Campaigns.KeyOf(1)]);
    }

    [Theory]
    [InlineData("u,1730419200,c,t,0", RejectReason.InvalidPropensity, "column 'propensity' value '0' is not in (0, 1]")]
    [InlineData("u,1730419200,c,t,1.5", RejectReason.InvalidPropensity, "column 'propensity' value '1.5' is not in (0, 1]")]
    [InlineData("u,1730419200,c,t,-0.2", RejectReason.InvalidPropensity, "column 'propensity' value '-0.2' is not in (0, 1]")]
    [InlineData("u,1730419200,c,t,NaN", RejectReason.InvalidPropensity, "column 'propensity' value 'NaN' is not in (0, 1]")]
    [InlineData("u,1730419200,c,t,half", RejectReason.UnparsableField, "column 'propensity' value 'half' is not a number")]
    [InlineData("u,1730419200,,t,0.5", RejectReason.MissingField, "column 'campaign' is empty")]
    [InlineData("u,1730419200,c,,0.5", RejectReason.MissingField, "column 'arm' is empty")]
    [InlineData("u,17304,c,t,0.5", RejectReason.ImplausibleTimestamp, "column 'timestamp' value '17304' is 1970-01-01T04:48:24Z, outside the plausible range 2000-01-01T00:00:00Z to 2026-01-02T00:00:00Z")]
    [InlineData("u,1730419200,c,t,0.5,9", RejectReason.WrongColumnCount, "row has 6 fields, expected 5 (user_id, timestamp, campaign, arm, propensity)")]
    [InlineData("u,1730419200,c,t,0.50", RejectReason.Duplicate, "same user, timestamp, campaign, arm, item and propensity as line 2")]
    public void Bad_exposures_are_rejected_with_reason_and_detail(string row, RejectReason reason, string detail)
    {
        var (_, sink, _) = Read($"user_id,timestamp,campaign,arm,propensity\nu,1730419200,c,t,0.5\n{row}\n");

        var reject = Assert.Single(sink.Rejects);
        Assert.Equal(reason, reject.Reason);
        Assert.Equal(detail, reject.Detail);
        Assert.Equal(3, reject.Line);
    }

    [Fact]
    public void Header_missing_arm_is_named()
    {
        var e = Assert.Throws<InvalidDataException>(() => Read("user_id,timestamp,campaign\n"));

        Assert.Contains("no column 'arm'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Found: 'user_id', 'timestamp', 'campaign'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_reject_reason_has_a_stable_code()
    {
        Assert.Equal("invalid_propensity", RejectReasons.Code(RejectReason.InvalidPropensity));
        Assert.All(Enum.GetValues<RejectReason>(), r => Assert.Matches("^[a-z0-9_]+$", RejectReasons.Code(r)));
    }
}
