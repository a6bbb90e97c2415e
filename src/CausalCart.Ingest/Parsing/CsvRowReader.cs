using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CausalCart.Ingest.Parsing;

/// <summary>
/// Splits a stream of UTF-8 bytes into RFC 4180 rows and fields without decoding them, tracking the
/// physical line on which each row starts.
/// </summary>
/// <remarks>
/// Implementation note: the stream is read in large chunks into one buffer that holds the current row
/// from its first byte; it grows only up to the row limit, so memory stays bounded whatever the input.
/// A row without quotes (the common case) is found with one vectorised search for a line feed or a
/// quote, and its fields are slices of the buffer. A row with a quote goes through a state machine that
/// copies unescaped fields into a scratch buffer. Recovery rules, chosen so one bad byte never swallows
/// the rest of a file:
/// <list type="bullet">
/// <item>Malformed quoting (a quote inside an unquoted field, a closing quote followed by anything but
/// a delimiter or line end, a quoted field still open at the end of the input or past the row limit):
/// the bad row is the physical line where it starts; reading resumes on the next physical line.</item>
/// <item>A row longer than the row limit ends at the first line feed after the limit was crossed
/// (quotes in the part skipped are not interpreted); only its first bytes are kept for the reject.</item>
/// </list>
/// Empty lines (nothing, or a lone CR, before the LF) are skipped and are not rows. A UTF-8 byte order
/// mark at the very start is skipped.
/// </remarks>
internal sealed class CsvRowReader
{
    private const byte Quote = (byte)'"';
    private const byte Lf = (byte)'\n';
    private const byte Cr = (byte)'\r';
    private const int MaxRecordedFields = 4096;
    private const int RawPrefixBytes = 4 * RejectRecord.MaxRawTextChars;

    private readonly Stream _stream;
    private readonly byte _delimiter;
    private readonly int _maxFieldBytes;
    private readonly int _maxRowBytes;
    private readonly int _maxBufferBytes;
    private readonly CancellationToken _cancellationToken;
    private readonly SearchValues<byte> _lineOrQuote;      // LF or quote: ends the fast scan of a row
    private readonly SearchValues<byte> _unquotedStop;     // delimiter, LF or quote: ends an unquoted field in the slow path

    private byte[] _buffer;            // (capacity) bytes from the stream; [_pos, _end) not yet consumed
    private int _pos;
    private int _end;
    private bool _eof;
    private bool _started;
    private long _nextLine = 1;        // physical line number of the byte at _pos

    private int[] _fieldStart = new int[16];   // (recorded fields) offsets into _data
    private int[] _fieldEnd = new int[16];
    private byte[] _scratch = new byte[1024];  // unescaped fields of a row that contains quotes
    private byte[] _data;                      // _buffer or _scratch, whichever the current fields point into
    private int _rawStart;
    private int _rawLength;
    private byte[]? _rawCopy;                  // first bytes of an oversized row, which is not kept in the buffer
    private bool _rawFromCopy;

    public CsvRowReader(Stream stream, byte delimiter, int bufferBytes, int maxFieldBytes, int maxRowBytes, CancellationToken cancellationToken)
    {
        _stream = stream;
        _delimiter = delimiter;
        _maxFieldBytes = maxFieldBytes;
        _maxRowBytes = maxRowBytes;
        _maxBufferBytes = (int)Math.Min(Array.MaxLength, Math.Max((long)bufferBytes, (long)maxRowBytes + 2));
        _cancellationToken = cancellationToken;
        _buffer = new byte[Math.Min(bufferBytes, _maxBufferBytes)];
        _data = _buffer;
        _lineOrQuote = SearchValues.Create([Lf, Quote]);
        _unquotedStop = SearchValues.Create([delimiter, Lf, Quote]);
    }

    /// <summary>Physical 1-based line where the current row starts.</summary>
    public long Line { get; private set; }

    /// <summary>Whether the current row could be split into fields, and if not, why.</summary>
    public RowStatus Status { get; private set; }

    /// <summary>0-based index of the field the status is about (oversized field, malformed quote), or -1.</summary>
    public int StatusField { get; private set; }

    /// <summary>For <see cref="RowStatus.MalformedQuoting"/>: what was wrong, without the column name.</summary>
    public string StatusDetail { get; private set; } = string.Empty;

    /// <summary>Number of fields in the current row (counted even beyond those recorded).</summary>
    public int FieldCount { get; private set; }

    /// <summary>Length in bytes of the longest field, for <see cref="RowStatus.OversizedField"/>.</summary>
    public long StatusLength { get; private set; }

    /// <summary>Whether <see cref="Raw"/> is only the start of the row.</summary>
    public bool RawIsPrefix => _rawFromCopy;

