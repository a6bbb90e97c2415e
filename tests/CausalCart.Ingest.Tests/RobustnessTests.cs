using System.Text;

namespace CausalCart.Ingest.Tests;

/// <summary>Property-style tests: whatever the bytes, the reader neither crashes nor loses a row.</summary>
public sealed class RobustnessTests
{
    private static readonly byte[] Alphabet = "0123456789,,,,\"\"\n\n\r abcviewcartbuy.-:TZ"u8.ToArray();

    public static TheoryData<LogFormat> Formats => [LogFormat.Taobao, LogFormat.Generic, LogFormat.Yoochoose, LogFormat.Rees46, LogFormat.RetailRocket];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Random_garbage_never_crashes_and_always_reconciles(LogFormat format)
    {
        var random = new Random(1234 + (int)format);
        var header = format switch
        {
            LogFormat.Generic => "user_id,item_id,category_id,action,timestamp,price,query\n",
            LogFormat.Rees46 => "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n",
            LogFormat.RetailRocket => "timestamp,visitorid,event,itemid,transactionid\n",
            _ => string.Empty,
        };
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var body = new byte[random.Next(0, 3000)];
            for (var i = 0; i < body.Length; i++)
            {
                // Mostly CSV-looking bytes, sometimes anything at all (invalid UTF-8 included).
                body[i] = random.Next(8) == 0 ? (byte)random.Next(256) : Alphabet[random.Next(Alphabet.Length)];
            }

            var bytes = Encoding.UTF8.GetBytes(header).Concat(body).ToArray();
            var options = Ingest.Options(format) with
            {
                BufferBytes = 4096,
                BatchCapacity = 7,
                Cleaning = Ingest.Rules with { MaxFieldBytes = 64, MaxRowBytes = 200 + random.Next(5000) },
            };
            var (counts, sink, _) = Ingest.Read(options, bytes);

            var physicalLines = bytes.Count(b => b == (byte)'\n') + 1;
            var lines = sink.Events.Select(e => e.Line).Concat(sink.Rejects.Select(r => r.Line)).Order().ToList();
            Assert.Equal(lines.Count, lines.Distinct().Count());
            Assert.All(lines, l => Assert.InRange(l, header.Length > 0 ? 2 : 1, physicalLines));
            Assert.Equal(sink.Rejects.Select(r => r.Line).Order(), sink.Rejects.Select(r => r.Line));
            Assert.Equal(sink.Events.Select(e => e.Line).Order(), sink.Events.Select(e => e.Line));
            Assert.All(sink.Rejects, r => Assert.True(r.RawText.Length <= RejectRecord.MaxRawTextChars));
            Assert.True(counts.Read <= physicalLines);
        }
    }

    [Fact]
    public void Every_non_empty_line_of_simple_garbage_is_one_row()
    {
        // Without quotes every non-empty line is exactly one row, so Read is known in advance.
        var random = new Random(99);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var text = new StringBuilder();
            var expected = 0;
            for (var line = random.Next(0, 50); line > 0; line--)
            {
                var length = random.Next(0, 30);
                var content = new string(Enumerable.Range(0, length).Select(_ => "1,a\r.x-9 "[random.Next(9)]).ToArray()).TrimEnd('\r');
                if (content.Length > 0)
                {
                    expected++;
                }

                text.Append(content).Append('\n');
            }

            var (counts, _, _) = Ingest.Read(Ingest.Options(LogFormat.Taobao), text.ToString());
            Assert.Equal(expected, counts.Read);
        }
    }

    [Fact]
    public void Reading_is_the_same_for_every_buffer_size()
    {
        var text = new StringBuilder("user_id,item_id,category_id,action,timestamp,query\n");
        var random = new Random(5);
        for (var i = 0; i < 3000; i++)
        {
            text.Append(random.Next(4) switch
            {
                0 => $"u{i % 50},\"item,{i}\",c,view,{1_600_000_000 + i},\n",
                1 => $"u{i % 50},,,search,{1_600_000_000 + i},\"multi\nline \"\"{i}\"\"\"\n",
                2 => $"u{i % 50},i{i},c,nope,{1_600_000_000 + i},\n",
                _ => $"u{i % 50},i{i},c,cart,{1_600_000_000_000L + i},\r\n",
            });
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var reference = Ingest.Read(Ingest.Options(LogFormat.Generic) with { BufferBytes = 1 << 20 }, bytes);
        foreach (var bufferBytes in new[] { 4096, 5000, 8191 })
        {
            var result = Ingest.Read(Ingest.Options(LogFormat.Generic) with { BufferBytes = bufferBytes }, bytes);
            Assert.Equal(reference.Counts, result.Counts);
            Assert.Equal(reference.Sink.Events, result.Sink.Events);
            Assert.Equal(reference.Sink.Rejects, result.Sink.Rejects);
        }
    }
}
