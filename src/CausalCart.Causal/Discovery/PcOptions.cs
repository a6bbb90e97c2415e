namespace CausalCart.Causal.Discovery;

/// <summary>Options for <see cref="PcAlgorithm"/>.</summary>
/// <param name="Alpha">Significance level of the Fisher-z conditional-independence tests (default 0.01); smaller keeps fewer edges.</param>
/// <param name="MaxConditioningSize">Largest conditioning set tried (null: unbounded).</param>
/// <param name="Knowledge">Background knowledge (null: none).</param>
/// <param name="BootstrapSamples">Number of bootstrap resamples used to attach a confidence to every edge (0: none).</param>
/// <param name="Seed">Seed for the bootstrap resampling.</param>
/// <param name="Test">Conditional-independence test (default Fisher-z).</param>
/// <param name="Bins">Equal-frequency bins per continuous column for <see cref="IndependenceTest.ConditionalMutualInformation"/> (2 to 50; default 4).</param>
public sealed record PcOptions(double Alpha = 0.01, int? MaxConditioningSize = null, BackgroundKnowledge? Knowledge = null, int BootstrapSamples = 0, int Seed = 0, IndependenceTest Test = IndependenceTest.FisherZ, int Bins = 4);
