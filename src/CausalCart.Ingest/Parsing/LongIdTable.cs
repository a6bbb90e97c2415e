using System.Runtime.CompilerServices;

namespace CausalCart.Ingest.Parsing;

/// <summary>
/// A hash table from non-negative <see cref="long"/> keys to <see cref="int"/> ids, tuned for the ingest hot path.
/// </summary>
/// <remarks>
/// Implementation note: open addressing with linear probing over one array of 16-byte slots (key and id side by
/// side), so a hit usually touches a single cache line, where <see cref="Dictionary{TKey, TValue}"/> touches its
/// bucket array and its entry array. Fibonacci hashing spreads sequential ids; the table doubles at half load, so
/// probe sequences stay short. Keys are non-negative, which frees -1 as the empty marker. Not thread-safe.
/// </remarks>
internal sealed class LongIdTable
{
    private const long Empty = -1;
    private Slot[] _slots;
    private int _shift;    // 64 − log2(capacity)
    private int _count;

    public LongIdTable(int initialCapacity = 1024)
    {
        var capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)initialCapacity));
        _slots = NewSlots(capacity);
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    public int Count => _count;

    /// <summary>Returns the id stored for <paramref name="key"/>, or stores <paramref name="newId"/> and returns it.</summary>
    /// <param name="key">A non-negative key.</param>
    /// <param name="newId">The id to store when the key is new.</param>
    /// <param name="added">Whether the key was new.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(long key, int newId, out bool added)
    {
        var mask = _slots.Length - 1;
        var i = Index(key);
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.Key == key)
            {
                added = false;
                return slot.Id;
            }

            if (slot.Key == Empty)
            {
                slot.Key = key;
                slot.Id = newId;
                added = true;
                if (++_count * 2 > _slots.Length)
                {
                    Grow();
                }

                return newId;
            }

            i = (i + 1) & mask;
        }
    }

    public bool TryGetValue(long key, out int id)
    {
        var mask = _slots.Length - 1;
        var i = Index(key);
        while (true)
        {
            var slot = _slots[i];
            if (slot.Key == key)
            {
                id = slot.Id;
                return true;
            }

            if (slot.Key == Empty)
            {
                id = -1;
                return false;
            }

            i = (i + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Index(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> _shift);

    private void Grow()
    {
        var old = _slots;
        _slots = NewSlots(old.Length * 2);
        _shift--;
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key == Empty)
            {
                continue;
            }

            var i = Index(slot.Key);
            while (_slots[i].Key != Empty)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = slot;
        }
    }

    private static Slot[] NewSlots(int capacity)
    {
        var slots = new Slot[capacity];
        slots.AsSpan().Fill(new Slot { Key = Empty, Id = -1 });
        return slots;
    }

    private struct Slot
    {
        public long Key;
        public int Id;
    }
}
