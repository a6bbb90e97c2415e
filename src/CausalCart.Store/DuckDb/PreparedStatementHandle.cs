using Microsoft.Win32.SafeHandles;

namespace CausalCart.Store.DuckDb;

/// <summary>Owns a <c>duckdb_prepared_statement</c>; released with <c>duckdb_destroy_prepare</c>.</summary>
internal sealed class PreparedStatementHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PreparedStatementHandle()
        : base(ownsHandle: true)
    {
    }

    public PreparedStatementHandle(IntPtr existing)
        : base(ownsHandle: true)
    {
        SetHandle(existing);
    }

    protected override bool ReleaseHandle()
    {
        var raw = handle;
        NativeMethods.duckdb_destroy_prepare(ref raw);
        return true;
    }
}
