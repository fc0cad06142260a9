namespace ResponseBot.Domain.People;

/// <summary>
/// Staff ids (Entra object ids) written one way wherever they come from — configuration, an activity — so rota membership,
/// self-approval, escalation chains and lookups all compare the same string.
/// </summary>
public static class StaffIds
{
    public static string Normalise(string id) =>
        Guid.TryParse(id, out var guid) ? guid.ToString("D") : id.Trim().ToLowerInvariant();

    public static string[] Normalise(IEnumerable<string> ids) => ids.Select(Normalise).Distinct().ToArray();
}
