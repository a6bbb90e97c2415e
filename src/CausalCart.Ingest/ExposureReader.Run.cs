using System.Text;
using CausalCart.Ingest.Parsing;

namespace CausalCart.Ingest;

public sealed partial class ExposureReader
{
    /// <summary>The state of reading one source.</summary>
    private sealed class Run
    {
        private const int U = 0;
        private const int T = 1;
        private const int C = 2;
        private const int A = 3;
        private const int I = 4;
        private const int P = 5;
        private const int CancellationCheckRows = 16 * 1024;
        private const ulong AbsentPropensityBits = 0x7FF8_0000_0000_0001UL;
        private static readonly string[] RoleNames = ["user_id", "timestamp", "campaign", "arm", "item_id", "propensity"];

        private readonly ExposureReaderOptions _options;
        private readonly string _source;
        private readonly IdDictionaries _ids;
        private readonly IExposureSink _sink;
        private readonly CancellationToken _cancellationToken;
        private readonly ExposureBatch _batch;
        private readonly DuplicateSet? _duplicates;
        private readonly long _minMicros;
        private readonly long _maxMicros;
        private readonly Dictionary<string, int> _arms = new(StringComparer.Ordinal);   // arm text → index into _armNames
        private readonly List<string> _armNames = [];
        private ColumnLayout _layout = null!;
        private long _read;
        private long _accepted;
        private long _rejected;

        public Run(ExposureReaderOptions options, string source, IdDictionaries ids, IExposureSink sink, CancellationToken cancellationToken)
        {
            _options = options;
            _source = source;
            _ids = ids;
            _sink = sink;
            _cancellationToken = cancellationToken;
            _batch = new ExposureBatch(options.BatchCapacity);
            _duplicates = options.Cleaning.RejectDuplicates ? new DuplicateSet() : null;
            (_minMicros, _maxMicros) = options.Cleaning.TimestampRangeMicros();
        }

        public IngestCounts Execute(Stream stream)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var rules = _options.Cleaning;
            var csv = new CsvRowReader(stream, (byte)',', _options.BufferBytes, rules.MaxFieldBytes, rules.MaxRowBytes, _cancellationToken);
            var warnings = new List<string>();
            if (!csv.ReadRow())
            {
                warnings.Add($"{_source} has no rows and no header.");
                return new IngestCounts(0, 0, 0) { Warnings = warnings };
            }

            _layout = ColumnLayout.FromHeader(
                _source,
                "an exposures file",
                RowChecks.ReadHeader(csv, _source),
                RoleNames,
                [new(U, "user_id", true), new(T, "timestamp", true), new(C, "campaign", true), new(A, "arm", true), new(I, "item_id", false), new(P, "propensity", false)],
                []);
            warnings.AddRange(_layout.Warnings);
            var sinceCheck = 0;
            while (csv.ReadRow())
            {
                ProcessRow(csv);
                if (++sinceCheck == CancellationCheckRows)
                {
                    sinceCheck = 0;
                    _cancellationToken.ThrowIfCancellationRequested();
                }
            }

            if (_batch.Count > 0)
            {
                _sink.WriteExposures(_batch);
                _batch.Clear();
            }

            return new IngestCounts(_read, _accepted, _rejected) { Warnings = warnings };
        }

