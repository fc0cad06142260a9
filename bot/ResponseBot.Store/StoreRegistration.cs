using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store;

public static class StoreRegistration
{
    /// <param name="ownerConnectionString">The owner role, for migrations only (see <see cref="DatabaseRoles"/>); null: one role.</param>
    public static IServiceCollection AddResponseBotStore(this IServiceCollection services, string connectionString, string? ownerConnectionString = null)
    {
        Mapping.Register();
        // One pool for the process; a DbDataSource so a unit of work opens exactly one connection from it.
        services.AddSingleton<DbDataSource>(_ => NpgsqlDataSource.Create(Tuned(connectionString)));
        services.AddSingleton(new DatabaseRoles(connectionString, ownerConnectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<IUnitOfWorkFactory, UnitOfWorkFactory>();
        services.AddSingleton<IOutboxQueue, OutboxStore>();
        services.AddSingleton<ISendBudget, SendBudget>();
        services.AddSingleton<IOutboxNotifications, OutboxNotifications>();
        services.AddSingleton<IMetricsReader, MetricsStore>();
        // Platform tokens are protected with keys every instance shares, kept in the database.
        services.AddDataProtection().SetApplicationName("ResponseBot");
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(
                o => o.XmlRepository = new DataProtectionKeyRing(sp.GetRequiredService<DbDataSource>())));
        return services;
    }

    /// <summary>
    /// Two pool settings, unless the operator's connection string gives its own. The same few dozen statements run for every
    /// mention and click: prepared on each connection once they have been seen a few times (Max Auto Prepare), PostgreSQL
    /// stops parsing and planning them every time (0 turns it off, as a transaction-pooling proxy needs). And a connection
    /// going back to the pool isn't reset (No Reset On Close): the reset is seven statements run on every unit of work,
    /// and nothing needs it, since every setting and lock a unit of work takes ends with its transaction. The two
    /// connections that hold session state (the listener, and migrations' lock) don't go back to the pool as they are.
    /// And a unit of work left idle inside its transaction for a minute is ended by PostgreSQL (<see cref="IdleInTransaction"/>).
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "Auto Prepare", "AutoPrepare")) b.MaxAutoPrepare = 100;
        if (!Names(connectionString, "No Reset On Close", "NoResetOnClose")) b.NoResetOnClose = true;
        if (!(b.Options ?? "").Contains("idle_in_transaction_session_timeout", StringComparison.OrdinalIgnoreCase))
            b.Options = $"{b.Options} -c idle_in_transaction_session_timeout={(int)IdleInTransaction.TotalMilliseconds}".Trim();
        return b.ConnectionString;
    }

    /// <summary>
    /// How long a unit of work may sit idle inside its transaction before PostgreSQL ends it. None waits on anything but the
    /// database in there (a send, a fetch, a page all happen after the commit), so one idle this long belongs to an instance
    /// that froze (a paused machine) or lost its network without its connection closing: what it held — the router's turn,
    /// the duty lock, storm keys, case rows — passes to the living instances, as it does at once when an instance is killed.
    /// The instance, if it wakes, finds its unit of work rolled back, and the work is done again by whoever takes it.
    /// </summary>
    public static readonly TimeSpan IdleInTransaction = TimeSpan.FromMinutes(1);

    private static bool Names(string connectionString, params string[] keys) =>
        keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));
}
