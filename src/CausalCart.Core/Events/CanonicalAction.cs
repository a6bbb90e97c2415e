namespace CausalCart.Core.Events;

/// <summary>
/// The canonical action vocabulary every source is mapped onto. Stored as a <see cref="byte"/>
/// in the event store's <c>events.action</c> column; the numeric values are part of the store's
/// on-disk format and never change.
/// </summary>
public enum CanonicalAction : byte
{
    /// <summary>An item page was viewed (Taobao <c>pv</c>, RetailRocket <c>view</c>, REES46 <c>view</c>).</summary>
    View = 0,

    /// <summary>A click (YOOCHOOSE clicks, a click on a recommendation).</summary>
    Click = 1,

    /// <summary>The item was added to the cart.</summary>
    Cart = 2,

    /// <summary>The item was saved as a favourite or to a wish list.</summary>
    Fav = 3,

    /// <summary>The item was bought.</summary>
    Buy = 4,

    /// <summary>A search was issued; the query text sits in <c>events.query</c>.</summary>
    Search = 5,

    /// <summary>The item was removed from the cart (REES46 <c>remove_from_cart</c>).</summary>
    RemoveFromCart = 6,
}
