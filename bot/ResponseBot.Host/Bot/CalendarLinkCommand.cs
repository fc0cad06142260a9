using Microsoft.Extensions.Options;
using ResponseBot.Domain;
using ResponseBot.Domain.Outbox;
using ResponseBot.Host.Delivery;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Rota;
using ResponseBot.Host.Composition;

namespace ResponseBot.Host.Bot;

/// <summary>
/// "calendar": sends the person a new secret link to their shift calendar, replacing any earlier one. The token is
/// issued by the outbox handler as the message goes out, so it is never stored anywhere but as its hash.
/// </summary>
public sealed class CalendarLinkCommand(
    ICalendarFeedStore feeds, IOutboxStore outbox, TextMessageHandler text, IOptions<CalendarOptions> options, TimeProvider clock,
    ILogger<CalendarLinkCommand> log) : IOutboxHandler
{
    public string Kind => OutboxKinds.CalendarLink;

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
        await outbox.EnqueueAsync(OutboxKinds.CalendarLink, actor.Id, clock.GetUtcNow(), ct);
    }

    // A retry after a send whose outcome was lost issues another link: the person may get two, and only the newer works.
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var token = await feeds.IssueAsync(message.Recipient!, clock.Now(), ct);
        log.LogInformation("Issued a calendar link to {StaffId}", message.Recipient);
        await text.HandleAsync(message with { Payload = Link(options.Value.FeedUrl(token)) }, ct);
    }

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        text.OnGaveUpAsync(message, failure, reason, ct);

    public static string Link(string url) =>
        $"Your on-call calendar: {url}\n\n" +
        "Any calendar link I sent you before has stopped working. " +
        "To add it in Outlook: Add calendar → Subscribe from web, paste the link and give it a name. " +
        "It lists your out-of-hours shifts for the coming weeks and updates by itself.\n\n" +
        "Keep the link to yourself: anyone who has it can see your shifts. Send \"calendar\" again for a new one.";
}
