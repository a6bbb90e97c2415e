namespace CausalCart.Simulation;

/// <summary>Names of the files ShopSim writes into its output directory.</summary>
public static class ShopSimFiles
{
    /// <summary><c>user_id,item_id,category_id,action,timestamp,price,session_id,query</c>.</summary>
    public const string Events = "events.csv";

    /// <summary><c>user_id,timestamp,campaign,arm,item_id,propensity</c>.</summary>
    public const string Exposures = "exposures.csv";

    /// <summary><c>item_id,category_id,price,brand</c>.</summary>
    public const string Items = "items.csv";

    /// <summary><c>user_id,segment,region,signup_day</c>.</summary>
    public const string Users = "users.csv";

    /// <summary>The true effects (<see cref="SimulationTruth"/>).</summary>
    public const string Truth = "truth.json";

    /// <summary>Per eligible user: treatment, propensity and both potential outcomes.</summary>
    public const string TruthUsers = "truth_users.csv";

    /// <summary>The run's <see cref="SimulationSummary"/>.</summary>
    public const string Summary = "summary.json";

    /// <summary>Header of <see cref="Events"/>.</summary>
    public const string EventsHeader = "user_id,item_id,category_id,action,timestamp,price,session_id,query";

    /// <summary>Header of <see cref="Exposures"/>.</summary>
    public const string ExposuresHeader = "user_id,timestamp,campaign,arm,item_id,propensity";

    /// <summary>Header of <see cref="Items"/>.</summary>
    public const string ItemsHeader = "item_id,category_id,price,brand";

    /// <summary>Header of <see cref="Users"/>.</summary>
    public const string UsersHeader = "user_id,segment,region,signup_day";

    /// <summary>Header of <see cref="TruthUsers"/>.</summary>
    public const string TruthUsersHeader = "user_id,treated,propensity,segment,y0_any,y1_any,y0_count,y1_count,y0_revenue,y1_revenue";

    /// <summary>Per eligible user, only with <see cref="ShopSimOptions.Mediator"/>: targeting features, treatment, mediator and the mediation potential outcomes of any buy.</summary>
    public const string MediationUsers = "mediation_users.csv";

    /// <summary>Header of <see cref="MediationUsers"/>: B30, V7, R (days), T, M(0), M(1), M = M(T), Y = Y(T, M(T)), Y(0, M(0)), Y(1, M(0)), Y(1, M(1)) of any buy in the window.</summary>
    public const string MediationUsersHeader = "user_id,buys_lookback,views_7d,recency_days,treated,m0,m1,mediator,y_any,y00_any,y10_any,y11_any";

    /// <summary>Only with <see cref="ShopSimOptions.Rollout"/>: the weekly panel of purchases of the users signed up before its first week, from the event log (see the README).</summary>
    public const string RolloutPanel = "rollout_panel.csv";

    /// <summary>Header of <see cref="RolloutPanel"/>: user, region, week 1 … W, first treated week (0 = never), buy events in the week.</summary>
    public const string RolloutPanelHeader = "user_id,region,week,first_week,purchases";

    /// <summary>Only with <see cref="ShopSimOptions.Rollout"/>: per user and week, purchases without (y0) and with (y1) the rollout.</summary>
    public const string TruthRollout = "truth_rollout.csv";

    /// <summary>Header of <see cref="TruthRollout"/>; y1 = y0 before the user's region adopts, and y1 is the logged count.</summary>
    public const string TruthRolloutHeader = "user_id,week,first_week,y0,y1";

    /// <summary>Arm of a rollout exposure (only with <see cref="ShopSimOptions.Rollout"/>).</summary>
    public const string RolloutArm = "free_shipping";

    /// <summary>Arm of a coupon exposure.</summary>
    public const string CouponArm = "coupon";

    /// <summary>Arm of a control exposure (only with <see cref="ShopSimOptions.LogControls"/>).</summary>
    public const string ControlArm = "control";

    /// <summary>Arm of a recommendation exposure.</summary>
    public const string RecommendationArm = "rec";
}
