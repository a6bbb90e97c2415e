namespace CausalCart.Ingest.Parsing;

/// <summary>Whether <see cref="CsvRowReader"/> could split the current row into fields.</summary>
internal enum RowStatus : byte
{
    /// <summary>Fields are available.</summary>
    Ok,

    /// <summary>RFC 4180 quoting is broken; the row is the physical line where it starts and has no fields.</summary>
    MalformedQuoting,

    /// <summary>One field is longer than the field limit; fields are available but the row must be rejected.</summary>
    OversizedField,

    /// <summary>The row is longer than the row limit; only its first bytes were kept.</summary>
    OversizedRow,
}
