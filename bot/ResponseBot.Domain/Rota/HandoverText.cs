using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>What the shift-change job tells people when a layer changes hands.</summary>
public static class HandoverText
{
    public static HandoverNotices For(Handover h, DutyHolder holder, Func<string, string> name, DateTimeZone zone)
    {
        var until = holder.Until is { } u ? $" until {RotaText.Local(u, zone)}" : "";
        var cases = h.OpenCases switch { 0 => "no open cases", 1 => "1 open case", var n => $"{n} open cases" };
        string? incoming = h.Layer switch
        {
            Layer.Primary => $"Your shift has started: you're on call{until}. There {(h.OpenCases == 1 ? "is" : "are")} {cases}" +
                (h.OpenCases > 0 ? "; their cards are on their way." : "."),
            Layer.Secondary => $"You're the secondary on call{until}: cases the primary doesn't act on in time will come to you.",
            _ => $"You're the manager on duty{until}. Approvals and escalations will come to you here." +
                (h.OpenCases > 0 ? $" {h.OpenCases} waiting for a manager are on their way." : ""),
        };
        string outgoing = h.To is { } to
            ? $"Your {RotaText.Name(h.Layer)} shift has ended; {name(to)} has taken over" + (h.OpenCases > 0 && h.Layer != Layer.Secondary ? $" with {cases}." : ".")
            : $"Your {RotaText.Name(h.Layer)} shift has ended. Nobody is on call in this layer now" +
              (h.OpenCases > 0 && h.Layer != Layer.Secondary ? $"; {cases} will wait for the next person on duty." : ".");
        return new HandoverNotices(incoming, outgoing);
    }
}
