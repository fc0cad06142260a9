using NodaTime;
namespace ResponseBot.Domain.Cases;

/// <summary>Who wrote a mention, exactly as the platform (or webhook sender) described them. Untrusted.</summary>
public sealed record Author(string Handle, string Name, string? Url);

/// <summary>A public post addressed to one of our accounts. Every text field is hostile input.</summary>
public sealed record Mention(
    string AccountId,
    string ExternalId,
    Author Author,
    string Text,
    string? Url,
    Instant CreatedAt,
    string? InReplyTo);
