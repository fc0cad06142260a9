using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Paging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Paging;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Staff;

/// <summary>
/// "contact …": someone registers, shows or removes their own e-mail address and mobile number for pages. Whose they are
/// is the authenticated sender, never anything typed, so nobody can register (or read) someone else's.
/// </summary>
public sealed class ManageContacts(IUnitOfWorkFactory db, RotaConfig rota, PagingSettings paging, TimeProvider clock, ILogger<ManageContacts> log)
{
    public async Task RunAsync(ChatInteraction.Message m, ContactCommand command, CancellationToken ct)
    {
        var now = clock.Now();
        var staffId = m.Actor.Id;
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        var answer = rota.IsStaff(staffId) ? await ApplyAsync(uow, staffId, command, now, ct) : ContactTexts.NotStaff;
        await ChatRequest.TextAsync(uow, staffId, answer, now, ct);
        await uow.CommitAsync(ct);
    }

    private async Task<string> ApplyAsync(IUnitOfWork uow, string staffId, ContactCommand command, NodaTime.Instant now, CancellationToken ct)
    {
        switch (command)
        {
            case ContactCommand.Show:
                return ContactTexts.Shown(await uow.Contacts.FindAsync(staffId, ct)) + (paging.IsEnabled ? "" : ContactTexts.PagingOff);
            case ContactCommand.Remove remove:
                var had = (await uow.Contacts.FindAsync(staffId, ct))?.For(remove.Channel) is not null;
                await uow.Contacts.SaveAsync(staffId, remove.Channel, null, now, ct);
                log.LogInformation("{StaffId} removed their {Channel} contact", staffId, remove.Channel);
                return ContactTexts.Removed(remove.Channel, had);
            case ContactCommand.Set set:
                var address = set.Channel == PageChannel.Email ? ContactDetails.Email(set.Typed) : ContactDetails.Mobile(set.Typed);
                if (address is null) return set.Channel == PageChannel.Email ? ContactTexts.BadEmail : ContactTexts.BadMobile;
                await uow.Contacts.SaveAsync(staffId, set.Channel, address, now, ct);
                // The address itself stays out of the logs.
                log.LogInformation("{StaffId} registered a {Channel} contact", staffId, set.Channel);
                return ContactTexts.Saved(set.Channel, address) + (paging.Channels.Contains(set.Channel) ? "" : ContactTexts.ChannelOff(set.Channel));
            default:
                return ContactTexts.Usage;
        }
    }
}
