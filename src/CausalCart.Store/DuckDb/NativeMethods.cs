using System.Runtime.InteropServices;

namespace CausalCart.Store.DuckDb;

/// <summary>
/// P/Invoke declarations for the subset of the DuckDB 1.5 C API (<c>duckdb.h</c>) this binding uses.
/// </summary>
/// <remarks>
/// Implementation note: every declaration is blittable (C <c>bool</c> is passed as <see cref="byte"/>,
/// <c>idx_t</c> as <see cref="ulong"/>, opaque handles as <see cref="IntPtr"/>) so calls need no
/// marshalling beyond UTF-8 strings. Ownership lives in the SafeHandle types; these are raw calls.
/// The resolver in <see cref="DuckDbNativeLibrary"/> must be registered before the first call.
/// </remarks>
internal static unsafe partial class NativeMethods
{
    internal const string Library = "duckdb";

    internal const int Success = 0;

    // ---- open / connect / config -------------------------------------------------------------

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_open_ext(string? path, out IntPtr database, IntPtr config, out IntPtr error);

    [LibraryImport(Library)]
    internal static partial void duckdb_close(ref IntPtr database);

    [LibraryImport(Library)]
    internal static partial int duckdb_connect(IntPtr database, out IntPtr connection);

    [LibraryImport(Library)]
    internal static partial void duckdb_disconnect(ref IntPtr connection);

    [LibraryImport(Library)]
    internal static partial IntPtr duckdb_library_version();

    [LibraryImport(Library)]
    internal static partial int duckdb_create_config(out IntPtr config);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_set_config(IntPtr config, string name, string option);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_config(ref IntPtr config);

    [LibraryImport(Library)]
    internal static partial void duckdb_free(IntPtr pointer);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_vector_size();

    // ---- query and results -------------------------------------------------------------------

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_query(IntPtr connection, string query, DuckDbResultStruct* result);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_result(DuckDbResultStruct* result);

    [LibraryImport(Library)]
    internal static partial IntPtr duckdb_result_error(DuckDbResultStruct* result);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_column_count(DuckDbResultStruct* result);

    [LibraryImport(Library)]
    internal static partial IntPtr duckdb_column_name(DuckDbResultStruct* result, ulong column);

    [LibraryImport(Library)]
    internal static partial int duckdb_column_type(DuckDbResultStruct* result, ulong column);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_rows_changed(DuckDbResultStruct* result);

    [LibraryImport(Library)]
    internal static partial byte duckdb_result_is_streaming(DuckDbResultStruct result);

    /// <summary>Takes the result struct by value (not by pointer), as declared in duckdb.h.</summary>
    [LibraryImport(Library)]
    internal static partial IntPtr duckdb_fetch_chunk(DuckDbResultStruct result);

    // ---- data chunks and vectors -------------------------------------------------------------

    [LibraryImport(Library)]
    internal static partial IntPtr duckdb_create_data_chunk(IntPtr* types, ulong columnCount);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_data_chunk(ref IntPtr chunk);

    [LibraryImport(Library)]
    internal static partial void duckdb_data_chunk_reset(IntPtr chunk);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_data_chunk_get_size(IntPtr chunk);

    [LibraryImport(Library)]
    internal static partial void duckdb_data_chunk_set_size(IntPtr chunk, ulong size);

    [LibraryImport(Library)]
    internal static partial IntPtr duckdb_data_chunk_get_vector(IntPtr chunk, ulong column);

    [LibraryImport(Library)]
    internal static partial void* duckdb_vector_get_data(IntPtr vector);

    [LibraryImport(Library)]
    internal static partial ulong* duckdb_vector_get_validity(IntPtr vector);

    [LibraryImport(Library)]
    internal static partial void duckdb_vector_ensure_validity_writable(IntPtr vector);

    [LibraryImport(Library)]
    internal static partial void duckdb_vector_assign_string_element_len(IntPtr vector, ulong index, byte* value, ulong length);

    [LibraryImport(Library)]
    internal static partial IntPtr duckdb_create_logical_type(int type);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_logical_type(ref IntPtr type);

    [LibraryImport(Library)]
    internal static partial int duckdb_get_type_id(IntPtr type);

    // ---- prepared statements -----------------------------------------------------------------

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_prepare(IntPtr connection, string query, out IntPtr statement);

    [LibraryImport(Library)]
    internal static partial IntPtr duckdb_prepare_error(IntPtr statement);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_prepare(ref IntPtr statement);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_nparams(IntPtr statement);

    [LibraryImport(Library)]
    internal static partial int duckdb_clear_bindings(IntPtr statement);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_boolean(IntPtr statement, ulong index, byte value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_int32(IntPtr statement, ulong index, int value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_int64(IntPtr statement, ulong index, long value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_double(IntPtr statement, ulong index, double value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_varchar_length(IntPtr statement, ulong index, byte* value, ulong length);

    /// <summary><c>duckdb_timestamp</c> is a struct of one int64 (microseconds), passed by value.</summary>
    [LibraryImport(Library)]
    internal static partial int duckdb_bind_timestamp(IntPtr statement, ulong index, long micros);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_null(IntPtr statement, ulong index);

    [LibraryImport(Library)]
    internal static partial int duckdb_execute_prepared(IntPtr statement, DuckDbResultStruct* result);

    [LibraryImport(Library)]
    internal static partial int duckdb_execute_prepared_streaming(IntPtr statement, DuckDbResultStruct* result);

    // ---- appender ----------------------------------------------------------------------------

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_appender_create(IntPtr connection, string? schema, string table, out IntPtr appender);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_appender_column_count(IntPtr appender);

    [LibraryImport(Library)]
    internal static partial IntPtr duckdb_appender_column_type(IntPtr appender, ulong column);

    [LibraryImport(Library)]
    internal static partial IntPtr duckdb_appender_error_data(IntPtr appender);

    [LibraryImport(Library)]
    internal static partial int duckdb_append_data_chunk(IntPtr appender, IntPtr chunk);

    [LibraryImport(Library)]
    internal static partial int duckdb_appender_flush(IntPtr appender);

    [LibraryImport(Library)]
    internal static partial int duckdb_appender_close(IntPtr appender);

    [LibraryImport(Library)]
    internal static partial int duckdb_appender_destroy(ref IntPtr appender);

    [LibraryImport(Library)]
    internal static partial int duckdb_appender_clear(IntPtr appender);

    [LibraryImport(Library)]
    internal static partial IntPtr duckdb_error_data_message(IntPtr errorData);

    [LibraryImport(Library)]
    internal static partial byte duckdb_error_data_has_error(IntPtr errorData);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_error_data(ref IntPtr errorData);

    /// <summary>Reads a NUL-terminated UTF-8 string owned by DuckDB; null pointer gives null.</summary>
    internal static string? Utf8(IntPtr pointer) => pointer == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(pointer);
}

/// <summary>
/// Layout of <c>duckdb_result</c> in duckdb.h: five deprecated fields and an internal pointer (48 bytes).
/// Only DuckDB reads the fields; the binding treats the struct as opaque.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbResultStruct
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public IntPtr DeprecatedColumns;
    public IntPtr DeprecatedErrorMessage;
    public IntPtr InternalData;
}
