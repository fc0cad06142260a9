using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Staff;

/// <summary>
/// The welcome and help cards for one person: their roles as the rota and configuration say (never as they claim), and the
/// commands those roles can use, the everyday ones first so they become buttons.
/// </summary>
public sealed class HelpViews(RotaConfig rota, ICardRenderer renderer)
{
    public async Task<System.Text.Json.Nodes.JsonObject> CardAsync(IUnitOfWork uow, string staffId, string? name, bool welcome, CancellationToken ct)
    {
        var layers = rota.Rotations.Where(r => r.Participants.Contains(staffId, StringComparer.OrdinalIgnoreCase)).Select(r => RotaText.Title(r.Layer).ToLowerInvariant()).ToList();
        var roles = new List<string>();
        if (layers.Count > 0) roles.Add($"on the out-of-hours rota ({string.Join(", ", layers)})");
        else if (rota.IsStaff(staffId) && !rota.IsManager(staffId)) roles.Add("an officer who may go on call");
        if (rota.IsManager(staffId)) roles.Add("a manager");
        if (rota.IsCoordinator(staffId)) roles.Add("a rota coordinator");

        string? ask = null;
        if (roles.Count == 0)
        {
            var names = await uow.Staff.NamesAsync(rota.Coordinators, ct);
            ask = names.Count > 0
                ? $"Ask {string.Join(" or ", names.Values)} (rota coordinator) to add you."
                : "Ask a rota coordinator, or your administrator, to add you.";
        }
        return renderer.Help(new HelpCardModel(name, welcome, roles, ask, Commands(staffId, layers.Count > 0)));
    }

    private List<HelpCommand> Commands(string staffId, bool onRotation)
    {
        var commands = new List<HelpCommand>();
        if (rota.IsStaff(staffId))
        {
            commands.Add(new("on call", "Take over now: new mentions and every open case come to you until the rota's next handover or \"off call\"."));
            commands.Add(new("open", "The open cases you can see, most urgent first; each opens its card."));
        }
        commands.Add(new("who's on call", "Who holds each layer now, and who is next."));
        commands.Add(new("rota", rota.IsCoordinator(staffId) ? "The coming week, with the form to add or change cover." : "The coming week of the out-of-hours rota."));
        if (rota.IsStaff(staffId))
        {
            if (onRotation) commands.Add(new("cover me", "Ask the others on your rota layer to take your next shift."));
            commands.Add(new("off call", "Stop taking new cases (the rota decides again)."));
            if (rota.IsManager(staffId)) commands.Add(new("on call as manager", "Take approvals and escalations now."));
            commands.Add(new("calendar", "A private link that puts your out-of-hours shifts in Outlook."));
            commands.Add(new("contact", "Your e-mail address and mobile number for pages when a case waits too long for you: " +
                "\"contact email you@…\", \"contact mobile 07…\", \"contact remove mobile\".", AsButton: false));
            commands.Add(new("elections", rota.IsManager(staffId)
                ? "Pre-election periods, with the form to add, change or end one (every reply then needs a manager)."
                : "Pre-election periods under way or coming: every reply then needs a manager.", AsButton: false));
            if (rota.IsManager(staffId))
                commands.Add(new("report week", "A report card for the last 7 days (or \"report month\", or \"report 2026-11-01 2026-11-30\"): " +
                    "response times, misses, escalations, who handled what, the trend against the period before, and a CSV.", AsButton: false));
            if (rota.IsManager(staffId))
            {
                commands.Add(new("export 2026-11-01 2026-11-30", "Every case received in those days, for an FOI or records request, as a CSV " +
                    "download (add an account id, or \"json\").", AsButton: false));
                commands.Add(new("records person x:someone", "Everything about one member of the public (a subject access request), as a download; " +
                    "\"records erase x:someone because <reference>\" erases it.", AsButton: false));
            }
            commands.Add(new("sources", "Whether each polled account (Bluesky and the like) is bringing mentions in.", AsButton: false));
            commands.Add(new("case 42", "Find one case by its number, or \"case @handle\" for someone's cases.", AsButton: false));
        }
        if (rota.IsCoordinator(staffId) || rota.IsManager(staffId))
            commands.Add(new("rota report", "Hours on call per person and layer this month (or \"rota report last month\", \"rota report october\"), " +
                "for standby and call-out allowances, with a CSV.", AsButton: false));
        commands.Add(new("help", "This list."));
        return commands;
    }
}
