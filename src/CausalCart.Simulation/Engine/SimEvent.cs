using CausalCart.Core.Events;

namespace CausalCart.Simulation.Engine;

/// <summary>
/// One simulated event of a user, before the arm is known. A buy is a checkout slot: it exists in
/// both arms' timelines at the same time, and <see cref="BuyMask"/> says under which arm it happened.
/// </summary>
internal struct SimEvent
{
    /// <summary>Bit of <see cref="BuyMask"/>: bought without the coupon.</summary>
    public const byte BoughtWithout = 1;

    /// <summary>Bit of <see cref="BuyMask"/>: bought with the coupon.</summary>
    public const byte BoughtWith = 2;

    /// <summary>Bit of <see cref="BuyMask"/>: bought without the rollout (set only with a rollout, for slots in the panel's weeks).</summary>
    public const byte BoughtWithoutRollout = 16;

    // Bits 4 and 8 are used by MediatorModel, between a window slot's draw and its resolution, for (0, m = 1) and (1, m = 1).

    public long Timestamp;
    public int Item;
    public int Category;
    public int Session;
    public int PriceCents;
    public int CouponPriceCents;
    public short QueryWord;
    public CanonicalAction Action;
    public byte BuyMask;
}
