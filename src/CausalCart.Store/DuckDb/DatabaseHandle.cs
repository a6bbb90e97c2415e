using Microsoft.Win32.SafeHandles;

namespace CausalCart.Store.DuckDb;

/// <summary>Owns a <c>duckdb_database</c>; released with <c>duckdb_close</c>.</summary>
internal sealed class DatabaseHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DatabaseHandle()
        : base(ownsHandle: true)
    {
    }

    public DatabaseHandle(IntPtr existing)
        : base(ownsHandle: true)
    {
        SetHandle(existing);
    }

    protected override bool ReleaseHandle()
    {
        var raw = handle;
        NativeMethods.duckdb_close(ref raw);
        return true;
    }
}
