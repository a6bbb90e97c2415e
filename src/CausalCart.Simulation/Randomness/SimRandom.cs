namespace CausalCart.Simulation.Randomness;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna, 2018) with SplitMix64 seeding, plus the few variates ShopSim
/// needs (uniform, normal, gamma, Poisson). A mutable value type: pass it by <c>ref</c>.
/// </summary>
/// <remarks>
/// Implementation note: every user owns independent streams keyed by (seed, stream, user index)
/// (<see cref="Create"/>), so users can be simulated in any order and on any thread and still
/// produce the same draws. The key is hashed with the SplitMix64 finaliser and the four state words
/// are the next four SplitMix64 outputs from that key, as Vigna recommends for seeding xoshiro.
/// </remarks>
internal struct SimRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const double TwoPowMinus53 = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>A generator with the given raw state (at least one word non-zero).</summary>
    public static SimRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("xoshiro256** state must not be all zero.", nameof(s0));
        }

        return new SimRandom { _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3 };
    }

    /// <summary>The independent stream for (<paramref name="seed"/>, <paramref name="stream"/>, <paramref name="index"/>).</summary>
    public static SimRandom Create(int seed, StreamKind stream, long index)
    {
        var key = SplitMixFinalize(unchecked((ulong)(uint)seed * Golden + Golden));
        key = SplitMixFinalize(key ^ unchecked(((ulong)stream + 1) * 0xD1B54A32D192ED03UL));
        key = SplitMixFinalize(key ^ unchecked(((ulong)index + 1) * 0x8CB92BA72F3D8DD7UL));
        var s0 = SplitMixNext(ref key);
        var s1 = SplitMixNext(ref key);
        var s2 = SplitMixNext(ref key);
        var s3 = SplitMixNext(ref key);
        return (s0 | s1 | s2 | s3) == 0 ? FromState(1, 0, 0, 0) : FromState(s0, s1, s2, s3);
    }

    /// <summary>One step of SplitMix64 (Steele, Lea &amp; Flood 2014): advances <paramref name="state"/> and returns the output.</summary>
    public static ulong SplitMixNext(ref ulong state)
    {
        state = unchecked(state + Golden);
        return SplitMixFinalize(state);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = unchecked(RotateLeft(_s1 * 5, 7) * 9);
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * TwoPowMinus53;

    /// <summary>Uniform on (0, 1] with 53 random bits (safe under a logarithm).</summary>
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * TwoPowMinus53;

    /// <summary>Uniform integer in [0, <paramref name="n"/>) by Lemire's multiply-shift (bias below n / 2^32).</summary>
    public int NextInt(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool NextBernoulli(double p) => NextDouble() < p;

    /// <summary>Standard normal by Marsaglia's polar method (the second variate of each pair is kept).</summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>Gamma(shape, 1) by Marsaglia &amp; Tsang (2000); shapes below 1 use the U^(1/shape) boost.</summary>
    public double NextGamma(double shape)
    {
        if (shape < 1)
        {
            var boost = Math.Pow(NextDoubleNonZero(), 1 / shape);
            return NextGamma(shape + 1) * boost;
        }

        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = NextDoubleNonZero();
            var x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2 || Math.Log(u) < 0.5 * x2 + d * (1 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    /// <summary>
    /// Poisson(<paramref name="mean"/>): Knuth's product method below 12, Hörmann's PTRS
    /// transformed rejection (1993) above. Zero for a mean of zero.
    /// </summary>
    public int NextPoisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean < 12)
        {
            var limit = Math.Exp(-mean);
            var k = 0;
            var p = NextDouble();
            while (p > limit)
            {
                k++;
                p *= NextDouble();
            }

            return k;
        }

        var slam = Math.Sqrt(mean);
        var logMean = Math.Log(mean);
        var b = 0.931 + 2.53 * slam;
        var a = -0.059 + 0.02483 * b;
        var invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        var vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            var u = NextDouble() - 0.5;
            var v = NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return (int)k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            if (Math.Log(v) + Math.Log(invAlpha) - Math.Log(a / (us * us) + b) <= -mean + k * logMean - LogFactorial(k))
            {
                return (int)k;
            }
        }
    }

    /// <summary>ln(k!) exactly for small k, by the Stirling series (error below 1e-10) above.</summary>
    internal static double LogFactorial(double k)
    {
        if (k < 16)
        {
            var r = 0.0;
            for (var i = 2; i <= (int)k; i++)
            {
                r += Math.Log(i);
            }

            return r;
        }

        var n = k + 1;
        var inv = 1 / n;
        var inv2 = inv * inv;
        return (n - 0.5) * Math.Log(n) - n + 0.5 * Math.Log(2 * Math.PI)
            + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
    }

    private static ulong SplitMixFinalize(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
