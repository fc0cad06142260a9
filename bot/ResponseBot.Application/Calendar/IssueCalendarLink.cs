using ResponseBot.Domain;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Delivery;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Application.Calendar;

/// <summary>
/// "calendar": a new secret link to the person's shift calendar, replacing any earlier one. The token is made as the message
/// goes out and only its hash is stored, so the secret never rests in the outbox or the database.
/// </summary>
public sealed class IssueCalendarLink(IUnitOfWorkFactory db, CalendarSettings settings, DeliverMessage deliver, TimeProvider clock, ILogger<IssueCalendarLink> log)
{
    public const string NotSetUp =
        "The calendar feed isn't set up yet: an administrator needs to set Calendar:PublicBaseUrl to the bot's public address.";

    /// <summary>Asked for in chat: queues the link (or says the feed isn't set up).</summary>
    public async Task RequestAsync(ChatInteraction.Message m, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        if (settings.IsEnabled)
            await uow.Outbox.EnqueueAsync(OutboxKinds.CalendarLink, null, m.Actor.Id, null, now, now, ct);
        else
        {
            log.LogWarning("{StaffId} asked for a calendar link but Calendar:PublicBaseUrl is not set", m.Actor.Id);
            await ChatRequest.TextAsync(uow, m.Actor.Id, NotSetUp, now, ct);
        }
        await uow.CommitAsync(ct);
    }

    // A retry after a send whose outcome was lost issues another link: the person may get two, and only the newer works.
    public async Task SendAsync(string staffId, CancellationToken ct)
    {
        var token = SecretTokens.New();
        await using (var uow = await db.BeginAsync(ct))
        {
            await uow.CalendarFeeds.SaveAsync(staffId, SecretTokens.Hash(token), clock.Now(), ct);
            await uow.CommitAsync(ct);
        }
        log.LogInformation("Issued a calendar link to {StaffId}", staffId);
        await deliver.TextAsync(staffId, Link(settings.FeedUrl(token)), ct);
    }

    public static string Link(string url) =>
        $"Your on-call calendar: {url}\n\n" +
        "Any calendar link I sent you before has stopped working. " +
        "To add it in Outlook: Add calendar → Subscribe from web, paste the link and give it a name. " +
        "It lists your out-of-hours shifts for the coming weeks and updates by itself.\n\n" +
        "Keep the link to yourself: anyone who has it can see your shifts. Send \"calendar\" again for a new one.";
}