        private void ProcessRow(CsvRowReader csv)
        {
            _read++;
            if (!RowChecks.TryStructural(csv, _layout, _options.Cleaning, out var reason, out var detail))
            {
                Reject(csv, reason, detail);
                return;
            }

            var index = _layout.Index;
            var userField = csv.Field(index[U]);
            var campaignField = csv.Field(index[C]);
            var armField = csv.Field(index[A]);
            var timeField = csv.Field(index[T]);
            foreach (var (role, field) in (ReadOnlySpan<(int, int)>)[(U, userField.Length), (T, timeField.Length), (C, campaignField.Length), (A, armField.Length)])
            {
                if (field == 0)
                {
                    Reject(csv, RejectReason.MissingField, $"column {_layout.RoleLabel[role]} is empty");
                    return;
                }
            }

            var format = _options.TimestampFormat;
            switch (FieldParsers.TryParseTimestamp(timeField, format, out var micros))
            {
                case TimeParse.Unparsable:
                    Reject(csv, RejectReason.UnparsableField, $"column {_layout.RoleLabel[T]} value '{RejectText.Value(timeField)}' is not {RowChecks.Describe(format)}");
                    return;
                case TimeParse.OutOfRange:
                    Reject(csv, RejectReason.ImplausibleTimestamp, $"column {_layout.RoleLabel[T]} value '{RejectText.Value(timeField)}' is too far from 1970 to be a time");
                    return;
            }

            if (micros < _minMicros || micros > _maxMicros)
            {
                Reject(
                    csv,
                    RejectReason.ImplausibleTimestamp,
                    $"column {_layout.RoleLabel[T]} value '{RejectText.Value(timeField)}' is {RowChecks.Instant(micros)}, outside the plausible range {RowChecks.Instant(_minMicros)} to {RowChecks.Instant(_maxMicros)}");
                return;
            }

            var itemField = index[I] >= 0 ? csv.Field(index[I]) : default;
            var propensity = double.NaN;
            if (index[P] >= 0)
            {
                var field = csv.Field(index[P]);
                if (!field.IsEmpty)
                {
                    if (!RowChecks.TryParseNumber(field, out propensity))
                    {
                        Reject(csv, RejectReason.UnparsableField, $"column {_layout.RoleLabel[P]} value '{RejectText.Value(field)}' is not a number");
                        return;
                    }

                    if (!(propensity > 0 && propensity <= 1))
                    {
                        Reject(csv, RejectReason.InvalidPropensity, $"column {_layout.RoleLabel[P]} value '{RejectText.Value(field)}' is not in (0, 1]");
                        return;
                    }
                }
            }

            var user = FieldParsers.GetOrAddId(_ids.Users, userField);
            var campaign = FieldParsers.GetOrAddId(_ids.Campaigns, campaignField);
            var item = itemField.IsEmpty ? -1 : FieldParsers.GetOrAddId(_ids.Items, itemField);
            var arm = ArmIndex(armField);
            if (_duplicates is not null)
            {
                var hash = new Hash128();
                hash.Add((uint)user | ((ulong)(uint)campaign << 32));
                hash.Add((uint)item | ((ulong)(uint)arm << 32));
                hash.Add((ulong)micros);
                hash.Add(double.IsNaN(propensity) ? AbsentPropensityBits : BitConverter.DoubleToUInt64Bits(propensity));
                if (!_duplicates.TryAdd(hash.Finish(), csv.Line, out var firstLine))
                {
                    Reject(csv, RejectReason.Duplicate, $"same user, timestamp, campaign, arm, item and propensity as line {firstLine}");
                    return;
                }
            }

            var batch = _batch;
            var row = batch.Count;
            batch.User[row] = user;
            batch.TimestampMicros[row] = micros;
            batch.Campaign[row] = campaign;
            batch.Arm[row] = _armNames[arm];
            batch.Item[row] = item;
            batch.Propensity[row] = propensity;
            batch.SourceLine[row] = csv.Line;
            batch.Count = row + 1;
            _accepted++;
            if (batch.IsFull)
            {
                _sink.WriteExposures(batch);
                batch.Clear();
            }
        }

        /// <summary>The index of an arm's text, so each distinct arm is one shared string.</summary>
        private int ArmIndex(ReadOnlySpan<byte> utf8)
        {
            var text = Encoding.UTF8.GetString(utf8);
            if (!_arms.TryGetValue(text, out var index))
            {
                index = _armNames.Count;
                _arms.Add(text, index);
                _armNames.Add(text);
            }

            return index;
        }

        private void Reject(CsvRowReader csv, RejectReason reason, string detail)
        {
            _rejected++;
            _sink.WriteReject(new RejectRecord(csv.Line, reason, detail, RejectText.Raw(csv.Raw, csv.RawIsPrefix)));
        }
    }
}
