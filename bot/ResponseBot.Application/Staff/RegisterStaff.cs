using ResponseBot.Domain;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Application.Staff;

/// <summary>
/// The app installed or removed in a personal chat or a team, and words the bot doesn't know: the address book (how to
/// reach each person — what proactive messages need), the team channels, the welcome and the help.
/// </summary>
public sealed class RegisterStaff(IUnitOfWorkFactory db, TimeProvider clock, ILogger<RegisterStaff> log)
{
    public async Task InstalledAsync(ChatInteraction.Installed i, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, i, now, log, ct, saveAddress: false)) return;
        if (i.Address.ConversationId is not null && await uow.Staff.SaveAddressAsync(i.Address, now, ct))
            await ChatRequest.TextAsync(uow, i.Actor.Id, StaffCommands.Welcome(i.Address.StaffName), now, ct);
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
        await uow.Channels.SaveAsync(t.Channel, t.Added, now, ct);
        await uow.CommitAsync(ct);
        log.LogInformation("Bot {Change} team channel {ChannelId}", t.Added ? "added to" : "removed from", t.Channel.ConversationId);
    }

    public async Task HelpAsync(ChatInteraction.Message m, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        await ChatRequest.TextAsync(uow, m.Actor.Id, StaffCommands.Help, now, ct);
        await uow.CommitAsync(ct);
    }
}
