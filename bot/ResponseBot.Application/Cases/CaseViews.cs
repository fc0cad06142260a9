using NodaTime;
using ResponseBot.Domain;
using ResponseBot.Application.Elections;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Elections;
using ResponseBot.Application.Views;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Replies;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Cases;

/// <summary>
/// Gathers what a case card needs — the account, the suggestion or chosen saved reply, the thread, what the viewer may do —
/// so the card builders stay pure. Everything that sends or returns a case card renders it here.
/// </summary>
public sealed class CaseViews(IAccountDirectory accounts, ReplySettings replies, ReplyPolicy policy, RotaConfig rota, ICardRenderer renderer, TimeProvider clock)
{
    // An account removed from configuration still renders: the case exists and must be shown.
    public Account AccountFor(CaseRecord c) =>
        accounts.Find(c.Mention.AccountId) ?? new Account(c.Mention.AccountId, Platform.Generic, c.Mention.AccountId);

    private string CoverUntil() => ReplyTemplates.NextOpening(clock.Now(), rota.Zone, rota.Coverage.OfficeOpens);

    /// <summary>The reply Approve sends: the named saved reply if it exists, else the one a triage rule suggested, else the
    /// account's default — each in Welsh for a Welsh mention when there is a Welsh version. Only a configured (or shipped)
    /// name is honoured; the text never comes from the card.</summary>
    public string Suggestion(CaseRecord c, Account account, string? template) =>
        (template ?? c.SuggestedTemplate) is { } name && ReplyTemplates.Named(replies.Templates, name, c.Language) is { } text
            ? ReplyTemplates.Render(text, c.Mention, account, CoverUntil())
            : ReplyTemplates.SuggestFor(c.Mention, account, CoverUntil(), c.Language);

    /// <summary>Who is asked to approve or take an escalation: the manager on duty, else every configured manager —
    /// and when the one asking is the manager on duty, the other managers.</summary>
    public IReadOnlyList<string> ManagersToAsk(DutyNow duty, string actorId) => duty.Managers(rota, actorId);

    public WorkflowContext Context(CaseRecord c, DutyNow duty, string actorId, string? template, ElectionPeriod? preElection)
    {
        var account = AccountFor(c);
        return new WorkflowContext(account, policy, Suggestion(c, account, template), ManagersToAsk(duty, actorId), rota.Zone, clock.Now())
            { PreElection = preElection };
    }

    /// <summary>How many other cases of its conversation a card shows.</summary>
    public const int ThreadShown = 4;

    /// <summary>The day it is where the rota is kept: what pre-election periods are judged on.</summary>
    public LocalDate Today() => clock.Now().InZone(rota.Zone).Date;

    /// <summary>The pre-election period covering the case's account today, for the decision and the card's banner.</summary>
    public Task<ElectionPeriod?> PreElectionAsync(IUnitOfWork uow, CaseRecord c, CancellationToken ct) =>
        uow.PreElectionAsync(policy, c.Mention.AccountId, Today(), ct);

    /// <summary>As <see cref="PreElectionAsync"/>, from the stored periods already read.</summary>
    public ElectionPeriod? PreElection(CaseRecord c, IReadOnlyList<ElectionPeriod> stored) =>
        ElectionReader.PreElection(policy, stored, c.Mention.AccountId, Today());

    public async Task<ThreadContext?> ThreadAsync(IUnitOfWork uow, CaseRecord c, CancellationToken ct) =>
        await ThreadAsync(uow, c, await uow.Cases.ThreadAsync(c.Id, ThreadShown, ct), ct);

    /// <summary>As <see cref="ThreadAsync(IUnitOfWork, CaseRecord, CancellationToken)"/>, with the conversation already read:
    /// the parent post and the storm are read only when the case has them.</summary>
    public async Task<ThreadContext?> ThreadAsync(IUnitOfWork uow, CaseRecord c, IReadOnlyList<ConversationCase> conversation, CancellationToken ct)
    {
        var parent = await ParentAsync(uow, c, ct);
        var storm = c.StormId is { } id ? await uow.Storms.ViewAsync(id, ct) : null;
        return conversation.Count == 0 && storm is null ? parent
            : (parent ?? new ThreadContext(null, null, null)) with { Conversation = conversation, Storm = storm };
    }

    private async Task<ThreadContext?> ParentAsync(IUnitOfWork uow, CaseRecord c, CancellationToken ct)
    {
        if (c.Mention.InReplyTo is not { } parentId) return null;
        if (await uow.Cases.FindByPostAsync(c.Mention.AccountId, parentId, ct) is not { } parent)
            return c.Mention.Parent is { } p ? new ThreadContext("@" + p.AuthorHandle.TrimStart('@'), p.Text, null) : null;
        return parent.PlatformReplyId == parentId
            ? new ThreadContext("@" + AccountFor(c).Handle.TrimStart('@'), parent.ReplyText ?? "", null)
            : new ThreadContext("@" + parent.Mention.Author.Handle.TrimStart('@'), parent.Mention.Text, parent.State == CaseState.Sent ? parent.ReplyText : null);
    }

    /// <summary>What someone with no reason to see a case gets: no public text, nothing about the case.</summary>
    public System.Text.Json.Nodes.JsonObject NoAccess() => renderer.NoAccess();

    /// <summary>The card for <paramref name="viewer"/>, drawing exactly what <paramref name="actor"/> may do.</summary>
    public RenderedCard Render(CaseRecord c, CardViewer viewer, ActorContext actor, ThreadContext? thread, string? notice = null, string? template = null,
        bool compact = false, ElectionPeriod? preElection = null)
    {
        var account = AccountFor(c);
        // A Welsh version is offered in place of its English one, to a Welsh mention only.
        var saved = replies.Templates.Where(t => !ReplyTemplates.IsWelshVersion(t.Key, replies.Templates))
            .Select(t => new SavedReply(t.Key, ReplyTemplates.Render(ReplyTemplates.Named(replies.Templates, t.Key, c.Language)!, c.Mention, account, CoverUntil())))
            .ToList();
        var chosen = (template ?? c.SuggestedTemplate) is { } name && saved.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) ? name : null;
        return renderer.Case(new CaseCardModel(c, account, Suggestion(c, account, template), rota.Zone, viewer, saved, CaseWorkflow.Allowed(c, actor, account, policy),
            Template: chosen, Thread: compact ? null : thread, Notice: notice, Compact: compact)
            { SnoozeChoices = policy.SnoozeChoices(c), Storm = thread?.Storm, PreElection = preElection });
    }
}
