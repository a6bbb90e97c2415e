using CausalCart.Sequence.Data;

namespace CausalCart.Sequence.Tests.Data;

/// <summary>Reads the public Amazon Beauty sequences from shared/data (fails clearly when missing).</summary>
public sealed class SequenceDatasetSharedDataTests
{
    [Fact]
    public void Beauty_has_the_published_user_item_and_interaction_counts()
    {
        var data = SequenceDataset.ReadItemSequences(RepoPaths.SharedData("amazon_sequences/Beauty.txt"));
        Assert.Equal(22363, data.UserCount);
        Assert.Equal(12101, data.ItemCount);
        Assert.Equal(198502, data.EventCount);
        Assert.False(data.HasTimestamps);
        Assert.False(data.HasActions);
        Assert.Equal(0, data.RowOf(1));
        Assert.Equal(12100, data.RowOf(12101));
    }
}
