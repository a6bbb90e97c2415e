using System.Globalization;
using CausalCart.Core.Events;

namespace CausalCart.Ingest;

/// <summary>
/// Describes an event log whose layout is none of the presets: which source column plays which
/// <see cref="EventColumn"/> role, how action values map onto canonical actions, how timestamps are
/// written, the delimiter, and whether there is a header. Build it in code, from YAML
/// (<see cref="FromYaml"/>, <see cref="LoadYaml"/>) or from a command-line string (<see cref="Parse"/>).
/// </summary>
/// <remarks>
/// With a header, <see cref="Columns"/> holds header names (matched ignoring case and surrounding
/// spaces); columns not mapped are ignored and listed in <see cref="IngestCounts.Warnings"/>. Without a
/// header it holds 1-based column positions (<c>"1"</c> is the first column) and every row must have
/// <see cref="ColumnCount"/> fields (default: the highest position mapped). One source column may play
/// several roles (for example a session key that is also the user).
/// </remarks>
public sealed partial record ColumnMapping
{
    /// <summary>Source column (header name, or 1-based position without a header) per role. Required roles: user_id, item_id, timestamp, and action unless <see cref="FixedAction"/> is set.</summary>
    public required IReadOnlyDictionary<EventColumn, string> Columns { get; init; }

    /// <summary>
    /// Source action values and the canonical action each means. Values are matched exactly first, then
    /// ignoring ASCII case; canonical names (<c>view</c>, <c>cart</c>, …) are accepted too unless a key here
    /// redefines them. Empty by default (canonical names only).
    /// </summary>
    public IReadOnlyDictionary<string, CanonicalAction> Actions { get; init; } = new Dictionary<string, CanonicalAction>();

    /// <summary>When set, every row has this action and no action column is read (a file of buys, of clicks, …).</summary>
    public CanonicalAction? FixedAction { get; init; }

    /// <summary>How the timestamp column is written (default <see cref="TimestampFormat.Auto"/>).</summary>
    public TimestampFormat Timestamp { get; init; } = TimestampFormat.Auto;

    /// <summary>The field delimiter: one ASCII character other than a quote, CR or LF (default <c>,</c>).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the first row is a header naming the columns (default true).</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Without a header: how many fields every row has (default: the highest position mapped). Must be null with a header.</summary>
    public int? ColumnCount { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first problem: a required role not mapped, a bad position or delimiter, an empty name.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Columns, nameof(Columns));
        ArgumentNullException.ThrowIfNull(Actions, nameof(Actions));
        var mapped = string.Join(", ", Columns.Keys.Select(EventColumns.Name));
        foreach (var role in (ReadOnlySpan<EventColumn>)[EventColumn.UserId, EventColumn.ItemId, EventColumn.Timestamp])
        {
            if (!Columns.ContainsKey(role))
            {
                throw new ArgumentException($"The column mapping has no '{EventColumns.Name(role)}' column (mapped: {mapped}). Required: user_id, item_id, timestamp, and action unless a fixed action is given.", nameof(Columns));
            }
        }

        if (FixedAction is null && !Columns.ContainsKey(EventColumn.Action))
        {
            throw new ArgumentException($"The column mapping has neither an 'action' column nor a fixed action (mapped: {mapped}).", nameof(Columns));
        }

        if (FixedAction is not null && Columns.ContainsKey(EventColumn.Action))
        {
            throw new ArgumentException("The column mapping has both an 'action' column and a fixed action; give one.", nameof(FixedAction));
        }

        if (FixedAction is { } fixedAction && !Enum.IsDefined(fixedAction))
        {
            throw new ArgumentException($"Unknown fixed action {(int)fixedAction}.", nameof(FixedAction));
        }

        if (!Enum.IsDefined(Timestamp))
        {
            throw new ArgumentException($"Unknown timestamp format {(int)Timestamp}.", nameof(Timestamp));
        }

        if (Delimiter is '"' or '\r' or '\n' || Delimiter > 0x7F)
        {
            throw new ArgumentException($"Delimiter '{Delimiter}' is not allowed: it must be one ASCII character other than a quote, CR or LF.", nameof(Delimiter));
        }

        var maxPosition = 0;
        foreach (var (role, source) in Columns)
        {
            if (!Enum.IsDefined(role))
            {
                throw new ArgumentException($"Unknown role {(int)role}. Valid roles: {string.Join(", ", EventColumns.Names)}.", nameof(Columns));
            }

            if (string.IsNullOrWhiteSpace(source))
            {
                throw new ArgumentException($"The column for '{EventColumns.Name(role)}' is empty.", nameof(Columns));
            }

            if (!HasHeader)
            {
                if (!int.TryParse(source, NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position < 1)
                {
                    throw new ArgumentException($"Without a header, columns are 1-based positions, but '{EventColumns.Name(role)}' is '{source}'.", nameof(Columns));
                }

                maxPosition = Math.Max(maxPosition, position);
            }
        }

        if (HasHeader && ColumnCount is not null)
        {
            throw new ArgumentException("ColumnCount applies only without a header (the header gives the count).", nameof(ColumnCount));
        }

        if (ColumnCount is { } count && count < maxPosition)
        {
            throw new ArgumentException($"ColumnCount {count} is less than the highest mapped position {maxPosition}.", nameof(ColumnCount));
        }

        foreach (var (value, action) in Actions)
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException("An action value in the mapping is empty.", nameof(Actions));
            }

            if (!Enum.IsDefined(action))
            {
                throw new ArgumentException($"Action value '{value}' maps to unknown action {(int)action}.", nameof(Actions));
            }
        }
    }
}
