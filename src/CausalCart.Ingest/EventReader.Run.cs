using System.Text;
using CausalCart.Core.Events;
using CausalCart.Ingest.Parsing;

namespace CausalCart.Ingest;

public sealed partial class EventReader
{
    /// <summary>The state of reading one source: counts, the batch, the duplicate set.</summary>
    /// <remarks>
    /// Implementation note: with duplicate detection on, a row that passes every other check goes into the batch
    /// provisionally with its hash; when the batch fills (and at the end) the provisional rows are checked against
    /// the duplicate set in source order, prefetching the slot of the row <see cref="DuplicateProbeAhead"/> places
    /// further on, and duplicates are taken out again. On a large file the set is far bigger than the caches, and
    /// checking one row at a time waited for one cache miss after another. Other rejects wait until the rows before
    /// them are checked, so the sink still gets rejects in source order; each provisional row keeps a copy of its raw
    /// bytes (cut as <see cref="RejectText.Raw"/> cuts them) for its reject record.
    /// </remarks>
    private sealed class Run
    {
        private const int U = (int)EventColumn.UserId;
        private const int I = (int)EventColumn.ItemId;
        private const int C = (int)EventColumn.CategoryId;
        private const int A = (int)EventColumn.Action;
        private const int T = (int)EventColumn.Timestamp;
        private const int P = (int)EventColumn.Price;
        private const int S = (int)EventColumn.SessionId;
        private const int Q = (int)EventColumn.Query;
        private const int CancellationCheckRows = 16 * 1024;
        private const int SizingSampleRows = 4096;
        private const ulong AbsentPriceBits = 0x7FF8_0000_0000_0001UL;
        private const int DuplicateProbeAhead = 16;
        private const int RawKeptBytes = 4 * RejectRecord.MaxRawTextChars;

        private readonly EventReaderOptions _options;
        private readonly string _source;
        private readonly IdDictionaries _ids;
        private readonly IEventSink _sink;
        private readonly CancellationToken _cancellationToken;
        private readonly EventBatch _batch;
        private readonly DuplicateSet? _duplicates;
        private readonly UInt128[] _hashes = [];      // (batch capacity) duplicate hash of each provisional row
        private readonly int[] _rawEnd = [];          // (batch capacity) end of each provisional row's bytes in _raw
        private readonly bool[] _rawCut = [];         // (batch capacity) whether those bytes are only the row's start
        private readonly List<RejectRecord> _heldRejects = [];
        private byte[] _raw = [];                     // (bytes) raw bytes of the provisional rows, back to back
        private int _checked;                         // rows [0, _checked) of the batch passed the duplicate check
        private readonly long _minMicros;
        private readonly long _maxMicros;
        private EventLayout _layout = null!;
        private long _read;
        private long _accepted;
        private long _rejected;

        public Run(EventReaderOptions options, string source, IdDictionaries ids, IEventSink sink, CancellationToken cancellationToken)
        {
            _options = options;
            _source = source;
            _ids = ids;
            _sink = sink;
            _cancellationToken = cancellationToken;
            _batch = new EventBatch(options.BatchCapacity);
            if (options.Cleaning.RejectDuplicates)
            {
                _duplicates = new DuplicateSet();
                _hashes = new UInt128[options.BatchCapacity];
                _rawEnd = new int[options.BatchCapacity];
                _rawCut = new bool[options.BatchCapacity];
                _raw = new byte[1 << 16];
            }
            (_minMicros, _maxMicros) = options.Cleaning.TimestampRangeMicros();
        }

        public IngestCounts Execute(Stream stream)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var rules = _options.Cleaning;
            var csv = new CsvRowReader(stream, EventLayout.Delimiter(_options), _options.BufferBytes, rules.MaxFieldBytes, rules.MaxRowBytes, _cancellationToken);
            var warnings = new List<string>();
            if (!csv.ReadRow())
            {
                warnings.Add($"{_source} has no rows{(EventLayout.HasHeader(_options) ? " and no header" : string.Empty)}.");
                return new IngestCounts(0, 0, 0) { Warnings = warnings };
            }

