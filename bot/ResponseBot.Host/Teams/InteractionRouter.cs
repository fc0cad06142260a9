using ResponseBot.Application.Calendar;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Elections;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Reports;
using ResponseBot.Application.Rota;
using ResponseBot.Application.Staff;
using ResponseBot.Cards;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.People;
using ResponseBot.Host.Composition;
using static ResponseBot.Application.Chat.StaffCommands;

namespace ResponseBot.Host.Teams;

/// <summary>
/// The Teams interaction router: each authenticated interaction goes to exactly one use case, with what its card or words
/// said read out of the (untrusted) data. No rules here: who may do what is the use cases' to decide. Each use case is
/// made only when an interaction needs it: a card click needs one of seventeen, and each brings everything it uses, down to
/// an HTTP client for Teams.
/// </summary>
public sealed class InteractionRouter(
    Deferred<RegisterStaff> staff, Deferred<GoOnCall> onCall, Deferred<GoOffCall> offCall, Deferred<ShowRota> rota,
    Deferred<ChangeRotaCover> cover, Deferred<RequestCover> coverMe, Deferred<DecideCover> swaps, Deferred<IssueCalendarLink> calendar,
    Deferred<ActOnCase> cases, Deferred<ListCases> list, Deferred<Application.Sources.ShowSources> sources, Deferred<ManageContacts> contacts,
    Deferred<ShowElections> elections, Deferred<ChangeElectionPeriods> electionChanges, Deferred<ShowReport> reports,
    Deferred<ShowRotaReport> rotaReport, Deferred<Application.Records.AnswerRecordsRequest> records, ILogger<InteractionRouter> log)
    : IChatInteractionHandler
{
    public async Task<InteractionReply> HandleAsync(ChatInteraction interaction, CancellationToken ct)
    {
        using var _ = log.BeginScope(new Dictionary<string, object?> { ["StaffId"] = interaction.Actor.Id });
        switch (interaction)
        {
            case ChatInteraction.Installed i: await staff.Value.InstalledAsync(i, ct); break;
            case ChatInteraction.Uninstalled u: await staff.Value.UninstalledAsync(u, ct); break;
            case ChatInteraction.TeamInstall t: await staff.Value.TeamAsync(t, ct); break;
            case ChatInteraction.Message m: await CommandAsync(m, ct); break;
            case ChatInteraction.CardAction a: return await ButtonAsync(a, ct);
        }
        return InteractionReply.None;
    }

    private Task CommandAsync(ChatInteraction.Message m, CancellationToken ct) => Parse(m.Text) switch
    {
        Command.OnCall => onCall.Value.RunAsync(m, DutyRole.Officer, ct),
        Command.OnCallAsManager => onCall.Value.RunAsync(m, DutyRole.Manager, ct),
        Command.OffCall => offCall.Value.RunAsync(m, ct),
        Command.WhoIsOnCall => rota.Value.SendAsync(m, week: false, ct),
        Command.Rota => rota.Value.SendAsync(m, week: true, ct),
        Command.CoverMe => coverMe.Value.RunAsync(m, ct),
        Command.Calendar => calendar.Value.RequestAsync(m, ct),
        Command.Open => list.Value.SendAsync(m, null, ct),
        Command.Sources => sources.Value.SendAsync(m, ct),
        Command.Contact => contacts.Value.RunAsync(m, ContactCommand.Parse(m.Text), ct),
        Command.Elections => elections.Value.SendAsync(m, ct),
        Command.Records => records.Value.RunAsync(m, ct),
        Command.Report => reports.Value.SendAsync(m, ct),
        Command.RotaReport => rotaReport.Value.SendAsync(m, ct),
        Command.FindCase => list.Value.SendAsync(m, Lookup(m.Text), ct),
        _ => staff.Value.HelpAsync(m, ct),
    };

    private Task<InteractionReply> ButtonAsync(ChatInteraction.CardAction a, CancellationToken ct) => a.Verb switch
    {
        CardVerbs.WhoIsOnCall => rota.Value.ViewAsync(a, week: false, ct),
        CardVerbs.CasesPage => list.Value.PageAsync(a, (int)Math.Min(CardData.Number(a.Data[CaseListCards.PageKey]) ?? 1, 10_000),
            CardData.Template(a.Data, CaseListCards.HandleKey) is { } handle ? Lookup("case @" + handle)?.Handle : null, ct),
        CardVerbs.RotaWeek => rota.Value.ViewAsync(a, week: true, ct),
        CardVerbs.AddOverride or CardVerbs.ChangeOverride or CardVerbs.RemoveOverride => cover.Value.RunAsync(CoverChange(a), ct),
        CardVerbs.Elections => elections.Value.ViewAsync(a, ct),
        CardVerbs.AddElection or CardVerbs.ChangeElection or CardVerbs.EndElection or CardVerbs.RemoveElection => electionChanges.Value.RunAsync(ElectionChange(a), ct),
        CardVerbs.TakeSwap or CardVerbs.ViewSwap or CardVerbs.ApproveSwap or CardVerbs.DeclineSwap => swaps.Value.RunAsync(CoverAction(a), ct),
        // Every other button, known or not, is answered by the case use case, which also says so in chat where the card stays.
        _ => cases.Value.RunAsync(CaseAction(a), ct),
    };

    private static CaseAction CaseAction(ChatInteraction.CardAction a) =>
        // Picking a saved reply names it in the chosen input; every other button carries the one the card was drawn with.
        new(a, CardData.CaseId(a.Data), CardData.Parse(a.Verb, a.Data),
            CardData.Template(a.Data, a.Verb == CardVerbs.UseTemplate ? CardVerbs.TemplateChoiceInputId : CardVerbs.TemplateKey),
            a.Verb, IsView: a.Verb is CardVerbs.Refresh or CardVerbs.UseTemplate)
        {
            Recognised = !a.Verb.StartsWith("rota.", StringComparison.Ordinal) && !a.Verb.StartsWith("cases.", StringComparison.Ordinal),
        };

    private static CoverChange CoverChange(ChatInteraction.CardAction a)
    {
        var cancelId = a.Verb == CardVerbs.AddOverride ? null : CardData.Number(a.Data[CardVerbs.OverrideIdKey]);
        return new CoverChange(a, Add: a.Verb == CardVerbs.AddOverride, Remove: a.Verb == CardVerbs.RemoveOverride, cancelId, CardData.OverrideForm(a.Data, cancelId));
    }

    private static ElectionChange ElectionChange(ChatInteraction.CardAction a)
    {
        var kind = a.Verb switch
        {
            CardVerbs.AddElection => ElectionChangeKind.Add, CardVerbs.ChangeElection => ElectionChangeKind.Change,
            CardVerbs.EndElection => ElectionChangeKind.End, _ => ElectionChangeKind.Remove,
        };
        var id = kind == ElectionChangeKind.Add ? null : CardData.Number(a.Data[CardVerbs.ElectionIdKey]);
        return new ElectionChange(a, kind, id, CardData.ElectionForm(a.Data, id));
    }

    private static CoverAction CoverAction(ChatInteraction.CardAction a) =>
        new(a, CardData.SwapId(a.Data), CardData.SwapCommand(a.Verb), OnApprovalCard: a.Verb is CardVerbs.ApproveSwap or CardVerbs.DeclineSwap);
}
