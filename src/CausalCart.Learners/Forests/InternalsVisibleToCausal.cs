using System.Runtime.CompilerServices;

// The causal forest (CausalCart.Causal/Forest) grows its trees with this folder's binning and tree grower, relabelling
// each node with its pseudo-outcomes; the machinery stays internal rather than becoming a public tree-building API.
[assembly: InternalsVisibleTo("CausalCart.Causal")]
