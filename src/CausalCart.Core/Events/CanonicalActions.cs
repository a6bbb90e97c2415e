namespace CausalCart.Core.Events;

/// <summary>Names of the canonical actions as they appear in files, specs and reports.</summary>
public static class CanonicalActions
{
    private static readonly string[] Names = ["view", "click", "cart", "fav", "buy", "search", "remove_from_cart"];

    /// <summary>All canonical actions in their numeric order.</summary>
    public static IReadOnlyList<CanonicalAction> All { get; } = Enum.GetValues<CanonicalAction>();

    /// <summary>The lower-case name used in files and specs (<c>view</c>, <c>cart</c>, …).</summary>
    public static string Name(CanonicalAction action) => Names[(int)action];

    /// <summary>Parses a canonical name (case-insensitive). Returns false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out CanonicalAction action)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (name.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                action = (CanonicalAction)i;
                return true;
            }
        }

        action = default;
        return false;
    }

    /// <summary>Parses a canonical name or throws an <see cref="ArgumentException"/> listing the valid names.</summary>
    public static CanonicalAction Parse(string name, string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryParse(name, out var action)
            ? action
            : throw new ArgumentException($"Unknown action '{name}'. Valid actions: {string.Join(", ", Names)}.", paramName ?? nameof(name));
    }
}
