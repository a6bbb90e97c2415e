namespace CausalCart.Ingest;

/// <summary>
/// One quarantined source row.
/// </summary>
/// <param name="Line">1-based physical line number in the source file where the row starts (for Parquet: the 1-based row number).</param>
/// <param name="Reason">Why the row was rejected (the first problem found).</param>
/// <param name="Detail">A human-readable explanation naming the column and value, e.g. <c>action 'clik' is not one of pv, cart, fav, buy</c>.</param>
/// <param name="RawText">The row as it was read (lossily decoded if it is not UTF-8), cut to <see cref="MaxRawTextChars"/> characters with a marker.</param>
public sealed record RejectRecord(long Line, RejectReason Reason, string Detail, string RawText)
{
    /// <summary>Raw text longer than this is truncated before it is stored.</summary>
    public const int MaxRawTextChars = 4096;
}
