namespace CausalCart.Store.DuckDb;

/// <summary>
/// DuckDB's type ids as numbered in the 1.5 C API (<c>duckdb_type</c>). The numbers are not in
/// declaration order in duckdb.h: <see cref="Varchar"/> is 17 and <see cref="UHugeInt"/> is 32.
/// </summary>
public enum DuckDbType
{
    /// <summary>No or unknown type.</summary>
    Invalid = 0,

    /// <summary>BOOLEAN, read as <see cref="bool"/>.</summary>
    Boolean = 1,

    /// <summary>TINYINT, read as <see cref="sbyte"/>.</summary>
    TinyInt = 2,

    /// <summary>SMALLINT, read as <see cref="short"/>.</summary>
    SmallInt = 3,

    /// <summary>INTEGER, read as <see cref="int"/>.</summary>
    Integer = 4,

    /// <summary>BIGINT, read as <see cref="long"/>.</summary>
    BigInt = 5,

    /// <summary>UTINYINT, read as <see cref="byte"/>.</summary>
    UTinyInt = 6,

    /// <summary>USMALLINT, read as <see cref="ushort"/>.</summary>
    USmallInt = 7,

    /// <summary>UINTEGER, read as <see cref="uint"/>.</summary>
    UInteger = 8,

    /// <summary>UBIGINT, read as <see cref="ulong"/>.</summary>
    UBigInt = 9,

    /// <summary>FLOAT, read as <see cref="float"/>.</summary>
    Float = 10,

    /// <summary>DOUBLE, read as <see cref="double"/>.</summary>
    Double = 11,

    /// <summary>TIMESTAMP: microseconds since 1970-01-01 (raw <see cref="long"/>), materialised as a UTC <see cref="DateTime"/>.</summary>
    Timestamp = 12,

    /// <summary>DATE: days since 1970-01-01 (raw <see cref="int"/>), materialised as <see cref="DateOnly"/>.</summary>
    Date = 13,

    /// <summary>TIME (not read by this binding).</summary>
    Time = 14,

    /// <summary>INTERVAL (not read by this binding).</summary>
    Interval = 15,

    /// <summary>HUGEINT (128-bit signed), read as <see cref="Int128"/>; <c>sum(BIGINT)</c> returns this type.</summary>
    HugeInt = 16,

    /// <summary>VARCHAR, read as <see cref="string"/>.</summary>
    Varchar = 17,

    /// <summary>BLOB (not read by this binding).</summary>
    Blob = 18,

    /// <summary>DECIMAL (not read by this binding; cast to DOUBLE).</summary>
    Decimal = 19,

    /// <summary>TIMESTAMP_S (not read by this binding).</summary>
    TimestampSeconds = 20,

    /// <summary>TIMESTAMP_MS (not read by this binding).</summary>
    TimestampMilliseconds = 21,

    /// <summary>TIMESTAMP_NS (not read by this binding).</summary>
    TimestampNanoseconds = 22,

    /// <summary>ENUM (not read by this binding; cast to VARCHAR).</summary>
    Enum = 23,

    /// <summary>LIST (not read by this binding).</summary>
    List = 24,

    /// <summary>STRUCT (not read by this binding).</summary>
    Struct = 25,

    /// <summary>MAP (not read by this binding).</summary>
    Map = 26,

    /// <summary>UUID (not read by this binding; cast to VARCHAR).</summary>
    Uuid = 27,

    /// <summary>UNION (not read by this binding).</summary>
    Union = 28,

    /// <summary>BIT (not read by this binding).</summary>
    Bit = 29,

    /// <summary>TIME WITH TIME ZONE (not read by this binding).</summary>
    TimeTz = 30,

    /// <summary>TIMESTAMP WITH TIME ZONE: microseconds since the epoch in UTC (raw <see cref="long"/>), materialised as <see cref="DateTimeOffset"/> at offset zero.</summary>
    TimestampTz = 31,

    /// <summary>UHUGEINT (not read by this binding).</summary>
    UHugeInt = 32,

    /// <summary>ARRAY (not read by this binding).</summary>
    Array = 33,

    /// <summary>ANY (only in function signatures).</summary>
    Any = 34,

    /// <summary>BIGNUM, formerly VARINT (not read by this binding).</summary>
    BigNum = 35,

    /// <summary>The type of a bare NULL literal.</summary>
    SqlNull = 36,
}
