using System.Text.Json.Serialization;

namespace CausalCart.Simulation;

/// <summary>
/// Everything that defines a ShopSim world and its coupon campaign. Immutable; the same options
/// (including <see cref="Seed"/>) always produce byte-identical output files, whatever
/// <see cref="MaxDegreeOfParallelism"/> and <see cref="BlockSize"/> are. The model and the meaning of
/// each parameter are written out in the project's README.
/// </summary>
public sealed record ShopSimOptions
{
    /// <summary>The origin used by default: 2024-01-13T00:00:00Z, so that with 60 history days time zero is 2024-03-13T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultOrigin = new(2024, 1, 13, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Seed from which every random stream is derived. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of users (user ids 1..Users). Default 20,000. Must be positive.</summary>
    public int Users { get; init; } = 20_000;

    /// <summary>
    /// Number of items; null (default) means 5,000 per 100,000 users, at least 200 and at least
    /// <see cref="Categories"/> (see <see cref="ResolvedItems"/>).
    /// </summary>
    public int? Items { get; init; }

    /// <summary>Number of item categories. Default 50. Between 1 and 10,000.</summary>
    public int Categories { get; init; } = 50;

    /// <summary>Days simulated before time zero. Default 60. At least 1.</summary>
    public int HistoryDays { get; init; } = 60;

    /// <summary>Days simulated from time zero on. Default 14. At least <see cref="OutcomeDays"/>.</summary>
    public int FollowUpDays { get; init; } = 14;

    /// <summary>Midnight UTC at which day 0 starts. Default <see cref="DefaultOrigin"/>.</summary>
    public DateTimeOffset Origin { get; init; } = DefaultOrigin;

    /// <summary>Name of the coupon campaign in <c>exposures.csv</c> and <c>truth.json</c>. Default <c>winter_coupon</c>.</summary>
    public string Campaign { get; init; } = "winter_coupon";

    /// <summary>Name of the recommendation campaign in <c>exposures.csv</c>. Default <c>recs</c>.</summary>
    public string RecommendationCampaign { get; init; } = "recs";

    /// <summary>
    /// Length of the coupon's validity and of the outcome window [T0, T0 + OutcomeDays). Default 7.
    /// </summary>
    public int OutcomeDays { get; init; } = 7;

    /// <summary>
    /// A user is eligible (targetable, and counted in the true effects) when they have at least one
    /// event in [T0 − EligibilityDays, T0). Default 30; also the look-back of the targeting policy's
    /// buy count.
    /// </summary>
    public int EligibilityDays { get; init; } = 30;

    /// <summary>When true, eligible users who did not get the coupon get an exposure row with arm <c>control</c>. Default false.</summary>
    public bool LogControls { get; init; }

    /// <summary>The coupon targeting policy (who gets the coupon, with which probability).</summary>
    public TargetingOptions Targeting { get; init; } = new();

    /// <summary>The coupon's effect on buying.</summary>
    public CouponOptions Coupon { get; init; } = new();

    /// <summary>Users, items and the shopping funnel.</summary>
    public BehaviorOptions Behavior { get; init; } = new();

    /// <summary>An optional mediator of the coupon's effect (a saved cart in the outcome window); null (default) for none, which leaves every output as without it.</summary>
    public MediatorOptions? Mediator { get; init; }

    /// <summary>How untreated buying after T0 depends on the observed history. Default: it does not (<see cref="BaselineShape.Linear"/>).</summary>
    public BaselineOptions Baseline { get; init; } = new();

    /// <summary>An optional staggered rollout of a free-shipping campaign by region; null (default) for none, which leaves every output as without it.</summary>
    public RolloutOptions? Rollout { get; init; }

    /// <summary>Users simulated per parallel block; bounds memory. Default 8,192. Does not change the output.</summary>
    [JsonIgnore]
    public int BlockSize { get; init; } = 8192;

