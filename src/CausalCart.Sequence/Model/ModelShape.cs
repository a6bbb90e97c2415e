namespace CausalCart.Sequence.Model;

/// <summary>Resolved dimensions of one network: options plus the vocabulary sizes.</summary>
/// <param name="Items">V, rows of the item table.</param>
/// <param name="Actions">A, action types.</param>
/// <param name="GapBuckets">G, time-gap buckets.</param>
/// <param name="MaxLength">T, positions.</param>
/// <param name="Channels">C.</param>
/// <param name="Layers">L.</param>
/// <param name="Heads">NH.</param>
internal sealed record ModelShape(int Items, int Actions, int GapBuckets, int MaxLength, int Channels, int Layers, int Heads)
{
    /// <summary>Feed-forward width, 4C.</summary>
    public int Hidden => 4 * Channels;
}
