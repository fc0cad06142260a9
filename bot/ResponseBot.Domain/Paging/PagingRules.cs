using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Domain.Paging;

public enum PageChannel { Email, Sms }

/// <summary>Why someone is paged beyond Teams; stable names, written to the outbox and the decision log.</summary>
public static class PageReasons
{
    /// <summary>An emergency nobody acted on within its acknowledge time.</summary>
    public const string Emergency = "emergency";
    /// <summary>The escalation chain is on its last round.</summary>
    public const string LastRound = "last_round";
    /// <summary>Every round passed with nobody acting: the managers are told.</summary>
    public const string Exhausted = "exhausted";
}

/// <summary>Someone to page for a reason, and one page: a person, a channel and why.</summary>
public sealed record PageTo(string StaffId, string Reason);

public sealed record Page(string StaffId, PageChannel Channel, string Reason);

/// <summary>The pages to send, and those who should have been paged but registered nothing the bot can use.</summary>
public sealed record PagePlan(IReadOnlyList<Page> Pages, IReadOnlyList<PageTo> Unreachable);

/// <summary>
/// Who is paged beyond Teams when an escalation timer fires: Teams on a phone is often muted at night, so the moments that
/// matter most also go by e-mail and text. Pure: the escalation job decides the step, this says who hears of it elsewhere.
/// </summary>
public static class PagingRules
{
    /// <param name="chainLength">How many steps one round of the chain has (<see cref="EscalationRules.Chain"/>).</param>
    /// <param name="managers">Who is told when the chain is exhausted (never the author of a reply awaiting approval).</param>
    public static IReadOnlyList<PageTo> For(EscalationTimer timer, EscalationStep step, IReadOnlyList<string> flags, int rounds, int chainLength,
        IReadOnlyList<string> managers)
    {
        var reason = step switch
        {
            // The last round first: it is the stronger reason when an emergency's first step is already the last round.
            EscalationStep.Notify n when chainLength > 0 && n.Step / chainLength >= rounds - 1 => PageReasons.LastRound,
            // Only the acknowledge timer's first firing: later steps of an emergency are paged in its last round.
            EscalationStep.Notify when timer is { Kind: EscalationKind.Acknowledge, Step: 0 } && flags.Contains(Flags.Emergency) => PageReasons.Emergency,
            EscalationStep.Close { Outcome: EscalationRules.Exhausted } => PageReasons.Exhausted,
            _ => null,
        };
        if (reason is null) return [];
        var people = step is EscalationStep.Notify notify ? notify.Targets : managers;
        return people.Distinct(StringComparer.OrdinalIgnoreCase).Select(id => new PageTo(id, reason)).ToList();
    }

    /// <summary>One page per person and channel the bot can send on and they registered for; nobody registered: unreachable.</summary>
    public static PagePlan Plan(IReadOnlyList<PageTo> people, IReadOnlyDictionary<string, StaffContact> contacts, IReadOnlyCollection<PageChannel> channels)
    {
        var pages = new List<Page>();
        var unreachable = new List<PageTo>();
        foreach (var person in people)
        {
            var usable = channels.Where(ch => contacts.GetValueOrDefault(person.StaffId)?.For(ch) is not null).ToList();
            if (usable.Count == 0) unreachable.Add(person);
            pages.AddRange(usable.Select(ch => new Page(person.StaffId, ch, person.Reason)));
        }
        return new PagePlan(pages, unreachable);
    }
}
