using System.Diagnostics;
using System.Text;
using CausalCart.Core.Events;
using CausalCart.Simulation.Engine;

namespace CausalCart.Simulation;

/// <summary>
/// ShopSim: simulates an e-commerce platform whose causal structure is known (users with latent
/// traits, a shopping funnel, a logged recommendation policy and a targeted coupon campaign) and
/// writes its logs and the true coupon effects to a directory. See the project's README for the model.
/// </summary>
/// <remarks>
/// Implementation note: users are simulated in blocks of <see cref="ShopSimOptions.BlockSize"/>; a
/// block is split into fixed chunks of 256 users simulated in parallel, each into its own buffers,
/// and the chunks are written in user order while the next block is simulated. Every user draws from
/// its own streams keyed by (seed, user index), so the bytes do not depend on threads or block size,
/// and memory is bounded by two blocks of output.
/// </remarks>
public sealed class ShopSimulator
{
    private const int ChunkUsers = 256;

    /// <summary>The actions ShopSim can write, in canonical order (the keys of <see cref="SimulationSummary.EventsByAction"/>).</summary>
    public static IReadOnlyList<CanonicalAction> SimulatedActions { get; } =
        [CanonicalAction.View, CanonicalAction.Click, CanonicalAction.Cart, CanonicalAction.Fav, CanonicalAction.Buy, CanonicalAction.Search];

    /// <summary>Creates a simulator for validated <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid; <see cref="ArgumentException.ParamName"/> names it (e.g. <c>Users</c>).</exception>
    public ShopSimulator(ShopSimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The options this simulator runs with.</summary>
    public ShopSimOptions Options { get; }

    /// <summary>
    /// Simulates the world and writes <c>events.csv</c>, <c>exposures.csv</c>, <c>items.csv</c>,
    /// <c>users.csv</c>, <c>truth_users.csv</c>, <c>truth.json</c>, <c>summary.json</c> (and, with a mediator,
    /// <c>mediation_users.csv</c>; with a rollout, <c>rollout_panel.csv</c> and <c>truth_rollout.csv</c>) into
    /// <paramref name="outputDirectory"/> (created if missing; existing files of those names are replaced).
    /// Deterministic: the same options give byte-identical files, except <c>elapsedSeconds</c> in <c>summary.json</c>.
    /// </summary>
    /// <param name="outputDirectory">Where to write.</param>
    /// <param name="progress">Receives a report after each block of users is written (on the calling thread).</param>
    /// <param name="cancellationToken">Stops the run between chunks; files are then incomplete.</param>
    /// <returns>The summary also written to <c>summary.json</c>.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public SimulationSummary Run(string outputDirectory, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var stopwatch = Stopwatch.StartNew();
        var options = Options;
        Directory.CreateDirectory(outputDirectory);
        var world = World.Build(options);

        var itemsBuffer = new ByteBuffer(world.ItemCount * 32 + 64);
        itemsBuffer.Append(Encoding.UTF8.GetBytes(ShopSimFiles.ItemsHeader + "\n"));
        world.WriteItems(itemsBuffer);
        File.WriteAllBytes(Path.Combine(outputDirectory, ShopSimFiles.Items), itemsBuffer.WrittenSpan.ToArray());

        var blockSize = Math.Max(ChunkUsers, options.BlockSize / ChunkUsers * ChunkUsers);
        var chunksPerBlock = blockSize / ChunkUsers;
        var sets = new[] { NewChunkSet(chunksPerBlock, options, world), NewChunkSet(chunksPerBlock, options, world) };
        var totals = new ChunkOutput();
        var eventsByAction = new long[CanonicalActions.All.Count];
        long eventsWritten = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };

