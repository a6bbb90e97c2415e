using System.Buffers.Text;
using System.Text;
using CausalCart.Simulation.Randomness;

namespace CausalCart.Simulation.Engine;

/// <summary>
/// The fixed part of a world: categories and items with prices, brands and popularity, and the
/// sampling tables derived from them. Built once from the world stream; read-only afterwards, so
/// shared by all worker threads.
/// </summary>
internal sealed class World
{
    /// <summary>Price sensitivity is capped at this value.</summary>
    public const double MaxPriceSensitivity = 4;

    /// <summary>The item-view choice uses s rounded to a grid of 0.25 on [0, 4]: 17 levels.</summary>
    public const int SensitivityLevels = 17;

    /// <summary>Grid step of the price-sensitivity levels.</summary>
    public const double SensitivityStep = 0.25;

    public static readonly string[] Regions = ["north", "south", "east", "west", "central"];
    public static readonly byte[][] RegionUtf8 = [.. Regions.Select(Encoding.UTF8.GetBytes)];
    public static readonly double[] RegionShares = [0.25, 0.20, 0.20, 0.20, 0.15];
    public static readonly double[] RegionBudgetShift = [0.10, -0.10, 0.05, 0.00, -0.05];

    public static readonly string[] QueryWords =
        ["sale", "cheap", "best", "new", "gift", "set", "mini", "pro", "black", "white", "red", "blue", "kids", "men", "women", "2024"];

    private static readonly string[] BaseCategoryNames =
    [
        "shoes", "sneakers", "boots", "dresses", "shirts", "jeans", "jackets", "bags", "watches", "jewelry",
        "phones", "laptops", "tablets", "headphones", "cameras", "tv", "speakers", "consoles", "games", "books",
        "toys", "puzzles", "baby", "beauty", "perfume", "skincare", "haircare", "vitamins", "fitness", "bikes",
        "camping", "fishing", "garden", "tools", "lamps", "furniture", "bedding", "kitchen", "cookware", "coffee",
        "tea", "snacks", "petfood", "petsupplies", "office", "stationery", "art", "music", "cars", "phonecases",
    ];

    private World(int categories, int items)
    {
        CategoryCount = categories;
        ItemCount = items;
        CategoryLogMedian = new double[categories];
        CategoryPromoted = new bool[categories];
        CategoryNames = new string[categories];
        CategoryNameUtf8 = new byte[categories][];
        CategoryIdUtf8 = new byte[categories][];
        CategoryStart = new int[categories + 1];
        ItemCategory = new int[items];
        ItemPriceCents = new int[items];
        ItemLogPrice = new double[items];
        ItemBrand = new int[items];
        ItemPopularity = new double[items];
        CategoryItems = new int[items];
        ViewCumulative = new double[SensitivityLevels * items];
        RecommendationItemCumulative = new double[items];
        RecommendationItemWeight = new double[items];
        RecommendationCategoryMass = new double[categories];
        ItemPrefixOffset = new int[items + 1];
        ItemPrefix = [];
    }

    public int CategoryCount { get; }

    public int ItemCount { get; }

    /// <summary>(K) ln of each category's median price.</summary>
    public double[] CategoryLogMedian { get; }

    /// <summary>(K) whether the coupon has an extra lift in the category.</summary>
    public bool[] CategoryPromoted { get; }

    /// <summary>(K) category names (lower-case ASCII, no separators).</summary>
    public string[] CategoryNames { get; }

    /// <summary>(K) UTF-8 of <see cref="CategoryNames"/>.</summary>
    public byte[][] CategoryNameUtf8 { get; }

    /// <summary>(K) UTF-8 of the 1-based category id.</summary>
    public byte[][] CategoryIdUtf8 { get; }

    /// <summary>(K + 1) start of each category's run in <see cref="CategoryItems"/>.</summary>
    public int[] CategoryStart { get; }

    /// <summary>(M) item indices grouped by category, ascending within a category.</summary>
    public int[] CategoryItems { get; }

    /// <summary>(M) 0-based category of each item.</summary>
    public int[] ItemCategory { get; }

    /// <summary>(M) list price in cents.</summary>
    public int[] ItemPriceCents { get; }

    /// <summary>(M) ln(list price in currency units).</summary>
    public double[] ItemLogPrice { get; }

