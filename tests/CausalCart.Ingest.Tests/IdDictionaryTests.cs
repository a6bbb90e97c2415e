namespace CausalCart.Ingest.Tests;

public sealed class IdDictionaryTests
{
    [Fact]
    public void Keys_keep_their_ids_across_growth_and_kinds_of_key()
    {
        var dictionary = new IdDictionary("user");
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(2 * i, dictionary.GetOrAdd(i));
            Assert.Equal((2 * i) + 1, dictionary.GetOrAdd(("u" + i).AsSpan()));
        }

        Assert.Equal(2000, dictionary.Count);
        Assert.Equal(2000, dictionary.PublishedCount);
        Assert.Equal("999", dictionary.KeyOf(1998));
        Assert.Equal("u999", dictionary.KeyOf(1999));
        Assert.Equal(1998, dictionary.GetOrAdd("999"u8));
        Assert.Throws<ArgumentOutOfRangeException>(() => dictionary.KeyOf(2000));
    }

    [Fact]
    public void Keys_written_as_utf8_are_the_keys_encoded()
    {
        var dictionary = new IdDictionary("session");
        long[] numbers = [0, 7, 1_000_000_007, 999_999_999_999_999_999];
        string[] texts = ["a", "~gap:12", "école-ünïcode-𝄞", new string('k', 300)];
        var ids = numbers.Select(dictionary.GetOrAdd).Concat(texts.Select(t => dictionary.GetOrAdd(t.AsSpan()))).ToArray();
        var buffer = new byte[400];
        foreach (var id in ids)
        {
            var written = dictionary.WriteKeyUtf8(id, buffer);
            Assert.Equal(dictionary.KeyOf(id), System.Text.Encoding.UTF8.GetString(buffer, 0, written));
        }

        Assert.Equal(18, dictionary.WriteKeyUtf8(ids[3], new byte[18]));   // 18 nines: exactly fits
        Assert.Equal(-1, dictionary.WriteKeyUtf8(ids[3], new byte[17]));   // too small: nothing claimed
        Assert.Equal(-1, dictionary.WriteKeyUtf8(ids[^1], new byte[299]));
        Assert.Throws<ArgumentOutOfRangeException>(() => dictionary.WriteKeyUtf8(ids.Length, buffer));
    }

    [Fact]
    public void Another_thread_reads_every_published_key_while_keys_are_added()
    {
        const int Keys = 400_000;
        var dictionary = new IdDictionary("session");
        var failure = (string?)null;
        var reader = new Thread(() =>
        {
            // Reads each id once it is published, as the store's thread does, while the keys arrays grow.
            var next = 0;
            while (next < Keys && failure is null)
            {
                var published = dictionary.PublishedCount;
                for (; next < published; next++)
                {
                    var expected = next % 3 == 0 ? "s" + next : (next * 7L).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var key = dictionary.KeyOf(next);
                    if (key != expected)
                    {
                        failure = $"id {next}: key '{key}', expected '{expected}'";
                        break;
                    }
                }
            }
        });
        reader.Start();

        for (var i = 0; i < Keys; i++)
        {
            var id = i % 3 == 0 ? dictionary.GetOrAdd(("s" + i).AsSpan()) : dictionary.GetOrAdd(i * 7L);
            Assert.Equal(i, id);
        }

        Assert.True(reader.Join(TimeSpan.FromMinutes(1)), "the reading thread did not finish");
        Assert.Null(failure);
    }
}
