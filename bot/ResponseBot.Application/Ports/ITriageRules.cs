using ResponseBot.Domain.Triage;

namespace ResponseBot.Application.Ports;

/// <summary>The organisation's triage rules as they stand now: they can change while the bot runs, so ask each time.</summary>
public interface ITriageRules
{
    TriageRules Current { get; }
}
