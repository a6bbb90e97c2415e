using CausalCart.Core.Errors;
using CausalCart.Core.Tables;
using CausalCart.Pipeline.Tables;

namespace CausalCart.Pipeline.Tests.Tables;

public sealed class UnitTableCsvTests
{
    private static UnitTable Parse(string text, IReadOnlyList<string>? names = null) =>
        UnitTableCsv.Read(new StringReader(text), "test.csv", ',', names);

    [Fact]
    public void Types_columns_numeric_boolean_and_categorical_with_missing_values()
    {
        var table = Parse("y,t,segment,age\n1,yes,\"loyal, big\",30\n0,no,new,NA\n1,true,new,41.5\n");
        Assert.Equal(3, table.RowCount);
        Assert.Equal([1.0, 0.0, 1.0], table.Numeric("y").Values.ToArray());
        Assert.Equal([1.0, 0.0, 1.0], table.Numeric("t").Values.ToArray());
        var segment = Assert.IsType<CategoricalColumn>(table["segment"]);
        Assert.Equal(["loyal, big", "new"], segment.Levels);
        Assert.Equal([0, 1, 1], segment.Codes.ToArray());
        var age = table.Numeric("age").Values.ToArray();
        Assert.Equal(30, age[0]);
        Assert.True(double.IsNaN(age[1]));
        Assert.Equal(41.5, age[2]);
    }

    [Fact]
    public void Quoted_newlines_and_doubled_quotes_and_crlf_are_read()
    {
        var table = Parse("a,b\r\n\"x\r\ny\",\"say \"\"hi\"\"\"\r\nz,w\r\n");
        var a = Assert.IsType<CategoricalColumn>(table["a"]);
        Assert.Equal("x\r\ny", a.Levels[0]);
        var b = Assert.IsType<CategoricalColumn>(table["b"]);
        Assert.Equal("say \"hi\"", b.Levels[0]);
    }

    [Fact]
    public void Ragged_row_is_an_error_naming_the_line()
    {
        var ex = Assert.Throws<CausalCartException>(() => Parse("a,b\n1,2\n3\n"));
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.Usage, ex.Kind);
    }

    [Fact]
    public void Duplicate_header_and_empty_file_are_errors()
    {
        Assert.Contains("'a' appears more than once", Assert.Throws<CausalCartException>(() => Parse("a,a\n1,2\n")).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<CausalCartException>(() => Parse("")).Message, StringComparison.Ordinal);
        Assert.Contains("no data rows", Assert.Throws<CausalCartException>(() => Parse("a,b\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unnamed_column_from_an_r_export_is_named_by_its_position()
    {
        // R's write.csv puts its row names under the header "": the file reads, and the column is column1.
        var table = Parse("\"\",\"y\"\n\"1\",2.5\n\"2\",3\n");
        Assert.Equal([1.0, 2.0], table.Numeric("column1").Values.ToArray());
        Assert.Equal([2.5, 3.0], table.Numeric("y").Values.ToArray());

        var clash = Assert.Throws<CausalCartException>(() => Parse("column2,\n1,2\n"));
        Assert.Contains("column 2 of the header has no name", clash.Message, StringComparison.Ordinal);
        Assert.Contains("'column2'", clash.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headerless_file_takes_given_names()
    {
        var table = Parse("1,2.5\n0,3\n", ["t", "y"]);
        Assert.Equal([2.5, 3.0], table.Numeric("y").Values.ToArray());
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var ex = Assert.Throws<CausalCartException>(() => UnitTableCsv.Read("/nonexistent/units.csv"));
        Assert.Contains("/nonexistent/units.csv", ex.Message, StringComparison.Ordinal);
    }
}
