using CausalCart.Core.Results;

namespace CausalCart.Reporting.Tests;

/// <summary>Hand-built results shaped like a real coupon study (numbers consistent with each other).</summary>
internal static class SampleResults
{
    public const string Payload = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";

    private static readonly string[] CovariateNames =
    [
        "views_7d", "carts_7d", "buys_30d", "days_since_last_visit", "sessions_30d", "avg_price_viewed", "category_affinity_electronics", "favourites_30d",
    ];

    /// <summary>A coupon study with a binary outcome, good overlap, all refutations passed.</summary>
    public static AnalysisResult Coupon(bool withTruth = true) => new(
        SchemaVersions.Analysis,
        "coupon-effect",
        new StudyDescription(
            Unit: "user",
            TimeZero: "coupon exposure for treated users; campaign start (2024-11-01) for the others",
            Eligibility: "active within the 30 days before time zero",
            Treatment: "the November coupon",
            Outcome: "a purchase within 7 days",
            Covariates: CovariateNames,
            Nuisance: "gradient-boosted trees, 5-fold cross-fitting grouped by user",
            Units: 48_210,
            Treated: 12_050,
            Control: 36_160),
        new Association(0.084, 0.032, 0.052, 2.625, 12_050, 36_160, OutcomeIsBinary: true),
        [
            Estimate(EffectMethod.Naive, Estimand.Ate, 0.052, 0.0026),
            Estimate(EffectMethod.Regression, Estimand.Ate, 0.033, 0.0050),
            Estimate(EffectMethod.Ipw, Estimand.Ate, 0.029, 0.0056),
            Estimate(EffectMethod.Aipw, Estimand.Ate, 0.031, 0.0046, new Dictionary<string, double> { ["folds"] = 5, ["clippedShare"] = 0.0042 }),
            Estimate(EffectMethod.Aipw, Estimand.Att, 0.034, 0.0051),
        ],
        GoodOverlap(),
        Balance(),
        [
            new Refutation(Refuter.Placebo, EffectMethod.Aipw, "With a randomly permuted treatment the effect should vanish.",
                0.031, 0.0002, 0.0041, 500, 0.0004, RefutationVerdict.Passed, "A made-up treatment shows no effect, as it should."),
            new Refutation(Refuter.RandomCommonCause, EffectMethod.Aipw, "Adding a random covariate should not move the estimate.",
                0.031, 0.0309, 0.0003, 100, 0.62, RefutationVerdict.Passed, "An irrelevant extra covariate leaves the estimate where it was."),
            new Refutation(Refuter.DataSubset, EffectMethod.Aipw, "On random 80% subsets the estimate should stay within its sampling error.",
                0.031, 0.0312, 0.0021, 100, 0.71, RefutationVerdict.Passed, "The estimate is stable on random subsets of the users."),
        ],
        withTruth ? new TrueEffects(0.030, 0.033, "ShopSim potential outcomes, seed 7") : null,
        [],
        new RunManifest("causalcart 0.1.0", new DateTimeOffset(2024, 11, 20, 9, 30, 0, TimeSpan.Zero), 7,
        [
            new InputFile("data/events.csv", "3b1f0c2d9e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c"),
            new InputFile("data/exposures.csv", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"),
        ]));

    /// <summary>The coupon study where the placebo test of AIPW failed and the result carries warnings.</summary>
    public static AnalysisResult FailedRefutation() => Coupon() with
    {
        Refutations =
        [
            new Refutation(Refuter.Placebo, EffectMethod.Aipw, "With a randomly permuted treatment the effect should vanish.",
                0.031, 0.024, 0.004, 500, 0.0, RefutationVerdict.Failed, "A made-up treatment still shows most of the effect, so the estimate is driven by something other than the coupon."),
            new Refutation(Refuter.DataSubset, EffectMethod.Aipw, "On random 80% subsets the estimate should stay within its sampling error.",
                0.031, 0.0312, 0.0021, 100, null, RefutationVerdict.Inconclusive, "Too few subsets to decide."),
        ],
        Warnings = ["The placebo refutation failed: exit code 5."],
    };

    /// <summary>A study refused for insufficient overlap (no adjusted estimate, only the naive difference).</summary>
    public static AnalysisResult InsufficientOverlap() => Coupon(withTruth: false) with
    {
        Estimates = [Estimate(EffectMethod.Naive, Estimand.Ate, 0.052, 0.0026)],
        Overlap = GoodOverlap() with
        {
            TreatedCounts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 400, 1_600, 4_000, 6_010],
            ControlCounts = [20_000, 9_000, 4_000, 2_000, 800, 300, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            MinTreated = 0.76, MaxTreated = 0.999, MinControl = 0.0001, MaxControl = 0.34,
            ExtremeShare = 0.62, EffectiveSampleSizeTreated = 310, EffectiveSampleSizeControl = 95,
            Verdict = OverlapVerdict.Insufficient,
            Message = "Treated and untreated users share no propensity range; the analysis was refused (exit code 4).",
        },
        Refutations = [],
        Warnings = ["No causal estimate: overlap is insufficient."],
    };

    /// <summary>A revenue outcome (not binary), only an IPW estimate.</summary>
    public static AnalysisResult Revenue() => Coupon(withTruth: false) with
    {
        Design = Coupon().Design with { Outcome = "revenue within 7 days" },
        Association = new Association(14.20, 9.85, 4.35, 1.4416, 12_050, 36_160, OutcomeIsBinary: false),
        Estimates = [Estimate(EffectMethod.Ipw, Estimand.Ate, 1.24, 0.41)],
    };

    /// <summary>The coupon study with its "who responds" section: three customer tiers and five learned response groups.</summary>
    public static AnalysisResult WithWhoResponds(string segmentColumn = "tier", string bestSegment = "gold") => Coupon() with
    {
        Heterogeneity = new EffectHeterogeneity(
            "Doubly robust (AIPW) scores with 5-fold cross-fitted learners.",
            0.95,
            segmentColumn,
            [
                new GroupEffect("bronze", 24_000, 0.012, 0.005, 0.002, 0.022),
                new GroupEffect("silver", 16_000, 0.034, 0.007, 0.020, 0.048),
                new GroupEffect(bestSegment, 8_210, 0.071, 0.011, 0.049, 0.093),
            ],
            [
                new GroupEffect("g1", 9_642, 0.004, 0.008, -0.012, 0.020),
                new GroupEffect("g2", 9_642, 0.015, 0.008, -0.001, 0.031),
                new GroupEffect("g3", 9_642, 0.027, 0.008, 0.011, 0.043),
                new GroupEffect("g4", 9_642, 0.041, 0.009, 0.023, 0.059),
                new GroupEffect("g5", 9_642, 0.068, 0.010, 0.048, 0.088),
            ],
            new ProjectionTerm("top minus bottom", 0.064, 0.0128, 0.039, 0.089, 0.0000006),
            true,
            [
                new ProjectionTerm("intercept", 0.010, 0.006, -0.002, 0.022, 0.095),
                new ProjectionTerm("views_7d", 0.004, 0.001, 0.002, 0.006, 0.00006),
                new ProjectionTerm("tier=gold", 0.055, 0.012, 0.031, 0.079, 0.000005),
                new ProjectionTerm("days_since_last_visit", -0.0002, 0.0004, -0.001, 0.0006, 0.62),
            ],
            ["On average the treatment changes the outcome by +0.031."]),
    };

    /// <summary>Every free-text field holds markup that must be shown, never executed; one diagnostic is infinite.</summary>
    public static AnalysisResult Hostile()
    {
        AnalysisResult r = FailedRefutation();
        return r with
        {
            Study = "coupon " + Payload,
            Design = r.Design with
            {
                Unit = "user" + Payload,
                TimeZero = Payload,
                Eligibility = Payload,
                Treatment = "the coupon " + Payload,
                Outcome = "a purchase " + Payload,
                Covariates = ["views|7d " + Payload, "carts_7d"],
                Nuisance = Payload,
            },
            Estimates =
            [
                Estimate(EffectMethod.Aipw, Estimand.Ate, 0.031, 0.0046, new Dictionary<string, double> { [Payload] = double.PositiveInfinity }) with
                {
                    Warnings = ["weights " + Payload],
                },
            ],
            Overlap = r.Overlap! with { Message = Payload },
            Balance = r.Balance! with
            {
                Covariates =
                [
                    new CovariateBalance("views|7d " + Payload, 3.1, 2.4, 0.31, 0.04),
                    new CovariateBalance("carts_7d", 0.4, 0.2, 0.22, 0.02),
                ],
                Message = Payload,
            },
            Refutations = r.Refutations.Select(f => f with { NullHypothesis = Payload, Interpretation = Payload }).ToList(),
            Truth = new TrueEffects(0.03, 0.033, Payload),
            Warnings = [Payload],
            Manifest = r.Manifest with { Tool = "causalcart " + Payload, Inputs = [new InputFile(Payload, Payload)] },
        };
    }

    public static EffectEstimate Estimate(EffectMethod method, Estimand estimand, double estimate, double se, IReadOnlyDictionary<string, double>? diagnostics = null) =>
        new(method, estimand, estimate, se, estimate - (1.959964 * se), estimate + (1.959964 * se), 0.95,
            estimand == Estimand.Att ? 12_050 : 48_210, 12_050, estimand == Estimand.Att ? 0 : 36_160,
            diagnostics ?? new Dictionary<string, double>(), []);

    private static OverlapDiagnostics GoodOverlap()
    {
        double[] edges = Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray();
        long[] treated = [12, 60, 210, 480, 820, 1_150, 1_380, 1_460, 1_400, 1_250, 1_050, 860, 650, 480, 330, 210, 120, 60, 25, 3];
        long[] control = [1_900, 3_600, 4_700, 5_000, 4_800, 4_200, 3_500, 2_800, 2_100, 1_500, 1_000, 560, 280, 130, 55, 22, 9, 3, 1, 0];
        return new OverlapDiagnostics(edges, treated, control, 0.012, 0.968, 0.004, 0.921, 0.01, 0.0021, 8_930, 33_480,
            OverlapVerdict.Good, "Treated and untreated users overlap across the propensity range; 0.2% have an extreme propensity.");
    }

    private static BalanceDiagnostics Balance()
    {
        double[] before = [0.48, 0.41, 0.29, -0.35, 0.22, 0.08, 0.17, 0.12];
        double[] after = [0.03, 0.02, 0.04, -0.05, 0.01, 0.02, -0.03, 0.02];
        CovariateBalance[] rows = CovariateNames
            .Select((name, i) => new CovariateBalance(name, 5.0 + i, 4.0 + i, before[i], after[i]))
            .ToArray();
        return new BalanceDiagnostics(rows, 0.1, 0.48, 0.05, "After weighting every covariate is within 0.1 standard deviations.");
    }
}
