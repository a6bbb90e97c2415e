namespace CausalCart.Features.Study;

/// <summary>
/// Collects spec problems by key path. A second problem on a path that already has one, or on a path inside
/// or above it, is dropped: the reader reports what it could not read and the validator then need not repeat
/// it. Knows where each path sits in the YAML text when the spec came from YAML.
/// </summary>
internal sealed class ProblemList
{
    private readonly List<(string Path, string Message)> _problems = [];
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    public int Count => _problems.Count;

    /// <summary>Records where a key path sits in the source (1-based line and column).</summary>
    public void SetPosition(string path, int line, int column) => _positions.TryAdd(path, (line, column));

    public void Add(string path, string message)
    {
        foreach (var (existing, _) in _problems)
        {
            if (Overlaps(existing, path))
            {
                return;
            }
        }

        _problems.Add((path, message));
    }

    /// <summary>Whether a problem was recorded at this path, inside it or above it.</summary>
    public bool Has(string path) => _problems.Any(p => Overlaps(p.Path, path));

    /// <summary>The problems with their source positions (the nearest enclosing path that has one).</summary>
    public IReadOnlyList<StudySpecProblem> ToProblems()
    {
        var result = new List<StudySpecProblem>(_problems.Count);
        foreach (var (path, message) in _problems)
        {
            var position = FindPosition(path);
            result.Add(position is { } p
                ? new StudySpecProblem(path, message, p.Line, p.Column)
                : new StudySpecProblem(path, message));
        }

        return result;
    }

    private (int Line, int Column)? FindPosition(string path)
    {
        var current = path;
        while (current.Length > 0)
        {
            if (_positions.TryGetValue(current, out var position))
            {
                return position;
            }

            current = Parent(current);
        }

        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }

    private static bool Overlaps(string a, string b) => a == b || IsInside(a, b) || IsInside(b, a);

    private static bool IsInside(string inner, string outer) =>
        inner.Length > outer.Length
        && inner.StartsWith(outer, StringComparison.Ordinal)
        && (inner[outer.Length] == '.' || inner[outer.Length] == '[');
}