    /// <summary>The row's bytes as they appear in the source, without the line ending (for an oversized row, its first bytes).</summary>
    public ReadOnlySpan<byte> Raw => _rawFromCopy ? _rawCopy.AsSpan(0, _rawLength) : _buffer.AsSpan(_rawStart, _rawLength);

    /// <summary>Total bytes consumed from the stream so far.</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>The unescaped bytes of field <paramref name="index"/> of the current row.</summary>
    public ReadOnlySpan<byte> Field(int index) => new(_data, _fieldStart[index], _fieldEnd[index] - _fieldStart[index]);

    /// <summary>Reads the next non-empty row. Returns false at the end of the input.</summary>
    public bool ReadRow()
    {
        while (true)
        {
            while (!_started)
            {
                Fill();
            }

            if (_pos >= _end && !Fill())
            {
                return false;
            }

            var span = _buffer.AsSpan(_pos, _end - _pos);
            var idx = span.IndexOfAny(_lineOrQuote);
            if (idx >= 0 && span[idx] == Lf)
            {
                var length = idx > 0 && span[idx - 1] == Cr ? idx - 1 : idx;
                if (length == 0)
                {
                    Advance(idx + 1, 1);
                    continue;
                }

                SplitUnquoted(_pos, length);
                Advance(idx + 1, 1);
                return true;
            }

            if (idx < 0)
            {
                if (!_eof)
                {
                    if (span.Length > _maxRowBytes + 1)
                    {
                        SkipOversized(0, FieldCountOf(span));
                        return true;
                    }

                    Fill();
                    continue;
                }

                // The last line has no line feed: it is still a row.
                var length = span[^1] == Cr ? span.Length - 1 : span.Length;
                if (length == 0)
                {
                    Advance(span.Length, 0);
                    continue;
                }

                SplitUnquoted(_pos, length);
                Advance(span.Length, 0);
                return true;
            }

            switch (ParseQuoted(out var consumed, out var newlines, out var inMultilineQuote))
            {
                case QuotedResult.Done:
                    Advance(consumed, newlines);
                    return true;
                case QuotedResult.NeedMore when _end - _pos > _maxRowBytes + 1:
                    if (!inMultilineQuote)
                    {
                        SkipOversized(newlines, FieldCount + 1);
                        return true;
                    }

                    Malformed(FieldCount, $"quoted field is still open after {_maxRowBytes} bytes (a quote is probably missing)");
                    if (EndAtFirstLine())
                    {
                        return true;
                    }

                    break;
                case QuotedResult.NeedMore:
                    Fill();
                    break;
                default:
                    if (EndAtFirstLine())
                    {
                        return true;
                    }

                    break;
            }
        }
    }

    private void Advance(int bytes, int lines)
    {
        _pos += bytes;
        BytesConsumed += bytes;
        _nextLine += lines;
    }

