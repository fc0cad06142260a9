using ResponseBot.Application.Ports;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.Facebook;

/// <summary>
/// Hides or shows a comment on the Page with <c>POST /{comment-id}</c> and <c>is_hidden</c> (Graph API → Comment → Updating):
/// hidden, it stays visible to its author and their friends only. Setting what is already set succeeds.
/// </summary>
public sealed class FacebookModerator(GraphClient graph, AccountDirectory accounts) : IModerator
{
    public Platform Platform => Platform.Facebook;

    public Task SetHiddenAsync(CaseRecord @case, bool hidden, CancellationToken ct)
    {
        var accountId = @case.Mention.AccountId;
        var page = FacebookAccount.Of(accounts, accountId);
        return FacebookPublisher.Call(hidden ? "hiding the comment" : "showing the comment again", accountId,
            () => graph.PostAsync(page, @case.Mention.ExternalId, [new("is_hidden", hidden ? "true" : "false")], ct));
    }
}