        using (var events = OpenCsv(outputDirectory, ShopSimFiles.Events, ShopSimFiles.EventsHeader))
        using (var exposures = OpenCsv(outputDirectory, ShopSimFiles.Exposures, ShopSimFiles.ExposuresHeader))
        using (var users = OpenCsv(outputDirectory, ShopSimFiles.Users, ShopSimFiles.UsersHeader))
        using (var truthUsers = OpenCsv(outputDirectory, ShopSimFiles.TruthUsers, ShopSimFiles.TruthUsersHeader))
        using (var mediationUsers = options.Mediator is null ? null : OpenCsv(outputDirectory, ShopSimFiles.MediationUsers, ShopSimFiles.MediationUsersHeader))
        using (var rolloutPanel = options.Rollout is null ? null : OpenCsv(outputDirectory, ShopSimFiles.RolloutPanel, ShopSimFiles.RolloutPanelHeader))
        using (var truthRollout = options.Rollout is null ? null : OpenCsv(outputDirectory, ShopSimFiles.TruthRollout, ShopSimFiles.TruthRolloutHeader))
        {
            Task? pendingWrite = null;
            SimulationProgress? pendingProgress = null;
            try
            {
                var block = 0;
                for (long first = 0; first < options.Users; first += blockSize, block++)
                {
                    var set = sets[block % 2];
                    var blockFirst = (int)first;
                    var blockUsers = (int)Math.Min(blockSize, options.Users - first);
                    var chunks = (blockUsers + ChunkUsers - 1) / ChunkUsers;
                    Parallel.For(0, chunks, parallel, c =>
                    {
                        var chunkFirst = blockFirst + c * ChunkUsers;
                        var count = Math.Min(ChunkUsers, blockFirst + blockUsers - chunkFirst);
                        set[c].Simulator.Run(chunkFirst, count, set[c].Output);
                    });

                    // The previous block's write used the other buffer set; it must finish before the
                    // next block reuses that set, and before this block is written after it.
                    pendingWrite?.GetAwaiter().GetResult();
                    pendingWrite = null;
                    ReportWritten(progress, ref pendingProgress);
                    for (var c = 0; c < chunks; c++)
                    {
                        var o = set[c].Output;
                        eventsWritten += o.EventRows;
                        Accumulate(totals, o);
                        for (var a = 0; a < eventsByAction.Length; a++)
                        {
                            eventsByAction[a] += o.EventsByAction[a];
                        }
                    }

                    pendingWrite = Task.Run(
                        () =>
                        {
                            for (var c = 0; c < chunks; c++)
                            {
                                var o = set[c].Output;
                                events.Write(o.Events.WrittenSpan);
                                exposures.Write(o.Exposures.WrittenSpan);
                                users.Write(o.Users.WrittenSpan);
                                truthUsers.Write(o.TruthUsers.WrittenSpan);
                                mediationUsers?.Write(o.MediationUsers.WrittenSpan);
                                rolloutPanel?.Write(o.RolloutPanel.WrittenSpan);
                                truthRollout?.Write(o.RolloutTruthRows.WrittenSpan);
                            }
                        },
                        CancellationToken.None);

                    // Reported from the calling thread once the write has finished (next block, or below).
                    pendingProgress = new SimulationProgress(first + blockUsers, options.Users, eventsWritten);
                }

                pendingWrite?.GetAwaiter().GetResult();
                pendingWrite = null;
                ReportWritten(progress, ref pendingProgress);
            }
            finally
            {
                // On failure or cancellation, let an in-flight write finish before the files are closed.
                if (pendingWrite is not null)
                {
                    try
                    {
                        pendingWrite.GetAwaiter().GetResult();
                    }
                    catch (IOException)
                    {
                        // The original exception is the one to surface.
                    }
                }
            }
        }

        var truth = totals.Truth.ToTruth(options);
        if (options.Mediator is not null)
        {
            truth = truth with { Mediation = totals.Mediation.ToTruth() };
        }

        RolloutModel? rollout = options.Rollout is { } r ? new RolloutModel(options, r) : null;
        if (rollout is not null)
        {
            truth = truth with { Rollout = rollout.ToTruth(totals.Rollout) };
        }

        SimJson.Write(Path.Combine(outputDirectory, ShopSimFiles.Truth), truth);

        var actionCounts = new Dictionary<string, long>();
        foreach (var action in SimulatedActions)
        {
            actionCounts[CanonicalActions.Name(action)] = eventsByAction[(int)action];
        }

        var couponRows = totals.CouponExposures + totals.ControlExposures;
        var exposuresByCampaign = new Dictionary<string, long>
        {
            [options.RecommendationCampaign] = totals.RecommendationExposures,
            [options.Campaign] = couponRows,
        };
        if (rollout is not null)
        {
            exposuresByCampaign[rollout.Campaign] = totals.RolloutExposures;
        }

