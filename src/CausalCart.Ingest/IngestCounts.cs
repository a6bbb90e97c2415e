namespace CausalCart.Ingest;

/// <summary>What a reader saw in one source: every row read is either accepted or rejected.</summary>
/// <param name="Read">Data rows read (header lines and a final empty line are not rows).</param>
/// <param name="Accepted">Rows handed to the sink as events or exposures.</param>
/// <param name="Rejected">Rows handed to the sink as rejects.</param>
public sealed record IngestCounts(long Read, long Accepted, long Rejected)
{
    /// <summary>Whether <c>Read == Accepted + Rejected</c>, the invariant every reader keeps.</summary>
    public bool Reconciles => Read == Accepted + Rejected;

    /// <summary>
    /// Things about the source as a whole that a person should know but that reject no row (columns
    /// ignored, a file that is empty, the YOOCHOOSE file kind detected); empty when there are none.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Equal when the three counts are equal and the warnings are the same texts in the same order.</summary>
    public bool Equals(IngestCounts? other) =>
        other is not null && Read == other.Read && Accepted == other.Accepted && Rejected == other.Rejected && Warnings.SequenceEqual(other.Warnings);

    /// <summary>A hash of the counts and the number of warnings, consistent with <see cref="Equals(IngestCounts?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Read, Accepted, Rejected, Warnings.Count);
}
