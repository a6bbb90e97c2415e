namespace CausalCart.Numerics;

/// <summary>
/// A seeded pseudo-random generator: xoshiro256** (Blackman &amp; Vigna, 2018) with its state filled by
/// SplitMix64 from the seed. The same seed gives the same sequence on every platform and .NET version.
/// </summary>
/// <remarks>
/// Not thread-safe: give each thread or simulation its own generator, seeded with <see cref="DeriveSeed"/>,
/// so results do not depend on scheduling or thread count.
/// </remarks>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>Creates a generator from a 64-bit seed (any value, zero included).</summary>
    public SeededRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>Creates a generator from a 32-bit seed (sign-extended).</summary>
    public SeededRandom(int seed)
        : this(unchecked((ulong)(long)seed))
    {
    }

    /// <summary>
    /// A seed for stream <paramref name="stream"/> derived from <paramref name="seed"/> by two SplitMix64 rounds:
    /// distinct streams get statistically independent generators.
    /// </summary>
    public static ulong DeriveSeed(ulong seed, ulong stream)
    {
        ulong x = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        _ = SplitMix(ref x);
        return SplitMix(ref x);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="n"/>) without modulo bias (Lemire, 2019).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> ≤ 0.</exception>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ulong range = (ulong)n;
        UInt128 m = (UInt128)NextUInt64() * range;
        ulong low = (ulong)m;
        if (low < range)
        {
            ulong threshold = (0 - range) % range;
            while (low < threshold)
            {
                m = (UInt128)NextUInt64() * range;
                low = (ulong)m;
            }
        }

        return (int)(ulong)(m >> 64);
    }

    /// <summary>Standard normal draw by the Marsaglia polar method (pairs; the second is kept for the next call).</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal draws.</summary>
    public void FillNormal(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextNormal();
        }
    }

    /// <summary>Shuffles in place by Fisher–Yates (Durstenfeld); every permutation is equally likely.</summary>
    public void ShuffleInPlace<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>A uniformly random permutation of 0..n−1.</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }

        ShuffleInPlace<int>(p);
        return p;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        ulong z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
