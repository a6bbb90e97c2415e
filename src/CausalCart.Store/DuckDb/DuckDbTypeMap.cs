namespace CausalCart.Store.DuckDb;

/// <summary>Which CLR element type holds the raw vector values of each DuckDB type this binding reads and writes.</summary>
internal static class DuckDbTypeMap
{
    /// <summary>The types the chunk reader and the appender support, listed in error messages.</summary>
    internal const string SupportedList =
        "BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, HUGEINT, FLOAT, DOUBLE, VARCHAR, DATE, TIMESTAMP, TIMESTAMP WITH TIME ZONE";

    /// <summary>The raw element type in a vector (DATE: int days, TIMESTAMP: long micros, VARCHAR: string), or null if unsupported.</summary>
    internal static Type? RawType(DuckDbType type) => type switch
    {
        DuckDbType.Boolean => typeof(bool),
        DuckDbType.TinyInt => typeof(sbyte),
        DuckDbType.SmallInt => typeof(short),
        DuckDbType.Integer => typeof(int),
        DuckDbType.BigInt => typeof(long),
        DuckDbType.UTinyInt => typeof(byte),
        DuckDbType.USmallInt => typeof(ushort),
        DuckDbType.UInteger => typeof(uint),
        DuckDbType.UBigInt => typeof(ulong),
        DuckDbType.HugeInt => typeof(Int128),
        DuckDbType.Float => typeof(float),
        DuckDbType.Double => typeof(double),
        DuckDbType.Date => typeof(int),
        DuckDbType.Timestamp or DuckDbType.TimestampTz => typeof(long),
        DuckDbType.Varchar => typeof(string),
        _ => null,
    };

    /// <summary>The SQL spelling of a type id, for messages.</summary>
    internal static string SqlName(DuckDbType type) => type switch
    {
        DuckDbType.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        DuckDbType.UTinyInt => "UTINYINT",
        DuckDbType.USmallInt => "USMALLINT",
        DuckDbType.UInteger => "UINTEGER",
        DuckDbType.UBigInt => "UBIGINT",
        DuckDbType.HugeInt => "HUGEINT",
        DuckDbType.TinyInt => "TINYINT",
        DuckDbType.SmallInt => "SMALLINT",
        DuckDbType.BigInt => "BIGINT",
        _ => Enum.IsDefined(type) ? type.ToString().ToUpperInvariant() : $"type id {(int)type}",
    };

    /// <summary>Throws unless <typeparamref name="T"/> is the raw element type of <paramref name="type"/>.</summary>
    internal static void CheckRaw<T>(DuckDbType type, string columnLabel)
        where T : unmanaged
    {
        var raw = RawType(type);
        if (raw == typeof(T))
        {
            return;
        }

        if (raw is null)
        {
            throw new NotSupportedException(
                $"{columnLabel} has type {SqlName(type)}, which this binding does not read or write. Supported: {SupportedList}. Cast the column in SQL.");
        }

        if (raw == typeof(string))
        {
            throw new InvalidOperationException($"{columnLabel} is VARCHAR; use the string accessors, not {typeof(T).Name} values.");
        }

        throw new InvalidOperationException(
            $"{columnLabel} is {SqlName(type)}, whose values are {raw.Name}" + Unit(type) + $", not {typeof(T).Name}.");
    }

    private static string Unit(DuckDbType type) => type switch
    {
        DuckDbType.Date => " (days since 1970-01-01)",
        DuckDbType.Timestamp or DuckDbType.TimestampTz => " (microseconds since 1970-01-01 UTC)",
        _ => string.Empty,
    };
}
