namespace CausalCart.Ingest;

/// <summary>
/// Why a source row was quarantined. Stored in <c>rejects.reason</c> as the snake_case name given by
/// <see cref="RejectReasons.Code"/>; the codes are part of the store format and never change meaning.
/// </summary>
public enum RejectReason
{
    /// <summary>A required field (user, item, action, timestamp) is empty or absent.</summary>
    MissingField,

    /// <summary>A field could not be parsed as its type (a number, a timestamp, a price).</summary>
    UnparsableField,

    /// <summary>The action value is not in the format's action map.</summary>
    UnknownAction,

    /// <summary>The timestamp parsed but lies outside the plausible range of the options.</summary>
    ImplausibleTimestamp,

    /// <summary>The row has more or fewer fields than the header or the format defines.</summary>
    WrongColumnCount,

    /// <summary>The row's bytes are not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A field, or the whole row, is longer than the configured maximum.</summary>
    OversizedField,

    /// <summary>The row repeats an earlier accepted row of the same file exactly (same canonical values).</summary>
    Duplicate,

    /// <summary>A quoted field is not closed before the end of the file, or a quote sits inside an unquoted field.</summary>
    MalformedQuoting,

    /// <summary>A negative or non-finite price.</summary>
    InvalidPrice,

    /// <summary>An exposure's logged propensity is not in (0, 1] (zero, negative, above one or not finite).</summary>
    InvalidPropensity,
}
