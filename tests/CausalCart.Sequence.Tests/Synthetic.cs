using CausalCart.Core.Events;
using CausalCart.Sequence.Data;
using CausalCart.Sequence.Kernels;

namespace CausalCart.Sequence.Tests;

/// <summary>Small synthetic shops with known structure.</summary>
internal static class Synthetic
{
    /// <summary>
    /// Users walk a cycle of items (i → i+1 mod V) from a random start, with views before purchases:
    /// a model that learns the transition predicts the next item perfectly; popularity cannot.
    /// </summary>
    public static SequenceDataset Cycles(int users, int items, int length, ulong seed, bool timestamps = true)
    {
        var rng = new Rng(seed);
        var origin = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var list = new List<UserSequence>();
        for (var u = 0; u < users; u++)
        {
            var start = rng.NextInt(items);
            var t = origin.AddHours(rng.NextInt(48));
            var events = new List<SequenceEvent>();
            for (var i = 0; i < length; i++)
            {
                var action = i % 3 == 2 ? CanonicalAction.Buy : (i % 3 == 1 ? CanonicalAction.Cart : CanonicalAction.View);
                t = t.AddMinutes(1 + rng.NextInt(i % 3 == 2 ? 600 : 5));
                events.Add(new SequenceEvent(100 + ((start + i) % items), action, timestamps ? t : null));
            }

            list.Add(new UserSequence("u" + u, events));
        }

        return SequenceDataset.FromEvents(list);
    }

    /// <summary>
    /// Half the users shop (view, cart, buy, repeat, minutes apart); the other half only browse other
    /// items. Whether a purchase follows soon is predictable from the recent actions.
    /// </summary>
    public static SequenceDataset Shoppers(int users, int length, ulong seed)
    {
        var rng = new Rng(seed);
        var origin = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var list = new List<UserSequence>();
        for (var u = 0; u < users; u++)
        {
            var buyer = u % 2 == 0;
            var t = origin.AddMinutes(rng.NextInt(48 * 60));
            var events = new List<SequenceEvent>();
            for (var i = 0; i < length; i++)
            {
                var action = !buyer ? CanonicalAction.View : (i % 3 == 2 ? CanonicalAction.Buy : (i % 3 == 1 ? CanonicalAction.Cart : CanonicalAction.View));
                t = t.AddMinutes(10 + rng.NextInt(50));
                events.Add(new SequenceEvent((buyer ? 0 : 50) + rng.NextInt(20), action, t));
            }

            list.Add(new UserSequence("s" + u, events));
        }

        return SequenceDataset.FromEvents(list);
    }
}
