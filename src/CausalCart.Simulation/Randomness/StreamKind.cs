namespace CausalCart.Simulation.Randomness;

/// <summary>The purposes a random stream can serve; part of the stream key, so the values never change.</summary>
internal enum StreamKind : ulong
{
    /// <summary>Categories and items (one stream for the whole world).</summary>
    World = 0,

    /// <summary>A user's traits and behaviour, drawn in time order.</summary>
    UserBehavior = 1,

    /// <summary>A user's coupon assignment draw (separate so it never depends on how many behaviour draws were used).</summary>
    Assignment = 2,

    /// <summary>A user's mediator draw (only with <see cref="ShopSimOptions.Mediator"/>; separate so the other streams are unchanged).</summary>
    Mediator = 3,
}
