using CausalCart.Causal.Discovery;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.Discovery;

public sealed class NotearsTests(ITestOutputHelper output)
{
    [Fact]
    public void Recovers_an_8_node_sem_in_natural_units()
    {
        var sem = new LinearSem(8, 0.3, seed: 51);
        var data = sem.Sample(2000, seed: 52, standardise: false);
        var g = Notears.Fit(data);
        var (p, r, f1) = sem.SkeletonScore(g);
        var truth = sem.TrueEdges().Select(e => ($"x{e.From}", $"x{e.To}")).ToHashSet();
        double directed = (double)g.Edges.Count(e => truth.Contains((e.From, e.To))) / Math.Max(1, g.Edges.Count);
        output.WriteLine($"NOTEARS skeleton precision {p:0.00} recall {r:0.00} F1 {f1:0.00}; directed precision {directed:0.00}");
        Assert.True(f1 >= 0.8, $"F1 {f1}");
        Assert.True(directed >= 0.7, $"directed precision {directed}");
        _ = g.ToCausalGraph(); // acyclic by construction
    }

    [Fact]
    public void Acyclicity_function_is_zero_exactly_on_dags()
    {
        var dag = new double[3, 3];
        dag[0, 1] = 1.5;
        dag[1, 2] = -2;
        Assert.Equal(0, Notears.H(dag, out _), 10);
        dag[2, 0] = 0.7;
        Assert.True(Notears.H(dag, out _) > 0.1);
    }

    [Fact]
    public void Matrix_exponential_of_a_nilpotent_and_a_diagonal_matrix()
    {
        var a = new double[2, 2];
        a[0, 1] = 3; // e^A = I + A
        var e = Notears.Expm(a);
        Assert.Equal(3, e[0, 1], 12);
        Assert.Equal(1, e[0, 0], 12);
        var diag = new double[2, 2];
        diag[0, 0] = 5;
        diag[1, 1] = -1;
        var ed = Notears.Expm(diag);
        Assert.Equal(Math.Exp(5), ed[0, 0], 8);
        Assert.Equal(Math.Exp(-1), ed[1, 1], 12);
    }
}
