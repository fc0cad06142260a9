using NodaTime;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Views;

/// <summary>A command someone may type, what it does, and whether it is offered as a button (it takes no argument).</summary>
public sealed record HelpCommand(string Words, string What, bool AsButton = true);

/// <summary>
/// The welcome (on install) or help card: what the bot does, the person's roles as the bot sees them (from the rota and
/// configuration, never from what they say), whom to ask when they have none, and the commands for those roles.
/// </summary>
public sealed record HelpCardModel(string? Name, bool Welcome, IReadOnlyList<string> Roles, string? AskWho, IReadOnlyList<HelpCommand> Commands);

/// <summary>What a team channel will receive, told when the app is added to a team.</summary>
public sealed record TeamWelcomeModel(bool IsRoutingChannel, string? TeamName);

/// <summary>One case in a list: enough to choose which to open, and no public text beyond the author's handle.</summary>
public sealed record CaseLine(long Id, CaseState State, string Account, string AuthorHandle, Instant ReceivedAt, Instant? RespondBy, string? Holder,
    IReadOnlyList<string> Flags);

/// <summary>
/// A page of the cases the person may see, most urgent first; <see cref="Handle"/> set for "case @handle". Each line opens
/// the case's live card; the page buttons ask for the next or previous page.
/// </summary>
public sealed record CaseListModel(IReadOnlyList<CaseLine> Lines, int Page, int Pages, int Total, string? Handle, Instant Now, DateTimeZone Zone,
    string? Notice = null);

/// <summary>One polled account's health: <see cref="Failing"/> when the rota has been told it is failing.</summary>
public sealed record SourceLine(string AccountId, string PostedAs, Instant? LastSuccessAt, Instant? LastMentionAt, int ConsecutiveFailures,
    string? LastError, bool Failing)
{
    /// <summary>The rota has been told it has gone quiet (no mention for longer than its threshold).</summary>
    public bool Silent { get; init; }
    public Duration? SilentAfter { get; init; }
    /// <summary>When the platform token in use expires (X's access tokens are renewed before then).</summary>
    public Instant? TokenExpiresAt { get; init; }
}

public sealed record SourcesModel(IReadOnlyList<SourceLine> Lines, Instant Now, DateTimeZone Zone);
