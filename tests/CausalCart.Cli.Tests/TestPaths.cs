namespace CausalCart.Cli.Tests;

/// <summary>Locates the repository, the shared data sets and scratch directories for CLI tests.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared data folder beside the checkout; fails the test with a clear message when it is missing.</summary>
    public static string SharedData(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                var path = Path.Combine([candidate, .. parts]);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"This test needs {path} from ../shared/data, which is missing.");
                return path;
            }
        }

        Assert.Fail("This test needs the public data sets in ../shared/data beside the checkout; the folder was not found above " + AppContext.BaseDirectory);
        return string.Empty;
    }

    public static TempDir NewTempDir() => new();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CausalCart.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary directory deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "causalcart-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process killed by a test may still hold a file for a moment; the OS cleans temp later.
        }
    }
}
