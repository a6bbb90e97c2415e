using System.Buffers.Text;
using System.Globalization;
using CausalCart.Core.Events;
using CausalCart.Simulation.Randomness;

namespace CausalCart.Simulation.Engine;

/// <summary>
/// Simulates users one at a time into a <see cref="ChunkOutput"/>. Holds per-user scratch, so one
/// instance per worker; the output of a user depends only on the options, the world and the user index.
/// </summary>
/// <remarks>
/// Implementation note (potential outcomes): a user's timeline is drawn once, in time order, from the
/// user's own stream. The coupon acts only on checkout decisions inside the coupon window, and no
/// later draw depends on whether an earlier checkout ended in a buy; so simulating the follow-up twice
/// (without and with the coupon) from the same stream would repeat every draw, and differ only in
/// which checkout slots become buys. Each slot therefore records both outcomes from one uniform
/// u: bought without the coupon iff u &lt; p0, with it iff u &lt; p1. The log then follows the assigned arm.
/// </remarks>
internal sealed partial class UserSimulator
{
    private const long DayMs = 86_400_000;
    private const long MinSessionGapMs = 31 * 60_000;
    private const long MinEventGapMs = 1_000;
    private const long MaxEventGapMs = 25 * 60_000;
    private const long SessionIdMultiplier = 1_000_000;

    private static readonly byte[][] ActionPrefix = BuildActionPrefixes();

    private readonly ShopSimOptions _options;
    private readonly BehaviorOptions _b;
    private readonly World _world;
    private readonly int _k;
    private readonly long _originMs;
    private readonly long _t0Ms;
    private readonly long _windowEndMs;
    private readonly long _eligibilityStartMs;
    private readonly long _views7StartMs;
    private readonly int _totalDays;
    private readonly DayOfWeek _originDayOfWeek;
    private readonly double _logGapMedianMs;
    private readonly double _logBudgetMedian;
    private readonly double _logCategories;
    private readonly double[] _segmentLift;
    private readonly DateOnly _originDate;
    private readonly byte[] _campaignUtf8;
    private readonly byte[] _recommendationCampaignUtf8;
    private readonly MediatorModel? _mediator;

    // (K) per-user category tastes, their running sum, and the recommendation policy's category weights.
    private readonly double[] _taste;
    private readonly double[] _tasteCumulative;
    private readonly double[] _recommendationWeight;
    private readonly double[] _recommendationCumulative;

    // Per-user growable scratch.
    private SimEvent[] _events = new SimEvent[512];
    private int _eventCount;
    private RecommendationExposure[] _recommendations = new RecommendationExposure[64];
    private int _recommendationCount;
    private int[] _carted = new int[16];
    private int _cartedCount;
    private long[] _sessionStarts = new long[8];

    // Current user's traits.
    private SimRandom _rng;
    private double _engagement;
    private double _logBudget;
    private double _priceSensitivity;
    private int _sensitivityLevel;
    private Segment _segment;
    private double _userLift;
    private double _recommendationTotal;
    private int _session;

    public UserSimulator(ShopSimOptions options, World world)
    {
        _options = options;
        _b = options.Behavior;
        _world = world;
        _k = world.CategoryCount;
        _originMs = options.Origin.ToUnixTimeMilliseconds();
        _t0Ms = options.TimeZero.ToUnixTimeMilliseconds();
        _windowEndMs = _t0Ms + options.OutcomeDays * DayMs;
        _eligibilityStartMs = _t0Ms - options.EligibilityDays * DayMs;
        _views7StartMs = _t0Ms - 7 * DayMs;
        _totalDays = options.HistoryDays + options.FollowUpDays;
        _originDayOfWeek = options.Origin.UtcDateTime.DayOfWeek;
        _originDate = DateOnly.FromDateTime(options.Origin.UtcDateTime);
        _logGapMedianMs = Math.Log(_b.EventGapMedianSeconds * 1000);
        _logBudgetMedian = Math.Log(_b.BudgetMedian);
        _logCategories = Math.Log(_k);
        var c = options.Coupon;
        _segmentLift = [c.NewSegmentLift, c.RegularSegmentLift, c.LoyalSegmentLift];
        _campaignUtf8 = System.Text.Encoding.UTF8.GetBytes(options.Campaign);
        _recommendationCampaignUtf8 = System.Text.Encoding.UTF8.GetBytes(options.RecommendationCampaign);
        _taste = new double[_k];
        _tasteCumulative = new double[_k];
        _recommendationWeight = new double[_k];
        _recommendationCumulative = new double[_k];
        _mediator = options.Mediator is { } mediator ? new MediatorModel(options, mediator) : null;
        Rollout = options.Rollout is { } rollout ? new RolloutModel(options, rollout) : null;
    }