            var pending = true;
            if (EventLayout.HasHeader(_options))
            {
                _layout = EventLayout.Resolve(_options, _source, RowChecks.ReadHeader(csv, _source), 0);
                pending = false;
            }
            else
            {
                _layout = EventLayout.Resolve(_options, _source, null, csv.Status == RowStatus.Ok ? csv.FieldCount : 0);
                if (_options.Format == LogFormat.Yoochoose && _options.YoochooseFile == YoochooseFile.Auto)
                {
                    warnings.Add($"{_source}: read as a YOOCHOOSE {(_layout.FixedAction == CanonicalAction.Buy ? "buys" : "clicks")} file (the first row has {csv.FieldCount} columns).");
                }
            }

            warnings.AddRange(_layout.Columns.Warnings);
            var sinceCheck = 0;
            while (pending || csv.ReadRow())
            {
                pending = false;
                ProcessRow(csv);
                if (_read == SizingSampleRows && _duplicates is not null && stream.CanSeek)
                {
                    // Size the duplicate table once from the first rows' average length instead of doubling
                    // it (and rehashing a table far larger than the caches) several times on a big file.
                    _duplicates.EnsureCapacity((long)(stream.Length / ((double)csv.BytesConsumed / _read)));
                }

                if (++sinceCheck == CancellationCheckRows)
                {
                    sinceCheck = 0;
                    _cancellationToken.ThrowIfCancellationRequested();
                }
            }

            CheckDuplicates();
            if (_batch.Count > 0)
            {
                _sink.WriteEvents(_batch);
                _batch.Clear();
            }

            return new IngestCounts(_read, _accepted, _rejected) { Warnings = warnings };
        }

