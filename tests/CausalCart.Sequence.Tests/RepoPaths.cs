namespace CausalCart.Sequence.Tests;

/// <summary>Finds the checkout root and the shared data folder by walking up from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CausalCart.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CausalCart.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>The shared data folder (../shared/data beside the checkout, or any shared/data above it); fails clearly when missing.</summary>
    public static string SharedData(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"Shared data '{relative}' not found: expected a 'shared/data' folder above {AppContext.BaseDirectory} (see shared/data/README.md).");
    }
}
