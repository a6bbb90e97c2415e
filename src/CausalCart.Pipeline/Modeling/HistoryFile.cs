using System.Globalization;
using System.Text.Json;
using CausalCart.Core.Errors;
using CausalCart.Core.Events;

namespace CausalCart.Pipeline.Modeling;

/// <summary>
/// Reads a user's recent history for <c>model predict</c>, oldest first. A <c>.json</c> file holds an array of
/// objects <c>{"item": "17", "action": "cart", "timestamp": "2024-03-01T10:00:00Z"}</c>; any other file is CSV
/// with a header naming the columns <c>item</c> (or <c>item_id</c>), and optionally <c>action</c> and
/// <c>timestamp</c> (or <c>ts</c>, <c>time</c>). Unquoted fields, comma-separated. An item may be a string or a
/// number; an action is a canonical name (view, click, cart, fav, buy, search, remove_from_cart); a timestamp is
/// ISO 8601 (UTC unless it has an offset) or Unix seconds. A missing action is the caller's default action.
/// </summary>
public static class HistoryFile
{
    /// <summary>Reads the file. Throws <see cref="CausalCartException"/> naming the file, row and field of the first bad value.</summary>
    public static IReadOnlyList<HistoryEvent> Read(string path, CanonicalAction defaultAction)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new CausalCartException($"History file '{path}' does not exist.");
        }

        var events = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(path, defaultAction) : ReadCsv(path, defaultAction);
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Timestamp < events[i - 1].Timestamp)
            {
                throw new CausalCartException($"{path}: event {i + 1} is earlier than event {i}; give the history oldest first.");
            }
        }

        return events;
    }

    private static List<HistoryEvent> ReadCsv(string path, CanonicalAction defaultAction)
    {
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext())
        {
            return [];
        }

        var header = lines.Current.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var item = Array.FindIndex(header, h => h is "item" or "item_id");
        var action = Array.IndexOf(header, "action");
        var time = Array.FindIndex(header, h => h is "timestamp" or "ts" or "time");
        if (item < 0)
        {
            throw new CausalCartException($"{path}: the header '{lines.Current}' has no 'item' (or 'item_id') column; expected e.g. 'item,action,timestamp'.");
        }

        var events = new List<HistoryEvent>();
        var line = 1;
        while (lines.MoveNext())
        {
            line++;
            if (string.IsNullOrWhiteSpace(lines.Current))
            {
                continue;
            }

            var f = lines.Current.Split(',');
            if (f.Length != header.Length)
            {
                throw new CausalCartException($"{path}:{line}: {f.Length} fields where the header has {header.Length}.");
            }

            var id = f[item].Trim();
            if (id.Length == 0)
            {
                throw new CausalCartException($"{path}:{line}: the item is empty.");
            }

            events.Add(new HistoryEvent(
                id,
                action >= 0 && f[action].Trim().Length > 0 ? ParseAction(f[action].Trim(), $"{path}:{line}") : defaultAction,
                time >= 0 && f[time].Trim().Length > 0 ? ParseTime(f[time].Trim(), $"{path}:{line}") : null));
        }

        return events;
    }

    private static List<HistoryEvent> ReadJson(string path, CanonicalAction defaultAction)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new CausalCartException($"{path}: not valid JSON ({e.Message}).", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new CausalCartException($"{path}: expected a JSON array of events like {{\"item\": \"17\", \"action\": \"view\", \"timestamp\": \"2024-03-01T10:00:00Z\"}}.");
            }

            var events = new List<HistoryEvent>();
            var i = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                i++;
                var where = $"{path}: event {i}";
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("item", out var item) || item.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    throw new CausalCartException($"{where} has no 'item' (a string or number).");
                }

                var action = e.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? ParseAction(a.GetString()!, where) : defaultAction;
                DateTimeOffset? time = null;
                if (e.TryGetProperty("timestamp", out var t))
                {
                    time = t.ValueKind switch
                    {
                        JsonValueKind.String => ParseTime(t.GetString()!, where),
                        JsonValueKind.Number => DateTimeOffset.FromUnixTimeSeconds(t.GetInt64()),
                        JsonValueKind.Null => null,
                        _ => throw new CausalCartException($"{where}: 'timestamp' must be an ISO 8601 string or Unix seconds."),
                    };
                }

                var id = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
                events.Add(new HistoryEvent(id, action, time));
            }

            return events;
        }
    }

    private static CanonicalAction ParseAction(string text, string where) =>
        CanonicalActions.TryParse(text, out var a)
            ? a
            : throw new CausalCartException($"{where}: action '{text}' is not one of {string.Join(", ", CanonicalActions.All.Select(CanonicalActions.Name))}.");

    private static DateTimeOffset ParseTime(string text, string where)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return t;
        }

        throw new CausalCartException($"{where}: timestamp '{text}' is neither ISO 8601 nor Unix seconds.");
    }
}
