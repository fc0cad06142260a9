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
        services.AddSingleton<DbDataSource>(_ => NpgsqlDataSource.Create(WithPreparedStatements(connectionString)));
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
    /// The same few dozen statements run for every mention and click: prepared on each connection once they have been seen a
    /// few times, PostgreSQL stops parsing and planning them every time. An operator's own Max Auto Prepare is kept (0 turns
    /// it off, as a transaction-pooling proxy needs).
    /// </summary>
    private static string WithPreparedStatements(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
            b.MaxAutoPrepare = 100;
        return b.ConnectionString;
    }
}
