namespace CausalCart.Sequence.Tensors;

/// <summary>
/// A named view into an arena: a contiguous run of floats inside one big array. Slices are plain
/// values so that parallel loops can capture them (a <see cref="Span{T}"/> cannot be captured).
/// </summary>
/// <param name="Array">The arena's backing array.</param>
/// <param name="Offset">First element of the slice in <paramref name="Array"/>.</param>
/// <param name="Length">Number of elements.</param>
internal readonly record struct Slice(float[] Array, int Offset, int Length)
{
    /// <summary>The elements as a span.</summary>
    public Span<float> Span => Array.AsSpan(Offset, Length);

    /// <summary>A sub-range of this slice.</summary>
    public Slice Sub(int start, int length)
    {
        System.Diagnostics.Debug.Assert(start >= 0 && length >= 0 && start + length <= Length, "slice range out of bounds");
        return new Slice(Array, Offset + start, length);
    }

    /// <summary>The elements from <paramref name="start"/> to the end of the slice.</summary>
    public Slice From(int start) => Sub(start, Length - start);
}
