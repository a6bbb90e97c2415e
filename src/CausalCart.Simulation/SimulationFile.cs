namespace CausalCart.Simulation;

/// <summary>A file written by ShopSim.</summary>
/// <param name="Name">File name inside the output directory.</param>
/// <param name="Rows">Data rows (CSV: lines after the header; JSON: 1).</param>
/// <param name="Bytes">File size in bytes.</param>
public sealed record SimulationFile(string Name, long Rows, long Bytes);
