using System.Text;
using CausalCart.Ingest.Parsing;

namespace CausalCart.Ingest.Tests.Parsing;

/// <summary>Rows without quotes are split with a vector compare when they are 32 bytes or longer; both paths agree with a plain split.</summary>
public sealed class CsvRowReaderSplitTests
{
    [Theory]
    [InlineData((byte)',', 1)]
    [InlineData((byte)'\t', 2)]
    [InlineData((byte)';', 3)]
    public void Every_row_length_up_to_300_splits_as_a_plain_split_does(byte delimiter, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<string>();
        for (var length = 1; length <= 300; length++)
        {
            for (var variant = 0; variant < 3; variant++)
            {
                // Delimiters sparse, dense, or in runs (empty fields), anywhere including the first and last byte.
                var density = variant switch { 0 => 0.05, 1 => 0.4, _ => 0.9 };
                var chars = new char[length];
                for (var i = 0; i < length; i++)
                {
                    chars[i] = rng.NextDouble() < density ? (char)delimiter : (char)('a' + rng.Next(26));
                }

                rows.Add(new string(chars));
            }
        }

        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", rows) + "\n");
        var csv = new CsvRowReader(new MemoryStream(bytes), delimiter, 4096, 1 << 16, 1 << 16, CancellationToken.None);
        foreach (var row in rows)
        {
            Assert.True(csv.ReadRow());
            var expected = row.Split((char)delimiter);
            Assert.Equal(expected.Length, csv.FieldCount);
            for (var f = 0; f < expected.Length; f++)
            {
                Assert.Equal(expected[f], Encoding.UTF8.GetString(csv.Field(f)));
            }
        }

        Assert.False(csv.ReadRow());
    }
}
