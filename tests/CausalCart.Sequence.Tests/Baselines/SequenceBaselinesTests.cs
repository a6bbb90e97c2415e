using CausalCart.Core.Events;
using CausalCart.Sequence.Baselines;
using CausalCart.Sequence.Data;
using CausalCart.Sequence.Evaluation;

namespace CausalCart.Sequence.Tests.Baselines;

public sealed class SequenceBaselinesTests
{
    [Fact]
    public void Markov_follows_transitions_and_popularity_ranks_by_count()
    {
        // Ten users 1 2 3 4 3 4: before the test event the chain has seen 3→4 ten times.
        var users = new List<UserSequence>();
        for (var u = 0; u < 10; u++)
        {
            users.Add(new UserSequence("u" + u, [.. new long[] { 1, 2, 3, 4, 3, 4 }.Select(i => new SequenceEvent(i, CanonicalAction.Buy, null))]));
        }

        users.Add(new UserSequence("x", [.. new long[] { 5, 5, 5, 5, 5, 2, 3, 9 }.Select(i => new SequenceEvent(i, CanonicalAction.Buy, null))]));
        var data = SequenceDataset.FromEvents(users);
        var markov = SequenceBaselines.Markov(data, EvaluationSplit.Test, [1]);
        Assert.Equal(11, markov.Users);
        Assert.Equal(10 / 11.0, markov.HitRate(1), 12); // "x" ends with 3→9, which the chain has never seen
        var popularity = SequenceBaselines.Popularity(data, EvaluationSplit.Test, [1, 10]);
        // History items are excluded, so for the ten users item 4 (count 10) beats item 5 (count 5);
        // "x"'s target 9 has count 0 and ties count against it.
        Assert.Equal(10 / 11.0, popularity.HitRate(1), 12);
        Assert.Equal(1, popularity.HitRate(10), 12);
        Assert.Equal(1, SequenceBaselines.PreviousAction(data, EvaluationSplit.Test).Accuracy);
    }
}
