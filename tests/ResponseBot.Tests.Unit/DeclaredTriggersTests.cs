using Quartz;
using ResponseBot.Jobs.Scheduling;

namespace ResponseBot.Tests.Unit;

public sealed class DeclaredTriggersTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static ITrigger Cron(string cron, TimeZoneInfo zone) =>
        TriggerBuilder.Create().WithIdentity("check").ForJob("check").WithCronSchedule(cron, c => c.InTimeZone(zone)).Build();

    private static ITrigger Every(TimeSpan interval) =>
        TriggerBuilder.Create().WithIdentity("poll").ForJob("poll").StartNow().WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()).Build();

    [Fact]
    public void A_stored_trigger_built_again_from_the_same_settings_is_the_same_schedule()
    {
        Assert.True(DeclaredTriggers.SameSchedule(Cron("0 0 8 * * ?", London), Cron("0 0 8 * * ?", London)));
        Assert.True(DeclaredTriggers.SameSchedule(Every(TimeSpan.FromSeconds(5)), Every(TimeSpan.FromSeconds(5))));
    }

    [Fact]
    public void A_new_expression_zone_interval_or_kind_is_a_changed_schedule()
    {
        Assert.False(DeclaredTriggers.SameSchedule(Cron("0 0 8 * * ?", London), Cron("0 30 8 * * ?", London)));
        Assert.False(DeclaredTriggers.SameSchedule(Cron("0 0 8 * * ?", London), Cron("0 0 8 * * ?", TimeZoneInfo.Utc)));
        Assert.False(DeclaredTriggers.SameSchedule(Every(TimeSpan.FromSeconds(5)), Every(TimeSpan.FromSeconds(10))));
        Assert.False(DeclaredTriggers.SameSchedule(Every(TimeSpan.FromSeconds(5)), Cron("0/5 * * * * ?", London)));
    }
}
