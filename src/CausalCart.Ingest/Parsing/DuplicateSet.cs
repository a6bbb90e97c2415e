using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CausalCart.Ingest.Parsing;

/// <summary>
/// The 128-bit hashes of the rows accepted so far from one source, each with the line it came from.
/// </summary>
/// <remarks>
/// Implementation note: open addressing with linear probing over one array of 24-byte slots (hash and
/// line together, so a probe touches one cache line), at most 3/4 full; a zero hash marks an empty slot
/// (a hash that is zero is stored as one). A large file makes this table far bigger than the caches, so
/// callers <see cref="Prefetch"/> a row's slot before doing other work for that row. Memory is about
/// 32–64 bytes per accepted row; callers that cannot afford it switch duplicate detection off.
/// </remarks>
internal sealed class DuplicateSet
{
    private Slot[] _slots = new Slot[1 << 16];   // (capacity) power of two
    private int _count;

    /// <summary>Asks the processor to start loading the slot of <paramref name="hash"/> into the cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(UInt128 hash)
    {
        if (Sse.IsSupported)
        {
            var slots = _slots;
            // A prefetch never faults, so a stale address after the GC moves the array is harmless.
            Sse.Prefetch0(Unsafe.AsPointer(ref slots[(int)(ulong)hash & (slots.Length - 1)]));
        }
    }

    /// <summary>Grows the table once so that <paramref name="expectedCount"/> hashes fit without further growth (capped at 2^28 slots).</summary>
    public void EnsureCapacity(long expectedCount)
    {
        var needed = Math.Min(1L << 28, expectedCount + (expectedCount / 3) + 1);
        if (needed > _slots.Length)
        {
            Resize((int)Math.Min(1L << 28, (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)needed)));
        }
    }

    /// <summary>Adds a hash. Returns false, with the line that added it first, when it was already present.</summary>
    public bool TryAdd(UInt128 hash, long line, out long firstLine)
    {
        var low = (ulong)hash;
        var high = (ulong)(hash >> 64);
        if ((low | high) == 0)
        {
            low = 1;
        }

        var slots = _slots;
        var mask = slots.Length - 1;
        var index = (int)low & mask;
        while (true)
        {
            ref var slot = ref slots[index];
            if ((slot.Low | slot.High) == 0)
            {
                break;
            }

            if (slot.Low == low && slot.High == high)
            {
                firstLine = slot.Line;
                return false;
            }

            index = (index + 1) & mask;
        }

        slots[index] = new Slot(low, high, line);
        firstLine = line;
        if (++_count > (slots.Length >> 2) * 3)
        {
            Grow();
        }

        return true;
    }

    private void Grow() => Resize(_slots.Length * 2);

    private void Resize(int capacity)
    {
        var old = _slots;
        var slots = new Slot[capacity];
        var mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if ((slot.Low | slot.High) == 0)
            {
                continue;
            }

            var index = (int)slot.Low & mask;
            while ((slots[index].Low | slots[index].High) != 0)
            {
                index = (index + 1) & mask;
            }

            slots[index] = slot;
        }

        _slots = slots;
    }

    private readonly record struct Slot(ulong Low, ulong High, long Line);
}