    /// <summary>(M) brand index within the item's category.</summary>
    public int[] ItemBrand { get; }

    /// <summary>(M) popularity weight w_i.</summary>
    public double[] ItemPopularity { get; }

    /// <summary>
    /// (SensitivityLevels, M) for level l and position j of <see cref="CategoryItems"/>: the running sum,
    /// within j's category, of w_i·exp(−κ·s_l·ln(p_i / m_c)).
    /// </summary>
    public double[] ViewCumulative { get; }

    /// <summary>(M) for position j of <see cref="CategoryItems"/>: the running sum within the category of w_i^η.</summary>
    public double[] RecommendationItemCumulative { get; }

    /// <summary>(M) w_i^η by item index.</summary>
    public double[] RecommendationItemWeight { get; }

    /// <summary>(K) S_c = Σ over items of c of w_i^η.</summary>
    public double[] RecommendationCategoryMass { get; }

    /// <summary>UTF-8 of "item_id,category_id," for all items, concatenated.</summary>
    public byte[] ItemPrefix { get; private set; }

    /// <summary>(M + 1) offsets into <see cref="ItemPrefix"/>.</summary>
    public int[] ItemPrefixOffset { get; }

    public ReadOnlySpan<byte> ItemPrefixOf(int item) =>
        ItemPrefix.AsSpan(ItemPrefixOffset[item], ItemPrefixOffset[item + 1] - ItemPrefixOffset[item]);

    public static string CategoryName(int category) =>
        category < BaseCategoryNames.Length
            ? BaseCategoryNames[category]
            : $"{BaseCategoryNames[category % BaseCategoryNames.Length]}{(category / BaseCategoryNames.Length) + 1}";

