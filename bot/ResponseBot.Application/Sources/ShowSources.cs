using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;
using ResponseBot.Domain;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Application.Sources;

/// <summary>
/// "sources" and /healthz/sources: how each polled account is doing — last good poll, last mention, failures in a row, the
/// last error, whether the rota has been told. Nothing about any mention's content.
/// </summary>
public sealed class ShowSources(IUnitOfWorkFactory db, IAccountDirectory accounts, ICardRenderer renderer, Domain.Rota.RotaConfig rota, TimeProvider clock,
    ILogger<ShowSources> log)
{
    public async Task<IReadOnlyList<SourceLine>> ReadAsync(CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var lines = await LinesAsync(uow, ct);
        await uow.CommitAsync(ct);
        return lines;
    }

    public async Task SendAsync(ChatInteraction.Message m, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        // Staff and coordinators run the service; anyone else in the tenant learns nothing about its accounts.
        if (rota.IsStaff(m.Actor.Id) || rota.IsCoordinator(m.Actor.Id))
            await ChatRequest.CardAsync(uow, m.Actor.Id, renderer.Sources(new SourcesModel(await LinesAsync(uow, ct), now, rota.Zone)), "Sources", now, ct);
        else
            await ChatRequest.TextAsync(uow, m.Actor.Id, "Source health is for the response team: ask a rota coordinator.", now, ct);
        await uow.CommitAsync(ct);
    }

    private async Task<IReadOnlyList<SourceLine>> LinesAsync(IUnitOfWork uow, CancellationToken ct) =>
        (await uow.Sources.ListAsync(ct)).Where(s => accounts.Find(s.AccountId) is not null)
            .Select(s => new SourceLine(s.AccountId, accounts.Find(s.AccountId)!.PostedAs, s.LastSuccessAt, s.LastMentionAt, s.ConsecutiveFailures,
                s.LastError, s.AlarmRaisedAt is not null)
            {
                Silent = s.SilenceAlarmRaisedAt is not null, SilentAfter = accounts.Find(s.AccountId)!.SilentAfter, TokenExpiresAt = s.TokenExpiresAt,
            }).ToList();
}
