using CausalCart.Core.Errors;
using CausalCart.Pipeline.Tables;

namespace CausalCart.Pipeline.Tests.Tables;

public sealed class DesignMatrixBuilderTests
{
    private static DesignMatrix Build(string csv, string t, string y, string[] controls, string? treatedValue = null) =>
        DesignMatrixBuilder.Build(UnitTableCsv.Read(new StringReader(csv), "t.csv"), t, y, controls, treatedValue);

    [Fact]
    public void One_hot_encodes_categoricals_with_the_most_frequent_level_as_reference()
    {
        var d = Build("t,y,seg\n1,1,a\n0,0,b\n1,0,b\n0,1,c\n", "t", "y", ["seg"]);
        Assert.Equal(["seg=a", "seg=c"], d.CovariateNames);
        Assert.Equal(4, d.RowCount);
        // row-major (n, p): row 0 is 'a', row 3 is 'c'
        Assert.Equal([1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0], d.Covariates);
        Assert.Contains(d.Notes, n => n.Contains("reference level 'b'", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_numeric_control_is_mean_imputed_with_an_indicator()
    {
        var d = Build("t,y,x\n1,1,2\n0,0,\n1,0,4\n", "t", "y", ["x"]);
        Assert.Equal(["x", "x_missing"], d.CovariateNames);
        Assert.Equal([2.0, 0.0, 3.0, 1.0, 4.0, 0.0], d.Covariates);
    }

    [Fact]
    public void Rows_without_outcome_or_treatment_are_dropped_and_counted()
    {
        var d = Build("t,y,x\n1,1,2\n,0,3\n1,,4\n0,0,5\n", "t", "y", ["x"]);
        Assert.Equal(2, d.RowCount);
        Assert.Equal(2, d.RowsDropped);
        Assert.Equal([1.0, 0.0], d.Treatment);
    }

    [Fact]
    public void Categorical_treatment_recognises_words_or_takes_the_treated_value()
    {
        var words = Build("t,y\ntreated,1\ncontrol,0\n", "t", "y", []);
        Assert.Equal([1.0, 0.0], words.Treatment);
        var explicitLevel = Build("t,y\nmail,1\nnone,0\n", "t", "y", [], treatedValue: "mail");
        Assert.Equal([1.0, 0.0], explicitLevel.Treatment);
        var ex = Assert.Throws<CausalCartException>(() => Build("t,y\nmail,1\nnone,0\n", "t", "y", []));
        Assert.Contains("--treated-value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_binary_treatment_unknown_column_and_role_clash_are_clear_errors()
    {
        Assert.Contains("must be binary", Assert.Throws<CausalCartException>(() => Build("t,y\n2,1\n0,0\n", "t", "y", [])).Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<CausalCartException>(() => Build("t,y\n1,1\n0,0\n", "t", "y", ["nope"]));
        Assert.Contains("'nope'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Columns: t, y", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("both a control and the outcome", Assert.Throws<CausalCartException>(() => Build("t,y\n1,1\n0,0\n", "t", "y", ["y"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constant_controls_are_dropped_with_a_note()
    {
        var d = Build("t,y,k,x\n1,1,5,1\n0,0,5,2\n", "t", "y", ["k", "x"]);
        Assert.Equal(["x"], d.CovariateNames);
        Assert.Contains(d.Notes, n => n.Contains("'k' is constant", StringComparison.Ordinal));
    }
}
