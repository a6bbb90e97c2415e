namespace CausalCart.Features.Study;

/// <summary>A two-way map between spec names and enum values.</summary>
internal sealed class NameTable<T>
    where T : struct, Enum
{
    private readonly (string Name, T Value)[] _entries;

    public NameTable(params (string Name, T Value)[] entries)
    {
        _entries = entries;
        Valid = string.Join(", ", entries.Select(e => e.Name));
    }

    /// <summary>The valid names, comma-separated, for messages.</summary>
    public string Valid { get; }

    public bool TryParse(string name, out T value)
    {
        foreach (var (n, v) in _entries)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The spec name of a value, or the enum's own name for a value outside the table.</summary>
    public string Name(T value)
    {
        foreach (var (n, v) in _entries)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return n;
            }
        }

        return value.ToString();
    }

    public bool IsDefined(T value) => _entries.Any(e => EqualityComparer<T>.Default.Equals(e.Value, value));
}
