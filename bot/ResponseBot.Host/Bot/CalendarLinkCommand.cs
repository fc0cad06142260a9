using Microsoft.Extensions.Options;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Rota;
using ResponseBot.Host.Composition;

namespace ResponseBot.Host.Bot;

/// <summary>"calendar": sends the person a new secret link to their shift calendar, replacing any earlier one.</summary>
public sealed class CalendarLinkCommand(
    ICalendarFeedStore feeds, IOutboxStore outbox, IOptions<CalendarOptions> options, TimeProvider clock, ILogger<CalendarLinkCommand> log)
{
    public const string NotSetUp =
        "The calendar feed isn't set up yet: an administrator needs to set Calendar:PublicBaseUrl to the bot's public address.";

    public async Task RunAsync(StaffMember actor, CancellationToken ct)
    {
        if (!options.Value.IsEnabled)
        {
            log.LogWarning("{StaffId} asked for a calendar link but Calendar:PublicBaseUrl is not set", actor.Id);
            await outbox.EnqueueTextAsync(actor.Id, NotSetUp, clock.GetUtcNow(), ct);
            return;
        }
        var token = await feeds.IssueAsync(actor.Id, clock.Now(), ct);
        log.LogInformation("Issued a calendar link to {StaffId}", actor.Id);
        await outbox.EnqueueTextAsync(actor.Id, Link(options.Value.FeedUrl(token)), clock.GetUtcNow(), ct);
    }

    public static string Link(string url) =>
        $"Your on-call calendar: {url}\n\n" +
        "Any calendar link I sent you before has stopped working. " +
        "To add it in Outlook: Add calendar → Subscribe from web, paste the link and give it a name. " +
        "It lists your out-of-hours shifts for the coming weeks and updates by itself.\n\n" +
        "Keep the link to yourself: anyone who has it can see your shifts. Send \"calendar\" again for a new one.";
}
