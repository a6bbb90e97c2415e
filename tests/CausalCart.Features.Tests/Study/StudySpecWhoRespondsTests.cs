using CausalCart.Core.Results;
using CausalCart.Features.Study;

namespace CausalCart.Features.Tests.Study;

/// <summary>The <c>who_responds:</c> key of a study spec, and the estimator names shared with the CLI.</summary>
public sealed class StudySpecWhoRespondsTests
{
    [Fact]
    public void True_turns_the_section_on_with_five_groups_and_false_or_absent_leaves_it_out()
    {
        var on = StudySpec.Parse(With("who_responds: true\n"));
        Assert.Equal(5, on.WhoResponds!.Groups);
        Assert.Null(on.WhoResponds.Segment);
        Assert.Null(StudySpec.Parse(With("who_responds: false\n")).WhoResponds);
        Assert.Null(StudySpec.Parse(Specs.WinterCoupon).WhoResponds);
    }

    [Fact]
    public void The_mapping_form_reads_groups_and_segment()
    {
        var spec = StudySpec.Parse(With("who_responds:\n  groups: 4\n  segment: buys_30d\n"));
        Assert.Equal(new WhoRespondsSpec { Groups = 4, Segment = "buys_30d" }, spec.WhoResponds);
    }

    [Theory]
    [InlineData("who_responds:\n  groups: 1\n", "who_responds.groups", "out of range")]
    [InlineData("who_responds:\n  groups: many\n", "who_responds.groups", "not a whole number")]
    [InlineData("who_responds:\n  segments: tier\n", "who_responds.segments", "not a known key")]
    [InlineData("who_responds: maybe\n", "who_responds", "not true or false")]
    public void Bad_values_are_reported_with_their_key(string entry, string path, string message)
    {
        var ex = Assert.Throws<StudySpecException>(() => StudySpec.Parse(With(entry), "test.yaml"));
        var problem = Assert.Single(ex.Problems, p => p.Path == path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_estimator_name_round_trips_and_the_cate_estimators_are_accepted_in_specs()
    {
        foreach (string name in EstimatorNames.Valid.Split(", "))
        {
            Assert.True(EstimatorNames.TryParse(name, out var method), name);
            Assert.Equal(name, EstimatorNames.Name(method));
        }

        var spec = StudySpec.Parse(Specs.WinterCoupon.Replace("estimators: [naive, regression, ipw, aipw]", "estimators: [naive, dr_learner, subclassification, x_learner]", StringComparison.Ordinal));
        Assert.Equal([EffectMethod.Naive, EffectMethod.DrLearner, EffectMethod.Subclassification, EffectMethod.XLearner], spec.Estimators);
    }

    [Fact]
    public void An_empty_refuter_list_means_none_and_differs_from_an_absent_one()
    {
        Assert.Empty(StudySpec.Parse(With("refuters: []\n")).Refuters!);
        Assert.Null(StudySpec.Parse(Specs.WinterCoupon).Refuters);
    }

    private static string With(string entry) => Specs.WinterCoupon + "\n" + entry;
}
