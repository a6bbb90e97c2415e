using System.Text;
using CausalCart.Core.Events;
using CausalCart.Ingest.Parsing;

namespace CausalCart.Ingest;

public sealed partial class EventReader
{
    /// <summary>The state of reading one source: counts, the batch, the duplicate set.</summary>
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

        private readonly EventReaderOptions _options;
        private readonly string _source;
        private readonly IdDictionaries _ids;
        private readonly IEventSink _sink;
        private readonly CancellationToken _cancellationToken;
        private readonly EventBatch _batch;
        private readonly DuplicateSet? _duplicates;
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
            _duplicates = options.Cleaning.RejectDuplicates ? new DuplicateSet() : null;
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
                _duplicates.Prefetch(hash);
            }

            var user = Id(_ids.Users, userNumber, userField);
            var item = itemField.IsEmpty ? -1 : Id(_ids.Items, itemNumber, itemField);
            var category = categoryField.IsEmpty ? -1 : Id(_ids.Categories, categoryNumber, categoryField);
            var session = sessionField.IsEmpty ? -1 : Id(_ids.Sessions, sessionNumber, sessionField);
            if (_duplicates is not null && !_duplicates.TryAdd(hash, csv.Line, out var firstLine))
            {
                Reject(csv, RejectReason.Duplicate, $"same user, item, category, action, timestamp, price, session and query as line {firstLine}");
                return;
            }

            var batch = _batch;
            var row = batch.Count;
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
            _accepted++;
            if (batch.IsFull)
            {
                _sink.WriteEvents(batch);
                batch.Clear();
            }
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
            _sink.WriteReject(new RejectRecord(csv.Line, reason, detail, RejectText.Raw(csv.Raw, csv.RawIsPrefix)));
        }
    }
}