    private bool Fill()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (_eof)
        {
            return _pos < _end;
        }

        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _end - _pos);
            _end -= _pos;
            _pos = 0;
        }

        if (_end == _buffer.Length && _buffer.Length < _maxBufferBytes)
        {
            Array.Resize(ref _buffer, (int)Math.Min(_maxBufferBytes, 2L * _buffer.Length));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        if (!_started && (_end >= 3 || _eof))
        {
            _started = true;
            if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _pos = 3;
                BytesConsumed = 3;
            }
        }

        return _pos < _end;
    }

    private void BeginRow(int start, int rawLength)
    {
        Line = _nextLine;
        Status = RowStatus.Ok;
        StatusField = -1;
        StatusLength = 0;
        StatusDetail = string.Empty;
        _rawStart = start;
        _rawLength = rawLength;
        _rawFromCopy = false;
        FieldCount = 0;
    }

    private void SplitUnquoted(int start, int length)
    {
        BeginRow(start, length);
        _data = _buffer;
        var line = _buffer.AsSpan(start, length);
        if (Vector256.IsHardwareAccelerated && length >= Vector256<byte>.Count)
        {
            SplitUnquotedVector(start, line);
        }
        else
        {
            var offset = 0;
            while (true)
            {
                var d = line[offset..].IndexOf(_delimiter);
                if (d < 0)
                {
                    AddField(start + offset, start + length);
                    break;
                }

                AddField(start + offset, start + offset + d);
                offset += d + 1;
            }
        }

        if (Status == RowStatus.Ok && length > _maxRowBytes)
        {
            Status = RowStatus.OversizedRow;
            StatusLength = length;
        }
    }

    /// <summary>
    /// Splits a line of at least 32 bytes: one comparison per 32 bytes gives a bit per delimiter, instead of one
    /// search call per field (fields are a few bytes long, so a call's setup cost more than its scan).
    /// </summary>
    private void SplitUnquotedVector(int start, ReadOnlySpan<byte> line)
    {
        var delimiter = Vector256.Create(_delimiter);
        ref var first = ref MemoryMarshal.GetReference(line);
        var lastBlock = line.Length - Vector256<byte>.Count;
        var fieldStart = 0;
        var offset = 0;
        while (true)
        {
            // The last block is loaded ending at the line's end (never past it), overlapping the previous one;
            // its bits for bytes before offset, already split, are dropped.
            var blockStart = Math.Min(offset, lastBlock);
            var skip = offset - blockStart;
            var mask = Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)blockStart), delimiter).ExtractMostSignificantBits() >> skip << skip;
            while (mask != 0)
            {
                var d = blockStart + BitOperations.TrailingZeroCount(mask);
                AddField(start + fieldStart, start + d);
                fieldStart = d + 1;
                mask &= mask - 1;
            }

            offset = blockStart + Vector256<byte>.Count;
            if (offset >= line.Length)
            {
                break;
            }
        }

        AddField(start + fieldStart, start + line.Length);
    }

    private void AddField(int start, int end)
    {
        var index = FieldCount++;
        if (end - start > _maxFieldBytes && Status == RowStatus.Ok)
        {
            Status = RowStatus.OversizedField;
            StatusField = index;
            StatusLength = end - start;
        }

        if (index >= MaxRecordedFields)
        {
            return;
        }

        if (index == _fieldStart.Length)
        {
            Array.Resize(ref _fieldStart, index * 2);
            Array.Resize(ref _fieldEnd, index * 2);
        }

        _fieldStart[index] = start;
        _fieldEnd[index] = end;
    }

    private int FieldCountOf(ReadOnlySpan<byte> unquoted) => unquoted.Count(_delimiter) + 1;

    /// <summary>
    /// Parses the row at <see cref="_pos"/> that contains a quote. On <see cref="QuotedResult.Done"/>
    /// the fields point into the scratch buffer and <paramref name="consumed"/> includes the line ending.
    /// </summary>
    private QuotedResult ParseQuoted(out int consumed, out int newlines, out bool inMultilineQuote)
    {
        var buf = _buffer;
        var end = _end;
        var p = _pos;
        var w = 0;
        newlines = 0;
        consumed = 0;
        inMultilineQuote = false;
        BeginRow(_pos, 0);
        int rowEnd;        // offset just past the row's content, before the line ending
        while (true)
        {
            var fieldStart = w;
            var fieldIndex = FieldCount;
            if (p < end && buf[p] == Quote)
            {
                p++;
                var fieldNewlines = 0;
                while (true)
                {
                    var q = buf.AsSpan(p, end - p).IndexOf(Quote);
                    if (q < 0)
                    {
                        fieldNewlines += buf.AsSpan(p, end - p).Count(Lf);
                        if (!_eof)
                        {
                            newlines += fieldNewlines;
                            inMultilineQuote = fieldNewlines > 0;
                            FieldCount = fieldIndex;
                            return QuotedResult.NeedMore;
                        }

                        return Malformed(fieldIndex, "quoted field is not closed before the end of the file");
                    }

                    var segment = buf.AsSpan(p, q);
                    fieldNewlines += segment.Count(Lf);
                    Append(ref w, segment);
                    p += q + 1;
                    if (p == end && !_eof)
                    {
                        newlines += fieldNewlines;
                        inMultilineQuote = fieldNewlines > 0;
                        FieldCount = fieldIndex;
                        return QuotedResult.NeedMore;
                    }

                    if (p < end && buf[p] == Quote)
                    {
                        Append(ref w, [Quote]);
                        p++;
                        continue;
                    }

                    break;
                }

                newlines += fieldNewlines;
                AddScratchField(fieldStart, w);
                if (p == end)
                {
                    rowEnd = p;
                    consumed = p - _pos;
                    break;
                }

                var next = buf[p];
                if (next == _delimiter)
                {
                    p++;
                    continue;
                }

                if (next == Lf)
                {
                    rowEnd = p;
                    consumed = p + 1 - _pos;
                    newlines++;
                    break;
                }

                if (next == Cr)
                {
                    if (p + 1 < end && buf[p + 1] == Lf)
                    {
                        rowEnd = p;
                        consumed = p + 2 - _pos;
                        newlines++;
                        break;
                    }

                    if (p + 1 == end)
                    {
                        if (!_eof)
                        {
                            return QuotedResult.NeedMore;
                        }

                        rowEnd = p;
                        consumed = p + 1 - _pos;
                        break;
                    }
                }

                return Malformed(fieldIndex, $"closing quote is followed by '{Printable(next)}' instead of a delimiter or the line end");
            }
            else
            {
                var k = buf.AsSpan(p, end - p).IndexOfAny(_unquotedStop);
                if (k < 0)
                {
                    if (!_eof)
                    {
                        FieldCount = fieldIndex;
                        return QuotedResult.NeedMore;
                    }

                    var tail = buf.AsSpan(p, end - p);
                    if (!tail.IsEmpty && tail[^1] == Cr)
                    {
                        tail = tail[..^1];
                    }

                    Append(ref w, tail);
                    AddScratchField(fieldStart, w);
                    rowEnd = p + tail.Length;
                    consumed = end - _pos;
                    break;
                }

                var stop = buf[p + k];
                if (stop == Quote)
                {
                    return Malformed(fieldIndex, "a quote appears inside an unquoted field");
                }

                var segment = buf.AsSpan(p, k);
                if (stop == Lf && !segment.IsEmpty && segment[^1] == Cr)
                {
                    segment = segment[..^1];
                }

                Append(ref w, segment);
                AddScratchField(fieldStart, w);
                if (stop == _delimiter)
                {
                    p += k + 1;
                    continue;
                }

                rowEnd = p + segment.Length;
                consumed = p + k + 1 - _pos;
                newlines++;
                break;
            }
        }

        _data = _scratch;
        _rawLength = rowEnd - _pos;
        if (Status == RowStatus.Ok && _rawLength > _maxRowBytes)
        {
            Status = RowStatus.OversizedRow;
            StatusLength = _rawLength;
        }

        return QuotedResult.Done;
    }

    private QuotedResult Malformed(int fieldIndex, string detail)
    {
        Status = RowStatus.MalformedQuoting;
        StatusField = fieldIndex;
        StatusDetail = detail;
        return QuotedResult.Malformed;
    }

    private void Append(ref int w, ReadOnlySpan<byte> bytes)
    {
        if (w + bytes.Length > _scratch.Length)
        {
            Array.Resize(ref _scratch, Math.Max(w + bytes.Length, _scratch.Length * 2));
        }

        bytes.CopyTo(_scratch.AsSpan(w));
        w += bytes.Length;
    }

    private void AddScratchField(int start, int end) => AddField(start, end);

    /// <summary>
    /// Ends a malformed row at the end of the physical line where it starts. Returns false when that
    /// line end is not in the buffer yet (more input was read; the caller parses the row again).
    /// </summary>
    private bool EndAtFirstLine()
    {
        var status = Status;
        var field = StatusField;
        var detail = StatusDetail;
        var span = _buffer.AsSpan(_pos, _end - _pos);
        var lf = span.IndexOf(Lf);
        if (lf < 0 && !_eof)
        {
            if (span.Length > _maxRowBytes + 1)
            {
                SkipOversized(0, 0);
                Status = status;
                StatusField = field;
                StatusDetail = detail;
                return true;
            }

            Fill();
            return false;
        }

        var lineLength = lf < 0 ? span.Length : lf;
        var rawLength = lineLength > 0 && span[lineLength - 1] == Cr ? lineLength - 1 : lineLength;
        BeginRow(_pos, rawLength);
        Status = status;
        StatusField = field;
        StatusDetail = detail;
        FieldCount = 0;
        Advance(lf < 0 ? span.Length : lf + 1, lf < 0 ? 0 : 1);
        return true;
    }

    /// <summary>
    /// Rejects the row at <see cref="_pos"/>, which is longer than the row limit: keeps its first bytes,
    /// then discards input up to and including the next line feed after the current buffer end.
    /// </summary>
    private void SkipOversized(int newlinesInRow, int fieldsSoFar)
    {
        var line = _nextLine;
        var prefixLength = Math.Min(RawPrefixBytes, _end - _pos);
        _rawCopy ??= new byte[RawPrefixBytes];
        _buffer.AsSpan(_pos, prefixLength).CopyTo(_rawCopy);
        var skipped = (long)(_end - _pos);
        BytesConsumed += _end - _pos;
        _nextLine += newlinesInRow;
        _pos = _end;
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                break;
            }

            var span = _buffer.AsSpan(_pos, _end - _pos);
            var lf = span.IndexOf(Lf);
            if (lf >= 0)
            {
                skipped += lf;
                Advance(lf + 1, 1);
                break;
            }

            skipped += span.Length;
            Advance(span.Length, 0);
        }

        Line = line;
        Status = RowStatus.OversizedRow;
        StatusField = fieldsSoFar - 1;
        StatusLength = skipped;
        StatusDetail = string.Empty;
        FieldCount = 0;
        _rawFromCopy = true;
        _rawLength = prefixLength;
    }

    private static string Printable(byte b) => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"0x{b:X2}";

    private enum QuotedResult
    {
        Done,
        NeedMore,
        Malformed,
    }
}
