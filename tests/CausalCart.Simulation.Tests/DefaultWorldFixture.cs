using CausalCart.Core.Events;

namespace CausalCart.Simulation.Tests;

/// <summary>The default world (20,000 users, seed 1), simulated once and parsed for the tests that share it.</summary>
public sealed class DefaultWorldFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public DefaultWorldFixture()
    {
        Options = new ShopSimOptions();
        Summary = new ShopSimulator(Options).Run(_directory.Path);
        Truth = SimulationTruth.Load(_directory.Path);
        T0 = Options.TimeZero.ToUnixTimeMilliseconds();
        WindowEnd = T0 + Options.OutcomeDays * 86_400_000L;

        var (header, rows) = Csv.Read(File(ShopSimFiles.TruthUsers));
        Assert.Equal(ShopSimFiles.TruthUsersHeader, string.Join(',', header));
        TruthUsers = rows.Select(r => new TruthUser(
            Csv.L(r[0]), r[1] == "1", Csv.D(r[2]), r[3],
            Csv.L(r[4]), Csv.L(r[5]), Csv.L(r[6]), Csv.L(r[7]), Csv.Cents(r[8]), Csv.Cents(r[9]))).ToList();
        Events = ReadEvents(File(ShopSimFiles.Events));
    }

    public ShopSimOptions Options { get; }

    public SimulationSummary Summary { get; }

    public SimulationTruth Truth { get; }

    public long T0 { get; }

    public long WindowEnd { get; }

    public IReadOnlyList<TruthUser> TruthUsers { get; }

    /// <summary>events.csv in columns.</summary>
    public EventColumns Events { get; }

    public string File(string name) => _directory.File(name);

    public void Dispose() => _directory.Dispose();

    private static EventColumns ReadEvents(string path)
    {
        var columns = new EventColumns();
        using var reader = new StreamReader(path);
        Assert.Equal(ShopSimFiles.EventsHeader, reader.ReadLine());
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split(',');
            Assert.Equal(8, f.Length);
            columns.User.Add(Csv.L(f[0]));
            columns.Item.Add(f[1].Length == 0 ? -1 : Csv.L(f[1]));
            columns.Category.Add(Csv.L(f[2]));
            columns.Action.Add(CanonicalActions.Parse(f[3]));
            columns.Timestamp.Add(Csv.L(f[4]));
            columns.PriceCents.Add(f[5].Length == 0 ? -1 : Csv.Cents(f[5]));
            columns.Session.Add(Csv.L(f[6]));
            columns.Query.Add(f[7]);
        }

        return columns;
    }
}

/// <summary>A row of truth_users.csv (revenue in cents).</summary>
public sealed record TruthUser(long UserId, bool Treated, double Propensity, string Segment, long Y0Any, long Y1Any, long Y0Count, long Y1Count, long Y0Revenue, long Y1Revenue)
{
    public long ObservedAny => Treated ? Y1Any : Y0Any;
}

/// <summary>events.csv as columns.</summary>
public sealed class EventColumns
{
    public List<long> User { get; } = [];

    public List<long> Item { get; } = [];

    public List<long> Category { get; } = [];

    public List<CanonicalAction> Action { get; } = [];

    public List<long> Timestamp { get; } = [];

    public List<long> PriceCents { get; } = [];

    public List<long> Session { get; } = [];

    public List<string> Query { get; } = [];

    public int Count => User.Count;
}

[CollectionDefinition(Name)]
public sealed class DefaultWorldCollection : ICollectionFixture<DefaultWorldFixture>
{
    public const string Name = "Default world";
}
