using System.Text;
using CausalCart.Core.Errors;
using CausalCart.Pipeline.Tables;

namespace CausalCart.Pipeline.Tests.Tables;

public sealed class SegmentLabelsTests
{
    private static (Core.Tables.UnitTable Table, DesignMatrix Design) Load(string csv)
    {
        var table = UnitTableCsv.Read(new StringReader(csv), "t.csv");
        return (table, DesignMatrixBuilder.Build(table, "t", "y", ["x"]));
    }

    [Fact]
    public void Categorical_levels_and_missing_values_label_the_kept_rows_only()
    {
        // Row 3 has no outcome and is dropped from the design, so it gets no label.
        var (table, design) = Load("x,tier,t,y\n1,gold,1,2\n2,,0,1\n3,silver,1,\n4,gold,0,3\n");
        Assert.Equal([0, 1, 3], design.KeptRows!);
        Assert.Equal(["gold", SegmentLabels.Missing, "gold"], SegmentLabels.For(table, "tier", design));
    }

    [Fact]
    public void Numeric_columns_use_their_values_when_few_and_quartiles_otherwise()
    {
        var few = new StringBuilder("x,visits,t,y\n");
        var many = new StringBuilder("x,spend,t,y\n");
        for (int i = 0; i < 100; i++)
        {
            few.Append(i).Append(',').Append(i % 3).Append(',').Append(i % 2).Append(",1\n");
            many.Append(i).Append(',').Append(i + 1).Append(',').Append(i % 2).Append(",1\n");
        }

        var (t1, d1) = Load(few.ToString());
        Assert.Equal(["0", "1", "2"], SegmentLabels.For(t1, "visits", d1).Distinct().Order());

        var (t2, d2) = Load(many.ToString());
        string[] labels = SegmentLabels.For(t2, "spend", d2);
        // Spend 1..100: cut points at the 25th, 50th and 75th percentiles (25, 50, 75); 4 bins of 24–26 rows.
        Assert.Equal(["1 to under 25", "25 to under 50", "50 to under 75", "75 to 100"], labels.Distinct().ToArray());
        Assert.Equal("1 to under 25", labels[0]);
        Assert.Equal("75 to 100", labels[^1]);
        Assert.All(labels.GroupBy(l => l), g => Assert.InRange(g.Count(), 24, 26));
    }

    [Fact]
    public void An_unknown_column_is_a_usage_error_listing_the_columns()
    {
        var (table, design) = Load("x,t,y\n1,1,2\n2,0,1\n");
        var e = Assert.Throws<CausalCartException>(() => SegmentLabels.For(table, "tier", design));
        Assert.Equal(ErrorKind.Usage, e.Kind);
        Assert.Contains("x, t, y", e.Message, StringComparison.Ordinal);
    }
}
