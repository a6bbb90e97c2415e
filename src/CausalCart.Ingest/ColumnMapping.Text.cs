using CausalCart.Core.Events;

namespace CausalCart.Ingest;

public sealed partial record ColumnMapping
{
    /// <summary>
    /// Builds a mapping from command-line text: <paramref name="columns"/> like
    /// <c>user_id=visitor,item_id=sku,action=event,timestamp=ts</c> (role=source column) and optional
    /// <paramref name="actions"/> like <c>pageview=view,add=cart</c> (source value=canonical action).
    /// The other settings keep their defaults; change them with <c>with { … }</c>.
    /// </summary>
    /// <exception cref="FormatException">A pair is not <c>key=value</c>, a role or action is unknown (the message lists the valid ones), or a role repeats.</exception>
    /// <exception cref="ArgumentException">The mapping is incomplete (see <see cref="Validate"/>).</exception>
    public static ColumnMapping Parse(string columns, string? actions = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var map = new Dictionary<EventColumn, string>();
        foreach (var (key, value) in Pairs(columns, "columns"))
        {
            if (!EventColumns.TryParse(key, out var role))
            {
                throw new FormatException($"Unknown column role '{key}' in '{columns}'. Valid roles: {string.Join(", ", EventColumns.Names)}.");
            }

            if (!map.TryAdd(role, value))
            {
                throw new FormatException($"Column role '{key}' is given twice in '{columns}'.");
            }
        }

        var actionMap = new Dictionary<string, CanonicalAction>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(actions))
        {
            foreach (var (key, value) in Pairs(actions, "actions"))
            {
                if (!CanonicalActions.TryParse(value, out var action))
                {
                    throw new FormatException($"Action value '{key}' maps to '{value}', which is not a canonical action. Valid actions: {string.Join(", ", CanonicalActions.All.Select(CanonicalActions.Name))}.");
                }

                if (!actionMap.TryAdd(key, action))
                {
                    throw new FormatException($"Action value '{key}' is given twice in '{actions}'.");
                }
            }
        }

        var mapping = new ColumnMapping { Columns = map, Actions = actionMap };
        mapping.Validate();
        return mapping;
    }

    private static IEnumerable<(string Key, string Value)> Pairs(string text, string what)
    {
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == part.Length - 1)
            {
                throw new FormatException($"'{part}' in the {what} '{text}' is not of the form key=value.");
            }

            yield return (part[..eq].Trim(), part[(eq + 1)..].Trim());
        }
    }
}
