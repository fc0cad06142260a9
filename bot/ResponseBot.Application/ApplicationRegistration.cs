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
    /// <summary>
    /// Every use case, each opening its own unit of work per call. Scoped (a request, a job run, an outbox pass), so the
    /// HTTP clients some of them reach through their ports are the factory's current ones, never held for ever.
    /// </summary>
    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        // The bot's measurements are recorded whether or not anything exports them: one meter for the process.
        services.AddMetrics();
        services.AddSingleton<Metrics.ResponseBotMetrics>();
        services.AddScoped<Metrics.RefreshMetrics>();
        services.AddScoped<CaseViews>();
        services.AddScoped<RotaViews>();
        services.AddScoped<SwapViews>();
        services.AddScoped<Arrival>();
        services.AddScoped<MentionRouting>();
        services.AddScoped<IngestMention>();
        services.AddScoped<AcceptMentions>();
        services.AddScoped<RouteCases>();
        services.AddSingleton<MentionIntake>();
        services.AddSingleton<AttemptNotes>();
        services.AddScoped<Audit.VerifyDecisionLog>();
        services.AddScoped<Audit.SealDecisionLog>();
        services.AddScoped<Records.ApplyRetention>();
        services.AddScoped<Records.EraseSubject>();
        services.AddScoped<Records.ExportRecords>();
        services.AddScoped<Records.AnswerRecordsRequest>();
        services.AddScoped<ActOnCase>();
        services.AddScoped<ListCases>();
        services.AddScoped<Sources.PollSources>();
        services.AddScoped<Sources.ShowSources>();
        services.AddScoped<Sources.RecordSourceDelivery>();
        services.AddScoped<Sources.CheckSourceSilence>();
        services.AddScoped<Cases.AmendMention>();
        services.AddScoped<Cases.ModerateMention>();
        services.AddScoped<Cases.AnswerStorm>();
        services.AddScoped<KnownPosts>();
        services.AddScoped<Staff.HelpViews>();
        services.AddScoped<DeliverCard>();
        services.AddScoped<DeliverMessage>();
        services.AddScoped<PublishReply>();
        services.AddScoped<SendHoldingReply>();
        services.AddScoped<GoOnCall>();
        services.AddScoped<GoOffCall>();
        services.AddScoped<HandOverShift>();
        services.AddScoped<RunDueEscalations>();
        services.AddScoped<Paging.SendPage>();
        services.AddScoped<ManageContacts>();
        services.AddScoped<ShowRota>();
        services.AddScoped<ReadRota>();
        services.AddScoped<ChangeRotaCover>();
        services.AddScoped<RequestCover>();
        services.AddScoped<DecideCover>();
        services.AddScoped<IssueCalendarLink>();
        services.AddScoped<ReadCalendarFeed>();
        services.AddScoped<RegisterStaff>();
        services.AddScoped<ForgetExpired>();
        services.AddScoped<Downloads.IssueDownload>();
        services.AddScoped<SendDigest>();
        services.AddScoped<ReportViews>();
        services.AddScoped<ShowReport>();
        services.AddScoped<ShowRotaReport>();
        services.AddScoped<CheckCoverage>();
        services.AddScoped<Elections.ElectionViews>();
        services.AddScoped<Elections.ShowElections>();
        services.AddScoped<Elections.ChangeElectionPeriods>();
        return services;
    }
}
