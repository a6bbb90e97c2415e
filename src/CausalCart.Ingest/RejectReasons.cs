namespace CausalCart.Ingest;

/// <summary>Stable snake_case codes of <see cref="RejectReason"/> values, as stored and reported.</summary>
public static class RejectReasons
{
    /// <summary>The code stored in <c>rejects.reason</c> (for example <c>unknown_action</c>).</summary>
    public static string Code(RejectReason reason) => reason switch
    {
        RejectReason.MissingField => "missing_field",
        RejectReason.UnparsableField => "unparsable_field",
        RejectReason.UnknownAction => "unknown_action",
        RejectReason.ImplausibleTimestamp => "implausible_timestamp",
        RejectReason.WrongColumnCount => "wrong_column_count",
        RejectReason.InvalidUtf8 => "invalid_utf8",
        RejectReason.OversizedField => "oversized_field",
        RejectReason.Duplicate => "duplicate",
        RejectReason.MalformedQuoting => "malformed_quoting",
        RejectReason.InvalidPrice => "invalid_price",
        RejectReason.InvalidPropensity => "invalid_propensity",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown reject reason."),
    };
}
