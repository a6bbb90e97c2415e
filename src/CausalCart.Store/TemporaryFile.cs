namespace CausalCart.Store;

/// <summary>A file path in the system temp folder; the file (if any) is deleted on <see cref="Dispose"/>.</summary>
public sealed class TemporaryFile : IDisposable
{
    /// <summary>Reserves a new unique path ending in <paramref name="extension"/> (the file is not created).</summary>
    public TemporaryFile(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "causalcart-" + Guid.NewGuid().ToString("N") + extension);
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>Deletes the file if it exists. Idempotent.</summary>
    public void Dispose() => File.Delete(Path);
}
