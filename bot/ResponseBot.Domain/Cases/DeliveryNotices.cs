namespace ResponseBot.Domain.Cases;

/// <summary>
/// The short messages sent when a case's card can't be shown, so an open case is never silently stuck. They carry the
/// case number and the reason only: no public text, which is what may have made the card too big or unsafe to show.
/// </summary>
public static class DeliveryNotices
{
    public static IReadOnlyList<CaseEffect> CardNotShown(CaseRecord c, SystemEvent.CardNotShown n)
    {
        var effects = new List<CaseEffect>();
        // A person may still read a message where the card failed; a team channel is only ever sent cards.
        if (Chat.TeamChannel.ConversationOf(n.StaffId) is null)
            effects.Add(new CaseEffect.TextTo(n.StaffId,
                $"Case #{c.Id} needs a response, but its card could not be shown here ({n.Reason}). " +
                (n.Tell.Count > 0 ? "The manager on duty has been told." : "Tell the manager on duty.")));
        effects.AddRange(n.Tell.Where(t => t != n.StaffId).Select(t => new CaseEffect.TextTo(t,
            $"Case #{c.Id}'s card could not be shown to {Who(n.StaffId, n.Name)} ({n.Reason}). The case is still open and its timer is running; " +
            "please make sure someone picks it up.")));
        return effects;
    }

    public static IReadOnlyList<CaseEffect> NobodyReachable(CaseRecord c, SystemEvent.Rerouted r, IReadOnlyList<string> tell) =>
        tell.Select(t => (CaseEffect)new CaseEffect.TextTo(t,
            $"Case #{c.Id} could not reach {Who(r.StaffId, r.Name)} ({r.Reason}) and nobody else on the rota can be reached. The case is still open: " +
            "please make sure someone picks it up.")).ToList();

    // A team channel's id names the channel, not a person.
    private static string Who(string staffId, string? name) =>
        Chat.TeamChannel.ConversationOf(staffId) is not null ? "the team channel" : name ?? "the officer it was for";
}