        var exposureRows = totals.RecommendationExposures + couponRows + totals.RolloutExposures;

        var hasEvents = eventsWritten > 0;
        var files = new List<SimulationFile>
        {
            FileEntry(outputDirectory, ShopSimFiles.Events, eventsWritten),
            FileEntry(outputDirectory, ShopSimFiles.Exposures, exposureRows),
            FileEntry(outputDirectory, ShopSimFiles.Items, world.ItemCount),
            FileEntry(outputDirectory, ShopSimFiles.Users, totals.UserRows),
            FileEntry(outputDirectory, ShopSimFiles.TruthUsers, totals.EligibleUsers),
            FileEntry(outputDirectory, ShopSimFiles.Truth, 1),
        };
        if (options.Mediator is not null)
        {
            files.Add(FileEntry(outputDirectory, ShopSimFiles.MediationUsers, totals.EligibleUsers));
        }

        if (rollout is not null)
        {
            files.Add(FileEntry(outputDirectory, ShopSimFiles.RolloutPanel, totals.RolloutPanelUsers * rollout.Weeks));
            files.Add(FileEntry(outputDirectory, ShopSimFiles.TruthRollout, totals.RolloutPanelUsers * rollout.Weeks));
        }

        var summary = new SimulationSummary(
            SimulationSummary.CurrentSchemaVersion,
            options.Seed,
            totals.UserRows,
            totals.ActiveUsers,
            totals.EligibleUsers,
            totals.TreatedUsers,
            world.ItemCount,
            world.CategoryCount,
            totals.Sessions,
            eventsWritten,
            actionCounts,
            exposureRows,
            exposuresByCampaign,
            hasEvents ? DateTimeOffset.FromUnixTimeMilliseconds(totals.MinTimestamp) : null,
            hasEvents ? DateTimeOffset.FromUnixTimeMilliseconds(totals.MaxTimestamp) : null,
            hasEvents ? totals.MinTimestamp : null,
            hasEvents ? totals.MaxTimestamp : null,
            options.TimeZero,
            options.TimeZero.ToUnixTimeMilliseconds(),
            files,
            options,
            stopwatch.Elapsed.TotalSeconds);
        SimJson.Write(Path.Combine(outputDirectory, ShopSimFiles.Summary), summary);
        return summary;
    }

    private static void ReportWritten(IProgress<SimulationProgress>? progress, ref SimulationProgress? pending)
    {
        if (pending is { } value)
        {
            progress?.Report(value);
            pending = null;
        }
    }

    private static (UserSimulator Simulator, ChunkOutput Output)[] NewChunkSet(int chunks, ShopSimOptions options, World world)
    {
        var set = new (UserSimulator, ChunkOutput)[chunks];
        for (var i = 0; i < chunks; i++)
        {
            set[i] = (new UserSimulator(options, world), new ChunkOutput());
        }

        return set;
    }

    private static void Accumulate(ChunkOutput totals, ChunkOutput chunk)
    {
        totals.UserRows += chunk.UserRows;
        totals.ActiveUsers += chunk.ActiveUsers;
        totals.EligibleUsers += chunk.EligibleUsers;
        totals.TreatedUsers += chunk.TreatedUsers;
        totals.Sessions += chunk.Sessions;
        totals.RecommendationExposures += chunk.RecommendationExposures;
        totals.CouponExposures += chunk.CouponExposures;
        totals.ControlExposures += chunk.ControlExposures;
        totals.MinTimestamp = Math.Min(totals.MinTimestamp, chunk.MinTimestamp);
        totals.MaxTimestamp = Math.Max(totals.MaxTimestamp, chunk.MaxTimestamp);
        totals.Truth.Merge(chunk.Truth);
        totals.Mediation.Merge(chunk.Mediation);
        totals.Rollout.Merge(chunk.Rollout);
        totals.RolloutExposures += chunk.RolloutExposures;
        totals.RolloutPanelUsers += chunk.RolloutPanelUsers;
    }

    private static FileStream OpenCsv(string directory, string name, string header)
    {
        var stream = new FileStream(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        stream.Write(Encoding.UTF8.GetBytes(header + "\n"));
        return stream;
    }

    private static SimulationFile FileEntry(string directory, string name, long rows) =>
        new(name, rows, new FileInfo(Path.Combine(directory, name)).Length);
}