        private void ProcessRow(CsvRowReader csv)
        {
            _read++;
            var columns = _layout.Columns;
            if (!RowChecks.TryStructural(csv, columns, _options.Cleaning, out var reason, out var detail))
            {
                Reject(csv, reason, detail);
                return;
            }

            var index = columns.Index;
            var userField = csv.Field(index[U]);
            if (userField.IsEmpty)
            {
                Missing(csv, U);
                return;
            }

            CanonicalAction action;
            if (_layout.FixedAction is { } fixedAction)
            {
                action = fixedAction;
            }
            else
            {
                var actionField = csv.Field(index[A]);
                if (actionField.IsEmpty)
                {
                    Missing(csv, A);
                    return;
                }

                if (!_layout.Actions.TryMap(actionField, out action))
                {
                    Reject(csv, RejectReason.UnknownAction, $"column {columns.RoleLabel[A]} value '{RejectText.Value(actionField)}' is not one of {_layout.Actions.ValidValues}");
                    return;
                }
            }

            var itemField = index[I] >= 0 ? csv.Field(index[I]) : default;
            if (itemField.IsEmpty && action != CanonicalAction.Search)
            {
                Reject(csv, RejectReason.MissingField, $"column {columns.RoleLabel[I]} is empty (only a search may have no item)");
                return;
            }

            var categoryField = index[C] >= 0 ? csv.Field(index[C]) : default;
            var timeField = csv.Field(index[T]);
            if (timeField.IsEmpty)
            {
                Missing(csv, T);
                return;
            }

            switch (FieldParsers.TryParseTimestamp(timeField, _layout.Timestamp, out var micros))
            {
                case TimeParse.Unparsable:
                    Reject(csv, RejectReason.UnparsableField, $"column {columns.RoleLabel[T]} value '{RejectText.Value(timeField)}' is not {RowChecks.Describe(_layout.Timestamp)}");
                    return;
                case TimeParse.OutOfRange:
                    Reject(csv, RejectReason.ImplausibleTimestamp, $"column {columns.RoleLabel[T]} value '{RejectText.Value(timeField)}' is too far from 1970 to be a time");
                    return;
            }

            if (micros < _minMicros || micros > _maxMicros)
            {
                Reject(
                    csv,
                    RejectReason.ImplausibleTimestamp,
                    $"column {columns.RoleLabel[T]} value '{RejectText.Value(timeField)}' is {RowChecks.Instant(micros)}, outside the plausible range {RowChecks.Instant(_minMicros)} to {RowChecks.Instant(_maxMicros)}");
                return;
            }

            var price = double.NaN;
            if (index[P] >= 0)
            {
                var priceField = csv.Field(index[P]);
                if (!priceField.IsEmpty)
                {
                    if (!RowChecks.TryParseNumber(priceField, out price))
                    {
                        Reject(csv, RejectReason.UnparsableField, $"column {columns.RoleLabel[P]} value '{RejectText.Value(priceField)}' is not a number");
                        return;
                    }

                    if (!double.IsFinite(price) || price < 0)
                    {
                        Reject(csv, RejectReason.InvalidPrice, $"column {columns.RoleLabel[P]} value '{RejectText.Value(priceField)}' is {(double.IsFinite(price) ? "negative" : "not finite")}");
                        return;
                    }

                    price += 0.0;   // -0 becomes +0, so "-0" and "0" are one canonical price
                }
            }

            var sessionField = index[S] >= 0 ? csv.Field(index[S]) : default;
            var queryField = index[Q] >= 0 ? csv.Field(index[Q]) : default;

            // Every check passed: the row is accepted unless it is a duplicate. The duplicate hash is taken
            // over the source keys (a numeric key by value, any other by its bytes), which identify the
            // dense ids one to one, so it can be computed, and its slot prefetched, before the dictionary
            // lookups; a duplicate's ids exist already, so dictionaries only gain keys of accepted rows.
            var userNumber = FieldParsers.TryCanonicalId(userField, out var n) ? n : -1;
            var itemNumber = FieldParsers.TryCanonicalId(itemField, out n) ? n : -1;
            var categoryNumber = FieldParsers.TryCanonicalId(categoryField, out n) ? n : -1;
            var sessionNumber = FieldParsers.TryCanonicalId(sessionField, out n) ? n : -1;
            var hash = default(UInt128);
            if (_duplicates is not null)
            {
                var hasher = new Hash128();
                AddKey(ref hasher, userNumber, userField);
                AddKey(ref hasher, itemNumber, itemField);
                AddKey(ref hasher, categoryNumber, categoryField);
                AddKey(ref hasher, sessionNumber, sessionField);
                hasher.Add((ulong)action);
                hasher.Add((ulong)micros);
                hasher.Add(double.IsNaN(price) ? AbsentPriceBits : BitConverter.DoubleToUInt64Bits(price));
                hasher.Add(queryField);
                hash = hasher.Finish();
            }

            var user = Id(_ids.Users, userNumber, userField);
            var item = itemField.IsEmpty ? -1 : Id(_ids.Items, itemNumber, itemField);
            var category = categoryField.IsEmpty ? -1 : Id(_ids.Categories, categoryNumber, categoryField);
            var session = sessionField.IsEmpty ? -1 : Id(_ids.Sessions, sessionNumber, sessionField);
            var batch = _batch;
            var row = batch.Count;
            if (_duplicates is not null)
            {
                _hashes[row] = hash;
                KeepRaw(csv, row);
            }

            batch.User[row] = user;
            batch.Item[row] = item;
            batch.Category[row] = category;
            batch.Action[row] = (byte)action;
            batch.TimestampMicros[row] = micros;
            batch.Price[row] = price;
            batch.Session[row] = session;
            batch.Query[row] = queryField.IsEmpty ? null : Encoding.UTF8.GetString(queryField);
            batch.SourceLine[row] = csv.Line;
            batch.Count = row + 1;
            if (_duplicates is null)
            {
                _accepted++;
            }
            else if (batch.IsFull)
            {
                CheckDuplicates();
            }

            if (batch.IsFull)
            {
                _sink.WriteEvents(batch);
                batch.Clear();
                _checked = 0;
            }
        }

        /// <summary>Copies the current row's raw bytes (as far as a reject record would use them) for provisional row <paramref name="row"/>.</summary>
        private void KeepRaw(CsvRowReader csv, int row)
        {
            var raw = csv.Raw;
            var keep = Math.Min(raw.Length, RawKeptBytes);
            var start = row == _checked ? 0 : _rawEnd[row - 1];
            if (start + keep > _raw.Length)
            {
                Array.Resize(ref _raw, Math.Max(_raw.Length * 2, start + keep));
            }

            raw[..keep].CopyTo(_raw.AsSpan(start));
            _rawEnd[row] = start + keep;
            _rawCut[row] = csv.RawIsPrefix || keep < raw.Length;
        }

