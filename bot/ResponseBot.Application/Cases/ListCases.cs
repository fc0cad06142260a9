using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Rota;
using ResponseBot.Domain.Triage;
using static ResponseBot.Application.Chat.StaffCommands;

namespace ResponseBot.Application.Cases;

/// <summary>
/// "open", "case 42" and "case @handle": the cases someone may see (<see cref="CaseWorkflow.MaySee"/>, decided from the
/// authenticated user and the rota, as for a card), most urgent first and paged; one case by number as its live card.
/// Someone who may not see a case is told it isn't there, so numbers can't be probed.
/// </summary>
public sealed class ListCases(IUnitOfWorkFactory db, CaseViews views, RotaConfig rota, ICardRenderer renderer, TimeProvider clock, ILogger<ListCases> log)
{
    public const int PageSize = 6;
    // Enough for any night; a list longer than this is a storm, and its newest cases are the ones listed.
    private const int MaxListed = 200;
    public const string Summary = "Cases";

    public async Task SendAsync(ChatInteraction.Message m, CaseLookup? lookup, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        if (lookup is { Id: { } id })
        {
            var c = await uow.Cases.GetAsync(id, ct);
            var listed = c is null ? null : (await uow.Cases.ListAsync(m.Actor.Id, c.Mention.Author.Handle, MaxListed, ct)).FirstOrDefault(l => l.Case.Id == id);
            var duty = await uow.DutyAsync(rota, now, ct);
            if (c is not null && listed is not null && CaseWorkflow.MaySee(c, Actor(m.Actor, duty, listed)))
            {
                var card = views.Render(c, new CardViewer(m.Actor.Id, m.Address.ChannelUserId), Actor(m.Actor, duty, listed), await views.ThreadAsync(uow, c, ct),
                    preElection: await views.PreElectionAsync(uow, c, ct));
                await ChatRequest.CardAsync(uow, m.Actor.Id, card.Card, card.Summary, now, ct);
            }
            else
            {
                log.LogInformation("{StaffId} asked for case {CaseId}, which they may not see or which doesn't exist", m.Actor.Id, id);
                await ChatRequest.TextAsync(uow, m.Actor.Id, $"There is no case #{id} that you can see.", now, ct);
            }
        }
        else
            await ChatRequest.CardAsync(uow, m.Actor.Id, await ListAsync(uow, m.Actor, lookup?.Handle, 1, now, ct), Summary, now, ct);
        await uow.CommitAsync(ct);
    }

    /// <summary>A page button: that page as it is now, in place of the card pressed.</summary>
    public async Task<InteractionReply> PageAsync(ChatInteraction.CardAction a, int page, string? handle, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        var first = await ChatRequest.BeginAsync(uow, a, now, log, ct);
        InteractionReply reply = new InteractionReply.Card(await ListAsync(uow, a.Actor, handle, page, now, ct));
        reply = await ChatRequest.AnswerAsync(uow, a, first, reply, Summary, postCard: true, now, ct);
        await uow.CommitAsync(ct);
        return reply;
    }

    private async Task<System.Text.Json.Nodes.JsonObject> ListAsync(IUnitOfWork uow, Domain.People.StaffMember who, string? handle, int page, NodaTime.Instant now,
        CancellationToken ct)
    {
        var duty = await uow.DutyAsync(rota, now, ct);
        var visible = (await uow.Cases.ListAsync(who.Id, handle, MaxListed, ct)).Where(l => CaseWorkflow.MaySee(l.Case, Actor(who, duty, l))).Select(l => l.Case);
        // Most urgent first for the open list (emergencies, then the nearest respond-by); newest first for one person's cases.
        var ordered = handle is null
            ? visible.OrderByDescending(c => c.Flags.Contains(Flags.Emergency)).ThenBy(c => c.RespondBy ?? NodaTime.Instant.MaxValue).ThenByDescending(c => c.Id)
            : visible.OrderByDescending(c => c.Id);
        var all = ordered.ToList();
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var lines = all.Skip((page - 1) * PageSize).Take(PageSize).Select(c => new CaseLine(c.Id, c.State, views.AccountFor(c).PlatformName, c.Mention.Author.Handle,
            c.ReceivedAt, c.RespondBy, Holder(c), c.Flags)).ToList();
        return renderer.CaseList(new CaseListModel(lines, page, pages, all.Count, handle, now, rota.Zone));
    }

    private ActorContext Actor(Domain.People.StaffMember who, DutyNow duty, ListedCase l) =>
        CaseActors.For(who, duty, rota, l.EscalatedTo ? new HashSet<string> { who.Id } : new HashSet<string>(), holders: l.HoldsCard ? new HashSet<string> { who.Id } : null);

    private static string? Holder(CaseRecord c) => c.State switch
    {
        CaseState.AwaitingApproval => "a manager (approval)",
        CaseState.Escalated => "the managers (escalated)",
        _ => c.Claimed?.Name ?? c.Acknowledged?.Name ?? c.Decided?.Name,
    };
}