    public static World Build(ShopSimOptions options)
    {
        var b = options.Behavior;
        var k = options.Categories;
        var m = options.ResolvedItems;
        var world = new World(k, m);
        var rng = SimRandom.Create(options.Seed, StreamKind.World, 0);

        var logMedian = Math.Log(b.CategoryMedianPrice);
        for (var c = 0; c < k; c++)
        {
            world.CategoryLogMedian[c] = logMedian + b.CategoryPriceSigma * rng.NextNormal();
            world.CategoryPromoted[c] = c % options.Coupon.PromotedCategoryEvery == 0;
            world.CategoryNames[c] = CategoryName(c);
            world.CategoryNameUtf8[c] = Encoding.UTF8.GetBytes(world.CategoryNames[c]);
            world.CategoryIdUtf8[c] = Encoding.UTF8.GetBytes((c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < m; i++)
        {
            // The first K items cover every category once so no category is empty.
            var c = i < k ? i : rng.NextInt(k);
            world.ItemCategory[i] = c;
            var price = Math.Exp(world.CategoryLogMedian[c] + b.ItemPriceSigma * rng.NextNormal());
            var cents = (int)Math.Clamp(Math.Round(price * 100), 50, 100_000_000);
            world.ItemPriceCents[i] = cents;
            world.ItemLogPrice[i] = Math.Log(cents / 100.0);
            world.ItemPopularity[i] = Math.Exp(b.PopularitySigma * rng.NextNormal());
            world.ItemBrand[i] = rng.NextInt(b.BrandsPerCategory);
        }

        world.BuildTables(b);
        return world;
    }

    private void BuildTables(BehaviorOptions b)
    {
        // (K + 1) counting sort of items by category; stable, so ascending item index within a category.
        foreach (var c in ItemCategory)
        {
            CategoryStart[c + 1]++;
        }

        for (var c = 0; c < CategoryCount; c++)
        {
            CategoryStart[c + 1] += CategoryStart[c];
        }

        var next = CategoryStart[..CategoryCount];
        for (var i = 0; i < ItemCount; i++)
        {
            CategoryItems[next[ItemCategory[i]]++] = i;
        }

        for (var c = 0; c < CategoryCount; c++)
        {
            var recSum = 0.0;
            for (var j = CategoryStart[c]; j < CategoryStart[c + 1]; j++)
            {
                var i = CategoryItems[j];
                var w = Math.Pow(ItemPopularity[i], b.RecommendationPopularityExponent);
                RecommendationItemWeight[i] = w;
                recSum += w;
                RecommendationItemCumulative[j] = recSum;
            }

            RecommendationCategoryMass[c] = recSum;

            for (var level = 0; level < SensitivityLevels; level++)
            {
                var s = level * SensitivityStep;
                var sum = 0.0;
                for (var j = CategoryStart[c]; j < CategoryStart[c + 1]; j++)
                {
                    var i = CategoryItems[j];
                    sum += ItemPopularity[i] * Math.Exp(-b.ViewPriceSensitivityWeight * s * (ItemLogPrice[i] - CategoryLogMedian[c]));
                    ViewCumulative[level * ItemCount + j] = sum;
                }
            }
        }

        var prefix = new List<byte>(ItemCount * 12);
        Span<byte> digits = stackalloc byte[20];
        for (var i = 0; i < ItemCount; i++)
        {
            ItemPrefixOffset[i] = prefix.Count;
            Utf8Formatter.TryFormat(i + 1, digits, out var n);
            prefix.AddRange(digits[..n]);
            prefix.Add((byte)',');
            prefix.AddRange(CategoryIdUtf8[ItemCategory[i]]);
            prefix.Add((byte)',');
        }

        ItemPrefixOffset[ItemCount] = prefix.Count;
        ItemPrefix = [.. prefix];
    }

    /// <summary>Position j in [start, end) of the first running sum exceeding <paramref name="target"/> (last position if none).</summary>
    public static int SearchCumulative(ReadOnlySpan<double> cumulative, int start, int end, double target)
    {
        var lo = start;
        var hi = end - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>
    /// Fills the recommendation policy's per-user category weights θ_c^λ and their running sum of
    /// θ_c^λ·S_c; returns the normaliser Z = Σ_c θ_c^λ·S_c.
    /// </summary>
    public double RecommendationWeights(ReadOnlySpan<double> taste, double tasteExponent, Span<double> weight, Span<double> cumulative)
    {
        var running = 0.0;
        for (var c = 0; c < CategoryCount; c++)
        {
            weight[c] = Math.Pow(taste[c], tasteExponent);
            running += weight[c] * RecommendationCategoryMass[c];
            cumulative[c] = running;
        }

        return running;
    }

    /// <summary>Draws an item from π(i | u) = θ_c(i)^λ·w_i^η / Z given the weights of <see cref="RecommendationWeights"/>.</summary>
    public int SampleRecommendation(ref SimRandom rng, ReadOnlySpan<double> cumulative, double total)
    {
        var category = SearchCumulative(cumulative, 0, CategoryCount, rng.NextDouble() * total);
        var lo = CategoryStart[category];
        var hi = CategoryStart[category + 1];
        var position = SearchCumulative(RecommendationItemCumulative, lo, hi, rng.NextDouble() * RecommendationItemCumulative[hi - 1]);
        return CategoryItems[position];
    }

    /// <summary>π(item | u) for the weights of <see cref="RecommendationWeights"/>.</summary>
    public double RecommendationPropensity(ReadOnlySpan<double> weight, double total, int item) =>
        weight[ItemCategory[item]] * RecommendationItemWeight[item] / total;

    /// <summary>Draws the viewed item of <paramref name="category"/> for price-sensitivity grid level <paramref name="level"/>.</summary>
    public int SampleView(ref SimRandom rng, int category, int level)
    {
        var start = CategoryStart[category];
        var end = CategoryStart[category + 1];
        var cumulative = ViewCumulative.AsSpan(level * ItemCount, ItemCount);
        var position = SearchCumulative(cumulative, start, end, rng.NextDouble() * cumulative[end - 1]);
        return CategoryItems[position];
    }

    /// <summary>Writes <c>items.csv</c> rows (no header).</summary>
    public void WriteItems(ByteBuffer buffer)
    {
        for (var i = 0; i < ItemCount; i++)
        {
            buffer.Append(ItemPrefixOf(i));
            buffer.AppendCents(ItemPriceCents[i]);
            buffer.Append(",brand_"u8);
            buffer.Append(CategoryIdUtf8[ItemCategory[i]]);
            buffer.Append((byte)'_');
            buffer.AppendInt64(ItemBrand[i] + 1);
            buffer.Append((byte)'\n');
        }
    }
}
