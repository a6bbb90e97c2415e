using System.Globalization;
using System.Text;

namespace CausalCart.Pipeline.Modeling;

/// <summary>
/// The behaviour model's item ids: a 64-bit id derived from the source's string id (its key), the same in
/// every store and sequence file, so that a checkpoint's vocabulary hash means the same items everywhere.
/// </summary>
/// <remarks>
/// Implementation note: a key written as a canonical non-negative integer below 2^62 (<c>0</c>, <c>17</c>,
/// no sign, no leading zeros) is its own id, so the ids of an <c>amazon_sequences</c> file and of a store
/// holding the same items agree; any other key gets FNV-1a-64 of its UTF-8 bytes folded into
/// [2^62, 2^63). Two keys with one id are refused where a vocabulary is built (see <see cref="Map"/>).
/// </remarks>
public static class ItemKeys
{
    private const long HashedBit = 1L << 62;

    /// <summary>The id of a key. Deterministic; never negative.</summary>
    public static long IdOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (IsCanonicalInteger(key) && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < HashedBit)
        {
            return n;
        }

        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            h = (h ^ b) * 1099511628211UL;
        }

        return (long)(h & ((1UL << 62) - 1)) | HashedBit;
    }

    /// <summary>
    /// Maps keys to ids, remembering each id's key. Throws <see cref="Core.Errors.CausalCartException"/>
    /// naming both keys if two distinct keys share an id (a 64-bit hash collision).
    /// </summary>
    public static long Map(string key, Dictionary<long, string> keysById)
    {
        ArgumentNullException.ThrowIfNull(keysById);
        var id = IdOf(key);
        if (keysById.TryGetValue(id, out var existing))
        {
            if (!string.Equals(existing, key, StringComparison.Ordinal))
            {
                throw new Core.Errors.CausalCartException($"Item ids '{existing}' and '{key}' hash to the same model id {id}; rename one of them.");
            }
        }
        else
        {
            keysById[id] = key;
        }

        return id;
    }

    private static bool IsCanonicalInteger(string key)
    {
        if (key.Length == 0 || key.Length > 19 || (key.Length > 1 && key[0] == '0'))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
