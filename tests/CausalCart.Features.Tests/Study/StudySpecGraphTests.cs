using CausalCart.Features.Study;

namespace CausalCart.Features.Tests.Study;

/// <summary>The <c>graph:</c> key of a study spec.</summary>
public sealed class StudySpecGraphTests
{
    [Fact]
    public void A_single_line_is_a_file_and_resolves_against_the_spec_folder()
    {
        var spec = StudySpec.Parse(With("graph: causes.dot\n"));
        Assert.Equal("causes.dot", spec.Graph!.File);
        Assert.Null(spec.Graph.Text);
        Assert.Equal("treatment", spec.Graph.TreatmentNode);
        Assert.Equal("outcome", spec.Graph.OutcomeNode);
        Assert.Equal(BadControlPolicy.Warn, spec.Graph.BadControls);

        var dir = Directory.CreateTempSubdirectory("cc-spec-graph-");
        try
        {
            var path = Path.Combine(dir.FullName, "study.yaml");
            File.WriteAllText(path, With("graph: causes.dot\n"));
            Assert.Equal(Path.Combine(dir.FullName, "causes.dot"), StudySpec.Load(path).Graph!.File);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_block_is_inline_text_with_the_line_it_starts_on()
    {
        var yaml = With("graph: |\n  digraph G {\n    treatment -> outcome;\n  }\n");
        int expected = Specs.WinterCoupon.Split('\n').Length + 2; // the line after 'graph: |'
        var spec = StudySpec.Parse(yaml);
        Assert.StartsWith("digraph G {", spec.Graph!.Text, StringComparison.Ordinal);
        Assert.Equal(expected, spec.Graph.TextLine);
    }

    [Fact]
    public void The_mapping_form_reads_every_key()
    {
        var spec = StudySpec.Parse(With("""
            graph:
              file: causes.mmd
              format: mermaid
              treatment: coupon
              outcome: bought
              bad_controls: refuse

            """));
        var g = spec.Graph!;
        Assert.Equal(new StudyGraphSpec { File = "causes.mmd", Format = StudyGraphFormat.Mermaid, TreatmentNode = "coupon", OutcomeNode = "bought", BadControls = BadControlPolicy.Refuse }, g);
    }

    [Theory]
    [InlineData("graph: { file: a.dot, text: \"x -> y\" }\n", "graph", "exactly one")]
    [InlineData("graph: { format: dot }\n", "graph", "file")]
    [InlineData("graph: { file: a.dot, format: graphviz }\n", "graph.format", "dot, mermaid, yaml")]
    [InlineData("graph: { file: a.dot, bad_controls: ignore }\n", "graph.bad_controls", "warn, refuse")]
    [InlineData("graph: { file: a.dot, treatment: t, outcome: t }\n", "graph.outcome", "different")]
    [InlineData("graph: { file: a.dot, colour: red }\n", "graph.colour", "Valid keys in graph")]
    public void Bad_graph_entries_are_problems_at_their_key(string entry, string path, string fragment)
    {
        Assert.False(StudySpec.TryParse(With(entry), out _, out var problems));
        var problem = Assert.Single(problems, p => p.Path == path);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
        Assert.NotNull(problem.Line);
    }

    [Fact]
    public void A_spec_built_in_code_is_validated_too()
    {
        var spec = StudySpec.Parse(Specs.WinterCoupon) with { Graph = new StudyGraphSpec() };
        Assert.Contains(spec.FindProblems(), p => p.Path == "graph" && p.Message.Contains("neither", StringComparison.Ordinal));
    }

    private static string With(string graphEntry) => Specs.WinterCoupon + "\n" + graphEntry;
}
