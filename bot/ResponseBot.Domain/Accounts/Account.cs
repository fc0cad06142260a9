namespace ResponseBot.Domain.Accounts;

/// <summary>An organisation account that mentions arrive for and replies are posted as.</summary>
public sealed record Account(string Id, Platform Platform, string Handle, string? SuggestedReply = null)
{
    /// <summary>Media or other sensitive accounts: every reply needs a manager.</summary>
    public bool RequiresApproval { get; init; }

    /// <summary>Hosts whose links may appear as buttons on this account's cards (the platform's own).</summary>
    public IReadOnlyList<string> LinkHosts { get; init; } = [];

    /// <summary>Whether mentions nobody can answer now get an automatic holding reply, and its template.</summary>
    public Replies.HoldingReplyMode HoldingReply { get; init; }
    public string? HoldingReplyText { get; init; }

    /// <summary>The suggested and holding replies for mentions written in Welsh; unset, Welsh mentions get the usual ones.</summary>
    public string? SuggestedReplyCy { get; init; }
    public string? HoldingReplyTextCy { get; init; }

    public int ReplyLimit => PlatformFacts.ReplyLimit(Platform);

    /// <summary>How long the account may go without a mention before the rota is told it has gone quiet (null: never).</summary>
    public NodaTime.Duration? SilentAfter { get; init; }

    /// <summary>A generic integration's own name as configured (the platforms are named as people say them).</summary>
    public string? DisplayName { get; init; }

    /// <summary>Where the mention was made, as people say it: "X", "Facebook", or the integration's configured name.</summary>
    public string PlatformName => Platform == Platform.Generic ? DisplayName ?? Id : PlatformFacts.DisplayName(Platform);

    /// <summary>How the card names the identity the reply goes out as, e.g. "@SomeCouncil on X".</summary>
    public string PostedAs => $"@{Handle.TrimStart('@')} on {PlatformName}";
}
