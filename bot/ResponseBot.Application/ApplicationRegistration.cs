using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Application.Calendar;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Delivery;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Reports;
using ResponseBot.Application.Rota;
using ResponseBot.Application.Staff;

namespace ResponseBot.Application;

public static class ApplicationRegistration
{
    /// <summary>Every use case: stateless, each opening its own unit of work per call.</summary>
    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        services.AddSingleton<CaseViews>();
        services.AddSingleton<RotaViews>();
        services.AddSingleton<SwapViews>();
        services.AddSingleton<IngestMention>();
        services.AddSingleton<ActOnCase>();
        services.AddSingleton<DeliverCard>();
        services.AddSingleton<DeliverMessage>();
        services.AddSingleton<PublishReply>();
        services.AddSingleton<SendHoldingReply>();
        services.AddSingleton<GoOnCall>();
        services.AddSingleton<GoOffCall>();
        services.AddSingleton<HandOverShift>();
        services.AddSingleton<RunDueEscalations>();
        services.AddSingleton<ShowRota>();
        services.AddSingleton<ReadRota>();
        services.AddSingleton<ChangeRotaCover>();
        services.AddSingleton<RequestCover>();
        services.AddSingleton<DecideCover>();
        services.AddSingleton<IssueCalendarLink>();
        services.AddSingleton<ReadCalendarFeed>();
        services.AddSingleton<RegisterStaff>();
        services.AddSingleton<SendDigest>();
        services.AddSingleton<CheckCoverage>();
        return services;
    }
}
