using System.Globalization;
using NodaTime;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Domain.Replies;

public enum HoldingReplyMode
{
    Off,
    /// <summary>Only when nobody is on call to see the mention (a gap in cover).</summary>
    Gaps,
    /// <summary>Every mention that arrives out of hours, even when someone is on call.</summary>
    OutOfHours,
}

/// <summary>The automatic "we've seen this, here's when we'll be back" reply, posted through the same outbox as any other.</summary>
public static class HoldingReply
{
    public const string DefaultText =
        "Hi {author}, thanks for your message. Our team isn't available right now; we'll pick this up from {next_cover}. " +
        "If someone is in danger or a crime is happening now, call 999. For non-emergencies, call 101.";

    /// <summary>
    /// When someone will next look at a mention arriving now, if <paramref name="mode"/> calls for a holding reply:
    /// the next person on the rota or the office opening, whichever is sooner. Null: no holding reply.
    /// </summary>
    public static Instant? NextCover(HoldingReplyMode mode, DutyNow duty)
    {
        if (mode == HoldingReplyMode.Off) return null;
        var windows = duty.Plan.Coverage.Windows(new Interval(duty.At, duty.At + Duration.FromDays(14)), duty.Plan.Zone);
        if (windows.Count == 0 || windows[0].Start > duty.At) return null;   // office hours: the team is in
        var window = windows[0];
        var someoneOnCall = duty.Holder(Layer.Primary).StaffId is not null;
        if (someoneOnCall && mode == HoldingReplyMode.Gaps) return null;
        var next = someoneOnCall ? null : duty.Next(Layer.Primary)?.From;
        return next is { } n && n < window.End ? n : window.End;
    }

    /// <summary>The holding reply; for a Welsh mention the account's Welsh one, when it has one.</summary>
    public static string Render(string? template, Mention mention, Account account, Instant nextCover, DateTimeZone zone, string? language = null) =>
        ReplyTemplates.Render((language == Triage.Languages.Welsh ? account.HoldingReplyTextCy : null) ?? template ?? DefaultText, mention, account)
            .Replace("{next_cover}", nextCover.InZone(zone).ToString("HH:mm 'on' dddd d MMMM", CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
