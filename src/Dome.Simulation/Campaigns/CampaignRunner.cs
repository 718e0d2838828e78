using System.Diagnostics;
using Dome.Defense;
using Dome.Model.Areas;
using Dome.Simulation.Scenarios;
using Dome.Simulation.Scoring;
using Dome.Simulation.World;

namespace Dome.Simulation.Campaigns;

/// <summary>Where a campaign stands: runs finished (this session and before) out of all.</summary>
public readonly record struct CampaignProgress(int Finished, int Total, int FinishedThisSession, double WallSeconds);

/// <summary>What a campaign session did.</summary>
public sealed record CampaignSession(IReadOnlyList<long> VariantIds, int AlreadyFinished, int RanNow, int Total, bool Stopped, double WallSeconds)
{
    /// <summary>Runs finished per second of wall time in this session.</summary>
    public double RunsPerSecond => WallSeconds > 0 ? RanNow / WallSeconds : 0;
}

/// <summary>
/// Runs a campaign's missing runs over several cores. Every run is a pure function of its variant's scenario and its
/// seed, with its own defense core; the only shared state is the database, written by one run at a time as each
/// finishes. Memory is bounded by the number of runs in flight, not by the number of runs.
/// </summary>
public static class CampaignRunner
{
    /// <summary>
    /// Runs every (variant, replication) not yet in the store. Cancelling stops the runs in flight (they are not
    /// stored) and keeps every finished one.
    /// </summary>
    public static CampaignSession Run(CampaignPlan plan, CampaignStore store, Func<Scenario, IDefenseCore> core, int parallel,
        IProgress<CampaignProgress>? progress = null, AlertAreaMap? areas = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(core);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        AlertAreaMap map = areas ?? AlertAreaMap.Default;
        IReadOnlyList<long> ids = store.Register(plan);
        List<(CampaignVariant Variant, long Id, int Replication)> pending = [];
        int already = 0;
        for (int v = 0; v < plan.Variants.Count; v++)
        {
            IReadOnlySet<int> done = store.Finished(ids[v]);
            for (int r = 0; r < plan.Runs; r++)
            {
                if (done.Contains(r))
                {
                    already++;
                }
                else
                {
                    pending.Add((plan.Variants[v], ids[v], r));
                }
            }
        }

        // Interleave the variants so that a stopped campaign has comparable numbers of runs of each.
        pending = [.. pending.OrderBy(p => p.Replication).ThenBy(p => p.Variant.Index)];
        Stopwatch wall = Stopwatch.StartNew();
        int finishedNow = 0;
        object gate = new();
        progress?.Report(new CampaignProgress(already, plan.TotalRuns, 0, 0));
        bool stopped = false;
        try
        {
            Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellation }, job =>
            {
                ulong seed = plan.SeedOf(job.Variant, job.Replication);
                RunResult result = SimulationRunner.Run(job.Variant.Scenario, seed, core(job.Variant.Scenario), RunSinks.None with { Cancellation = cancellation }, map);
                (RunSummary summary, IReadOnlyList<RocketOutcome> outcomes) = Scorer.Score(result, map);
                lock (gate)
                {
                    store.Save(job.Id, job.Replication, seed, result, summary, outcomes);
                    finishedNow++;
                    progress?.Report(new CampaignProgress(already + finishedNow, plan.TotalRuns, finishedNow, wall.Elapsed.TotalSeconds));
                }
            });
        }
        catch (OperationCanceledException)
        {
            stopped = true;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
        {
            stopped = true;
        }
        catch (AggregateException ex)
        {
            // One failed run stops the campaign; its first real cause is what the user needs to read.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions.First(e => e is not OperationCanceledException)).Throw();
            throw;
        }

        return new CampaignSession(ids, already, finishedNow, plan.TotalRuns, stopped, wall.Elapsed.TotalSeconds);
    }
}
