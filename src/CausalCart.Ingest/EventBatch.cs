namespace CausalCart.Ingest;

/// <summary>
/// A columnar batch of canonical events, the unit of hand-over from a reader to the store.
/// Every column is an array of length <see cref="Capacity"/>; the first <see cref="Count"/> rows are valid.
/// Ids are dense integers from <see cref="IdDictionaries"/>; <c>-1</c> means "absent" in id columns.
/// </summary>
/// <remarks>Implementation note: the capacity is a multiple of DuckDB's vector size (2048) so the
/// store can append whole vectors without re-slicing.</remarks>
public sealed class EventBatch
{
    /// <summary>Default number of rows in a batch.</summary>
    public const int DefaultCapacity = 2048 * 32;

    /// <summary>Creates an empty batch with room for <paramref name="capacity"/> rows.</summary>
    public EventBatch(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        User = new int[capacity];
        Item = new int[capacity];
        Category = new int[capacity];
        Action = new byte[capacity];
        TimestampMicros = new long[capacity];
        Price = new double[capacity];
        Session = new int[capacity];
        Query = new string?[capacity];
        SourceLine = new long[capacity];
    }

    /// <summary>Number of rows the batch can hold.</summary>
    public int Capacity { get; }

    /// <summary>Number of valid rows.</summary>
    public int Count { get; set; }

    /// <summary>Whether <see cref="Count"/> has reached <see cref="Capacity"/>.</summary>
    public bool IsFull => Count == Capacity;

    /// <summary>Dense user id (never -1 for an accepted event).</summary>
    public int[] User { get; }

    /// <summary>Dense item id; -1 for events without an item (a search).</summary>
    public int[] Item { get; }

    /// <summary>Dense category id; -1 when the source has none.</summary>
    public int[] Category { get; }

    /// <summary>The <see cref="Core.Events.CanonicalAction"/> as a byte.</summary>
    public byte[] Action { get; }

    /// <summary>Event time in microseconds since 1970-01-01T00:00:00Z (DuckDB's TIMESTAMP unit).</summary>
    public long[] TimestampMicros { get; }

    /// <summary>Unit price in the source currency; <see cref="double.NaN"/> when absent.</summary>
    public double[] Price { get; }

    /// <summary>Dense session id from the source's own session key; -1 when the source has none (sessionized later).</summary>
    public int[] Session { get; }

    /// <summary>Search query text; null when absent.</summary>
    public string?[] Query { get; }

    /// <summary>1-based line (CSV) or row (Parquet) of the source record.</summary>
    public long[] SourceLine { get; }

    /// <summary>Marks the batch empty so it can be refilled. Query references are cleared.</summary>
    public void Clear()
    {
        Array.Clear(Query, 0, Count);
        Count = 0;
    }
}
