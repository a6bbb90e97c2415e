namespace CausalCart.Ingest;

/// <summary>
/// A columnar batch of exposures: the platform did something to a user (a coupon, an e-mail, a
/// recommendation slate) at a time, within a campaign, in an arm, optionally with the logged
/// probability of that arm. The first <see cref="Count"/> of <see cref="Capacity"/> rows are valid.
/// </summary>
public sealed class ExposureBatch
{
    /// <summary>Default number of rows in a batch.</summary>
    public const int DefaultCapacity = 2048 * 8;

    /// <summary>Creates an empty batch with room for <paramref name="capacity"/> rows.</summary>
    public ExposureBatch(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        User = new int[capacity];
        TimestampMicros = new long[capacity];
        Campaign = new int[capacity];
        Arm = new string[capacity];
        Item = new int[capacity];
        Propensity = new double[capacity];
        SourceLine = new long[capacity];
    }

    /// <summary>Number of rows the batch can hold.</summary>
    public int Capacity { get; }

    /// <summary>Number of valid rows.</summary>
    public int Count { get; set; }

    /// <summary>Whether <see cref="Count"/> has reached <see cref="Capacity"/>.</summary>
    public bool IsFull => Count == Capacity;

    /// <summary>Dense user id.</summary>
    public int[] User { get; }

    /// <summary>Exposure time in microseconds since the Unix epoch (UTC).</summary>
    public long[] TimestampMicros { get; }

    /// <summary>Dense campaign id (<see cref="IdDictionaries.Campaigns"/>).</summary>
    public int[] Campaign { get; }

    /// <summary>The arm received (<c>treatment</c>, <c>control</c>, <c>10pct</c>, …); never null for a valid row.</summary>
    public string?[] Arm { get; }

    /// <summary>Dense item id of a recommended item; -1 when the exposure is not about an item.</summary>
    public int[] Item { get; }

    /// <summary>Logged probability of the arm given the user's context, in (0, 1]; <see cref="double.NaN"/> when not logged.</summary>
    public double[] Propensity { get; }

    /// <summary>1-based line of the source record.</summary>
    public long[] SourceLine { get; }

    /// <summary>Marks the batch empty so it can be refilled.</summary>
    public void Clear()
    {
        Array.Clear(Arm, 0, Count);
        Count = 0;
    }
}
