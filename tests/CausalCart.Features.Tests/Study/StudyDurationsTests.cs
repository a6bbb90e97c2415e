using CausalCart.Features.Study;

namespace CausalCart.Features.Tests.Study;

public sealed class StudyDurationsTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("1h", 3_600)]
    [InlineData("7d", 604_800)]
    [InlineData("2w", 1_209_600)]
    [InlineData("-1d", -86_400)]
    [InlineData("0s", 0)]
    [InlineData(" 7D ", 604_800)]
    public void Parses_whole_numbers_with_a_unit(string text, long seconds)
    {
        Assert.True(StudyDurations.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromSeconds(seconds), d);
    }

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("1.5h")]
    [InlineData("7 d")]
    [InlineData("7y")]
    [InlineData("99999999w")]
    public void Rejects_anything_else(string text)
    {
        Assert.False(StudyDurations.TryParse(text, out _));
        Assert.Throws<FormatException>(() => StudyDurations.Parse(text));
    }

    [Theory]
    [InlineData(1_209_600, "14d")]
    [InlineData(86_400, "1d")]
    [InlineData(7_200, "2h")]
    [InlineData(5_400, "90m")]
    [InlineData(90, "90s")]
    [InlineData(0, "0s")]
    [InlineData(-3_600, "-1h")]
    public void Formats_with_the_largest_exact_unit(long seconds, string label)
    {
        Assert.Equal(label, StudyDurations.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Formats_fractions_of_a_second_in_seconds()
    {
        Assert.Equal("0.5s", StudyDurations.Format(TimeSpan.FromMilliseconds(500)));
    }
}
