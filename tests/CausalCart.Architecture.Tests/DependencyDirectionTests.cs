using System.Xml.Linq;

namespace CausalCart.Architecture.Tests;

/// <summary>
/// Enforces the data-flow dependency rule of ARCHITECTURE.md: a project references only projects
/// upstream of it, and only the store speaks to DuckDB.
/// </summary>
public sealed class DependencyDirectionTests
{
    /// <summary>The stages in data-flow order; a project may reference only stages before it.</summary>
    private static readonly string[] Order =
    [
        "CausalCart.Core",
        "CausalCart.Numerics",
        "CausalCart.Ingest",
        "CausalCart.Store",
        "CausalCart.Simulation",
        "CausalCart.Features",
        "CausalCart.Learners",
        "CausalCart.Sequence",
        "CausalCart.Causal",
        "CausalCart.Reporting",
        "CausalCart.Pipeline",
        "CausalCart.Server",
        "CausalCart.Cli",
    ];

    [Fact]
    public void Every_source_project_is_a_known_stage()
    {
        var unknown = SourceProjects().Select(p => p.Name).Where(n => !Order.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, $"Projects not placed in the data-flow order: {string.Join(", ", unknown)}. Add them to {nameof(Order)}.");
    }

    [Fact]
    public void Projects_reference_only_upstream_stages()
    {
        var violations = Violations(SourceProjects().Select(p => (p.Name, ProjectReferences(p.Path))));
        Assert.True(violations.Count == 0, "References against the data flow: " + string.Join("; ", violations));
    }

    [Fact]
    public void The_rule_catches_downstream_unknown_and_self_references()
    {
        var violations = Violations(
        [
            ("CausalCart.Core", ["CausalCart.Cli"]),
            ("CausalCart.Store", ["CausalCart.Ingest", "CausalCart.Store", "Some.Stranger"]),
            ("CausalCart.Causal", ["CausalCart.Learners"]),
        ]);
        Assert.Equal(["CausalCart.Core → CausalCart.Cli", "CausalCart.Store → CausalCart.Store", "CausalCart.Store → Some.Stranger"], violations);
    }

    private static List<string> Violations(IEnumerable<(string Name, IEnumerable<string> References)> projects)
    {
        var violations = new List<string>();
        foreach (var (name, references) in projects)
        {
            var rank = Array.IndexOf(Order, name);
            foreach (var reference in references)
            {
                var refRank = Array.IndexOf(Order, reference);
                if (refRank < 0 || refRank >= rank)
                {
                    violations.Add($"{name} → {reference}");
                }
            }
        }

        return violations;
    }

    [Fact]
    public void Every_source_project_has_a_test_project()
    {
        var root = RepoRoot();
        var missing = SourceProjects()
            .Select(p => p.Name)
            .Where(n => !File.Exists(Path.Combine(root, "tests", n + ".Tests", n + ".Tests.csproj")))
            .ToList();
        Assert.True(missing.Count == 0, "Source projects without a mirrored test project: " + string.Join(", ", missing));
    }

    [Fact]
    public void Only_the_store_touches_native_DuckDB()
    {
        var root = RepoRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}CausalCart.Store{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f =>
            {
                var text = File.ReadAllText(f);
                return text.Contains("duckdb_", StringComparison.Ordinal) && (text.Contains("LibraryImport", StringComparison.Ordinal) || text.Contains("DllImport", StringComparison.Ordinal));
            })
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();
        Assert.True(offenders.Count == 0, "Native DuckDB calls outside CausalCart.Store: " + string.Join(", ", offenders));
    }

    private static IEnumerable<(string Name, string Path)> SourceProjects()
    {
        var src = Path.Combine(RepoRoot(), "src");
        return Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories)
            .Select(p => (System.IO.Path.GetFileNameWithoutExtension(p), p));
    }

    private static IEnumerable<string> ProjectReferences(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include") ?? string.Empty))
            .Where(n => n.Length > 0);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CausalCart.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (CausalCart.slnx) above " + AppContext.BaseDirectory);
    }
}
