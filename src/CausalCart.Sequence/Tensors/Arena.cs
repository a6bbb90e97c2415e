namespace CausalCart.Sequence.Tensors;

/// <summary>
/// One contiguous block of floats carved into named tensors, llm.c style: parameters, gradients,
/// optimiser moments and activations each live in their own arena allocated once per shape.
/// </summary>
/// <remarks>
/// Implementation note: tensors are declared first (name, shape) and the block is allocated once by
/// <see cref="Allocate"/>; after that the layout is frozen. Two arenas built by the same sequence of
/// declarations have identical layouts, which is what lets gradients and Adam moments mirror the
/// parameters element for element.
/// </remarks>
internal sealed class Arena
{
    private readonly List<TensorInfo> _tensors = [];
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private float[]? _data;

    /// <summary>Total number of floats declared.</summary>
    public int Length { get; private set; }

    /// <summary>The backing array (after <see cref="Allocate"/>).</summary>
    public float[] Data => _data ?? throw new InvalidOperationException("Arena not allocated yet.");

    /// <summary>The declared tensors in declaration order.</summary>
    public IReadOnlyList<TensorInfo> Tensors => _tensors;

    /// <summary>Declares a tensor; returns its index.</summary>
    public int Declare(string name, params int[] shape)
    {
        if (_data is not null)
        {
            throw new InvalidOperationException("Arena layout is frozen after allocation.");
        }

        long size = 1;
        foreach (var d in shape)
        {
            size *= d;
        }

        if (Length + size > int.MaxValue)
        {
            throw new InvalidOperationException($"Arena too large when adding '{name}' of {size} floats.");
        }

        var info = new TensorInfo(name, shape, Length, (int)size);
        _byName.Add(name, _tensors.Count);
        _tensors.Add(info);
        Length += (int)size;
        return _tensors.Count - 1;
    }

    /// <summary>Allocates the block (zero-filled).</summary>
    public void Allocate() => _data = new float[Length];

    /// <summary>The slice of a declared tensor.</summary>
    public Slice this[string name] => Get(_byName.TryGetValue(name, out var i) ? i : throw new KeyNotFoundException($"No tensor named '{name}' in the arena."));

    /// <summary>The slice of the tensor at <paramref name="index"/>.</summary>
    public Slice Get(int index)
    {
        var t = _tensors[index];
        return new Slice(Data, t.Offset, t.Length);
    }

    /// <summary>Whether a tensor of that name was declared.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>A new arena with the same declarations (allocated).</summary>
    public Arena CloneLayout()
    {
        var copy = new Arena();
        foreach (var t in _tensors)
        {
            copy.Declare(t.Name, t.Shape);
        }

        copy.Allocate();
        return copy;
    }
}

/// <summary>A declared tensor: name, shape and place in its arena.</summary>
internal sealed record TensorInfo(string Name, int[] Shape, int Offset, int Length);
