using CausalCart.Ingest;
using CausalCart.Store.DuckDb;

namespace CausalCart.Store.Ingestion;

/// <summary>Buffers rejected rows of one source file and appends them to <c>rejects</c> a chunk at a time, counting them by reason.</summary>
internal sealed class RejectWriter
{
    private readonly DuckDbAppender _appender;
    private readonly int[] _sourceFile;       // (chunk) the file id, repeated
    private readonly long[] _line;            // (chunk)
    private readonly string?[] _reason;       // (chunk)
    private readonly string?[] _detail;       // (chunk)
    private readonly string?[] _raw;          // (chunk)
    private readonly long[] _byReason = new long[Enum.GetValues<RejectReason>().Length];
    private int _count;

    public RejectWriter(DuckDbAppender appender, int sourceFile)
    {
        _appender = appender;
        var capacity = DuckDbAppender.ChunkCapacity;
        _sourceFile = new int[capacity];
        Array.Fill(_sourceFile, sourceFile);
        _line = new long[capacity];
        _reason = new string?[capacity];
        _detail = new string?[capacity];
        _raw = new string?[capacity];
    }

    public long Count { get; private set; }

    public void Add(RejectRecord reject)
    {
        ArgumentNullException.ThrowIfNull(reject);
        var code = RejectReasons.Code(reject.Reason);
        _line[_count] = reject.Line;
        _reason[_count] = code;
        _detail[_count] = reject.Detail;
        _raw[_count] = reject.RawText;
        _byReason[(int)reject.Reason]++;
        Count++;
        if (++_count == _line.Length)
        {
            Flush();
        }
    }

    /// <summary>Appends buffered rows and closes the appender.</summary>
    public void Complete()
    {
        Flush();
        _appender.Close();
    }

    public Dictionary<string, long> ByReason()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            if (_byReason[(int)reason] > 0)
            {
                result[RejectReasons.Code(reason)] = _byReason[(int)reason];
            }
        }

        return result;
    }

    private void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        _appender.BeginChunk(_count);
        _appender.Write<int>(0, _sourceFile.AsSpan(0, _count));
        _appender.Write<long>(1, _line.AsSpan(0, _count));
        _appender.WriteStrings(2, _reason.AsSpan(0, _count));
        _appender.WriteStrings(3, _detail.AsSpan(0, _count));
        _appender.WriteStrings(4, _raw.AsSpan(0, _count));
        _appender.EndChunk();
        Array.Clear(_detail, 0, _count);
        Array.Clear(_raw, 0, _count);
        _count = 0;
    }
}
