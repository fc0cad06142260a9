using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ResponseBot.Cards;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Replies;
using ResponseBot.Domain.Rota;
using ResponseBot.Host.Composition;

namespace ResponseBot.Host.Delivery;

/// <summary>
/// Gathers what a case card and a decision need — the account, the suggestion or chosen saved reply,
/// who is looking, the thread — so the card builders and the workflow stay pure.
/// Everything that sends or returns a case card renders it here.
/// </summary>
public sealed class CaseViews(
    ICaseStore cases, IStaffStore staff, IAccountDirectory accounts, IOptions<OrganisationOptions> organisation,
    DutyRoster roster, IOptions<RepliesOptions> replies, TimeProvider clock)
{
    public TimeZoneInfo Zone => organisation.Value.Zone;

    public bool IsManager(string staffId) => roster.Managers.Contains(staffId, StringComparer.OrdinalIgnoreCase);

    // An account removed from configuration still renders: the case exists and must be shown.
    public Account AccountFor(CaseRecord c) =>
        accounts.Find(c.Mention.AccountId) ?? new Account(c.Mention.AccountId, Platform.Generic, c.Mention.AccountId);

    private string CoverUntil() => ReplyTemplates.NextOpening(clock.GetUtcNow(), Zone, organisation.Value.OfficeOpens);

    /// <summary>The reply Approve sends: the named saved reply if it exists, else the account's default.
    /// Only a configured name is honoured; the text never comes from the card.</summary>
    public string Suggestion(CaseRecord c, Account account, string? template) =>
        template is not null && replies.Value.Templates.TryGetValue(template, out var text)
            ? ReplyTemplates.Render(text, c.Mention, account, CoverUntil())
            : ReplyTemplates.SuggestFor(c.Mention, account, CoverUntil());

    public bool IsTemplate(string? name) => name is not null && replies.Value.Templates.ContainsKey(name);

    public async Task<CardViewer> ViewerAsync(string staffId, CancellationToken ct) =>
        TeamChannel.ConversationOf(staffId) is not null
            ? new CardViewer(staffId, null, IsManager: false, InChannel: true)
            : new CardViewer(staffId, (await staff.FindAddressAsync(staffId, ct))?.ChannelUserId, IsManager(staffId));

    /// <summary>Who is asked to approve or take an escalation: the manager on duty, else every configured manager —
    /// and when the one asking is the manager on duty, the other managers.</summary>
    public IReadOnlyList<string> ManagersToAsk(DutyNow duty, string actorId) =>
        duty.Holder(Layer.Manager).StaffId is { } onDuty && onDuty != actorId
            ? [onDuty]
            : roster.Managers.Where(m => m != actorId).ToList();

    public async Task<(JsonObject Card, string Summary)> RenderAsync(CaseRecord c, CardViewer viewer, CancellationToken ct, string? notice = null, string? template = null) =>
        Render(c, viewer, await ThreadAsync(c, ct), notice, template);

    /// <summary>Renders with a thread looked up already: several copies of one case share it.</summary>
    public (JsonObject Card, string Summary) Render(CaseRecord c, CardViewer viewer, ThreadContext? thread, string? notice = null, string? template = null)
    {
        var account = AccountFor(c);
        var saved = replies.Value.Templates.Select(t => new SavedReply(t.Key, ReplyTemplates.Render(t.Value, c.Mention, account, CoverUntil()))).ToList();
        var model = new CaseCardModel(c, account, Suggestion(c, account, template), Zone, viewer, saved,
            Template: IsTemplate(template) ? template : null, Thread: thread, Notice: notice);
        return (CaseCards.Build(model).ToJson(), CaseCards.Summary(model));
    }

    public async Task<ThreadContext?> ThreadAsync(CaseRecord c, CancellationToken ct)
    {
        var account = AccountFor(c);
        if (c.Mention.InReplyTo is not { } parentId || await cases.FindByPostAsync(c.Mention.AccountId, parentId, ct) is not { } parent) return null;
        return parent.PlatformReplyId == parentId
            ? new ThreadContext("@" + account.Handle.TrimStart('@'), parent.ReplyText ?? "", null)
            : new ThreadContext("@" + parent.Mention.Author.Handle.TrimStart('@'), parent.Mention.Text, parent.State == CaseState.Sent ? parent.ReplyText : null);
    }
}
