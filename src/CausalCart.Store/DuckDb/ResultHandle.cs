using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CausalCart.Store.DuckDb;

/// <summary>
/// Owns a <c>duckdb_result</c> struct in native memory (the C API fills a caller-provided struct) and
/// the DuckDB state behind it; released with <c>duckdb_destroy_result</c> and then freed.
/// </summary>
internal sealed unsafe class ResultHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ResultHandle()
        : base(ownsHandle: true)
    {
        SetHandle((IntPtr)NativeMemory.AllocZeroed((nuint)sizeof(DuckDbResultStruct)));
    }

    /// <summary>The struct DuckDB fills and reads.</summary>
    public DuckDbResultStruct* Pointer => (DuckDbResultStruct*)handle;

    protected override bool ReleaseHandle()
    {
        NativeMethods.duckdb_destroy_result((DuckDbResultStruct*)handle);
        NativeMemory.Free((void*)handle);
        return true;
    }
}
