using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using ResponseBot.Application.Ports;
using ResponseBot.Jobs.Outbox.Handlers;
using ResponseBot.Jobs.Duty;
using ResponseBot.Jobs.Outbox;
using ResponseBot.Jobs.Scheduling;

namespace ResponseBot.Jobs;

public static class JobsRegistration
{
    /// <param name="zone">The organisation's time zone, that cron expressions are read in.</param>
    public static IHostApplicationBuilder AddBackgroundJobs(this IHostApplicationBuilder builder, string connectionString, TimeZoneInfo zone)
    {
        var config = builder.Configuration;
        builder.Services.AddOptions<OutboxOptions>().Bind(config.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IOwnedSchema, QuartzSchema>();
        builder.Services.AddSingleton<OutboxSend>();
        builder.Services.AddSingleton<Wakeups>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddHostedService<Records.DecisionLogSealer>();
        builder.Services.AddHostedService<Routing.CaseRouter>();
        // The edges of the outbox: one handler per kind, each calling its use case.
        builder.Services.AddTransient<IOutboxHandler, CaseCardHandler>();
        builder.Services.AddTransient<IOutboxHandler, CaseCardUpdateHandler>();
        builder.Services.AddTransient<IOutboxHandler, TextHandler>();
        builder.Services.AddTransient<IOutboxHandler, CardHandler>();
        builder.Services.AddTransient<IOutboxHandler, CalendarLinkHandler>();
        builder.Services.AddTransient<IOutboxHandler, DownloadLinkHandler>();
        builder.Services.AddTransient<IOutboxHandler, PublishReplyHandler>();
        builder.Services.AddTransient<IOutboxHandler, HoldingReplyHandler>();
        builder.Services.AddTransient<IOutboxHandler, ModerateHandler>();
        builder.Services.AddTransient<IOutboxHandler, StormFanoutHandler>();
        builder.Services.AddTransient<IOutboxHandler, PageEmailHandler>();
        builder.Services.AddTransient<IOutboxHandler, PageSmsHandler>();

        builder.Services.AddOptions<JobsOptions>().Bind(config.GetSection(JobsOptions.Section)).ValidateDataAnnotations()
            .Validate(o => IsCron(o.CoverageGapCheckCron), "Jobs:CoverageGapCheckCron is not a valid Quartz cron expression.")
            .Validate(o => IsCron(o.MorningDigestCron), "Jobs:MorningDigestCron is not a valid Quartz cron expression.")
            .Validate(o => IsCron(o.AuditVerifyCron), "Jobs:AuditVerifyCron is not a valid Quartz cron expression.")
            .Validate(o => o.RetentionInterval >= TimeSpan.FromMilliseconds(100), "Jobs:RetentionInterval must be at least 100 ms.")
            .Validate(o => o.DecisionLogSealInterval >= TimeSpan.FromMilliseconds(100) && o.DecisionLogSealInterval <= TimeSpan.FromMinutes(1),
                "Jobs:DecisionLogSealInterval must be between 100 ms and a minute.")
            .Validate(o => o.EscalationInterval >= TimeSpan.FromMilliseconds(100) && o.ShiftChangeInterval >= TimeSpan.FromMilliseconds(100)
                && o.SourcePollInterval >= TimeSpan.FromMilliseconds(100) && o.SourceSilenceInterval >= TimeSpan.FromMilliseconds(100),
                "Jobs:EscalationInterval, Jobs:ShiftChangeInterval, Jobs:SourcePollInterval and Jobs:SourceSilenceInterval must be at least 100 ms.")
            .ValidateOnStart();
        var scheduling = config.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        // A poll may hold its account for a minute; a failing source is retried at most every ten.
        builder.Services.AddSingleton(new Application.Sources.PollSettings(NodaTime.Duration.FromTimeSpan(scheduling.SourcePollInterval),
            NodaTime.Duration.FromMinutes(1), NodaTime.Duration.FromMinutes(10)));
        if (!scheduling.Enabled) return builder;

        var triggers = new List<Func<DateTimeOffset, ITrigger>>();
        builder.AddQuartz(q =>
        {
            // Timers are data: triggers live in the same Postgres, clustered, so a restart or a second
            // instance neither loses nor doubles one. The qrtz_ tables are created at start if missing.
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering();
                store.ProvisionSchema();
            });
            // Jobs are declared to Quartz (storing one again leaves its triggers be); their triggers are put in the store by
            // DeclaredTriggers, which leaves one already there alone unless its schedule changed.
            // Quartz runs on the container's TimeProvider, as the jobs do. A fire time missed by more than this
            // (instances down, or a clock moved forward) is handled by the trigger's misfire policy.
            q.ConfigureOptions<QuartzOptions>(o => o.Properties["quartz.jobStore.misfireThreshold"] =
                ((long)scheduling.MisfireThreshold.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Cron<CoverageGapCheckJob>(CoverageGapCheckJob.Name, scheduling.CoverageGapCheckCron);
            Cron<MorningDigestJob>(MorningDigestJob.Name, scheduling.MorningDigestCron);
            Cron<Records.AuditVerifyJob>(Records.AuditVerifyJob.Name, scheduling.AuditVerifyCron);
            Every<Records.RetentionJob>(Records.RetentionJob.Name, scheduling.RetentionInterval);
            Every<EscalationJob>(EscalationJob.Name, scheduling.EscalationInterval);
            Every<ShiftChangeJob>(ShiftChangeJob.Name, scheduling.ShiftChangeInterval);
            Every<Sources.SourcePollJob>(Sources.SourcePollJob.Name, scheduling.SourcePollInterval);
            Every<Sources.SourceSilenceJob>(Sources.SourceSilenceJob.Name, scheduling.SourceSilenceInterval);
            Every<HousekeepingJob>(HousekeepingJob.Name, TimeSpan.FromHours(1));

            void Cron<TJob>(string name, string cron) where TJob : IJob =>
                Declare<TJob>(name, trigger => trigger.WithCronSchedule(cron, c => c.InTimeZone(zone)).Build());

            // Pollers over data (timers, the duty state): a missed run needs no catching up, the next one sees everything.
            void Every<TJob>(string name, TimeSpan interval) where TJob : IJob =>
                Declare<TJob>(name, trigger => trigger.WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()).Build());

            void Declare<TJob>(string name, Func<TriggerBuilder<IJob>, ITrigger> schedule) where TJob : IJob
            {
                q.AddJob<TJob>(job => job.WithIdentity(name).StoreDurably());
                triggers.Add(start => schedule(TriggerBuilder.Create().WithIdentity(name).ForJob(name).StartAt(start)));
            }
        });
        builder.Services.AddSingleton(sp => new DeclaredTriggers(triggers, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<Scheduling.SchedulerService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Scheduling.SchedulerService>());
        return builder;
    }

    private static bool IsCron(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
