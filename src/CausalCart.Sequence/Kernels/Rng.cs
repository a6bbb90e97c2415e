namespace CausalCart.Sequence.Kernels;

/// <summary>
/// Deterministic random numbers: SplitMix64 (Steele, Lea and Flood 2014). Used for initialisation,
/// shuffling, negative sampling and dropout, so that a run is reproducible from its seed alone and
/// does not depend on <see cref="Random"/>'s implementation across runtime versions.
/// </summary>
internal struct Rng
{
    private ulong _state;

    /// <summary>Creates a generator from a seed.</summary>
    public Rng(ulong seed) => _state = seed;

    /// <summary>A generator for one (seed, stream, index) triple: counter-based, so parallel loops stay deterministic.</summary>
    public static Rng For(ulong seed, ulong stream, ulong index) => new(Mix(Mix(seed ^ (stream * 0x9E3779B97F4A7C15UL)) ^ index));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 24 bits of precision.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [0, 1) with 53 bits of precision.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="n"/>).</summary>
    public int NextInt(int n) => (int)((NextUInt64() >> 33) * (ulong)n >> 31);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public float NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