        /// <summary>
        /// Checks the provisional rows of the batch against the duplicate set in source order, takes duplicates out
        /// (moving later rows up) and hands the held and the duplicate rejects to the sink in source order.
        /// </summary>
        private void CheckDuplicates()
        {
            if (_duplicates is null)
            {
                return;
            }

            var batch = _batch;
            var end = batch.Count;
            var duplicates = _duplicates;
            var hashes = _hashes;
            for (var r = _checked; r < Math.Min(end, _checked + DuplicateProbeAhead); r++)
            {
                duplicates.Prefetch(hashes[r]);
            }

            var kept = _checked;
            var held = 0;
            for (var r = _checked; r < end; r++)
            {
                if (r + DuplicateProbeAhead < end)
                {
                    duplicates.Prefetch(hashes[r + DuplicateProbeAhead]);
                }

                var line = batch.SourceLine[r];
                if (duplicates.TryAdd(hashes[r], line, out var firstLine))
                {
                    if (kept != r)
                    {
                        MoveRow(batch, r, kept);
                    }

                    kept++;
                    continue;
                }

                // Rejects held back from before this row go first, so the sink sees source order.
                while (held < _heldRejects.Count && _heldRejects[held].Line < line)
                {
                    _sink.WriteReject(_heldRejects[held++]);
                }

                var rawStart = r == _checked ? 0 : _rawEnd[r - 1];
                _rejected++;
                _sink.WriteReject(new RejectRecord(
                    line,
                    RejectReason.Duplicate,
                    $"same user, item, category, action, timestamp, price, session and query as line {firstLine}",
                    RejectText.Raw(_raw.AsSpan(rawStart, _rawEnd[r] - rawStart), _rawCut[r])));
            }

            for (; held < _heldRejects.Count; held++)
            {
                _sink.WriteReject(_heldRejects[held]);
            }

            _heldRejects.Clear();
            Array.Clear(batch.Query, kept, end - kept);
            _accepted += kept - _checked;
            batch.Count = kept;
            _checked = kept;
        }

        private static void MoveRow(EventBatch batch, int from, int to)
        {
            batch.User[to] = batch.User[from];
            batch.Item[to] = batch.Item[from];
            batch.Category[to] = batch.Category[from];
            batch.Action[to] = batch.Action[from];
            batch.TimestampMicros[to] = batch.TimestampMicros[from];
            batch.Price[to] = batch.Price[from];
            batch.Session[to] = batch.Session[from];
            batch.Query[to] = batch.Query[from];
            batch.SourceLine[to] = batch.SourceLine[from];
        }

        private static int Id(IdDictionary dictionary, long number, ReadOnlySpan<byte> key) =>
            number >= 0 ? dictionary.GetOrAdd(number) : dictionary.GetOrAdd(key);

        /// <summary>Hashes one key: a tag for absent, numeric or text, then the value or the bytes.</summary>
        private static void AddKey(ref Hash128 hasher, long number, ReadOnlySpan<byte> key)
        {
            if (number >= 0)
            {
                hasher.Add(1);
                hasher.Add((ulong)number);
            }
            else if (key.IsEmpty)
            {
                hasher.Add(0);
            }
            else
            {
                hasher.Add(2);
                hasher.Add(key);
            }
        }

        private void Missing(CsvRowReader csv, int role) =>
            Reject(csv, RejectReason.MissingField, $"column {_layout.Columns.RoleLabel[role]} is empty");

        private void Reject(CsvRowReader csv, RejectReason reason, string detail)
        {
            _rejected++;
            var reject = new RejectRecord(csv.Line, reason, detail, RejectText.Raw(csv.Raw, csv.RawIsPrefix));
            if (_duplicates is not null && _batch.Count > _checked)
            {
                // Provisional rows before this one are not yet checked for duplicates; keep source order.
                _heldRejects.Add(reject);
            }
            else
            {
                _sink.WriteReject(reject);
            }
        }
    }
}
