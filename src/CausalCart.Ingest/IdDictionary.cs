using System.Buffers.Text;
using System.Text;

namespace CausalCart.Ingest;

/// <summary>
/// Maps source id strings to dense integers 0, 1, 2, … in order of first appearance, and back.
/// </summary>
/// <remarks>
/// Implementation note: most logs use decimal ids, so a key that is a canonical non-negative decimal
/// (no sign, no leading zero, at most 18 digits) is kept in a <see cref="long"/>-keyed table and never
/// allocates a string (an open-addressing table, with a one-entry cache for the run of rows that repeat a
/// user or session); every other key goes to a string-keyed table. A key maps to the same id
/// whichever overload is used ("42"u8, "42" and 42 are one key). Not thread-safe: one writer at a time, except that
/// one other thread may call <see cref="KeyOf"/> for ids below <see cref="PublishedCount"/> while keys are added (so a
/// store can save new keys while the reader goes on). The key arrays are only ever replaced by larger copies and the
/// count is written after the key, with release semantics, so every id below a count read with acquire semantics
/// finds its key in whichever array the other thread sees.
/// </remarks>
public sealed class IdDictionary
{
    private const long MaxCanonicalDecimal = 999_999_999_999_999_999;   // the largest 18-digit key

    private readonly Parsing.LongIdTable _numeric = new();
    private long _lastNumericKey = -1;   // one-entry cache: logs repeat the same user/session on consecutive rows
    private int _lastNumericId = -1;
    private readonly Dictionary<string, int> _text = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _textLookup;
    private long[] _numericKey = new long[64];         // (≥ Count) numeric key, or -1 - i for the i-th text key
    private string[] _textKeys = new string[16];       // (≥ number of text keys) text keys in order of first appearance
    private int _count;

    /// <summary>Creates an empty dictionary named after the id kind it holds (user, item, …).</summary>
    public IdDictionary(string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        Kind = kind;
        _textLookup = _text.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The id kind, used in table names and messages (<c>user</c>, <c>item</c>, …).</summary>
    public string Kind { get; }

    /// <summary>Number of distinct keys; the next new key gets this id.</summary>
    public int Count => _count;

    /// <summary>
    /// <see cref="Count"/> as seen from another thread: <see cref="KeyOf"/> may be called from one other thread for
    /// the ids below it while this dictionary's own thread adds keys.
    /// </summary>
    public int PublishedCount => Volatile.Read(ref _count);

    /// <summary>Returns the id of a UTF-8 key, adding it if new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> utf8Key)
    {
        if (TryCanonicalDecimal(utf8Key, out var number))
        {
            return GetOrAdd(number);
        }

        Span<char> buffer = utf8Key.Length <= 256 ? stackalloc char[utf8Key.Length] : new char[utf8Key.Length];
        var chars = Encoding.UTF8.GetChars(utf8Key, buffer);
        return GetOrAddText(buffer[..chars]);
    }

    /// <summary>Returns the id of a key, adding it if new.</summary>
    public int GetOrAdd(ReadOnlySpan<char> key)
    {
        return TryCanonicalDecimal(key, out var number) ? GetOrAdd(number) : GetOrAddText(key);
    }

    /// <summary>Returns the id of a non-negative numeric key, adding it if new.</summary>
    public int GetOrAdd(long key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(key);
        if (key > MaxCanonicalDecimal)
        {
            // 19-digit keys are text keys for the span overloads; keep one id per key whichever overload is used.
            Span<char> digits = stackalloc char[20];
            key.TryFormat(digits, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
            return GetOrAddText(digits[..written]);
        }

        if (key == _lastNumericKey)
        {
            return _lastNumericId;
        }

        // One probe sequence for both the hit and the insert.
        var id = _numeric.GetOrAdd(key, Count, out var added);
        if (added)
        {
            Append(key);
        }

        _lastNumericKey = key;
        _lastNumericId = id;
        return id;
    }

    /// <summary>Looks a key up without adding it.</summary>
    public bool TryGetId(ReadOnlySpan<char> key, out int id)
    {
        return TryCanonicalDecimal(key, out var number)
            ? _numeric.TryGetValue(number, out id)
            : _textLookup.TryGetValue(key, out id);
    }

    /// <summary>The source key of a dense id.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id was never assigned.</exception>
    public string KeyOf(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Count);
        // Read the array references once each: the owning thread may replace them (by larger copies) meanwhile.
        var key = Volatile.Read(ref _numericKey)[id];
        return key >= 0 ? key.ToString(System.Globalization.CultureInfo.InvariantCulture) : Volatile.Read(ref _textKeys)[-1 - key];
    }

    /// <summary>Writes the source key of a dense id as UTF-8 (what <see cref="KeyOf"/> returns, encoded) without creating
    /// a string for a numeric key; may be called from one other thread for ids below <see cref="PublishedCount"/>.</summary>
    /// <returns>The bytes written, or −1 when <paramref name="destination"/> is too small (a numeric key needs at most 19
    /// bytes; a text key its UTF-8 length).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The id was never assigned.</exception>
    public int WriteKeyUtf8(int id, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Count);
        var key = Volatile.Read(ref _numericKey)[id];
        if (key >= 0)
        {
            return key.TryFormat(destination, out var written, default, System.Globalization.CultureInfo.InvariantCulture) ? written : -1;
        }

        var text = Volatile.Read(ref _textKeys)[-1 - key];
        return System.Text.Encoding.UTF8.TryGetBytes(text, destination, out var bytes) ? bytes : -1;
    }

    private int GetOrAddText(ReadOnlySpan<char> key)
    {
        if (_textLookup.TryGetValue(key, out var id))
        {
            return id;
        }

        id = Count;
        var text = key.ToString();
        var index = _text.Count;
        _text.Add(text, id);
        if (index == _textKeys.Length)
        {
            // A larger copy replaces the array, so a thread reading the older one still finds every published key.
            var texts = new string[2 * index];
            Array.Copy(_textKeys, texts, index);
            Volatile.Write(ref _textKeys, texts);
        }

        _textKeys[index] = text;
        Append(-1 - index);
        return id;
    }

    /// <summary>Gives the next id to a key: its value when numeric, −1 − i for the i-th text key (already stored).</summary>
    private void Append(long key)
    {
        var id = _count;
        if (id == _numericKey.Length)
        {
            // A larger copy replaces the array, so a thread reading the older one still finds every published key.
            var keys = new long[2 * id];
            Array.Copy(_numericKey, keys, id);
            Volatile.Write(ref _numericKey, keys);
        }

        _numericKey[id] = key;
        Volatile.Write(ref _count, id + 1);   // publishes the key (see PublishedCount)
    }

    private static bool TryCanonicalDecimal(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 18 || (s[0] == (byte)'0' && s.Length > 1))
        {
            return false;
        }

        foreach (var b in s)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }
        }

        return Utf8Parser.TryParse(s, out value, out var consumed) && consumed == s.Length;
    }

    private static bool TryCanonicalDecimal(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 18 || (s[0] == '0' && s.Length > 1))
        {
            return false;
        }

        long acc = 0;
        foreach (var c in s)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            acc = (acc * 10) + digit;
        }

        value = acc;
        return true;
    }
}
