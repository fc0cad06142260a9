using Microsoft.Extensions.Logging;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.Facebook;

/// <summary>
/// The post or comment a mention answers, fetched once (<c>GET /{id}?fields=message,from</c>) so its card shows what is being
/// answered. Best effort and quick: a webhook is answered within seconds, and a mention is never lost for want of its context.
/// </summary>
public sealed class FacebookParents(GraphClient graph, ILogger<FacebookParents> log)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public async Task<ParentPost?> FetchAsync(string accountId, AccountOptions page, string parentId, CancellationToken ct)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(Budget);
        try
        {
            var parent = await graph.GetAsync(page, parentId, [("fields", "message,from")], budget.Token);
            var author = UntrustedText.Clean(GraphClient.Str(parent["from"]?["name"]) ?? "").Trim();
            return new ParentPost(author.Length > 0 ? author : "Facebook user", UntrustedText.Clean(GraphClient.Str(parent["message"]) ?? "").Trim());
        }
        catch (Exception ex) when (ex is GraphException or DeliveryException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            log.LogWarning("Account {AccountId}: the post {ParentId} a mention answers could not be read ({Reason}); the mention is kept without it",
                accountId, parentId, ex.Message);
            return null;
        }
    }
}