    /// <summary>Worker threads; −1 (default) means all processors. Does not change the output.</summary>
    [JsonIgnore]
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The number of items actually simulated (<see cref="Items"/>, or its default).</summary>
    [JsonIgnore]
    public int ResolvedItems => Items ?? Math.Max(Categories, Math.Max(200, (int)Math.Round(Users * 0.05)));

    /// <summary>Time zero T0 = <see cref="Origin"/> + <see cref="HistoryDays"/> days, when the coupon is assigned.</summary>
    [JsonIgnore]
    public DateTimeOffset TimeZero => Origin.AddDays(HistoryDays);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option (e.g. <c>Users</c>).</summary>
    public void Validate()
    {
        Require(Users > 0, nameof(Users), $"must be positive (got {Users})");
        Require(Items is null || Items.Value >= Categories, nameof(Items), $"must be at least Categories ({Categories}) when set (got {Items})");
        Require(Categories is > 0 and <= 10_000, nameof(Categories), $"must be between 1 and 10000 (got {Categories})");
        Require(HistoryDays >= 1, nameof(HistoryDays), $"must be at least 1 (got {HistoryDays})");
        Require(OutcomeDays >= 1, nameof(OutcomeDays), $"must be at least 1 (got {OutcomeDays})");
        Require(FollowUpDays >= OutcomeDays, nameof(FollowUpDays), $"must be at least OutcomeDays ({OutcomeDays}) (got {FollowUpDays})");
        Require(HistoryDays + FollowUpDays <= 3650, nameof(FollowUpDays), "HistoryDays + FollowUpDays must be at most 3650");
        Require(EligibilityDays >= 1 && EligibilityDays <= HistoryDays, nameof(EligibilityDays), $"must be between 1 and HistoryDays ({HistoryDays}) (got {EligibilityDays})");
        Require(Origin.Offset == TimeSpan.Zero && Origin.TimeOfDay == TimeSpan.Zero, nameof(Origin), $"must be midnight UTC (got {Origin:O})");
        Require(IsPlainName(Campaign), nameof(Campaign), $"must be 1-64 characters of letters, digits, '_', '-' or '.' (got '{Campaign}')");
        Require(IsPlainName(RecommendationCampaign), nameof(RecommendationCampaign), $"must be 1-64 characters of letters, digits, '_', '-' or '.' (got '{RecommendationCampaign}')");
        Require(!string.Equals(Campaign, RecommendationCampaign, StringComparison.Ordinal), nameof(RecommendationCampaign), "must differ from Campaign");
        Require(BlockSize > 0, nameof(BlockSize), $"must be positive (got {BlockSize})");
        Require(MaxDegreeOfParallelism == -1 || MaxDegreeOfParallelism > 0, nameof(MaxDegreeOfParallelism), $"must be -1 or positive (got {MaxDegreeOfParallelism})");
        Require(Targeting is not null, nameof(Targeting), "must not be null");
        Require(Coupon is not null, nameof(Coupon), "must not be null");
        Require(Behavior is not null, nameof(Behavior), "must not be null");
        Targeting!.Validate();
        Coupon!.Validate();
        Behavior!.Validate();
        Mediator?.Validate();
        Require(Baseline is not null, nameof(Baseline), "must not be null");
        Baseline!.Validate();
        // The mediator's potential outcomes Y(t, M(s)) are drawn from the untreated checkout odds before any baseline shift, so
        // the two options would give a truth that does not match the log; refuse the combination rather than mislead.
        Require(Mediator is null || Baseline.Shape == BaselineShape.Linear, nameof(Mediator), "cannot be combined with Baseline.Shape = Rules");
        Rollout?.Validate(HistoryDays, Campaign, RecommendationCampaign);
    }

    internal static void Require(bool condition, string option, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"ShopSim option {option} {message}.", option);
        }
    }

    internal static void RequireFinite(double value, string option) =>
        Require(double.IsFinite(value), option, $"must be a finite number (got {value})");

    internal static bool IsPlainName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64)
        {
            return false;
        }

        foreach (var ch in name)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
