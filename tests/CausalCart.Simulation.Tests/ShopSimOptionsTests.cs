namespace CausalCart.Simulation.Tests;

public sealed class ShopSimOptionsTests
{
    public static TheoryData<string, ShopSimOptions> InvalidOptions() => new()
    {
        { "Users", new ShopSimOptions { Users = 0 } },
        { "Users", new ShopSimOptions { Users = -5 } },
        { "HistoryDays", new ShopSimOptions { HistoryDays = -1 } },
        { "HistoryDays", new ShopSimOptions { HistoryDays = 0 } },
        { "FollowUpDays", new ShopSimOptions { FollowUpDays = -3 } },
        { "FollowUpDays", new ShopSimOptions { FollowUpDays = 5 } },
        { "OutcomeDays", new ShopSimOptions { OutcomeDays = 0 } },
        { "EligibilityDays", new ShopSimOptions { EligibilityDays = 61 } },
        { "Categories", new ShopSimOptions { Categories = 0 } },
        { "Items", new ShopSimOptions { Items = 10 } },
        { "Origin", new ShopSimOptions { Origin = new DateTimeOffset(2024, 1, 13, 6, 0, 0, TimeSpan.Zero) } },
        { "Origin", new ShopSimOptions { Origin = new DateTimeOffset(2024, 1, 13, 0, 0, 0, TimeSpan.FromHours(1)) } },
        { "Campaign", new ShopSimOptions { Campaign = "a,b" } },
        { "Campaign", new ShopSimOptions { Campaign = "" } },
        { "RecommendationCampaign", new ShopSimOptions { RecommendationCampaign = "winter_coupon" } },
        { "BlockSize", new ShopSimOptions { BlockSize = 0 } },
        { "MaxDegreeOfParallelism", new ShopSimOptions { MaxDegreeOfParallelism = 0 } },
        { "Targeting.PropensityFloor", new ShopSimOptions { Targeting = new TargetingOptions { PropensityFloor = 0 } } },
        { "Targeting.Intercept", new ShopSimOptions { Targeting = new TargetingOptions { Intercept = double.NaN } } },
        { "Coupon.Discount", new ShopSimOptions { Coupon = new CouponOptions { Discount = 1 } } },
        { "Coupon.PromotedCategoryEvery", new ShopSimOptions { Coupon = new CouponOptions { PromotedCategoryEvery = 0 } } },
        { "Behavior.SessionsPerDay", new ShopSimOptions { Behavior = new BehaviorOptions { SessionsPerDay = -0.1 } } },
        { "Behavior.SearchProbability", new ShopSimOptions { Behavior = new BehaviorOptions { SearchProbability = 1.5 } } },
        { "Behavior.TasteConcentration", new ShopSimOptions { Behavior = new BehaviorOptions { TasteConcentration = 0 } } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_throw_an_ArgumentException_naming_the_option(string option, ShopSimOptions options)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ShopSimulator(options));
        Assert.Equal(option, ex.ParamName);
        Assert.Contains(option, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_options_throw_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new ShopSimulator(null!));
    }

    [Fact]
    public void Defaults_give_the_documented_world()
    {
        var options = new ShopSimOptions();
        options.Validate();
        Assert.Equal(1, options.Seed);
        Assert.Equal(20_000, options.Users);
        Assert.Equal(1_000, options.ResolvedItems);
        Assert.Equal(50, options.Categories);
        Assert.Equal(new DateTimeOffset(2024, 3, 13, 0, 0, 0, TimeSpan.Zero), options.TimeZero);
        Assert.Equal("winter_coupon", options.Campaign);
        Assert.Equal(5_000, (options with { Users = 100_000 }).ResolvedItems);
        Assert.Equal(200, (options with { Users = 100 }).ResolvedItems);
        Assert.Equal(77, (options with { Items = 77 }).ResolvedItems);
    }

    [Fact]
    public void Run_refuses_an_empty_output_directory()
    {
        var simulator = new ShopSimulator(new ShopSimOptions { Users = 10 });
        Assert.Throws<ArgumentException>(() => simulator.Run(""));
    }
}
