namespace CausalCart.Causal.Discovery;

/// <summary>
/// What the analyst knows before discovery. Required edges are always kept and oriented; forbidden edges
/// are never added in that direction (forbidding both directions removes the adjacency); tiers are ordered
/// groups of variables — a variable in a later tier can never cause one in an earlier tier (e.g. tier 0:
/// customer attributes, tier 1: marketing exposure, tier 2: purchases). Variables in no tier are unconstrained.
/// </summary>
/// <param name="Required">Edges (cause, effect) that must appear.</param>
/// <param name="Forbidden">Edges (cause, effect) that must not appear.</param>
/// <param name="Tiers">Ordered tiers of variable names, earliest first.</param>
public sealed record BackgroundKnowledge(
    IReadOnlyList<(string From, string To)> Required,
    IReadOnlyList<(string From, string To)> Forbidden,
    IReadOnlyList<IReadOnlyList<string>> Tiers)
{
    /// <summary>No background knowledge.</summary>
    public static BackgroundKnowledge None { get; } = new([], [], []);

    /// <summary>Whether the direction a → b is allowed (indices into <paramref name="data"/>).</summary>
    internal bool[,] AllowedMatrix(DiscoveryData data)
    {
        int p = data.Names.Count;
        var allowed = new bool[p, p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                allowed[a, b] = a != b;
            }
        }

        var tier = Enumerable.Repeat(-1, p).ToArray();
        for (int t = 0; t < Tiers.Count; t++)
        {
            foreach (var name in Tiers[t])
            {
                int i = data.IndexOf(name);
                if (tier[i] >= 0)
                {
                    throw new ArgumentException($"Variable '{name}' is in more than one tier.", nameof(Tiers));
                }

                tier[i] = t;
            }
        }

        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                if (tier[a] >= 0 && tier[b] >= 0 && tier[a] > tier[b])
                {
                    allowed[a, b] = false;
                }
            }
        }

        foreach (var (f, t) in Forbidden)
        {
            allowed[data.IndexOf(f), data.IndexOf(t)] = false;
        }

        foreach (var (f, t) in Required)
        {
            int a = data.IndexOf(f), b = data.IndexOf(t);
            if (!allowed[a, b])
            {
                throw new ArgumentException($"Required edge {f} -> {t} contradicts the tiers or forbidden edges.", nameof(Required));
            }

            allowed[b, a] = false;
        }

        return allowed;
    }

    /// <summary>Required edges as index pairs.</summary>
    internal IEnumerable<(int From, int To)> RequiredIndices(DiscoveryData data) => Required.Select(e => (data.IndexOf(e.From), data.IndexOf(e.To)));
}
