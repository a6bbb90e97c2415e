using System.Reflection;
using System.Runtime.InteropServices;

namespace CausalCart.Store.DuckDb;

/// <summary>
/// Locates and loads the native DuckDB library (<c>libduckdb.so</c>) for this binding.
/// </summary>
/// <remarks>
/// Search order: the file named by the environment variable <see cref="EnvironmentVariable"/> when it is
/// set; otherwise <c>native/libduckdb.so</c> in <see cref="AppContext.BaseDirectory"/> or the nearest
/// folder above it (the repository root's git-ignored <c>native/</c>, filled by
/// <c>./scripts/install-native.sh</c>). The library is loaded once per process.
/// </remarks>
public static class DuckDbNativeLibrary
{
    /// <summary>Environment variable that names the <c>libduckdb.so</c> file to load.</summary>
    public const string EnvironmentVariable = "CAUSALCART_DUCKDB";

    private const string FileName = "libduckdb.so";
    private static readonly Lock Gate = new();
    private static volatile IntPtr _handle;

    /// <summary>The full path of the library that was loaded, or null before the first load.</summary>
    public static string? LoadedPath { get; private set; }

    /// <summary>
    /// Loads the library if it is not loaded yet and registers it for this assembly's P/Invoke calls.
    /// Safe to call from several threads.
    /// </summary>
    /// <exception cref="DllNotFoundException">No library was found, or it could not be loaded; the message
    /// says where it looked and how to install it.</exception>
    public static void EnsureLoaded()
    {
        if (_handle != IntPtr.Zero)
        {
            return;
        }

        lock (Gate)
        {
            if (_handle != IntPtr.Zero)
            {
                return;
            }

            var path = FindLibrary(Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory);
            IntPtr handle;
            try
            {
                handle = NativeLibrary.Load(path);
            }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
            {
                throw new DllNotFoundException(
                    $"DuckDB native library '{path}' exists but could not be loaded ({ex.Message}). " +
                    "Run ./scripts/install-native.sh to reinstall it.", ex);
            }

            NativeLibrary.SetDllImportResolver(typeof(DuckDbNativeLibrary).Assembly, Resolve);
            LoadedPath = path;
            _handle = handle;
        }
    }

    /// <summary>
    /// Returns the library path the loader would use for an environment value and a start folder,
    /// without loading anything.
    /// </summary>
    /// <param name="environmentValue">Value of <see cref="EnvironmentVariable"/>, or null/empty when unset.</param>
    /// <param name="baseDirectory">Folder where the upward search for <c>native/libduckdb.so</c> starts.</param>
    /// <exception cref="DllNotFoundException">The named file does not exist, or no <c>native/libduckdb.so</c>
    /// exists in the folder or any folder above it.</exception>
    public static string FindLibrary(string? environmentValue, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            var full = Path.GetFullPath(environmentValue);
            return File.Exists(full)
                ? full
                : throw new DllNotFoundException(
                    $"{EnvironmentVariable} is set to '{environmentValue}', but no file exists there. " +
                    $"Point it at libduckdb.so, or unset it and run ./scripts/install-native.sh.");
        }

        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "native", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DllNotFoundException(
            $"DuckDB native library not found: {EnvironmentVariable} is not set and no native/{FileName} exists in " +
            $"'{baseDirectory}' or any folder above it. Run ./scripts/install-native.sh in the repository root, " +
            $"or set {EnvironmentVariable} to the path of {FileName}.");
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        return libraryName == NativeMethods.Library ? _handle : IntPtr.Zero;
    }
}
