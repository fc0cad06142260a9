using Quartz;
using ResponseBot.Application.Ports;

namespace ResponseBot.Jobs.Scheduling;

/// <summary>
/// The scheduler's qrtz_ tables, created by the owner role with the migrations, so the app's role needs no right to create
/// tables. Quartz creates its schema when a scheduler is built (not started): one is built on the owner's connection and
/// shut down at once, never joining the cluster.
/// </summary>
public sealed class QuartzSchema : IOwnedSchema
{
    public string ProbeTable => "qrtz_locks";

    public async Task ProvisionAsync(string ownerConnectionString, CancellationToken ct)
    {
        await using var factory = QuartzSchedulerBuilder.Create(q => q.UsePersistentStore(store =>
        {
            store.UsePostgres(ownerConnectionString);
            store.UseSystemTextJsonSerializer();
            store.UseClustering();
            store.ProvisionSchema();
        })).Build();
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.Shutdown(false, ct);
    }
}