    /// <summary>Simulates users [<paramref name="firstUser"/>, +<paramref name="count"/>) (0-based indices) into <paramref name="output"/>.</summary>
    public void Run(int firstUser, int count, ChunkOutput output)
    {
        output.Clear();
        Span<long> y0 = stackalloc long[TruthAccumulator.OutcomeCount];
        Span<long> y1 = stackalloc long[TruthAccumulator.OutcomeCount];
        for (var u = firstUser; u < firstUser + count; u++)
        {
            SimulateUser(u, output, y0, y1);
        }
    }

    private static byte[][] BuildActionPrefixes()
    {
        var result = new byte[CanonicalActions.All.Count][];
        foreach (var action in CanonicalActions.All)
        {
            result[(int)action] = System.Text.Encoding.UTF8.GetBytes(CanonicalActions.Name(action) + ",");
        }

        return result;
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private void SimulateUser(int userIndex, ChunkOutput output, Span<long> y0, Span<long> y1)
    {
        _rng = SimRandom.Create(_options.Seed, StreamKind.UserBehavior, userIndex);
        _eventCount = 0;
        _recommendationCount = 0;
        _session = 0;
        _baselineShiftKnown = false;

        var (region, signupDay) = DrawTraits();
        _rolloutCohort = Rollout is null ? -1 : Rollout.RegionCohort[region];
        SimulateTimeline(Math.Max(0, signupDay));

        // History strictly before T0; identical in both arms because the coupon acts only from T0 on.
        var (eligible, buysLookBack, views7, lastBefore) = HistoryBeforeT0();

        var propensity = 0.0;
        var treated = false;
        if (eligible)
        {
            var t = _options.Targeting;
            var daysSinceLast = (_t0Ms - lastBefore) / (double)DayMs;
            var score = t.Score(buysLookBack, views7, daysSinceLast);
            propensity = Math.Clamp(Logistic(score), t.PropensityFloor, 1 - t.PropensityFloor);
            var assignment = SimRandom.Create(_options.Seed, StreamKind.Assignment, userIndex);
            treated = assignment.NextDouble() < propensity;
        }

        // The mediator (when on) settles which window slots are buys under (0, M(0)) and (1, M(1)) before anything is written.
        Span<long> y00 = stackalloc long[TruthAccumulator.OutcomeCount];
        Span<long> y10 = stackalloc long[TruthAccumulator.OutcomeCount];
        Span<long> y11 = stackalloc long[TruthAccumulator.OutcomeCount];
        var (m0, m1) = (false, false);
        if (_mediator is not null)
        {
            (m0, m1) = _mediator.Draw(userIndex);
            MediatorModel.Resolve(_events.AsSpan(0, _eventCount), _t0Ms, _windowEndMs, m0, m1, y00, y10, y11);
        }

        var userId = userIndex + 1L;
        Span<byte> userPrefix = stackalloc byte[24];
        Utf8Formatter.TryFormat(userId, userPrefix, out var idLength);
        userPrefix[idLength] = (byte)',';
        userPrefix = userPrefix[..(idLength + 1)];

        WriteEvents(output, userPrefix, userId, treated);
        WriteExposures(output, userPrefix, eligible, treated, propensity);
        output.Sessions += _session;
        output.UserRows++;
        if (_eventCount > 0)
        {
            output.ActiveUsers++;
        }

        var users = output.Users;
        users.Append(userPrefix);
        users.Append(Segments.Utf8[(int)_segment]);
        users.Append((byte)',');
        users.Append(World.RegionUtf8[region]);
        users.Append((byte)',');
        Span<byte> date = stackalloc byte[16];
        _originDate.AddDays(signupDay).TryFormat(date, out var dateLength, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        users.Append(date[..dateLength]);
        users.Append((byte)'\n');
        if (Rollout is not null && signupDay < 0)
        {
            WriteRolloutPanel(output, userPrefix, region);
        }

        if (eligible)
        {
            output.EligibleUsers++;
            if (treated)
            {
                output.TreatedUsers++;
            }

            Outcomes(y0, y1);
            output.Truth.Add(_segment, treated, y0, y1);
            var tu = output.TruthUsers;
            tu.Append(userPrefix);
            tu.Append(treated ? "1,"u8 : "0,"u8);
            tu.AppendDouble(propensity);
            tu.Append((byte)',');
            tu.Append(Segments.Utf8[(int)_segment]);
            tu.Append((byte)',');
            tu.AppendInt64(y0[0]);
            tu.Append((byte)',');
            tu.AppendInt64(y1[0]);
            tu.Append((byte)',');
            tu.AppendInt64(y0[1]);
            tu.Append((byte)',');
            tu.AppendInt64(y1[1]);
            tu.Append((byte)',');
            tu.AppendCents(y0[2]);
            tu.Append((byte)',');
            tu.AppendCents(y1[2]);
            tu.Append((byte)'\n');
            if (_mediator is not null)
            {
                output.Mediation.Add(m0, m1, y00, y10, y11);
                WriteMediationRow(output.MediationUsers, userPrefix, buysLookBack, views7, (_t0Ms - lastBefore) / (double)DayMs, treated, m0, m1, y00[0], y10[0], y11[0]);
            }
        }
    }

    /// <summary>Draws the user's latent traits and observed attributes, in a fixed order from the user's stream.</summary>
    private (int Region, int SignupDay) DrawTraits()
    {
        var b = _b;
        var region = 0;
        var u = _rng.NextDouble();
        var acc = World.RegionShares[0];
        while (u >= acc && region < World.Regions.Length - 1)
        {
            region++;
            acc += World.RegionShares[region];
        }

        _engagement = Math.Exp(b.EngagementSigma * _rng.NextNormal() - 0.5 * b.EngagementSigma * b.EngagementSigma);
        var budgetZ = _rng.NextNormal();
        _logBudget = _logBudgetMedian + World.RegionBudgetShift[region] + b.BudgetSigma * budgetZ;
        _priceSensitivity = Math.Min(World.MaxPriceSensitivity, _rng.NextGamma(b.PriceSensitivityShape) * b.PriceSensitivityScale);
        _sensitivityLevel = (int)Math.Round(_priceSensitivity / World.SensitivityStep);

        var sum = 0.0;
        for (var c = 0; c < _k; c++)
        {
            // A floor keeps every taste positive so the recommendation propensity is never zero.
            var g = Math.Max(_rng.NextGamma(b.TasteConcentration), 1e-12);
            _taste[c] = g;
            sum += g;
        }

        var running = 0.0;
        for (var c = 0; c < _k; c++)
        {
            _taste[c] /= sum;
            running += _taste[c];
            _tasteCumulative[c] = running;
        }

        _recommendationTotal = _world.RecommendationWeights(_taste, b.RecommendationTasteExponent, _recommendationWeight, _recommendationCumulative);

        var history = _options.HistoryDays;
        var signupDay = _rng.NextDouble() < b.NewUserShare
            ? history - 1 - _rng.NextInt(b.NewUserDays)
            : -1 - _rng.NextInt(b.MaxTenureDays);

        var segmentNoise = _rng.NextNormal();
        if (signupDay >= history - b.NewUserDays)
        {
            _segment = Segment.New;
        }
        else
        {
            var score = Math.Log(_engagement) + 0.5 * budgetZ + b.SegmentNoiseSigma * segmentNoise;
            _segment = score > b.LoyalThreshold ? Segment.Loyal : Segment.Regular;
        }

        _userLift = _options.Coupon.BaseLift + _options.Coupon.PriceSensitivityLift * _priceSensitivity + _segmentLift[(int)_segment];
        return (region, signupDay);
    }

    private void SimulateTimeline(int firstDay)
    {
        var b = _b;
        var lastEnd = long.MinValue / 2;
        for (var d = firstDay; d < _totalDays; d++)
        {
            var dayStart = _originMs + d * DayMs;
            var dayOfWeek = (DayOfWeek)(((int)_originDayOfWeek + d) % 7);
            var weekend = dayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var rate = b.SessionsPerDay * _engagement * (weekend ? b.WeekendFactor : 1);
            var n = _rng.NextPoisson(rate);
            if (n == 0)
            {
                continue;
            }

            if (_sessionStarts.Length < n)
            {
                _sessionStarts = new long[Math.Max(n, _sessionStarts.Length * 2)];
            }

            for (var s = 0; s < n; s++)
            {
                double hour;
                if (_rng.NextDouble() < b.EveningShare)
                {
                    hour = (b.EveningPeakHour + b.EveningSpreadHours * _rng.NextNormal()) % 24;
                    if (hour < 0)
                    {
                        hour += 24;
                    }
                }
                else
                {
                    hour = 24 * _rng.NextDouble();
                }

                _sessionStarts[s] = dayStart + Math.Min((long)(hour * 3_600_000), DayMs - 1);
            }

            Array.Sort(_sessionStarts, 0, n);
            for (var s = 0; s < n; s++)
            {
                // Sessions never overlap and are separated by more than 30 minutes, so a 30-minute
                // inactivity sessionizer recovers exactly the logged session ids.
                var start = Math.Max(_sessionStarts[s], lastEnd + MinSessionGapMs);
                lastEnd = SimulateSession(start);
            }
        }
    }

    /// <summary>One session starting at <paramref name="start"/>; returns the time of its last event.</summary>
    private long SimulateSession(long start)
    {
        var b = _b;
        var w = _world;
        _session++;
        if (_session >= SessionIdMultiplier)
        {
            throw new InvalidOperationException(
                $"A user reached {SessionIdMultiplier} sessions; lower Behavior.SessionsPerDay, Behavior.EngagementSigma or the number of days.");
        }

        _cartedCount = 0;
        var t = start;

        // Recommendation at the session's start: category c with probability ∝ θ_c^λ·S_c, then item i
        // of c with probability ∝ w_i^η; so π(i) = θ_c^λ·w_i^η / Σ_c' θ_c'^λ·S_c'.
        var recItem = w.SampleRecommendation(ref _rng, _recommendationCumulative, _recommendationTotal);
        var recCategory = w.ItemCategory[recItem];
        AddRecommendation(t, recItem, w.RecommendationPropensity(_recommendationWeight, _recommendationTotal, recItem));

        var clickProbability = Logistic(b.RecommendationClickIntercept + b.RecommendationClickTasteWeight * (_logCategories + Math.Log(_taste[recCategory])));
        if (_rng.NextDouble() < clickProbability)
        {
            t += Gap();
            Add(CanonicalAction.Click, recItem, recCategory, t);
            t += Gap();
            View(recItem, ref t);
        }

        var searchCategory = -1;
        if (_rng.NextDouble() < b.SearchProbability)
        {
            searchCategory = SampleTaste();
            var word = _rng.NextInt(World.QueryWords.Length);
            t += Gap();
            ref var e = ref Add(CanonicalAction.Search, -1, searchCategory, t);
            e.QueryWord = (short)word;
        }

        var views = 1 + _rng.NextPoisson(b.ExtraViewsPerSession);
        for (var v = 0; v < views; v++)
        {
            t += Gap();
            var category = searchCategory >= 0 && _rng.NextDouble() < b.SearchFocus ? searchCategory : SampleTaste();
            View(w.SampleView(ref _rng, category, _sensitivityLevel), ref t);
        }

        // Checkout: one slot per carted item, at the same time in both arms whether or not it ends in a buy.
        for (var j = 0; j < _cartedCount; j++)
        {
            t += Gap();
            var item = _carted[j];
            var category = w.ItemCategory[item];
            var logPrice = w.ItemLogPrice[item];
            var u = _rng.NextDouble();
            var logit0 = b.BuyIntercept + b.BuyBudgetWeight * (_logBudget - logPrice)
                - b.BuyPriceSensitivityWeight * _priceSensitivity * (logPrice - w.CategoryLogMedian[category]);

            // The rollout (when on) moves this slot's threshold; the same u decides the buy without it (panel weeks only).
            var withoutRollout = Rollout is not null && t < Rollout.PanelEndMs && u < Logistic(logit0);
            var rolloutLift = RolloutLift(t);
            if (rolloutLift != 0)
            {
                logit0 += rolloutLift;
            }

            var p0 = Logistic(BaselineShaped && t >= _t0Ms ? logit0 + BaselineShift() : logit0);
            var inWindow = t >= _t0Ms && t < _windowEndMs;
            var logit1 = inWindow
                ? logit0 + _userLift + (w.CategoryPromoted[category] ? _options.Coupon.PromotedCategoryLift : 0)
                : logit0;
            var p1 = inWindow ? Logistic(logit1) : p0;
            ref var e = ref Add(CanonicalAction.Buy, item, category, t);
            e.BuyMask = (byte)((u < p0 ? SimEvent.BoughtWithout : 0) | (u < p1 ? SimEvent.BoughtWith : 0) | (withoutRollout ? SimEvent.BoughtWithoutRollout : 0));
            if (inWindow && _mediator is not null)
            {
                e.BuyMask |= _mediator.SlotBits(u, logit0, logit1);
            }
            if (inWindow)
            {
                e.CouponPriceCents = (int)Math.Round(e.PriceCents * (1 - _options.Coupon.Discount));
            }
        }

        return t;
    }

    private void View(int item, ref long t)
    {
        var b = _b;
        var category = _world.ItemCategory[item];
        Add(CanonicalAction.View, item, category, t);
        var cartProbability = Logistic(b.CartIntercept + b.CartBudgetWeight * (_logBudget - _world.ItemLogPrice[item]));
        if (_rng.NextDouble() < cartProbability)
        {
            t += Gap();
            Add(CanonicalAction.Cart, item, category, t);
            if (_cartedCount == _carted.Length)
            {
                Array.Resize(ref _carted, _carted.Length * 2);
            }

            _carted[_cartedCount++] = item;
        }
        else if (_rng.NextDouble() < b.FavProbability)
        {
            t += Gap();
            Add(CanonicalAction.Fav, item, category, t);
        }
    }

    private int SampleTaste()
    {
        var c = World.SearchCumulative(_tasteCumulative, 0, _k, _rng.NextDouble() * _tasteCumulative[_k - 1]);
        return c;
    }

    /// <summary>Log-normal gap between events of a session, clipped to [1 s, 25 min].</summary>
    private long Gap()
    {
        var ms = Math.Exp(_logGapMedianMs + _b.EventGapSigma * _rng.NextNormal());
        return Math.Clamp((long)ms, MinEventGapMs, MaxEventGapMs);
    }

    private ref SimEvent Add(CanonicalAction action, int item, int category, long t)
    {
        if (_eventCount == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2);
        }

        ref var e = ref _events[_eventCount++];
        e.Timestamp = t;
        e.Item = item;
        e.Category = category;
        e.Session = _session;
        e.Action = action;
        e.PriceCents = item >= 0 ? _world.ItemPriceCents[item] : 0;
        e.CouponPriceCents = e.PriceCents;
        e.QueryWord = -1;
        e.BuyMask = 0;
        return ref e;
    }

    private void AddRecommendation(long t, int item, double propensity)
    {
        if (_recommendationCount == _recommendations.Length)
        {
            Array.Resize(ref _recommendations, _recommendations.Length * 2);
        }

        ref var r = ref _recommendations[_recommendationCount++];
        r.Timestamp = t;
        r.Item = item;
        r.Propensity = propensity;
    }

    /// <summary>Both potential outcomes over [T0, T0 + OutcomeDays): any buy, buy count, revenue in cents.</summary>
    private void Outcomes(Span<long> y0, Span<long> y1)
    {
        y0.Clear();
        y1.Clear();
        for (var i = 0; i < _eventCount; i++)
        {
            ref readonly var e = ref _events[i];
            if (e.Action != CanonicalAction.Buy || e.Timestamp < _t0Ms || e.Timestamp >= _windowEndMs)
            {
                continue;
            }

            if ((e.BuyMask & SimEvent.BoughtWithout) != 0)
            {
                y0[1]++;
                y0[2] += e.PriceCents;
            }

            if ((e.BuyMask & SimEvent.BoughtWith) != 0)
            {
                y1[1]++;
                y1[2] += e.CouponPriceCents;
            }
        }

        y0[0] = y0[1] > 0 ? 1 : 0;
        y1[0] = y1[1] > 0 ? 1 : 0;
    }

    private void WriteEvents(ChunkOutput output, ReadOnlySpan<byte> userPrefix, long userId, bool treated)
    {
        var buffer = output.Events;
        var mask = treated ? SimEvent.BoughtWith : SimEvent.BoughtWithout;
        var sessionBase = userId * SessionIdMultiplier;
        var w = _world;
        for (var i = 0; i < _eventCount; i++)
        {
            ref readonly var e = ref _events[i];
            var price = e.PriceCents;
            if (e.Action == CanonicalAction.Buy)
            {
                if ((e.BuyMask & mask) == 0)
                {
                    continue;
                }

                price = treated ? e.CouponPriceCents : e.PriceCents;
            }

            buffer.Append(userPrefix);
            if (e.Item >= 0)
            {
                buffer.Append(w.ItemPrefixOf(e.Item));
            }
            else
            {
                buffer.Append((byte)',');
                buffer.Append(w.CategoryIdUtf8[e.Category]);
                buffer.Append((byte)',');
            }

            buffer.Append(ActionPrefix[(int)e.Action]);
            buffer.AppendInt64(e.Timestamp);
            buffer.Append((byte)',');
            if (e.Item >= 0)
            {
                buffer.AppendCents(price);
            }

            buffer.Append((byte)',');
            buffer.AppendInt64(sessionBase + e.Session);
            buffer.Append((byte)',');
            if (e.QueryWord >= 0)
            {
                buffer.Append(w.CategoryNameUtf8[e.Category]);
                buffer.Append((byte)' ');
                buffer.Append(QueryWordUtf8[e.QueryWord]);
            }

            buffer.Append((byte)'\n');
            output.EventsByAction[(int)e.Action]++;
            if (e.Timestamp < output.MinTimestamp)
            {
                output.MinTimestamp = e.Timestamp;
            }

            if (e.Timestamp > output.MaxTimestamp)
            {
                output.MaxTimestamp = e.Timestamp;
            }
        }
    }

    private static void WriteMediationRow(
        ByteBuffer buffer, ReadOnlySpan<byte> userPrefix, long buysLookBack, long views7, double recencyDays, bool treated, bool m0, bool m1, long y00, long y10, long y11)
    {
        buffer.Append(userPrefix);
        buffer.AppendInt64(buysLookBack);
        buffer.Append((byte)',');
        buffer.AppendInt64(views7);
        buffer.Append((byte)',');
        buffer.AppendDouble(recencyDays);
        buffer.Append(treated ? ",1,"u8 : ",0,"u8);
        buffer.Append(m0 ? "1,"u8 : "0,"u8);
        buffer.Append(m1 ? "1,"u8 : "0,"u8);
        buffer.Append((treated ? m1 : m0) ? "1,"u8 : "0,"u8);
        buffer.AppendInt64(treated ? y11 : y00);
        buffer.Append((byte)',');
        buffer.AppendInt64(y00);
        buffer.Append((byte)',');
        buffer.AppendInt64(y10);
        buffer.Append((byte)',');
        buffer.AppendInt64(y11);
        buffer.Append((byte)'\n');
    }

    private static readonly byte[][] QueryWordUtf8 = [.. World.QueryWords.Select(System.Text.Encoding.UTF8.GetBytes)];

    private void WriteExposures(ChunkOutput output, ReadOnlySpan<byte> userPrefix, bool eligible, bool treated, double propensity)
    {
        var buffer = output.Exposures;
        var couponPending = eligible && (treated || _options.LogControls);
        var rolloutPending = _rolloutCohort >= 0;
        for (var i = 0; i < _recommendationCount; i++)
        {
            ref readonly var r = ref _recommendations[i];
            if (rolloutPending && r.Timestamp >= Rollout!.AdoptionMs[_rolloutCohort])
            {
                WriteRolloutExposure(output, userPrefix);
                rolloutPending = false;
            }

            if (couponPending && r.Timestamp >= _t0Ms)
            {
                WriteCoupon(output, userPrefix, treated, propensity);
                couponPending = false;
            }

            buffer.Append(userPrefix);
            buffer.AppendInt64(r.Timestamp);
            buffer.Append((byte)',');
            buffer.Append(_recommendationCampaignUtf8);
            buffer.Append(",rec,"u8);
            buffer.AppendInt64(r.Item + 1L);
            buffer.Append((byte)',');
            buffer.AppendDouble(r.Propensity);
            buffer.Append((byte)'\n');
            output.RecommendationExposures++;
        }

        if (rolloutPending)
        {
            WriteRolloutExposure(output, userPrefix);
        }

        if (couponPending)
        {
            WriteCoupon(output, userPrefix, treated, propensity);
        }
    }

    private void WriteCoupon(ChunkOutput output, ReadOnlySpan<byte> userPrefix, bool treated, double propensity)
    {
        var buffer = output.Exposures;
        buffer.Append(userPrefix);
        buffer.AppendInt64(_t0Ms);
        buffer.Append((byte)',');
        buffer.Append(_campaignUtf8);
        buffer.Append(treated ? ",coupon,,"u8 : ",control,,"u8);

        // The propensity column is the probability of the logged arm, as for recommendations.
        buffer.AppendDouble(treated ? propensity : 1 - propensity);
        buffer.Append((byte)'\n');
        if (treated)
        {
            output.CouponExposures++;
        }
        else
        {
            output.ControlExposures++;
        }
    }
}
