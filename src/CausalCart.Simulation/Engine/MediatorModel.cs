using CausalCart.Core.Events;
using CausalCart.Simulation.Randomness;

namespace CausalCart.Simulation.Engine;

/// <summary>
/// The mediator of <see cref="MediatorOptions"/> for one <see cref="UserSimulator"/>: the extra buy bits of a window
/// checkout slot, the user's M(0) and M(1), and the resolution of the slots into the (T, M(T)) log and the mediation
/// potential outcomes.
/// </summary>
/// <remarks>
/// Implementation note: while the timeline is drawn, a window slot records four bits from its one uniform u: bought
/// under (t, m) iff u &lt; p(t, m). <see cref="Resolve"/> then keeps, in the two bits the rest of the engine reads,
/// the outcomes under (0, M(0)) and (1, M(1)); so the log, <c>truth_users.csv</c> and the ATE in <c>truth.json</c> are
/// total effects, and nothing else in the engine needs to know about the mediator.
/// </remarks>
internal sealed class MediatorModel
{
    private const byte BoughtWithoutMediated = 4;
    private const byte BoughtWithMediated = 8;

    private readonly int _seed;
    private readonly double _p0;
    private readonly double _p1;
    private readonly double _buyLift;

    public MediatorModel(ShopSimOptions options, MediatorOptions mediator)
    {
        _seed = options.Seed;
        _p0 = Logistic(mediator.Intercept);
        _p1 = Logistic(mediator.Intercept + mediator.CouponLift);
        _buyLift = mediator.BuyLift;
    }

    /// <summary>The (0, 1) and (1, 1) buy bits of a window slot with uniform <paramref name="u"/> and buy log-odds
    /// <paramref name="logit0"/> without and <paramref name="logit1"/> with the coupon (both at m = 0).</summary>
    public byte SlotBits(double u, double logit0, double logit1) =>
        (byte)((u < Logistic(logit0 + _buyLift) ? BoughtWithoutMediated : 0) | (u < Logistic(logit1 + _buyLift) ? BoughtWithMediated : 0));

    /// <summary>M(0) and M(1) of user <paramref name="userIndex"/>, from one uniform of the user's mediator stream.</summary>
    public (bool M0, bool M1) Draw(int userIndex)
    {
        var u = SimRandom.Create(_seed, StreamKind.Mediator, userIndex).NextDouble();
        return (u < _p0, u < _p1);
    }

    /// <summary>
    /// Computes Y(0, M(0)), Y(1, M(0)) and Y(1, M(1)) (any buy, count, revenue in cents) over the window's checkout
    /// slots, then rewrites each window slot's mask to the (0, M(0)) and (1, M(1)) outcomes.
    /// </summary>
    public static void Resolve(Span<SimEvent> events, long t0Ms, long windowEndMs, bool m0, bool m1, Span<long> y00, Span<long> y10, Span<long> y11)
    {
        y00.Clear();
        y10.Clear();
        y11.Clear();
        foreach (ref var e in events)
        {
            if (e.Action != CanonicalAction.Buy || e.Timestamp < t0Ms || e.Timestamp >= windowEndMs)
            {
                continue;
            }

            var without = (e.BuyMask & (m0 ? BoughtWithoutMediated : SimEvent.BoughtWithout)) != 0;
            var withAtM0 = (e.BuyMask & (m0 ? BoughtWithMediated : SimEvent.BoughtWith)) != 0;
            var withAtM1 = (e.BuyMask & (m1 ? BoughtWithMediated : SimEvent.BoughtWith)) != 0;
            Count(y00, without, e.PriceCents);
            Count(y10, withAtM0, e.CouponPriceCents);
            Count(y11, withAtM1, e.CouponPriceCents);
            e.BuyMask = (byte)((without ? SimEvent.BoughtWithout : 0) | (withAtM1 ? SimEvent.BoughtWith : 0));
        }

        y00[0] = y00[1] > 0 ? 1 : 0;
        y10[0] = y10[1] > 0 ? 1 : 0;
        y11[0] = y11[1] > 0 ? 1 : 0;
    }

    private static void Count(Span<long> y, bool bought, int cents)
    {
        if (bought)
        {
            y[1]++;
            y[2] += cents;
        }
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
