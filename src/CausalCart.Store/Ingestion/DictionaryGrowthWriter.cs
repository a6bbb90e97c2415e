using CausalCart.Ingest;
using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Ingestion;

/// <summary>
/// Appends the keys a file adds to the id dictionaries to the <c>ids_*</c> tables of the open transaction, in id
/// order: as they are published while the file is read (<see cref="WritePublished"/>, from the thread that stores the
/// events) and whatever is left once it has been read (<see cref="WriteAll"/>).
/// </summary>
/// <remarks>
/// Implementation note: a 10M-event file adds 1.8M session keys; saving them after the read was a serial step of
/// about half a second at the end of the file's transaction, while the store's thread, which keeps up with the
/// reader, had time to spare during the read. <see cref="IdDictionary.PublishedCount"/> makes the keys readable from
/// that thread while the reader adds more. Appenders are opened for a dictionary only once it has grown. Not
/// thread-safe: calls come from one thread at a time (the store's thread during the read, the caller's after).
/// </remarks>
internal sealed class DictionaryGrowthWriter(DuckDbConnection connection, IdDictionaries dictionaries)
{
    private readonly IReadOnlyList<IdDictionary> _all = dictionaries.All;
    private readonly int[] _saved = [.. dictionaries.All.Select(d => d.Count)];   // (dictionaries) next id to append
    private readonly DuckDbAppender?[] _appenders = new DuckDbAppender?[dictionaries.All.Count];
    private readonly int[] _ids = new int[DuckDbAppender.ChunkCapacity];           // (chunk) id column
    private readonly int[] _offsets = new int[DuckDbAppender.ChunkCapacity + 1];   // (chunk + 1) key r = _utf8[_offsets[r].._offsets[r + 1]]
    private byte[] _utf8 = new byte[32 * DuckDbAppender.ChunkCapacity];             // the chunk's keys as UTF-8, end to end

    /// <summary>Appends the keys published so far (see <see cref="IdDictionary.PublishedCount"/>).</summary>
    public void WritePublished()
    {
        for (var d = 0; d < _all.Count; d++)
        {
            Write(d, _all[d].PublishedCount);
        }
    }

    /// <summary>Appends every key not yet appended and closes the appenders; call after the reader has returned.</summary>
    public void WriteAll()
    {
        for (var d = 0; d < _all.Count; d++)
        {
            Write(d, _all[d].Count);
            _appenders[d]?.Close();
        }
    }

    /// <summary>Drops what is buffered in the appenders (the transaction is rolled back anyway).</summary>
    public void Discard()
    {
        foreach (var appender in _appenders)
        {
            appender?.Discard();
        }
    }

    private void Write(int d, int upTo)
    {
        var dictionary = _all[d];
        var capacity = _ids.Length;
        for (var start = _saved[d]; start < upTo; start += capacity)
        {
            var appender = _appenders[d] ??= connection.CreateAppender("ids_" + dictionary.Kind);
            var rows = Math.Min(capacity, upTo - start);
            var length = 0;
            for (var r = 0; r < rows; r++)
            {
                _ids[r] = start + r;
                _offsets[r] = length;
                int written;
                while ((written = dictionary.WriteKeyUtf8(start + r, _utf8.AsSpan(length))) < 0)
                {
                    Array.Resize(ref _utf8, 2 * _utf8.Length);   // a long text key
                }

                length += written;
            }

            _offsets[rows] = length;
            appender.BeginChunk(rows);
            appender.Write<int>(0, _ids.AsSpan(0, rows));
            appender.WriteUtf8(1, _utf8.AsSpan(0, length), _offsets.AsSpan(0, rows + 1));
            appender.EndChunk();
        }

        _saved[d] = Math.Max(_saved[d], upTo);
    }
}
