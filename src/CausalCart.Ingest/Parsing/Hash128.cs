using System.Runtime.CompilerServices;

namespace CausalCart.Ingest.Parsing;

/// <summary>
/// A 128-bit non-cryptographic hash of a short sequence of 64-bit words and byte strings, used to
/// recognise exact duplicate rows by their canonical values.
/// </summary>
/// <remarks>
/// Implementation note: two independent lanes, each absorbing every word with the folded 64×64→128
/// multiply of wyhash and its own constants, then a final avalanche. With 128 bits, a false duplicate
/// among n rows has probability about n²/2¹²⁹ (below 10⁻²² for a billion rows).
/// </remarks>
internal struct Hash128
{
    private const ulong P0 = 0xa0761d6478bd642fUL;
    private const ulong P1 = 0xe7037ed1a0b428dbUL;
    private const ulong P2 = 0x8ebc6af09c88c6e3UL;
    private const ulong P3 = 0x589965cc75374cc3UL;

    private ulong _a;
    private ulong _b;

    public Hash128()
    {
        _a = 0x243f6a8885a308d3UL;
        _b = 0x13198a2e03707344UL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong word)
    {
        _a = Mix(_a ^ word, P0);
        _b = Mix(_b ^ word ^ P2, P1);
    }

    public void Add(ReadOnlySpan<byte> bytes)
    {
        Add((ulong)bytes.Length);
        while (bytes.Length >= 8)
        {
            Add(BitConverter.ToUInt64(bytes));
            bytes = bytes[8..];
        }

        if (!bytes.IsEmpty)
        {
            Span<byte> tail = stackalloc byte[8];
            tail.Clear();
            bytes.CopyTo(tail);
            Add(BitConverter.ToUInt64(tail));
        }
    }

    public readonly UInt128 Finish()
    {
        var a = Mix(_a ^ P3, _b ^ P0);
        var b = Mix(_b ^ P1, _a ^ P2);
        return new UInt128(b, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x, ulong y)
    {
        var high = Math.BigMul(x, y, out var low);
        return high ^ low;
    }
}
