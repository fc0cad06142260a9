using ResponseBot.Domain;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;
using ResponseBot.Application.Views;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Duty;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Staff;

/// <summary>
/// The app installed or removed in a personal chat or a team, and words the bot doesn't know: the address book (how to
/// reach each person — what proactive messages need), the team channels, the welcome and the help.
/// </summary>
public sealed class RegisterStaff(IUnitOfWorkFactory db, HelpViews help, ICardRenderer renderer, RoutingSettings routing, RotaConfig rota,
    TimeProvider clock, ILogger<RegisterStaff> log)
{
    public const string WelcomeSummary = "Welcome to ResponseBot";

    public async Task InstalledAsync(ChatInteraction.Installed i, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, i, now, log, ct, saveAddress: false)) return;
        // Installs repeat (reinstalls, several clients): only the first time we hear of someone gets the welcome.
        if (i.Address.ConversationId is not null && await uow.Staff.SaveAddressAsync(i.Address, now, ct))
            await ChatRequest.CardAsync(uow, i.Actor.Id, await help.CardAsync(uow, i.Actor.Id, i.Address.StaffName, welcome: true, ct), WelcomeSummary, now, ct);
        // Someone on duty who installs the app mid-shift gets the cases their layer holds that could not reach them before.
        var duty = await uow.DutyAsync(rota, now, ct);
        foreach (var layer in rota.Layers.Where(l => duty.Holder(l).StaffId == i.Actor.Id))
            foreach (var caseId in await uow.Cases.WithoutCardForAsync(i.Actor.Id, Handovers.CasesFor(layer), ct))
                await CaseChanges.WriteAsync(uow, caseId, new CaseEffect.CardTo([i.Actor.Id]), now, ct);
        await uow.CommitAsync(ct);
    }

    public async Task UninstalledAsync(ChatInteraction.Uninstalled u, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, u, now, log, ct, saveAddress: false)) return;
        await uow.Staff.MarkUninstalledAsync(u.Actor.Id, now, ct);
        await uow.CommitAsync(ct);
    }

    public async Task TeamAsync(ChatInteraction.TeamInstall t, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, t, now, log, ct, saveAddress: false)) return;
        var known = await uow.Channels.FindAsync(t.Channel.ConversationId, ct) is not null;
        await uow.Channels.SaveAsync(t.Channel, t.Added, now, ct);
        // Told once per install, not on every repeat of the event.
        if (t.Added && !known)
        {
            var routed = await routing.ChannelAsync(uow, ct) is { } channel && channel.ConversationId == t.Channel.ConversationId;
            await ChatRequest.CardAsync(uow, t.Channel.Recipient, renderer.TeamWelcome(new TeamWelcomeModel(routed, t.Channel.Name)), "ResponseBot has been added to this team", now, ct);
        }
        await uow.CommitAsync(ct);
        log.LogInformation("Bot {Change} team channel {ChannelId}", t.Added ? "added to" : "removed from", t.Channel.ConversationId);
    }

    public async Task HelpAsync(ChatInteraction.Message m, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        await ChatRequest.CardAsync(uow, m.Actor.Id, await help.CardAsync(uow, m.Actor.Id, m.Address.StaffName, welcome: false, ct), "What you can do", now, ct);
        await uow.CommitAsync(ct);
    }
}
