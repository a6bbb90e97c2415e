using System.Text;
using CausalCart.Core.Events;

namespace CausalCart.Ingest.Parsing;

/// <summary>Maps source action values (UTF-8 bytes) onto canonical actions.</summary>
/// <remarks>
/// Implementation note: maps hold a handful of entries, so a linear scan with an exact byte comparison
/// beats hashing; an ASCII case-insensitive pass runs only when no exact match was found.
/// </remarks>
internal sealed class ActionMap
{
    private readonly byte[][] _keys;                // (entries) source values as UTF-8
    private readonly CanonicalAction[] _actions;    // (entries) the canonical action of each key

    public ActionMap(IEnumerable<KeyValuePair<string, CanonicalAction>> entries)
    {
        var keys = new List<byte[]>();
        var actions = new List<CanonicalAction>();
        var names = new List<string>();
        foreach (var (key, action) in entries)
        {
            if (names.Contains(key, StringComparer.Ordinal))
            {
                continue;
            }

            keys.Add(Encoding.UTF8.GetBytes(key));
            actions.Add(action);
            names.Add(key);
        }

        _keys = [.. keys];
        _actions = [.. actions];
        ValidValues = string.Join(", ", names);
    }

    /// <summary>The accepted source values, comma-separated, for reject details.</summary>
    public string ValidValues { get; }

    /// <summary>A map of the canonical names onto themselves.</summary>
    public static ActionMap Canonical() => new(CanonicalActions.All.Select(a => KeyValuePair.Create(CanonicalActions.Name(a), a)));

    /// <summary>A map of the given source values, then the canonical names not redefined by it.</summary>
    public static ActionMap WithCanonical(IEnumerable<KeyValuePair<string, CanonicalAction>> entries)
    {
        return new(entries.Concat(CanonicalActions.All.Select(a => KeyValuePair.Create(CanonicalActions.Name(a), a))));
    }

    /// <summary>Maps a value: exact bytes first, then ignoring ASCII case.</summary>
    public bool TryMap(ReadOnlySpan<byte> value, out CanonicalAction action)
    {
        var keys = _keys;
        for (var i = 0; i < keys.Length; i++)
        {
            if (value.SequenceEqual(keys[i]))
            {
                action = _actions[i];
                return true;
            }
        }

        for (var i = 0; i < keys.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(value, keys[i]))
            {
                action = _actions[i];
                return true;
            }
        }

        action = default;
        return false;
    }
}
