using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Store;

public static class StoreRegistration
{
    public static IServiceCollection AddResponseBotStore(this IServiceCollection services, string connectionString)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<ICaseStore, CaseStore>();
        services.AddSingleton<IStaffStore, StaffStore>();
        services.AddSingleton<IOutboxStore, OutboxStore>();
        services.AddSingleton<IInboundActivityLog, InboundActivityLog>();
        services.AddSingleton<ITeamChannelStore, TeamChannelStore>();
        services.AddSingleton<IRotaStore, RotaStore>();
        services.AddSingleton<IJobRunLog, JobRunLog>();
        services.AddSingleton<IEscalationStore, EscalationStore>();
        services.AddSingleton<IDutyStateStore, DutyStateStore>();
        services.AddSingleton<ISwapStore, SwapStore>();
        services.AddSingleton<ResponseBot.Domain.Reports.IReportStore, ReportStore>();
        services.AddSingleton<ICalendarFeedStore, CalendarFeedStore>();
        return services;
    }
}
