namespace CausalCart.Ingest.Parsing;

/// <summary>
/// The 128-bit hashes of the rows accepted so far from one source, each with the line it came from.
/// </summary>
/// <remarks>
/// Implementation note: open addressing with linear probing over parallel arrays, at most 3/4 full;
/// zero marks an empty slot (a hash that is zero is stored as one). Memory is about 32–64 bytes per
/// accepted row; callers that cannot afford it switch duplicate detection off.
/// </remarks>
internal sealed class DuplicateSet
{
    private UInt128[] _hashes = new UInt128[1 << 16];   // (capacity) hash, or zero when the slot is empty
    private long[] _lines = new long[1 << 16];          // (capacity) source line of the row that added the hash
    private int _count;

    /// <summary>Adds a hash. Returns false, with the line that added it first, when it was already present.</summary>
    public bool TryAdd(UInt128 hash, long line, out long firstLine)
    {
        if (hash == UInt128.Zero)
        {
            hash = UInt128.One;
        }

        var mask = _hashes.Length - 1;
        var slot = (int)(ulong)hash & mask;
        while (true)
        {
            var existing = _hashes[slot];
            if (existing == UInt128.Zero)
            {
                break;
            }

            if (existing == hash)
            {
                firstLine = _lines[slot];
                return false;
            }

            slot = (slot + 1) & mask;
        }

        _hashes[slot] = hash;
        _lines[slot] = line;
        firstLine = line;
        if (++_count > (_hashes.Length >> 2) * 3)
        {
            Grow();
        }

        return true;
    }

    private void Grow()
    {
        var oldHashes = _hashes;
        var oldLines = _lines;
        _hashes = new UInt128[oldHashes.Length * 2];
        _lines = new long[oldHashes.Length * 2];
        var mask = _hashes.Length - 1;
        for (var i = 0; i < oldHashes.Length; i++)
        {
            var hash = oldHashes[i];
            if (hash == UInt128.Zero)
            {
                continue;
            }

            var slot = (int)(ulong)hash & mask;
            while (_hashes[slot] != UInt128.Zero)
            {
                slot = (slot + 1) & mask;
            }

            _hashes[slot] = hash;
            _lines[slot] = oldLines[i];
        }
    }
}
