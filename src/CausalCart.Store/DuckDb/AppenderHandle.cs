using Microsoft.Win32.SafeHandles;

namespace CausalCart.Store.DuckDb;

/// <summary>Owns a <c>duckdb_appender</c>; released with <c>duckdb_appender_destroy</c> (which flushes what is still buffered, ignoring failures: call Close first to see them).</summary>
internal sealed class AppenderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public AppenderHandle()
        : base(ownsHandle: true)
    {
    }

    public AppenderHandle(IntPtr existing)
        : base(ownsHandle: true)
    {
        SetHandle(existing);
    }

    protected override bool ReleaseHandle()
    {
        var raw = handle;
        _ = NativeMethods.duckdb_appender_destroy(ref raw);
        return true;
    }
}
