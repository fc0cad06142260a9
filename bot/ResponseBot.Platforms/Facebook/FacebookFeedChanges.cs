using Microsoft.Extensions.Logging;
using ResponseBot.Application.Cases;
using ResponseBot.Domain;

namespace ResponseBot.Platforms.Facebook;

public enum FeedOutcome { Ignored, Created, Repeated, Amended }

/// <summary>
/// One feed change of an authenticated delivery, applied through the use cases: a new comment or visitor post becomes a case
/// (once per id, however often Meta sends it), an edit or a removal amends the case it belongs to. The Page's own comments —
/// our replies among them — come back as feed changes too, and are not mentions.
/// </summary>
public sealed class FacebookFeedChanges(IngestMention ingest, AmendMention amend, KnownPosts known, FacebookParents parents, TimeProvider clock,
    ILogger<FacebookFeedChanges> log)
{
    public async Task<FeedOutcome> ApplyAsync(string accountId, AccountOptions page, FeedChange change, CancellationToken ct)
    {
        if (!FacebookFeed.Items.Contains(change.Item) || change.ExternalId is not { } id) return FeedOutcome.Ignored;
        if (change.FromId is { } from && from == page.PageId && change.Verb != "remove")
        {
            log.LogDebug("Account {AccountId}: the Page's own {Item} {ExternalId} ignored", accountId, change.Item, id);
            return FeedOutcome.Ignored;
        }
        switch (change.Verb)
        {
            case "add":
                if (FacebookFeed.ToMention(accountId, change, clock.Now()) is not { } mention) return FeedOutcome.Ignored;
                // The post being answered is fetched only for a mention not yet received, answering something no case shows.
                if (mention.InReplyTo is { } parentId && !await known.IsKnownAsync(accountId, id, ct) && !await known.IsKnownAsync(accountId, parentId, ct))
                    mention = mention with { Parent = await parents.FetchAsync(accountId, page, parentId, ct) };
                var result = await ingest.RunAsync(mention, ct);
                log.LogInformation("Facebook {Item} {ExternalId} for account {AccountId} is case {CaseId} (new: {Created})",
                    change.Item, id, accountId, result.CaseId, result.Created);
                return result.Created ? FeedOutcome.Created : FeedOutcome.Repeated;
            case "edited" or "edit":
                return await amend.EditedAsync(accountId, id, FacebookFeed.Text(change), ct) ? FeedOutcome.Amended : FeedOutcome.Ignored;
            case "remove" or "delete":
                return await amend.DeletedAsync(accountId, id, ct) ? FeedOutcome.Amended : FeedOutcome.Ignored;
            default:
                log.LogDebug("Account {AccountId}: feed change {Verb} on {ExternalId} ignored", accountId, change.Verb, id);
                return FeedOutcome.Ignored;
        }
    }
}
