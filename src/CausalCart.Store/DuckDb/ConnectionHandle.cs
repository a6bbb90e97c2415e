using Microsoft.Win32.SafeHandles;

namespace CausalCart.Store.DuckDb;

/// <summary>Owns a <c>duckdb_connection</c>; released with <c>duckdb_disconnect</c>.</summary>
internal sealed class ConnectionHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ConnectionHandle()
        : base(ownsHandle: true)
    {
    }

    public ConnectionHandle(IntPtr existing)
        : base(ownsHandle: true)
    {
        SetHandle(existing);
    }

    protected override bool ReleaseHandle()
    {
        var raw = handle;
        NativeMethods.duckdb_disconnect(ref raw);
        return true;
    }
}
