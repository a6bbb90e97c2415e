using System.Collections;
using System.Reflection;

namespace CausalCart.Reporting.Tests;

/// <summary>
/// Structural equality for result records: records compare their lists by reference, so a round trip
/// through JSON needs a deep comparison. Walks public properties, sequences and dictionaries; doubles
/// compare with <see cref="double.Equals(double)"/> (NaN equals NaN, bit-exact otherwise).
/// </summary>
internal static class Deep
{
    public static void AssertEqual(object? expected, object? actual, string path = "result")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        Type type = expected.GetType();
        if (type.IsPrimitive || type.IsEnum || expected is string or decimal or DateTimeOffset or DateTime)
        {
            Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
            return;
        }

        if (expected is IDictionary expectedMap && actual is IDictionary actualMap)
        {
            Assert.True(expectedMap.Count == actualMap.Count, $"{path}: expected {expectedMap.Count} entries, got {actualMap.Count}");
            foreach (DictionaryEntry entry in expectedMap)
            {
                Assert.True(actualMap.Contains(entry.Key), $"{path}: key {entry.Key} missing");
                AssertEqual(entry.Value, actualMap[entry.Key], $"{path}[{entry.Key}]");
            }

            return;
        }

        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems)
        {
            object?[] e = expectedItems.Cast<object?>().ToArray();
            object?[] a = actualItems.Cast<object?>().ToArray();
            Assert.True(e.Length == a.Length, $"{path}: expected {e.Length} items, got {a.Length}");
            for (int i = 0; i < e.Length; i++)
            {
                AssertEqual(e[i], a[i], $"{path}[{i}]");
            }

            return;
        }

        Assert.Equal(type, actual.GetType());
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertEqual(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name);
        }
    }
}
