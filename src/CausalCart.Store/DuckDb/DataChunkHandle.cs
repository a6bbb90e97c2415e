using Microsoft.Win32.SafeHandles;

namespace CausalCart.Store.DuckDb;

/// <summary>Owns a <c>duckdb_data_chunk</c>; released with <c>duckdb_destroy_data_chunk</c>.</summary>
internal sealed class DataChunkHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DataChunkHandle()
        : base(ownsHandle: true)
    {
    }

    public DataChunkHandle(IntPtr existing)
        : base(ownsHandle: true)
    {
        SetHandle(existing);
    }

    protected override bool ReleaseHandle()
    {
        var raw = handle;
        NativeMethods.duckdb_destroy_data_chunk(ref raw);
        return true;
    }
}
