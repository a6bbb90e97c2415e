using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CausalCart.Core.Errors;
using CausalCart.Core.Events;
using CausalCart.Sequence.Data;
using CausalCart.Store;

namespace CausalCart.Pipeline.Modeling;

/// <summary>Reads users' event sequences from the event store through its SQL schema (see the store's README).</summary>
internal static class StoreSequenceReader
{
    // Ties in time keep the order of the source file and line, so the same store always gives the same sequences.
    private const string EventsSql = """
        SELECT e.user, e.item, CAST(e.action AS INTEGER) AS action, epoch_us(e.ts) AS ts
        FROM events e WHERE e.item IS NOT NULL
        ORDER BY e.user, e.ts, e.source_file, e.source_line
        """;

    /// <summary>Every user's events with an item, oldest first; a SHA-256 of the rows; the number of events without an item.</summary>
    public static (List<UserSequence> Users, Dictionary<long, string> KeysById, string Sha256, long WithoutItem) ReadAll(EventStore store, CancellationToken cancellationToken)
    {
        var itemKeys = Keys(store, "item");
        var userKeys = Keys(store, "user");
        var keysById = new Dictionary<long, string>();
        var modelIds = new long[itemKeys.Length];
        for (var i = 0; i < itemKeys.Length; i++)
        {
            modelIds[i] = ItemKeys.Map(itemKeys[i], keysById);
        }

        // Only the items that occur in events belong to the vocabulary.
        var used = new Dictionary<long, string>();
        var users = new List<UserSequence>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> fixedPart = stackalloc byte[9];
        var currentUser = -1;
        List<SequenceEvent>? events = null;
        using (var reader = store.Connection.ExecuteReader(EventsSql))
        {
            while (reader.ReadChunk())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var u = reader.GetValues<int>(0);
                var it = reader.GetValues<int>(1);
                var ac = reader.GetValues<int>(2);
                var ts = reader.GetValues<long>(3);
                for (var r = 0; r < reader.RowCount; r++)
                {
                    if (u[r] != currentUser)
                    {
                        Flush();
                        currentUser = u[r];
                        events = [];
                    }

                    var item = modelIds[it[r]];
                    used[item] = itemKeys[it[r]];
                    var time = DateTimeOffset.UnixEpoch.AddTicks(ts[r] * 10);
                    events!.Add(new SequenceEvent(item, (CanonicalAction)ac[r], time));
                    hash.AppendData(Encoding.UTF8.GetBytes(userKeys[u[r]]));
                    hash.AppendData([0]);
                    hash.AppendData(Encoding.UTF8.GetBytes(itemKeys[it[r]]));
                    fixedPart[0] = (byte)ac[r];
                    BinaryPrimitives.WriteInt64LittleEndian(fixedPart[1..], ts[r]);
                    hash.AppendData(fixedPart);
                }
            }
        }

        Flush();
        var withoutItem = Convert.ToInt64(store.Connection.QueryScalar("SELECT count(*) FROM events WHERE item IS NULL"), System.Globalization.CultureInfo.InvariantCulture);
        return (users, used, Convert.ToHexStringLower(hash.GetHashAndReset()), withoutItem);

        void Flush()
        {
            if (events is { Count: > 0 })
            {
                users.Add(new UserSequence(userKeys[currentUser], events));
            }
        }
    }

    /// <summary>
    /// One user's events with an item, oldest first, strictly before <paramref name="before"/> when given.
    /// Throws <see cref="CausalCartException"/> when the store has no such user.
    /// </summary>
    public static List<(string ItemKey, CanonicalAction Action, DateTimeOffset Time)> ReadUser(EventStore store, string userKey, DateTimeOffset? before)
    {
        using var find = store.Connection.Prepare("SELECT id FROM ids_user WHERE key = $1");
        find.Bind(1, userKey);
        var table = find.Query();
        var ids = table.Column<int>("id").Values.ToArray();
        if (ids.Length == 0)
        {
            throw new CausalCartException($"User '{userKey}' is not in the store.");
        }

        using var query = store.Connection.Prepare("""
            SELECT k.key AS item, CAST(e.action AS INTEGER) AS action, epoch_us(e.ts) AS ts
            FROM events e JOIN ids_item k ON k.id = e.item
            WHERE e.user = $1 AND e.ts < $2
            ORDER BY e.ts, e.source_file, e.source_line
            """);
        query.Bind(1, ids[0]);
        query.BindTimestampMicros(2, before is { } b ? (b.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10 : long.MaxValue / 2);
        var result = new List<(string, CanonicalAction, DateTimeOffset)>();
        using var reader = query.ExecuteReader();
        while (reader.ReadChunk())
        {
            var ac = reader.GetValues<int>(1);
            var ts = reader.GetValues<long>(2);
            for (var r = 0; r < reader.RowCount; r++)
            {
                result.Add((reader.GetString(0, r)!, (CanonicalAction)ac[r], DateTimeOffset.UnixEpoch.AddTicks(ts[r] * 10)));
            }
        }

        return result;
    }

    private static string[] Keys(EventStore store, string kind)
    {
        var keys = new List<string>();
        using var reader = store.Connection.ExecuteReader($"SELECT id, key FROM ids_{kind} ORDER BY id");
        while (reader.ReadChunk())
        {
            var ids = reader.GetValues<int>(0);
            for (var r = 0; r < reader.RowCount; r++)
            {
                if (ids[r] != keys.Count)
                {
                    throw new InvalidDataException($"ids_{kind} is not dense: id {ids[r]} where {keys.Count} was expected.");
                }

                keys.Add(reader.GetString(1, r)!);
            }
        }

        return [.. keys];
    }
}
