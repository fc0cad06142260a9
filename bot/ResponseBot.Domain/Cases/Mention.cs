using NodaTime;
namespace ResponseBot.Domain.Cases;

/// <summary>Who wrote a mention, exactly as the platform (or webhook sender) described them. Untrusted.</summary>
public sealed record Author(string Handle, string Name, string? Url);

/// <summary>The post a mention answers, as the platform showed it when the mention arrived. Untrusted.</summary>
public sealed record ParentPost(string AuthorHandle, string Text);

/// <summary>A public post addressed to one of our accounts. Every text field is hostile input.</summary>
public sealed record Mention(
    string AccountId,
    string ExternalId,
    Author Author,
    string Text,
    string? Url,
    Instant CreatedAt,
    string? InReplyTo)
{
    /// <summary>The post it answers, fetched once by the source when it isn't one of our cases (so the card has context).</summary>
    public ParentPost? Parent { get; init; }
}
