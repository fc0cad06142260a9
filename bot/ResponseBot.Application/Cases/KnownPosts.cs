using ResponseBot.Application.Ports;

namespace ResponseBot.Application.Cases;

/// <summary>
/// Whether a platform post is already known to an account's cases — a mention received, or a reply or holding reply we posted —
/// so a source that pushes mentions fetches context (the post a mention answers) only for what the cases can't show.
/// </summary>
public sealed class KnownPosts(IUnitOfWorkFactory db)
{
    public async Task<bool> IsKnownAsync(string accountId, string postId, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        return await uow.Cases.FindByPostAsync(accountId, postId, ct) is not null;
    }
}
