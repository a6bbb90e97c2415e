using System.Text;

namespace CausalCart.Ingest.Tests;

public sealed class CancellationTests
{
    private static byte[] ManyRows(int rows)
    {
        var text = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            text.Append(i).Append(",1,2,pv,1511658000\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public void A_cancelled_token_stops_before_anything_is_read()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var sink = new CountingSink();

        Assert.ThrowsAny<OperationCanceledException>(() => new EventReader(Ingest.Options(LogFormat.Taobao)).Read(new MemoryStream(ManyRows(10)), "x", new IdDictionaries(), sink, cts.Token));
        Assert.Equal(0, sink.Events);
    }

    [Fact]
    public void Cancelling_during_a_read_stops_it_promptly()
    {
        using var cts = new CancellationTokenSource();
        var ids = new IdDictionaries();
        var sink = new CollectingSink(ids) { OnBatch = _ => cts.Cancel() };
        var options = Ingest.Options(LogFormat.Taobao) with { BatchCapacity = 1000 };

        Assert.ThrowsAny<OperationCanceledException>(() => new EventReader(options).Read(new MemoryStream(ManyRows(200_000)), "x", ids, sink, cts.Token));
        Assert.InRange(sink.Events.Count, 1000, 40_000);
    }

    [Fact]
    public void Exposure_reader_honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new ExposureReader(new ExposureReaderOptions()).Read(
            new MemoryStream("user_id,timestamp,campaign,arm\nu,1511658000,c,t\n"u8.ToArray()), "x", new IdDictionaries(), new NullExposureSink(), cts.Token));
    }

    private sealed class NullExposureSink : IExposureSink
    {
        public void WriteExposures(ExposureBatch batch)
        {
        }

        public void WriteReject(RejectRecord reject)
        {
        }
    }
}
